import * as fs from 'node:fs';
import * as path from 'node:path';
import { answered, captureOf, decodeBytes, decodeUtf8, deliver, encodingDiagnostics, modeOfName, RecordCutter, validate, type Rules } from '../core/index';
import { noAnswer, shownBody } from './answer';
import { withoutBom } from '../core/input/record';
import { printableLine } from './terminal';
import { UsageError } from './args';
import { FolderConfigs, type ConfigChoice } from './config';
import { reading } from './errors';
import type { Write } from './output';
import { plural } from './report-text';

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
  if (errors > 0) warn(`alfred-events: warning: the validator finds ${plural(errors, 'error')} in ${where} (alfred-events validate ${options.path} lists them); sending it anyway\n`);

  await out(`POST ${to.href} (${where}, ${body.length} bytes)\n`);
  const outcome = await deliver({ url: to, method: 'POST', body, timeoutMs: options.timeoutMs });
  if (!answered(outcome)) {
    await out(`fail: ${noAnswer(outcome)}\n`);
    return 1;
  }
  const status = `HTTP ${outcome.status}${outcome.statusText ? ` ${printableLine(outcome.statusText)}` : ''}`;
  await out(`${status} in ${outcome.ms} ms\n`);
  for (const [name, value] of outcome.headers) await out(`${printableLine(name)}: ${printableLine(value)}\n`);
  await out(`\n${shownBody(outcome)}`);
  const ok = outcome.status >= 200 && outcome.status <= 299;
  await out(ok ? `ok: the receiver accepted it (${status}, a 2xx answer)\n` : `fail: the receiver answered ${status}, not a 2xx answer\n`);
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
    if (capture) throw new UsageError(`${given} is a capture of ${capture.entries.length === 1 ? '1 entry' : `${capture.entries.length} entries`}, not one body to send: turn it into a log with 'alfred-events import ${given} --out LOG', then send a line of it with --line N`);
    if (line !== undefined) throw new UsageError(`--line is for logs (.jsonl, .ndjson); ${given} is a payload file, sent whole without it`);
  }
  const fd = reading(given, () => fs.openSync(abs, 'r'));
  try {
    const cutter = new RecordCutter(isLog ? (line ?? Infinity) : undefined);
    for (const chunk of fileChunks(fd, given)) if (cutter.push(chunk)) break;
    const found = cutter.end();
    if ('lines' in found) {
      const lines = plural(found.lines, 'line');
      throw new UsageError(line === undefined ? `${given} is a log of ${lines}: name the record to send with --line N` : `--line ${line} is past the end: ${given} has ${lines}`);
    }
    if (!isLog) return found.bytes;
    // JSON's whitespace (ECMA-404) and nothing else: no record to send.
    if (found.bytes.every((b) => b === 32 || b === 9)) throw new UsageError(`line ${line} of ${given} is blank: there is no record to send`);
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
