import * as fs from 'node:fs';
import * as path from 'node:path';
import { captureLog, decodeBytes } from '../core/index';
import { writeAtomically } from './atomic';
import { IoError, reading } from './errors';
import { plural } from './report-text';

export interface ImportCommand {
  kind: 'import';
  path: string;
  /** The log to write; stdout when absent. */
  out?: string;
}

/** What import needs of the CLI's io (run.ts's Io). */
export interface ImportIo {
  cwd: string;
  stdout: (text: string) => void | Promise<void>;
  stderr: (text: string) => void;
}

/**
 * `alfred-events import FILE [--out LOG]` (README "Captures made before"): the capture FILE that
 * Alfred's demo receiver saved, as a log of one compact line per payload in reception order
 * (core captureLog), to stdout or, with --out, into LOG written atomically (atomic.ts). Says on
 * stderr how many payloads were written and which entries were left out. Resolves to 0; throws an
 * IoError (exit status 2, one line) for a file that cannot be read, is not valid UTF-8 or JSON, or
 * is no capture, saying what is wrong and where, before anything is written.
 */
export async function importCommand(command: ImportCommand, io: ImportIo): Promise<number> {
  const given = command.path;
  const absolute = reading(given, () => fs.realpathSync(path.resolve(io.cwd, given)));
  if (reading(given, () => fs.statSync(absolute)).isDirectory()) throw new IoError(`cannot read ${given}: is a directory (import takes one capture file)`);
  const { text, invalid } = decodeBytes(reading(given, () => fs.readFileSync(absolute)));
  if (invalid.length > 0) throw new IoError(`${given} has invalid UTF-8 at ${lineColumn(text, invalid[0]!.offset)}: a capture is UTF-8 text (or UTF-16 with a byte order mark), and its payloads' bytes are kept as they are`);
  const log = captureLog(text);
  if ('error' in log) throw new IoError(`${given} ${log.error}`);
  const body = log.records.map((r) => `${r}\n`).join('');
  let where = 'stdout';
  if (command.out === undefined) await io.stdout(body);
  else {
    const target = path.resolve(io.cwd, command.out);
    if (sameFile(target, absolute)) throw new IoError(`--out ${command.out} is the capture itself: name another file for the log`);
    await writeAtomically(command.out, target, '.import-tmp', (put) => {
      put(new TextEncoder().encode(body));
      return Promise.resolve(true);
    });
    where = command.out;
  }
  const moved = log.moved === 0 ? 'in reception order, as in the file' : `in reception order (${plural(log.moved, 'payload')} not where the file had them)`;
  io.stderr(`alfred-events: ${given}: ${plural(log.records.length, 'payload')} written to ${where}, ${moved}\n`);
  for (const i of log.skipped) io.stderr(`alfred-events: ${given}: events[${i}] has no payload: left out\n`);
  return 0;
}

/** Whether `target` names the file at `absolute` (through a link, or already the same path). */
function sameFile(target: string, absolute: string): boolean {
  try {
    return fs.realpathSync(target) === absolute;
  } catch {
    return false;
  }
}

/** 1-based line:column of a UTF-16 offset, lines ended as the core counts them (LF, CRLF, CR). */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}
