import { RULES, SEVERITIES } from './rules';
import { CONFIG_FILE, POINTER_PATTERN } from './team';

/**
 * The JSON Schema of `.alfred-events.json` (README "Team configuration"), generated from the rule
 * table so that it names every rule with its summary and default; VS Code completes and checks
 * the file with it (package.json `jsonValidation`). parseTeamConfig is the authority: it also
 * refuses what a schema cannot say (a glob that leaves the folder), with the same keys and values.
 */
export function teamConfigSchema(): Record<string, unknown> {
  const globs = (what: string): Record<string, unknown> => ({
    type: 'array',
    description: `${what} Globs relative to the folder of ${CONFIG_FILE}, '/' separated; a glob also matches everything below a folder it matches.`,
    items: { type: 'string', minLength: 1, pattern: '^(?![/!]|[A-Za-z]:)(?!(?:.*/)?\\.\\.(?:/|$))[^\\\\]*$' },
  });
  const rules = Object.fromEntries(
    RULES.map((r) => [r.code, { enum: [...SEVERITIES], default: r.defaultSeverity, description: `${r.summary} (default: ${r.defaultSeverity})\n\n${r.help}` }]),
  );
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `Alfred Events team configuration (${CONFIG_FILE})`,
    description: `Shared settings for the Alfred Events extension and CLI, read from the nearest ${CONFIG_FILE} in a checked file's folder or its ancestors. Generated from the rule table.`,
    type: 'object',
    properties: {
      $schema: { type: 'string', description: 'The address of this schema, for editors.' },
      rules: {
        type: 'object',
        description: 'Rule severities: error, warning, info, or off. They win over the alfredEvents.rules setting; --rule on the command line wins over them.',
        properties: rules,
        additionalProperties: false,
      },
      include: globs('Only files matching one of these are checked (by default every payload file).'),
      exclude: globs('Files matching one of these are not checked.'),
      detect: { type: 'boolean', default: true, description: 'Also check plain .json, .jsonl and .ndjson files whose content is an Alfred payload.' },
      maxFileSizeMB: {
        type: 'number',
        exclusiveMinimum: 0,
        description: 'Files larger than this many megabytes (MiB) are not checked; one file-too-large finding says so. Without it the CLI has no limit and the editor uses the alfredEvents.validation.maxFileSizeMB setting.',
      },
      receiver: {
        type: 'object',
        description: 'The receiver under development: where alfred-events send, handshake and replay, and the editor\'s Send to receiver, deliver when no URL is given.',
        properties: {
          url: { type: 'string', format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?:', description: 'The receiver\'s webhook URL, such as http://127.0.0.1:3000/webhooks. Only loopback addresses unless allowRemote.' },
          stateUrl: { type: 'string', format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?:', description: 'A URL that answers GET with the receiver\'s own JSON view of its state; replay compares it after each scenario.' },
          allowRemote: { type: 'boolean', default: false, description: 'Allow receivers that are not on this machine (127.0.0.0/8, ::1, localhost).' },
        },
        additionalProperties: false,
      },
      diff: {
        type: 'object',
        description: 'How alfred-events diff and the editor\'s comparisons read payloads.',
        properties: {
          ignore: {
            type: 'array',
            items: { type: 'string', pattern: POINTER_PATTERN },
            description: 'JSON Pointers (RFC 6901) ignored with everything below them, in place of the default ["/event_id", "/event_time", "/event/update_date"]; --ignore adds to them, --strict drops them.',
          },
        },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  };
}
