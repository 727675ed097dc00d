/**
 * A file the recorder appends lines to (the log and its sidecar). Each line goes to the
 * operating system in one synchronous write of the line and its line feed, so that lines never
 * interleave (JavaScript runs one write at a time) and no signal handler or `exit()` can run
 * between the two halves of a line. A SIGKILL or a crash of the machine can still stop a large
 * write(2) part way (it is not atomic): the file then ends in a torn line, which the next open
 * finds (`torn`) so the recorder can move it aside and cut it off (README "Recording deliveries").
 */
import { t } from '../core/l10n';
import * as fs from 'node:fs';
import { reason } from '../node/fs-errors';

/** Bytes read at a time when counting the lines of an existing file. */
const CHUNK = 1 << 20;
const LF = 0x0a;
const CR = 0x0d;

export class LineFile {
  private closed = false;
  /**
   * The file's last line when it has no terminator and is not a complete JSON value: a write
   * that was cut. `offset` is where it starts (bytes); nothing is appended until cutTorn().
   */
  torn: { offset: number; bytes: Buffer } | undefined;

  private constructor(
    private readonly fd: number,
    /** Lines in the file (LF, CRLF and CR each end one, as the core reads logs). */
    public lines: number,
    /** The file's size (bytes) as this recorder last left it: another size means another writer. */
    private size: number,
  ) {}

  /**
   * Opens `file` for appending, creating it if missing. When its last line has no terminator and
   * is a complete JSON value (a file someone wrote by hand), a line feed is written first, so the
   * next line starts a line of its own; when that last line is not a complete JSON value it is
   * left in `torn`. Throws a one-line Error (`cannot write FILE: reason`) when it is not a regular
   * file (checked first: opening a FIFO blocks, and a device never fills), cannot be opened for
   * writing, or cannot be read.
   */
  static open(file: string): LineFile {
    let fd: number | undefined;
    try {
      assertRegularOrNew(file);
      // Read as well as append: append() reads back what another writer left (positional reads; writes still go to the end).
      fd = fs.openSync(file, 'a+');
      const { lines, last, tailStart, size } = countLines(fd);
      const opened = new LineFile(fd, lines, size);
      const tail = last !== undefined && last !== LF && last !== CR ? readAt(fd, tailStart, size) : undefined;
      if (tail !== undefined && !isJsonValue(tail)) {
        opened.torn = { offset: tailStart, bytes: tail };
      } else if (unended(last)) {
        writeAll(fd, Buffer.from('\n'));
        opened.size++;
        opened.lines = linesEnded(lines, last);
      }
      return opened;
    } catch (err) {
      if (fd !== undefined) fs.closeSync(fd);
      throw new WriteError(file, err);
    }
  }

  /**
   * Appends `bytes` (which hold no line feed) and a line feed in one write; returns the line's
   * number, from 1. When the file is not the size this recorder left it (someone else wrote to
   * it, such as an editor saving a line typed into the log), its lines are counted again and, if
   * it no longer ends in a line feed, one is written first, in the same write, so the line is a
   * line of its own. On a failure (a full disk) the file is cut back to where it was, so no part
   * of the line stays, and the one-line Error is thrown.
   */
  append(bytes: Uint8Array): number {
    if (this.closed) throw new Error('the recording has stopped');
    if (this.torn) throw new Error('the file ends in a torn line: cut it first');
    const before = fs.fstatSync(this.fd).size;
    let lines = this.lines;
    let last: number | undefined = LF;
    if (before !== this.size) {
      // Another writer: rare, so the whole file is read only then.
      ({ lines, last } = countLines(this.fd));
      lines = linesEnded(lines, last);
    }
    const prefix = unended(last) ? 1 : 0;
    const line = Buffer.allocUnsafe(prefix + bytes.length + 1);
    if (prefix) line[0] = LF;
    line.set(bytes, prefix);
    line[line.length - 1] = LF;
    try {
      writeAll(this.fd, line);
    } catch (err) {
      try {
        fs.ftruncateSync(this.fd, before);
      } catch {
        // The write's own error is the one to report.
      }
      throw new Error(`cannot write: ${reason(err)}`, { cause: err });
    }
    this.size = before + line.length;
    this.lines = lines + 1;
    return this.lines;
  }

  /** Cuts the file back to the end of its last whole line, dropping `torn`; appends may follow. */
  cutTorn(): void {
    if (!this.torn) return;
    fs.ftruncateSync(this.fd, this.torn.offset);
    this.size = this.torn.offset;
    this.torn = undefined;
  }

  /** Closes the file; later appends throw. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    fs.closeSync(this.fd);
  }
}

/** Whether a file whose last byte is `last` (undefined: empty) needs a line feed before the next line. */
const unended = (last: number | undefined): boolean => last !== undefined && last !== LF;

/**
 * The lines of a file of `lines` terminated lines and last byte `last` once a line feed ends it:
 * a last line without terminator becomes a line; after a lone CR the LF makes a CRLF, no new line.
 */
const linesEnded = (lines: number, last: number | undefined): number => (unended(last) && last !== CR ? lines + 1 : lines);

/** One write, repeated only if the system took part of it (a regular file rarely does). */
function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done, bytes.length - done);
}

/**
 * Refuses a path that exists and is not a regular file (a symbolic link is judged by what it
 * points to): a device such as /dev/zero or /dev/full, a FIFO, a socket, /dev/stdout on a pipe.
 * A path that does not exist yet is fine: open creates it.
 */
export function assertRegularOrNew(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  if (!stat.isFile()) throw new Error(stat.isFIFO() ? t('not a regular file (a pipe): the recorder appends only to files') : stat.isSocket() ? t('not a regular file (a socket): the recorder appends only to files') : t('not a regular file (a device): the recorder appends only to files'));
}

/**
 * The terminated lines of the open file `fd` as it is (0 if empty), its last byte, where its last
 * line starts and its size (bytes). Positional reads from the start: the file's offset is untouched.
 */
function countLines(fd: number): { lines: number; last: number | undefined; tailStart: number; size: number } {
  const buffer = Buffer.allocUnsafe(CHUNK);
  let lines = 0;
  let last: number | undefined;
  let size = 0;
  let tailStart = 0;
  for (;;) {
    const n = fs.readSync(fd, buffer, 0, CHUNK, size);
    if (n === 0) break;
    for (let i = 0; i < n; i++) {
      const b = buffer[i]!;
      // CRLF is one terminator: the LF after a CR adds nothing.
      if (b === CR || (b === LF && last !== CR)) lines++;
      if (b === CR || b === LF) tailStart = size + i + 1;
      last = b;
    }
    size += n;
  }
  return { lines, last, tailStart, size };
}

/** The bytes of the open file `fd` from `start` to `end` (positional reads). */
function readAt(fd: number, start: number, end: number): Buffer {
  const bytes = Buffer.allocUnsafe(end - start);
  for (let done = 0; done < bytes.length; ) {
    const n = fs.readSync(fd, bytes, done, bytes.length - done, start + done);
    if (n === 0) return bytes.subarray(0, done);
    done += n;
  }
  return bytes;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether `bytes` are UTF-8 holding one complete JSON value (ECMA-404), whitespace around it allowed. */
function isJsonValue(bytes: Uint8Array): boolean {
  try {
    JSON.parse(strictUtf8.decode(bytes));
    return true;
  } catch {
    return false;
  }
}

/** A file the recorder cannot write: `cannot write FILE: reason`, in the user's language. */
export class WriteError extends Error {
  constructor(file: string, err: unknown) {
    super(t('cannot write {0}: {1}', file, reason(err)), { cause: err });
  }
}

