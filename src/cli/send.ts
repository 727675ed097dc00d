import * as fs from 'node:fs';
import * as path from 'node:path';
import { answered, decodeBytes, decodeUtf8, deliver, encodingDiagnostics, modeOfName, sniffEncoding, validate, type Rules } from '../core/index';
import { noAnswer, shownBody } from './answer';
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
  if (errors > 0) warn(`alfred-events: warning: the validator finds ${errors} error${errors === 1 ? '' : 's'} in ${where} (alfred-events validate ${options.path} lists them); sending it anyway\n`);

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
 * `.ndjson` are logs). The file is read a chunk at a time.
 */
function recordBytes(given: string, abs: string, line: number | undefined): Uint8Array {
  const isLog = modeOfName(given) === 'log';
  if (!isLog && line !== undefined) throw new UsageError(`--line is for logs (.jsonl, .ndjson); ${given} is a payload file, sent whole without it`);
  const fd = reading(given, () => fs.openSync(abs, 'r'));
  try {
    const chunks = asUtf8(fileChunks(fd, given));
    if (!isLog) return concat([...chunks]);
    const found = lineOf(chunks, line ?? Infinity);
    if ('lines' in found) {
      const lines = `${found.lines} line${found.lines === 1 ? '' : 's'}`;
      throw new UsageError(line === undefined ? `${given} is a log of ${lines}: name the record to send with --line N` : `--line ${line} is past the end: ${given} has ${lines}`);
    }
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

/** The file's bytes as UTF-8: a UTF-8 file's own bytes without its BOM, a UTF-16 file (by its BOM) decoded and encoded. */
function* asUtf8(chunks: Iterable<Uint8Array>): Generator<Uint8Array> {
  const all = chunks[Symbol.iterator]();
  const first = all.next();
  if (first.done) return;
  const { encoding, bom } = sniffEncoding(first.value);
  if (encoding === 'utf-8') {
    yield first.value.subarray(bom);
    for (let next = all.next(); !next.done; next = all.next()) yield next.value;
    return;
  }
  const rest: Uint8Array[] = [first.value];
  for (let next = all.next(); !next.done; next = all.next()) rest.push(next.value);
  yield new TextEncoder().encode(decodeBytes(concat(rest)).text);
}

/**
 * Line `n` (1-based) of UTF-8 bytes, without its terminator, or how many lines there are when
 * fewer. Lines end at LF, CRLF or CR, as the core counts them for `file:line` (README "Command
 * line"); those bytes never occur inside a multi-byte UTF-8 character. A final terminator ends
 * the last line and starts none.
 */
function lineOf(chunks: Iterable<Uint8Array>, n: number): { bytes: Uint8Array } | { lines: number } {
  let line = 1;
  let afterCr = false;
  let open = false; // the current line has a byte, so it counts even without a terminator
  const parts: Uint8Array[] = [];
  for (const chunk of chunks) {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === 10 && afterCr) {
        afterCr = false;
        start = i + 1;
        continue;
      }
      afterCr = b === 13;
      if (b !== 10 && b !== 13) {
        open = true;
        continue;
      }
      if (line === n) {
        parts.push(chunk.subarray(start, i));
        return { bytes: concat(parts) };
      }
      line++;
      open = false;
      start = i + 1;
    }
    if (line === n) parts.push(chunk.subarray(start));
  }
  if (line === n && open) return { bytes: concat(parts) };
  return { lines: open ? line : line - 1 };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
