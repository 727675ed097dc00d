import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { modeOfName, planBytes, PLAN_BYTES, Pseudonyms, redactText, sniffEncoding, t, type ByteEncoding, type DocumentMode } from '../core/index';
import { writeAtomically } from './atomic';
import { IoError, reading } from './errors';

export interface RedactCommand {
  kind: 'redact';
  paths: string[];
  inPlace: boolean;
  /** The pseudonyms' key; a random one per run when absent. */
  salt?: string;
}

/** What redact needs of the CLI's io (run.ts's Io). */
export interface RedactIo {
  cwd: string;
  /** The redacted file's bytes, as they are (a UTF-16 file stays UTF-16). */
  stdoutBytes: (bytes: Uint8Array) => void | Promise<void>;
  stderr: (text: string) => void;
  /** Bytes per chunk of a log (default 1 MB); small in tests, to cut everywhere. */
  chunkBytes?: number;
}

/** Bytes per chunk of a log: a few thousand records, cut after a line feed. */
const CHUNK = 1 << 20;

/**
 * `alfred-events redact PATH... [--in-place] [--salt S]` (README "Redacting"): each file's
 * secrets, personal data and ids redacted by the core's redactText, one file to stdout, or each
 * file rewritten atomically with --in-place (a temporary file beside it, then a rename, so the
 * file is always either the old one or the new one). One salt for the run, so an id gets one
 * pseudonym across all the files. Logs are read a chunk at a time, cut after line feeds, so a
 * log of any size is redacted in little memory. Says on stderr how many values each file had
 * redacted, and how many records were left as they are (not JSON). Resolves to 0; throws an
 * IoError (exit status 2) for a path that cannot be read or written, before touching a file when
 * it can tell.
 */
export async function redactCommand(command: RedactCommand, io: RedactIo): Promise<number> {
  const pseudonyms = new Pseudonyms(command.salt ?? randomUUID());
  const files = command.paths.map((given) => {
    const absolute = reading(given, () => fs.realpathSync(path.resolve(io.cwd, given)));
    if (reading(given, () => fs.statSync(absolute)).isDirectory()) throw new IoError(t('cannot read {0}: is a directory ({1} takes files)', given, 'redact'));
    return { given, absolute };
  });
  for (const file of files) {
    const options = { mode: modeOfName(file.given), pseudonyms, chunkBytes: io.chunkBytes ?? CHUNK };
    const counts = command.inPlace
      ? await rewrite(file.given, file.absolute, options)
      : await redactFile(file.given, file.absolute, options, io.stdoutBytes);
    const values = counts.redacted === 1 ? t('1 value redacted') : t('{0} values redacted', counts.redacted);
    const left = counts.skipped === 0 ? '' : counts.skipped === 1 ? t('; 1 record left as it is (not JSON: check it by hand)') : t('; {0} records left as they are (not JSON: check them by hand)', counts.skipped);
    io.stderr(`alfred-events: ${file.given}: ${values}${left}\n`);
  }
  return 0;
}

interface FileOptions {
  mode: DocumentMode;
  pseudonyms: Pseudonyms;
  chunkBytes: number;
}

interface Counts {
  redacted: number;
  skipped: number;
}

type Sink = (bytes: Uint8Array) => void | Promise<void>;

/**
 * Rewrites the file atomically (atomic.ts: a temporary file beside it, then a rename), with its
 * permissions. A file with nothing to redact is left untouched.
 */
async function rewrite(given: string, absolute: string, options: FileOptions): Promise<Counts> {
  let counts: Counts = { redacted: 0, skipped: 0 };
  await writeAtomically(given, absolute, '.redact-tmp', async (put) => {
    counts = await redactFile(given, absolute, options, put);
    return counts.redacted > 0;
  });
  return counts;
}

/**
 * The file redacted into `sink`: a UTF-8 log a chunk at a time (as validate reads it: check.ts,
 * planBytes), anything else (a document, a UTF-16 file, a log that may be a pretty-printed
 * document) whole.
 */
