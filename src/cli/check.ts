import { t } from '../core/index';
import * as fs from 'node:fs';
import { availableParallelism } from 'node:os';
import { checkChunkText, decodeBytes, lineEnd, planBytes, PLAN_BYTES, StreamEngine, tooLargeDiagnostic, type RecordTexts, type Rules } from '../core/index';
import { reading } from './errors';
import { IoError, type Target } from './files';
import { collectGarbage } from './memory';
import { ChunkPool } from './pool';
import { TempPages } from './temp-pages';
import type { CheckedFile } from './results';

export interface CheckOptions {
  /** Worker threads for the per-record checks; 0 checks in this thread. Default: one per core, for logs worth it. */
  threads?: number;
  /** Bytes per chunk of a log (default 1 MB: a message per chunk costs nothing, and a thread's heap stays small). */
  chunkBytes?: number;
  /** Told how many bytes of how many are done, after each chunk. */
  progress?: (done: number, total: number) => void;
}

/** Below this many bytes of logs, starting threads costs more than they save. */
const THREADS_FROM = 8 << 20;

/**
 * Checks the files as the README's "Command line" section says: each file's own checks, then
 * the cross-event rules over all of them as one body of events. Logs are read as a stream of
 * chunks cut at line feeds and checked on worker threads, so that a log of any size fits in
 * memory; documents and UTF-16 files are read whole. `rulesOf` gives a file's effective rules.
 */
export async function checkTargets(targets: readonly Target[], rulesOf: (target: Target) => Rules, options: CheckOptions = {}): Promise<CheckedFile[]> {
  const sizes = targets.map((t) => sizeOf(t));
  const total = sizes.reduce((a, b) => a + b, 0);
  const logBytes = targets.reduce((sum, t, i) => sum + (t.mode === 'log' ? sizes[i]! : 0), 0);
  const chunkBytes = options.chunkBytes ?? CHUNK;
  const threads = options.threads ?? (logBytes >= THREADS_FROM ? Math.min(availableParallelism(), Math.ceil(logBytes / chunkBytes)) : 0);
  const reader = new FileTexts(targets);
  // Only a log of some size has pages worth putting away.
  const pages = logBytes >= THREADS_FROM ? TempPages.open() : undefined;
  const engine = new StreamEngine(targets.map((t) => ({ uri: t.display, mode: t.mode, rules: rulesOf(t) })), reader, pages);
  const pool = new ChunkPool(threads);
  let done = 0;
  let since = 0;
  const advance = (bytes: number): void => {
    done += bytes;
    since += bytes;
    if (since >= COLLECT_EVERY) {
      since = 0;
      collectGarbage();
    }
    options.progress?.(done, total);
  };
  try {
    for (let i = 0; i < targets.length; i++) {
      const target = targets[i]!;
      if (target.maxBytes !== undefined && sizes[i]! > target.maxBytes) {
        // As in the editor: one notice, and the file takes no part in the checks across files.
        engine.skip(i, tooLargeDiagnostic(sizes[i]!, target.maxBytes, rulesOf(target)));
        advance(sizes[i]!);
        continue;
      }
      const fd = open(target);
      try {
        const head = readAt(fd, target, 0, PLAN_BYTES);
        const plan = planBytes(head, target.mode);
        if (plan.whole) {
          const { text, invalid } = decodeWhole(target, head.length < PLAN_BYTES ? head : readWhole(target));
          reader.hold(i, text);
          const result = checkChunkText(text, engine.options(i, true, true), undefined, invalid);
          pool.ready(result, (r) => {
            engine.take(i, 0, text.length, r);
            advance(sizes[i]!);
          });
          continue;
        }
        let carry: Uint8Array = new Uint8Array(0);
        let position = plan.start;
        let unit = plan.start;
        advance(plan.start);
        for (;;) {
          const buffer = pool.buffer(Math.max(chunkBytes, carry.length * 2));
          buffer.set(carry);
          const read = readInto(fd, target, buffer, carry.length, position);
          position += read;
          const filled = carry.length + read;
          const length = read === 0 ? filled : buffer.lastIndexOf(10, filled - 1) + 1;
          carry = buffer.slice(length, filled);
          if (length > 0) {
            const at = unit;
            unit += length;
            const again = (): Uint8Array<ArrayBuffer> => readAt(open(target), target, at, length, true);
            await pool.submit(buffer.subarray(0, length), engine.options(i, at === plan.start), (r) => {
              engine.take(i, at, length, r);
              advance(length);
            }, again);
          }
          if (read === 0) break;
        }
      } finally {
        fs.closeSync(fd);
      }
    }
    await pool.close();
    // The threads are done: their memory is given back before the jobs are checked.
    await pool.terminate();
    const steps = engine.finishSteps();
    let next = steps.next();
    for (; !next.done; next = steps.next()) collectGarbage();
    const found = next.value;
    return targets.map((t, i) => ({ ...t, diagnostics: found[i]! }));
  } finally {
    await pool.terminate();
    pages?.close();
  }
}

