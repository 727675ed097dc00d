// The library entry's declarations (src/lib/alfred-events.d.ts) come from the catalogue and the
// rule table, not from a hand-kept copy: `npm run types` rewrites the file; a unit test fails
// when it drifts. The build copies it beside the bundles as dist/lib/index.d.mts and .d.cts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENVELOPE_FIELDS, EVENT_FIELDS, EVENT_TYPE_OF, EVENTS, JOB_STAGES, URL_VERIFICATION_FIELDS, type EventInfo, type FieldInfo } from '../src/core/catalogue';
import { RULES } from '../src/core/config/rules';
import { KIND_TYPES } from '../src/lib/kinds';

export const LIB_TYPES = join(__dirname, '..', 'src', 'lib', 'alfred-events.d.ts');

/** job_retry_event → JobRetryEvent. */
export const interfaceName = (event: string): string => event.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');

const literal = (s: string): string => JSON.stringify(s);

/** A doc comment of one or more sentences, indented; `*\/` cannot occur in the catalogue's text, but is broken anyway. */
function doc(lines: readonly string[], indent = ''): string {
  const text = lines.filter(Boolean).map((l) => l.replace(/\*\//g, '*\\/'));
  return text.length === 1 ? `${indent}/** ${text[0]} */\n` : `${indent}/**\n${text.map((l) => `${indent} * ${l}`).join('\n')}\n${indent} */\n`;
}

/** The kinds written the same in every event; 'event-type' is the event's family, 'object' never inside an event. */
const kindType = (info: FieldInfo): (typeof KIND_TYPES)[keyof typeof KIND_TYPES] | undefined =>
  info.kind === 'event-type' || info.kind === 'object' ? undefined : KIND_TYPES[info.kind];

/** One member; every field but event_name may be absent (missing-field is a warning, README "Rules"). */
function fieldLine(name: string, info: FieldInfo, type: string, optional: boolean): string {
  return doc([info.doc, kindType(info)?.note ?? ''], '  ') + `  ${name}${optional ? '?' : ''}: ${type};\n`;
}

const fieldType = (info: FieldInfo, family: string): string => kindType(info)?.ts ?? literal(family);

function eventInterface(e: EventInfo): string {
  const family = EVENT_TYPE_OF[e.family];
  const about = [
    `\`${e.name}\` (docs page "${e.title}"): ${e.when}`,
    e.aliases.length ? `Also sent as ${e.aliases.map((a) => `\`${a}\``).join(', ')}: parseEvent hands it out under the docs' name (rule event-name-alias).` : '',
    e.confirmed ? '' : "The name is unconfirmed: the docs page's example was not seen (README, \"Events\").",
  ];
  const body = [
    fieldLine('event_name', EVENT_FIELDS.event_name!, literal(e.name), false),
    fieldLine('event_type', EVENT_FIELDS.event_type!, literal(family), true),
    ...e.fields.map((f) => fieldLine(f, EVENT_FIELDS[f]!, fieldType(EVENT_FIELDS[f]!, family), true)),
  ];
  return doc(about) + `export interface ${interfaceName(e.name)} {\n${body.join('')}}\n`;
}

function envelope(): string {
  const f = (name: string, type: string): string => fieldLine(name, ENVELOPE_FIELDS[name]!, type, false);
  return (
    doc(['The body of one webhook delivery of the event `E`: the envelope around it.']) +
    'export interface Envelope<E extends EventBody = EventBody> {\n' +
    f('event_id', 'string') +
    f('event_type', "NonNullable<E['event_type']>") +
    f('event_time', 'number') +
    f('event', 'E') +
    doc(['Never on an event: what tells the URL verification body apart (`body.type === "url_verification"`).'], '  ') +
    '  type?: undefined;\n}\n'
  );
}

function urlVerification(): string {
  const lines = Object.entries(URL_VERIFICATION_FIELDS).map(([name, info]) => doc([info.doc], '  ') + `  ${name}: ${name === 'type' ? literal('url_verification') : 'string'};\n`);
  return doc(['The body Alfred posts once when a webhook URL is registered: answer it with HTTP 200 and `challenge`.']) + `export interface UrlVerification {\n${lines.join('')}}\n`;
}

