import { parseArgs } from 'node:util';
import { DEFAULT_TIMEOUT_MS, POINTER_PATTERN, RULES, SEVERITIES, ruleInfo, t, type RuleSetting } from '../core/index';
import type { ConfigChoice } from './config';
import type { DiffCommand } from './diff';
import type { ImportCommand } from './import';
import type { RedactCommand } from './redact';
import { parseReplay, REPLAY_OPTIONS, type ReplayCommand } from './replay-args';
import { parseRecord, RECORD_OPTIONS, type RecordCommand } from './record-args';

export type Format = 'text' | 'json' | 'sarif' | 'junit';
const FORMATS: readonly Format[] = ['text', 'json', 'sarif', 'junit'];

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'schema' }
  | { kind: 'validate'; format: Format; rules: Record<string, RuleSetting>; paths: string[]; detect: boolean; allowEmpty: boolean; config: ConfigChoice }
  | { kind: 'handshake'; to?: string; allowRemote: boolean; timeoutMs: number; config: ConfigChoice }
  | { kind: 'send'; path: string; line?: number; to?: string; allowRemote: boolean; timeoutMs: number; config: ConfigChoice }
  | ReplayCommand
  | RecordCommand
  | RedactCommand
  | ImportCommand
  | DiffCommand;

/** A mistake in the command line: exit status 2, one line on stderr with a pointer to --help. */
export class UsageError extends Error {}

/**
 * The value of `--locale L` or `--locale=L` in `argv`, if given (the last one wins, as parseArgs
 * takes it): read before the rest is parsed, so that even a usage error speaks the language asked for.
 */
export function localeOption(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg === '--locale' && i + 1 < argv.length) found = argv[++i];
    else if (arg.startsWith('--locale=')) found = arg.slice('--locale='.length);
  }
  return found;
}

/** Turns `argv` (without node and the script) into a command, or throws a UsageError. */
export function parseCommandLine(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        format: { type: 'string', short: 'f' },
        rule: { type: 'string', multiple: true },
        line: { type: 'string' },
        'no-detect': { type: 'boolean' },
        'allow-empty-input': { type: 'boolean' },
        config: { type: 'string' },
        'no-config': { type: 'boolean' },
        to: { type: 'string' },
        'allow-remote': { type: 'boolean' },
        timeout: { type: 'string' },
        ...REPLAY_OPTIONS,
        ...RECORD_OPTIONS,
        'in-place': { type: 'boolean' },
        out: { type: 'string' },
        salt: { type: 'string' },
        strict: { type: 'boolean' },
        ignore: { type: 'string', multiple: true },
        locale: { type: 'string' },
      },
    });
  } catch (err) {
    throw new UsageError(parseErrorMessage(err));
  }
  const { values, positionals } = parsed;
  // --help and --version win over everything else, as users expect from any CLI.
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const [command, ...rest] = positionals;
  switch (command) {
    case undefined:
      throw new UsageError(t('no command given'));
    case 'help':
      return { kind: 'help' };
    case 'schema':
      if (rest.length > 0) throw new UsageError(t("'{0}' takes no arguments, got '{1}'", 'schema', rest[0]));
      if (values.format !== undefined || values.rule !== undefined || values.config !== undefined || values['no-config'] !== undefined) {
        throw new UsageError(t("'{0}' takes no --format, --rule or --config", 'schema'));
      }
      return { kind: 'schema' };
    case 'handshake':
      if (rest.length > 0) throw new UsageError(t("'{0}' takes no paths, got '{1}'", 'handshake', rest[0]));
      takesOnly('handshake', values, DELIVERY_OPTIONS);
      return { kind: 'handshake', ...delivery(values) };
    case 'send': {
      takesOnly('send', values, [...DELIVERY_OPTIONS, 'line']);
      if (rest.length !== 1) throw new UsageError(rest.length === 0 ? t('{0} needs the PATH of a payload file or log', 'send') : t('{0} takes one PATH, got {1}', 'send', rest.length));
      const line = parseLine(values.line);
      return { kind: 'send', path: rest[0]!, ...(line === undefined ? {} : { line }), ...delivery(values) };
    }
    case 'validate':
      takesOnly('validate', values, ['format', 'rule', 'no-detect', 'allow-empty-input', 'config', 'no-config']);
      if (rest.length === 0) throw new UsageError(t('{0} needs at least one file or directory', 'validate'));
      return {
        kind: 'validate',
        format: parseFormat(values.format),
        rules: parseRules(values.rule ?? []),
        paths: rest,
        detect: values['no-detect'] !== true,
        allowEmpty: values['allow-empty-input'] === true,
        config: parseConfigChoice(values.config, values['no-config'] === true),
      };
    case 'redact': {
      takesOnly('redact', values, ['in-place', 'salt']);
      if (rest.length === 0) throw new UsageError(t('{0} needs the PATH of a payload file or log', 'redact'));
      const inPlace = values['in-place'] === true;
      if (rest.length > 1 && !inPlace) throw new UsageError(t('redact writes one file to stdout, got {0} PATHs: add --in-place to rewrite each file', rest.length));
      if (values.salt === '') throw new UsageError(t('{0} needs a value', '--salt'));
      return { kind: 'redact', paths: rest, inPlace, ...(values.salt === undefined ? {} : { salt: values.salt }) };
    }
    case 'import':
      takesOnly('import', values, ['out']);
      if (rest.length !== 1) throw new UsageError(rest.length === 0 ? t('{0} needs the PATH of a capture file', 'import') : t('{0} takes one capture file, got {1}', 'import', rest.length));
      if (values.out === '') throw new UsageError(t('{0} needs a file name', '--out'));
      return { kind: 'import', path: rest[0]!, ...(values.out === undefined ? {} : { out: values.out }) };
    case 'diff':
      return parseDiff(values, rest);
    case 'replay':
      takesOnly('replay', values, [...DELIVERY_OPTIONS, 'format', 'no-detect', ...Object.keys(REPLAY_OPTIONS)]);
      return parseReplay(values, rest, delivery(values));
    case 'record':
      takesOnly('record', values, ['allow-remote', 'timeout', 'config', 'no-config', ...Object.keys(RECORD_OPTIONS)]);
      return parseRecord(values, rest, delivery(values));
    default:
      throw new UsageError(t("unknown command '{0}'", command));
  }
}