/** Bytes of input between garbage collections (see memory.ts). */
const COLLECT_EVERY = 64 << 20;

/** Bytes read at a time to find the end of a record's line. */
const LINE_READ = 4096;

/** Bytes per chunk: 1 MB, a few thousand records, so that a thread's heap stays small. */
const CHUNK = 1 << 20;

/**
 * The texts of records a cross-event finding is on, read again from the files: a log's by its
 * byte offsets (a few hundred bytes each), a file read whole from the text kept of it (the last one).
 */
class FileTexts implements RecordTexts {
  private whole: { source: number; text: string } | undefined;
  private readonly held = new Set<number>();
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });

  constructor(private readonly targets: readonly Target[]) {}

  /** Marks a source read whole; its text is kept while it is the latest one. */
  hold(source: number, text: string): void {
    this.held.add(source);
    this.whole = { source, text };
  }

  read(source: number, start: number, end: number): string {
    const target = this.targets[source]!;
    if (this.held.has(source)) return this.text(source).slice(start, end);
    return this.decoder.decode(readAt(open(target), target, start, end - start, true));
  }

  line(source: number, start: number): string {
    if (this.held.has(source)) {
      const text = this.text(source);
      return text.slice(start, lineEnd(text.length, (i) => text.charCodeAt(i), start));
    }
    // A record is a few hundred bytes: read a few KB at a time until its line ends.
    const target = this.targets[source]!;
    const fd = open(target);
    try {
      const parts: Uint8Array[] = [];
      for (let at = start; ; at += LINE_READ) {
        const bytes = readAt(fd, target, at, LINE_READ);
        const end = lineEnd(bytes.length, (i) => bytes[i]!, 0);
        parts.push(bytes.subarray(0, end));
        if (end < LINE_READ) break;
      }
      return this.decoder.decode(parts.length === 1 ? parts[0] : Buffer.concat(parts));
    } finally {
      fs.closeSync(fd);
    }
  }

  private text(source: number): string {
    if (this.whole?.source !== source) this.whole = { source, text: decodeWhole(this.targets[source]!, readWhole(this.targets[source]!)).text };
    return this.whole.text;
  }
}

function sizeOf(target: Target): number {
  return reading(target.display, () => fs.statSync(target.absolute).size);
}

function open(target: Target): number {
  return reading(target.display, () => fs.openSync(target.absolute, 'r'));
}

function readInto(fd: number, target: Target, buffer: Uint8Array, offset: number, position: number): number {
  return reading(target.display, () => fs.readSync(fd, buffer, offset, buffer.length - offset, position));
}

/** `length` bytes from `position` (fewer at the end of the file); `close` closes fd after. */
function readAt(fd: number, target: Target, position: number, length: number, close = false): Uint8Array<ArrayBuffer> {
  try {
    return read(fd, target, position, length);
  } finally {
    if (close) fs.closeSync(fd);
  }
}

function read(fd: number, target: Target, position: number, length: number): Uint8Array<ArrayBuffer> {
  const buffer = new Uint8Array(length);
  let got = 0;
  while (got < length) {
    const n = readInto(fd, target, buffer.subarray(0, length), got, position + got);
    if (n === 0) break;
    got += n;
  }
  return buffer.subarray(0, got);
}

function readWhole(target: Target): Uint8Array {
  return reading(target.display, () => fs.readFileSync(target.absolute));
}

/** A file read whole (a document, a UTF-16 file): one string, so at most what a string may hold. */
function decodeWhole(target: Target, bytes: Uint8Array): ReturnType<typeof decodeBytes> {
  try {
    return decodeBytes(bytes);
  } catch (err) {
    // V8's limit on a string's length; a UTF-8 log has no such limit (it is read in chunks).
    if (err instanceof RangeError) throw new IoError(t('cannot read {0}: too large to check as one document ({1} bytes)', target.display, bytes.length));
    throw err;
  }
}
