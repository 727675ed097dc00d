/**
 * A file the recorder appends lines to (the log and its sidecar). Each line goes to the
 * operating system in one synchronous write of the line and its line feed, so that lines never
 * interleave (JavaScript runs one write at a time) and no signal handler, crash or `exit()` can
 * run between the two halves of a line: whatever stops the process, the file ends in a whole line.
 */
import * as fs from 'node:fs';

/** Bytes read at a time when counting the lines of an existing file. */
const CHUNK = 1 << 20;
const LF = 0x0a;
const CR = 0x0d;

export class LineFile {
  private closed = false;

  private constructor(
    private readonly fd: number,
    /** Lines in the file (LF, CRLF and CR each end one, as the core reads logs). */
    public lines: number,
  ) {}

  /**
   * Opens `file` for appending, creating it if missing. When it does not end in a line feed, one
   * is written first, so the next line starts a line of its own. Throws a one-line Error
   * (`cannot write FILE: reason`) when it cannot be opened for writing or read.
   */
  static open(file: string): LineFile {
    let fd: number | undefined;
    try {
      fd = fs.openSync(file, 'a');
      const { lines, last } = countLines(file);
      const opened = new LineFile(fd, lines);
      if (last !== undefined && last !== LF) {
        writeAll(fd, Buffer.from('\n'));
        // A last line without terminator becomes a line; after a lone CR the LF makes a CRLF, no new line.
        if (last !== CR) opened.lines++;
      }
      return opened;
    } catch (err) {
      if (fd !== undefined) fs.closeSync(fd);
      throw new Error(`cannot write ${file}: ${reason(err)}`, { cause: err });
    }
  }

  /**
   * Appends `bytes` (which hold no line feed) and a line feed in one write; returns the line's
   * number, from 1. On a failure (a full disk) the file is cut back to where it was, so no part
   * of the line stays, and the one-line Error is thrown.
   */
  append(bytes: Uint8Array): number {
    if (this.closed) throw new Error('the recording has stopped');
    const line = Buffer.allocUnsafe(bytes.length + 1);
    line.set(bytes, 0);
    line[bytes.length] = LF;
    const before = fs.fstatSync(this.fd).size;
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
    return ++this.lines;
  }

  /** Closes the file; later appends throw. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    fs.closeSync(this.fd);
  }
}

/** One write, repeated only if the system took part of it (a regular file rarely does). */
function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done, bytes.length - done);
}

/** The lines of the file as it is (0 if empty) and its last byte. */
function countLines(file: string): { lines: number; last: number | undefined } {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    let lines = 0;
    let last: number | undefined;
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, CHUNK, null);
      if (n === 0) break;
      for (let i = 0; i < n; i++) {
        const b = buffer[i]!;
        // CRLF is one terminator: the LF after a CR adds nothing.
        if (b === CR || (b === LF && last !== CR)) lines++;
        last = b;
      }
    }
    return { lines, last };
  } finally {
    fs.closeSync(fd);
  }
}

/** A file-system error in words, without Node's repetition of the syscall and path. */
export function reason(err: unknown): string {
  switch ((err as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return err instanceof Error ? err.message.split('\n')[0]! : String(err);
  }
}