/** `diff A B [--strict] [--ignore POINTER]... [--format text|json] [--config FILE | --no-config]` (README "Comparing payloads"). */
function parseDiff(
  values: { strict?: boolean; ignore?: string[]; format?: string; config?: string; 'no-config'?: boolean },
  rest: readonly string[],
): DiffCommand {
  takesOnly('diff', values, ['strict', 'ignore', 'format', 'config', 'no-config']);
  if (rest.length !== 2) throw new UsageError(t("diff compares two payloads, A and B (files, or FILE:LINE for a log's record), got {0}", rest.length));
  const pointer = new RegExp(POINTER_PATTERN);
  const wrong = (values.ignore ?? []).find((p) => !pointer.test(p));
  if (wrong !== undefined) throw new UsageError(t("--ignore expects a JSON Pointer (RFC 6901) such as /event/update_date, got '{0}'", wrong));
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(t("unknown format '{0}' for {1} (expected {2})", format, 'diff', 'text, json'));
  return {
    kind: 'diff', a: rest[0]!, b: rest[1]!, strict: values.strict === true, ignore: values.ignore ?? [], format,
    config: parseConfigChoice(values.config, values['no-config'] === true),
  };
}

/** The options of the commands that deliver to a receiver (README "Delivering to your receiver"). */
const DELIVERY_OPTIONS = ['to', 'allow-remote', 'timeout', 'config', 'no-config'];

function delivery(values: { to?: string; 'allow-remote'?: boolean; timeout?: string; config?: string; 'no-config'?: boolean }): { to?: string; allowRemote: boolean; timeoutMs: number; config: ConfigChoice } {
  if (values.to === '') throw new UsageError(t('{0} needs a URL', '--to'));
  return {
    ...(values.to === undefined ? {} : { to: values.to }),
    allowRemote: values['allow-remote'] === true,
    timeoutMs: parseTimeout(values.timeout),
    config: parseConfigChoice(values.config, values['no-config'] === true),
  };
}

/** Refuses any option but the command's own, so that none is silently ignored. */
function takesOnly(command: string, values: Readonly<Record<string, unknown>>, own: readonly string[]): void {
  // --locale is every command's (run reads it before the command line is parsed).
  const other = Object.keys(values).find((name) => values[name] !== undefined && name !== 'locale' && !own.includes(name));
  if (other !== undefined) throw new UsageError(t("'{0}' takes no {1} (only {2})", command, `--${other}`, own.map((o) => `--${o}`).join(', ')));
}

