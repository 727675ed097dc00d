import * as fs from 'node:fs';
import * as path from 'node:path';
import { answered, captureOf, decodeBytes, decodeUtf8, deliver, encodingDiagnostics, modeOfName, RecordCutter, t, validate, type Rules } from '../core/index';
import { noAnswer, shownBody } from './answer';
import { withoutBom } from '../core/input/record';
import { printableLine } from './terminal';
import { UsageError } from './args';
import { FolderConfigs, type ConfigChoice } from './config';
import { reading } from './errors';
import type { Write } from './output';

/** Bytes read from a file at a time: a line is found in a log of any size without holding it. */
const CHUNK = 1 << 20;

export interface SendOptions {
  /** The file as given on the command line. */
  path: string;
  /** 1-based line of a log; absent for a payload file, sent whole. */
  line?: number;
  timeoutMs: number;
  /** The team configuration whose rules judge the record (README "Team configuration"). */
  config: ConfigChoice;
}

/**
 * `alfred-events send PATH [--line N]` (README "Delivering to your receiver"): POSTs one record to
 * `to` (already checked by resolveReceiver) as `application/json`, and prints the request, the
 * answer's status, time, headers and body. The body is the record's exact UTF-8 bytes: a payload
 * file whole, or line N of a log without its terminator; a UTF-8 BOM is not sent (RFC 8259
 * §8.1), a UTF-16 file is transcoded. A record the validator finds errors in is still sent
 * (testing how a receiver takes bad input is legitimate), after one line on `warn` saying so.
 *
 * Resolves to the exit status: 0 for a 2xx answer (RFC 9110 §15.3), 1 for any other answer or
 * none. Throws a UsageError for a --line that names no record, an IoError for a file that cannot
 * be read (or an invalid team configuration), both before anything is sent.
 */
export async function send(to: URL, options: SendOptions, cwd: string, out: Write, warn: (text: string) => void): Promise<number> {
  const abs = path.resolve(cwd, options.path);
  const body = recordBytes(options.path, abs, options.line);
  const where = options.line === undefined ? options.path : `${options.path}:${options.line}`;
  const rules = new FolderConfigs(options.config, cwd).rules(path.dirname(abs), {});
  const errors = errorsIn(body, rules);
  if (errors > 0) warn(`alfred-events: ${t('warning: the validator finds {0} in {1} ({2} lists them); sending it anyway', errors === 1 ? t('1 error') : t('{0} errors', errors), where, `alfred-events validate ${options.path}`)}\n`);

  await out(`POST ${to.href} (${where}, ${t('{0} bytes', body.length)})\n`);
  const outcome = await deliver({ url: to, method: 'POST', body, timeoutMs: options.timeoutMs });
  if (!answered(outcome)) {
    await out(`${t('fail: {0}', noAnswer(outcome))}\n`);
    return 1;
  }
  const status = `HTTP ${outcome.status}${outcome.statusText ? ` ${printableLine(outcome.statusText)}` : ''}`;
  await out(`${t('{0} in {1} ms', status, outcome.ms)}\n`);
  for (const [name, value] of outcome.headers) await out(`${printableLine(name)}: ${printableLine(value)}\n`);
  await out(`\n${shownBody(outcome)}`);
  const ok = outcome.status >= 200 && outcome.status <= 299;
  await out(`${ok ? t('ok: the receiver accepted it ({0}, a 2xx answer)', status) : t('fail: the receiver answered {0}, not a 2xx answer', status)}\n`);
  return ok ? 0 : 1;
}

/** How many errors the validator finds in the record, under the file's rules (invalid UTF-8 counted as it reports it). */
function errorsIn(body: Uint8Array, rules: Rules): number {
  const { text, invalid } = decodeUtf8(body);
  const found = [...validate(text, { mode: 'document', rules }), ...encodingDiagnostics(text, invalid, rules)];
  return found.filter((d) => d.severity === 'error').length;
}

/**
 * The bytes to send from `given` (a path as given, for messages): the whole payload file, or
 * line `line` of a log. Which it is goes by the name, as validate reads a named file (`.jsonl` and
 * `.ndjson` are logs). The file is read a chunk at a time and cut by the core's RecordCutter,
 * which the editor's Send to receiver uses too.
 */
function recordBytes(given: string, abs: string, line: number | undefined): Uint8Array {
  const isLog = modeOfName(given) === 'log';
  if (!isLog) {
    const whole = reading(given, () => fs.readFileSync(abs));
    const capture = captureOf(withoutBom(decodeBytes(whole).text));
    // A capture holds many bodies, none of them the file (README "Captures made before").
    if (capture) throw new UsageError(t("{0} is a capture of {1}, not one body to send: turn it into a log with '{2}', then send a line of it with --line N", given, capture.entries.length === 1 ? t('1 entry') : t('{0} entries', capture.entries.length), `alfred-events import ${given} --out LOG`));
    if (line !== undefined) throw new UsageError(t('--line is for logs (.jsonl, .ndjson); {0} is a payload file, sent whole without it', given));
  }
  const fd = reading(given, () => fs.openSync(abs, 'r'));
  try {
    const cutter = new RecordCutter(isLog ? (line ?? Infinity) : undefined);
    for (const chunk of fileChunks(fd, given)) if (cutter.push(chunk)) break;
    const found = cutter.end();
    if ('lines' in found) {
      const lines = found.lines === 1 ? t('1 line') : t('{0} lines', found.lines);
      throw new UsageError(line === undefined ? t('{0} is a log of {1}: name the record to send with --line N', given, lines) : t('--line {0} is past the end: {1} has {2}', line, given, lines));
    }
    if (!isLog) return found.bytes;
    // JSON's whitespace (ECMA-404) and nothing else: no record to send.
    if (found.bytes.every((b) => b === 32 || b === 9)) throw new UsageError(t('line {0} of {1} is blank: there is no record to send', line, given));
    return found.bytes;
  } finally {
    fs.closeSync(fd);
  }
}

function* fileChunks(fd: number, given: string): Generator<Uint8Array> {
  for (;;) {
    // A fresh buffer each time: the line being collected may keep pieces of earlier ones.
    const buffer = new Uint8Array(CHUNK);
    const n = reading(given, () => fs.readSync(fd, buffer, 0, CHUNK, null));
    if (n === 0) return;
    yield buffer.subarray(0, n);
  }
}