async function redactFile(given: string, absolute: string, options: FileOptions, sink: Sink): Promise<Counts> {
  const fd = reading(given, () => fs.openSync(absolute, 'r'));
  const counts: Counts = { redacted: 0, skipped: 0 };
  const add = (c: Counts): void => {
    counts.redacted += c.redacted;
    counts.skipped += c.skipped;
  };
  try {
    const readAt = (buffer: Uint8Array, offset: number, position: number): number =>
      reading(given, () => fs.readSync(fd, buffer, offset, buffer.length - offset, position));
    const head = new Uint8Array(PLAN_BYTES);
    const headLength = fill(head, readAt);
    const plan = planBytes(head.subarray(0, headLength), options.mode);
    if (plan.whole) {
      const bytes = headLength < PLAN_BYTES ? head.subarray(0, headLength) : reading(given, () => fs.readFileSync(absolute));
      const r = redactBytes(bytes, sniffEncoding(bytes).encoding, options.mode, options.pseudonyms);
      add(r);
      await sink(r.bytes);
      return counts;
    }
    // The BOM as it is, then chunks of whole lines: a record never spans two chunks.
    await sink(head.slice(0, plan.start));
    let carry = new Uint8Array(0);
    let position = plan.start;
    for (;;) {
      const buffer = new Uint8Array(Math.max(options.chunkBytes, carry.length * 2));
      buffer.set(carry);
      const read = readAt(buffer, carry.length, position);
      position += read;
      const filled = carry.length + read;
      const length = read === 0 ? filled : buffer.lastIndexOf(10, filled - 1) + 1;
      carry = buffer.slice(length, filled);
      if (length > 0) {
        const r = redactBytes(buffer.subarray(0, length), 'utf-8', 'log', options.pseudonyms);
        add(r);
        await sink(r.bytes);
      }
      if (read === 0) break;
      // Between chunks, the event loop runs: a Ctrl-C is heard (and the temporary file removed).
      await new Promise((resolve) => setImmediate(resolve));
    }
    return counts;
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads from position 0 until `buffer` is full or the file ends; the bytes read. */
function fill(buffer: Uint8Array, readAt: (buffer: Uint8Array, offset: number, position: number) => number): number {
  let got = 0;
  while (got < buffer.length) {
    const n = readAt(buffer, got, got);
    if (n === 0) break;
    got += n;
  }
  return got;
}

/**
 * Redacts bytes in `encoding` and gives the bytes back in it. Bytes that are not text in their
 * encoding (invalid UTF-8, a lone UTF-16 surrogate) cannot be JSON (RFC 8259 §8.1) and are kept
 * as they are: in a UTF-8 log, the lines holding them; elsewhere, the whole text.
 */
function redactBytes(bytes: Uint8Array, encoding: ByteEncoding, mode: DocumentMode, pseudonyms: Pseudonyms, split = true): Counts & { bytes: Uint8Array } {
  let text: string;
  try {
    // The BOM is kept in the text (redactText reads past it), so it is written back as it was.
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    if (encoding === 'utf-8' && mode === 'log' && split) return byLine(bytes, pseudonyms);
    return { bytes, redacted: 0, skipped: 1 };
  }
  const r = redactText(text, { mode, salt: pseudonyms.salt, pseudonyms });
  return { bytes: r.redacted === 0 ? bytes : encode(r.text, encoding), redacted: r.redacted, skipped: r.skipped };
}

/** A UTF-8 log with invalid bytes, a line at a time: only the lines with them are kept whole. */
function byLine(bytes: Uint8Array, pseudonyms: Pseudonyms): Counts & { bytes: Uint8Array } {
  const parts: Uint8Array[] = [];
  const counts: Counts = { redacted: 0, skipped: 0 };
  for (let start = 0; start < bytes.length; ) {
    const lf = bytes.indexOf(10, start);
    const end = lf < 0 ? bytes.length : lf + 1;
    const r = redactBytes(bytes.subarray(start, end), 'utf-8', 'log', pseudonyms, false);
    parts.push(r.bytes);
    counts.redacted += r.redacted;
    counts.skipped += r.skipped;
    start = end;
  }
  return { bytes: Buffer.concat(parts), ...counts };
}

function encode(text: string, encoding: ByteEncoding): Uint8Array {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  const le = Buffer.from(text, 'utf16le');
  return encoding === 'utf-16le' ? le : le.swap16();
}