/** `--line N`: a line of a log, counted from 1. */
function parseLine(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && Number.isSafeInteger(n))) throw new UsageError(t("--line expects a line number from 1, got '{0}'", value));
  return n;
}

/** `--timeout MS`: a whole number of milliseconds from 1 to 600000. */
function parseTimeout(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_MS;
  const ms = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(ms >= 1 && ms <= 600_000)) throw new UsageError(t("--timeout expects milliseconds from 1 to 600000, got '{0}'", value));
  return ms;
}

function parseFormat(value: string | undefined): Format {
  if (value === undefined) return 'text';
  const format = FORMATS.find((f) => f === value);
  if (format === undefined) throw new UsageError(t("unknown format '{0}' (expected {1})", value, FORMATS.join(', ')));
  return format;
}

/** `--config FILE` for every file, `--no-config` for none, else each file's nearest `.alfred-events.json`. */
function parseConfigChoice(file: string | undefined, none: boolean): ConfigChoice {
  if (file !== undefined && none) throw new UsageError(t('--config and --no-config contradict each other'));
  if (file === '') throw new UsageError(t('{0} needs a file name', '--config'));
  return file !== undefined ? { kind: 'file', path: file } : none ? { kind: 'none' } : { kind: 'nearest' };
}

/** `--rule CODE=SEVERITY`, repeatable; a later setting of the same code wins. */
function parseRules(specs: readonly string[]): Record<string, RuleSetting> {
  const rules: Record<string, RuleSetting> = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq < 0) throw new UsageError(t("--rule expects CODE=SEVERITY, got '{0}'", spec));
    const code = spec.slice(0, eq).trim();
    const value = spec.slice(eq + 1).trim();
    if (ruleInfo(code) === undefined) throw new UsageError(t("unknown rule '{0}' in --rule {1}", code, spec));
    const severity = SEVERITIES.find((s) => s === value);
    if (severity === undefined) {
      throw new UsageError(t("unknown severity '{0}' in --rule {1} (expected {2})", value, spec, SEVERITIES.join(', ')));
    }
    rules[code] = severity;
  }
  return rules;
}

// parseArgs' own messages run to several lines of advice about `--`; one short line is enough
// next to the --help hint.
function parseErrorMessage(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const quoted = /'([^']*)'/.exec(e.message ?? '')?.[1];
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted !== undefined) return t("unknown option '{0}'", quoted);
  // `--timeout -5`: parseArgs takes the value for an option and will not guess.
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && quoted !== undefined && /argument is ambiguous/.test(e.message ?? '')) {
    return t("{0} is given a value that starts with '-': write {0}=VALUE if that is what you mean", quoted);
  }
  return (e.message ?? String(err)).split('\n')[0] ?? t('invalid arguments');
}

const WIDTH = 94;

/** `text` cut at spaces into lines of at most WIDTH characters, each after `lead` (the first) or as many spaces. */
function wrap(lead: string, text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && lead.length + line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.map((l, i) => (i === 0 ? lead : ' '.repeat(lead.length)) + l);
}

/**
 * The --help text, in the active language (README "Command line"). The synopsis, option names,
 * metavariables (PATH, FILE, URL…), rule codes and severities stay as written; the prose is one
 * message per paragraph, wrapped here, so a translation need not count columns.
 */
