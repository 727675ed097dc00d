import { t } from '../l10n';
import { RULES, SEVERITIES } from './rules';
import { CONFIG_FILE, POINTER_PATTERN } from './team';

/**
 * The JSON Schema of `.alfred-events.json` (README "Team configuration"), generated from the rule
 * table so that it names every rule with its summary and default; VS Code completes and checks
 * the file with it (package.json `jsonValidation`). parseTeamConfig is the authority: it also
 * refuses what a schema cannot say (a glob that leaves the folder), with the same keys and values.
 * Its descriptions are in the active language (README "Languages"): `npm run schema` writes one
 * file per language, and the manifest points VS Code at the display language's.
 */
export function teamConfigSchema(): Record<string, unknown> {
  const globs = (what: string): Record<string, unknown> => ({
    type: 'array',
    description: `${what} ${t("Globs relative to the folder of {0}, '/' separated; a glob also matches everything below a folder it matches.", CONFIG_FILE)}`,
    items: { type: 'string', minLength: 1, pattern: '^(?![/!]|[A-Za-z]:)(?!(?:.*/)?\\.\\.(?:/|$))[^\\\\]*$' },
  });
  const rules = Object.fromEntries(
    RULES.map((r) => [r.code, { enum: [...SEVERITIES], default: r.defaultSeverity, description: `${t(r.summary)} ${t('(default: {0})', r.defaultSeverity)}\n\n${t(r.help)}` }]),
  );
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: t('Alfred Events team configuration ({0})', CONFIG_FILE),
    description: t("Shared settings for the Alfred Events extension and CLI, read from the nearest {0} in a checked file's folder or its ancestors. Generated from the rule table.", CONFIG_FILE),
    type: 'object',
    properties: {
      $schema: { type: 'string', description: t('The address of this schema, for editors.') },
      rules: {
        type: 'object',
        description: t('Rule severities: error, warning, info, or off. They win over the alfredEvents.rules setting; --rule on the command line wins over them.'),
        properties: rules,
        additionalProperties: false,
      },
      include: globs(t('Only files matching one of these are checked (by default every payload file).')),
      exclude: globs(t('Files matching one of these are not checked.')),
      detect: { type: 'boolean', default: true, description: t('Also check plain .json, .jsonl and .ndjson files whose content is an Alfred payload.') },
      maxFileSizeMB: {
        type: 'number',
        exclusiveMinimum: 0,
        description: t('Files larger than this many megabytes (MiB) are not checked; one file-too-large finding says so. Without it the CLI has no limit and the editor uses the alfredEvents.validation.maxFileSizeMB setting.'),
      },
      receiver: {
        type: 'object',
        description: t("The receiver under development: where alfred-events send, handshake and replay, and the editor's Send to receiver, deliver when no URL is given."),
        properties: {
          url: { type: 'string', format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?:', description: t("The receiver's webhook URL, such as http://127.0.0.1:3000/webhooks. Only loopback addresses unless allowRemote.") },
          stateUrl: { type: 'string', format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?:', description: t("A URL that answers GET with the receiver's own JSON view of its state; replay compares it after each scenario.") },
          allowRemote: { type: 'boolean', default: false, description: t('Allow receivers that are not on this machine (127.0.0.0/8, ::1, localhost).') },
        },
        additionalProperties: false,
      },
      diff: {
        type: 'object',
        description: t("How alfred-events diff and the editor's comparisons read payloads."),
        properties: {
          ignore: {
            type: 'array',
            items: { type: 'string', pattern: POINTER_PATTERN },
            description: t('JSON Pointers (RFC 6901) ignored with everything below them, in place of the default ["/event_id", "/event_time", "/event/update_date"]; --ignore adds to them, --strict drops them.'),
          },
        },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  };
}