const API = `
/** A rule's severity, as the CLI prints it. */
export type Severity = 'error' | 'warning' | 'info';

/** What a rule may be set to: a severity, or \`off\` to drop its findings. */
export type RuleSetting = Severity | 'off';

/** 0-based line and UTF-16 code unit, as in VS Code and LSP. */
export interface Position {
  line: number;
  character: number;
}

/** End-exclusive. */
export interface Range {
  start: Position;
  end: Position;
}

/** One problem, as \`alfred-events validate --format json\` prints it (README, "Command line"). */
export interface Finding {
  /** The rule's stable code (README, "Rules"), or \`untyped-body\` (parseEvent only). */
  code: RuleCode | LibraryCode;
  severity: Severity;
  /** What was found and what was expected; never quotes a secret. */
  message: string;
  /** RFC 6901 JSON Pointer to the value, in the payload or in record \`record\` of a log. */
  pointer: string;
  /** In a log, the record's number among its non-blank lines, from 0. */
  record?: number;
  /** Where in the text, 0-based, end exclusive. For a body passed as a parsed value, in its JSON.stringify text. */
  range: Range;
}

/**
 * The code of parseEvent's own finding, which is no rule of the README's table and cannot be set:
 * \`untyped-body\`, always an error, when no rule's finding is an error but the body still does not
 * have its type (\`"retries": 1e400\`, which JSON.parse reads as Infinity; a body with both \`type\`
 * and \`event\`; a rule that would have said so lowered below error). Its pointer and range name the
 * member, its message why.
 */
export type LibraryCode = 'untyped-body';

/** How \`validate\` reads the text and which rules it applies. */
export interface ValidateOptions {
  /**
   * \`payload\`: one JSON document (a webhook body). \`log\`: one JSON event per non-blank line
   * (JSON Lines), with the checks across events. \`auto\` (default): a log when the text has two or
   * more non-blank lines and one of its first 16 is a JSON object on its own, else a payload.
   */
  mode?: 'payload' | 'log' | 'auto';
  /** Severity per rule code; rules not named keep their default (README, "Rules"). */
  rules?: Partial<Record<RuleCode, RuleSetting>>;
}

/** Which rules \`parseEvent\` applies. */
export interface ParseOptions {
  /** Severity per rule code; a finding whose severity is \`error\` makes the result not ok. */
  rules?: Partial<Record<RuleCode, RuleSetting>>;
}

/** Every webhook body Alfred posts: one of the 24 events, or the URL verification body. */
export type AlfredBody = AlfredEvent | UrlVerification;

/**
 * What \`parseEvent\` found: \`ok\` with the typed body, or not ok, with at least one finding whose
 * severity is \`error\` saying why. Either way \`findings\` holds every problem, warnings included,
 * sorted by position.
 */
export type ParseResult = { ok: true; body: AlfredBody; findings: Finding[] } | { ok: false; body?: undefined; findings: Finding[] };

/**
 * Checks a webhook payload or a log with every rule of the README's "Rules" table. \`text\` is the
 * body as received (a string, or its bytes: UTF-8, or UTF-16 with a byte order mark). Never
 * throws on any text; findings come sorted by position. Throws a TypeError only for options that
 * are none (an unknown rule code or severity, an unknown mode), naming it.
 */
export declare function validate(text: string | Uint8Array, options?: ValidateOptions): Finding[];

/**
 * Reads one webhook body: the raw text or bytes (best: duplicate keys and numbers a double cannot
 * hold are seen), or a value a framework has already parsed (checked as JSON.stringify writes it).
 * \`ok\` is true exactly when no finding is an error, and then the body has its type: \`AlfredEvent\`
 * (discriminate on \`body.event.event_name\`) or \`UrlVerification\` (\`body.type ===
 * "url_verification"\`); a body without its type carries an \`untyped-body\` error. The body is
 * a copy in which the docs' string-encoded numbers and booleans (\`"2"\`, \`"false"\`) are read as
 * what they encode and \`file_add_to_job_event\` is named \`file_added_to_job_event\`; members the docs
 * do not list are kept. Fields other than \`event_name\` may be absent (rule missing-field is a
 * warning). Never throws on any body.
 */
export declare function parseEvent(body: unknown, options?: ParseOptions): ParseResult;
`;

/** The whole .d.ts, as committed. */
export function libTypesText(): string {
  const names = EVENTS.map((e) => interfaceName(e.name));
  return [
    '// Generated by `npm run types` (scripts/lib-types.ts) from the catalogue (src/core/catalogue) and the',
    '// rule table (src/core/config/rules.ts). Do not edit: a unit test fails when it drifts.',
    '// The types of `require("alfred-events")` / `import … from "alfred-events"` (README, "Using the',
    '// checks in your receiver (TypeScript)").',
    API,
    doc(["A rule's stable code (README, \"Rules\")."]) + `export type RuleCode =\n${RULES.map((r) => `  | ${literal(r.code)}`).join('\n')};\n`,
    doc(['The job stages of the docs\' "Job Stages" page, in its order.']) + `export type JobStage =\n${JOB_STAGES.map((s) => `  | ${literal(s)}`).join('\n')};\n`,
    urlVerification(),
    envelope(),
    doc(['The `event` member of one of the 24 events, discriminated on `event_name`.']) + `export type EventBody =\n${names.map((n) => `  | ${n}`).join('\n')};\n`,
    doc(['A webhook event: the envelope of one of the 24 events, discriminated on `event.event_name`.']) +
      `export type AlfredEvent =\n${names.map((n) => `  | Envelope<${n}>`).join('\n')};\n`,
    doc(['The 24 event names, as the docs spell them.']) + "export type EventName = EventBody['event_name'];\n",
    doc(['The event named `N`, for a handler per event: `{ [N in EventName]?: (e: EventOf<N>) => void }`.']) +
      'export type EventOf<N extends EventName> = Extract<AlfredEvent, { event: { event_name: N } }>;\n',
    ...EVENTS.map(eventInterface),
  ].join('\n');
}

if (require.main === module) writeFileSync(LIB_TYPES, libTypesText());