export function helpText(): string {
  const width = Math.max(...RULES.map((r) => r.code.length));
  const rules = RULES.flatMap((r) => wrap(`  ${r.code.padEnd(width)}  ${r.defaultSeverity.padEnd(7)}  `, t(r.summary)));
  const usage = `${t('Usage:')} `;
  const synopsis = [
    'alfred-events validate [--format text|json|sarif|junit] [--rule CODE=SEVERITY]...',
    '                       [--no-detect] [--allow-empty-input] [--config FILE | --no-config]',
    '                       PATH...',
    'alfred-events send PATH [--line N] [--to URL] [--allow-remote] [--timeout MS]',
    '                   [--config FILE | --no-config]',
    'alfred-events handshake [--to URL] [--allow-remote] [--timeout MS] [--config FILE | --no-config]',
    'alfred-events replay PATH... [--to URL] [--scenario NAME]... [--seed N] [--state-url URL]',
    '                     [--format text|json|junit] [--timeout MS] [--rate N] [--max-requests N]',
    '                     [--retries N] [--backoff MS] [--allow-remote] [--no-detect]',
    '                     [--config FILE | --no-config]',
    'alfred-events record --listen HOST:PORT --out FILE [--forward-to URL] [--sidecar FILE]',
    '                     [--allow-remote] [--timeout MS] [--config FILE | --no-config]',
    'alfred-events redact PATH... [--in-place] [--salt S]',
    'alfred-events import FILE [--out LOG]',
    'alfred-events diff A B [--strict] [--ignore POINTER]... [--format text|json]',
    '                   [--config FILE | --no-config]',
    'alfred-events schema',
    'alfred-events --help | --version',
  ].map((line, i) => (i === 0 ? usage : ' '.repeat(usage.length)) + line);
  const commands: [string, string][] = [
    ['validate', t('Checks each PATH. Directories are searched recursively for *.alfred.json, *.alfred-event.json, *.alfred.jsonl and *.alfred.ndjson, and for plain .json, .jsonl and .ndjson files whose content is an Alfred payload (node_modules and dot-directories skipped). Files named explicitly are checked whatever their name; .jsonl and .ndjson files are read as logs of one event per line. A directory with no payload file in it is an error (a mistyped CI path must not pass), unless --allow-empty-input. Each file follows the nearest .alfred-events.json in its folder or above: its rules (which --rule overrides), and include, exclude and detect for directory searches. An invalid one is an error (exit status 2).')],
    ['send', t('POSTs the payload file PATH, or line N of the log PATH (--line), to the receiver as application/json: its exact bytes (a payload file whole, a log line without its line terminator; no BOM; a UTF-16 file transcoded to UTF-8). Prints the status, time, response headers and body. Exit status 0 for a 2xx answer, 1 for another or none (a timeout, a connection refused, a redirect).')],
    ['handshake', t('Sends the URL-verification body (fresh token and challenge) to the receiver and checks that it answers HTTP 200 with the challenge, as plain text or as JSON {"challenge": ...}. Exit status 0 passed, 1 failed.')],
    ['replay', t('Delivers the events of each PATH (files and directories, found as validate finds them) to the receiver as POSTs of their exact text, under scenarios: in-order (by event_time), duplicates (each twice), shuffled (seeded order), redelivery (a failure is sent again after 1 s, 2 s, 4 s). Each must get a 2xx within the timeout. With --state-url, the JSON the receiver serves there after each scenario must equal the one after the first in-order run. Exit status 0 passed, 1 failed, 2 also when the run would need more than --max-requests.')],
    ['record', t("Listens on --listen (HOST:PORT, :PORT or PORT; :0 for any free port) as a receiver of Alfred's deliveries until Ctrl-C: answers the URL-verification handshake with its challenge, appends each event (a JSON object POSTed) to the log --out FILE as one line of compact JSON, redeliveries included, and files every other request (the handshake, bodies that are not a JSON object) in the sidecar (--sidecar, default FILE.sidecar.jsonl). With --forward-to URL, each request is also passed on to that receiver and its answer returned (502 if it is down; the event is recorded all the same). Prints a line per request: time, event name, job, the record's own findings. Ctrl-C or SIGTERM stops it cleanly (exit status 0); a second Ctrl-C quits at once; neither cuts a line of the log, and a line a crash tore is moved to the sidecar at the next start. One recorder per log (FILE.lock).")],
    ['redact', t('Writes the payload file or log PATH to stdout with its secrets, personal data and ids redacted, or rewrites each PATH so (--in-place: a temporary file beside it, then a rename). Signatures and credentials become REDACTED (URLs stay valid URLs), e-mail addresses redacted@example.com, phone numbers all zeros; ids become version-8 UUID pseudonyms with 8eda as their third group, user_name user- and 8 hexadecimal digits: the same id gives the same pseudonym in the run (with --salt, in every run). Only the redacted string values change; redacting twice changes nothing. Records that are not JSON are left as they are, and counted on stderr.')],
    ['import', t("Writes the capture FILE that Alfred's demo receiver saved ({\"event_count\", \"events\": [{\"payload\", \"reception_date\"}]}) as a log: one line per payload, its own text made compact (key order and numbers as written), in reception order (by reception_date as RFC 3339 instants; equal or missing dates keep file order), to stdout or to LOG (--out: a temporary file beside it, then a rename).")],
    ['diff', t("Compares two payloads, each a file or FILE:LINE (line LINE of a log, from 1), and prints one line per change, by JSON Pointer, then a summary. Keys are compared in any order; \"3\" equals 3, \"false\" false and a string event_time its number where the docs type the field so; file_add_to_job_event equals file_added_to_job_event; /event_id, /event_time and /event/update_date are ignored (the team file's diff.ignore replaces them). --strict reads values as written and ignores only --ignore. Exit status 0 equal, 1 different.")],
    ['schema', t('Prints the JSON Schema of an Alfred webhook body.')],
  ];
  const options: [string, string][] = [
    ['-f, --format FORMAT', t('text (default), json, sarif (SARIF 2.1.0 for code scanning) or junit (JUnit XML for CI: an error or warning is a failed test); replay: text, json or junit; diff: text, json')],
    ['    --rule CODE=SEV', t('set a rule to error, warning, info or off; repeatable')],
    ['    --no-detect', t('search directories by file name only, not plain JSON content')],
    ['    --allow-empty-input', t('a directory with no payload file in it is no error')],
    ['    --config FILE', t('use this team configuration for every file')],
    ['    --no-config', t('use no .alfred-events.json')],
    ['    --to URL', t('the receiver to deliver to (send, handshake, replay)')],
    ['    --line N', t('send line N of a log, counted from 1 (send)')],
    ['    --allow-remote', t('allow a receiver that is not on this machine; record: listen on an address other machines can reach')],
    ['    --listen HOST:PORT', t('record: where to listen (loopback unless --allow-remote)')],
    ['    --out FILE', t('record: the log the events are appended to')],
    ['    --forward-to URL', t('record: pass each request on to this receiver')],
    ['    --sidecar FILE', t('record: where other requests go (default FILE.sidecar.jsonl)')],
    ['    --timeout MS', t('how long the receiver may take to answer (default 10000, 1 to 600000)')],
    ['    --scenario NAME', t('replay: in-order, duplicates, shuffled or redelivery; repeatable (default all four)')],
    ['    --seed N', t("replay: the shuffled order's seed (default 1, 0 to 4294967295)")],
    ['    --state-url URL', t("replay: the receiver's JSON view of its state, compared after each scenario")],
    ['    --rate N', t('replay: requests per second at most (default 100, up to 1000)')],
    ['    --max-requests N', t('replay: requests per run at most, retries included (default 10000, at most 1000000)')],
    ['    --retries N', t('replay: redeliveries of a failed event (default 3, 0 to 10)')],
    ['    --backoff MS', t('replay: wait before the first redelivery, doubled each time (default 1000, 0 to 600000)')],
    ['    --in-place', t('redact: rewrite each PATH instead of printing one')],
    ['    --salt S', t("redact: the pseudonyms' key (default a random one per run)")],
    ['    --out LOG', t('import: write the log to LOG instead of stdout')],
    ['    --strict', t('diff: no normalisation, no default ignored fields')],
    ['    --ignore POINTER', t('diff: also ignore this JSON Pointer and all below it; repeatable')],
    ['    --locale LOCALE', t('the language of messages, such as es (default: LC_ALL, else LC_MESSAGES, else LANG); json, sarif and junit are English unless it is given')],
    ['-h, --help', t('show this help')],
    ['-v, --version', t('show the version')],
  ];
  return [
    ...synopsis,
    '',
    t('Checks Alfred (Tagshelf) webhook event payloads.'),
    '',
    ...commands.flatMap(([name, text]) => wrap(name.padEnd(10), text)),
    '',
    ...wrap('', t('Receiver: send, handshake and replay deliver to --to URL, else to receiver.url of the team configuration (--config FILE, else the nearest .alfred-events.json in the current folder or above). It must be a loopback address (127.0.0.0/8, ::1, localhost) unless --allow-remote or receiver.allowRemote: true; else exit status 2, and nothing is sent.')),
    '',
    t('Options:'),
    ...options.flatMap(([name, text]) => wrap(`  ${name.padEnd(23)}  `, text)),
    '',
    ...wrap('', t('Exit status of validate: 0 no errors (warnings allowed), 1 at least one error; of send, handshake and replay: 0 passed, 1 failed; of redact and import: 0 done; of record: 0 stopped (130 when quit at once); of diff: 0 equal, 1 different.')),
    ...wrap('', t('2 for every command: a usage problem, a path that cannot be read (or written) or, for diff, is not JSON, a directory with nothing to check, an invalid configuration, a receiver that is refused, or an address to listen on that is refused or in use.')),
    '',
    t('Rules and their default severities:'),
    ...rules,
    '',
  ].join('\n');
}
