import * as fs from 'node:fs';
import * as path from 'node:path';
import { captureLog, decodeBytes, t } from '../core/index';
import { writeAtomically } from './atomic';
import { IoError, reading } from './errors';

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
  if (reading(given, () => fs.statSync(absolute)).isDirectory()) throw new IoError(t('cannot read {0}: is a directory ({1} takes one capture file)', given, 'import'));
  const { text, invalid } = decodeBytes(reading(given, () => fs.readFileSync(absolute)));
  if (invalid.length > 0) throw new IoError(t("{0} has invalid UTF-8 at {1}: a capture is UTF-8 text (or UTF-16 with a byte order mark), and its payloads' bytes are kept as they are", given, lineColumn(text, invalid[0]!.offset)));
  const log = captureLog(text);
  if ('error' in log) throw new IoError(`${given} ${log.error}`);
  const body = log.records.map((r) => `${r}\n`).join('');
  let where = 'stdout';
  if (command.out === undefined) await io.stdout(body);
  else {
    const target = path.resolve(io.cwd, command.out);
    if (sameFile(target, absolute)) throw new IoError(t('--out {0} is the capture itself: name another file for the log', command.out));
    await writeAtomically(command.out, target, '.import-tmp', (put) => {
      put(new TextEncoder().encode(body));
      return Promise.resolve(true);
    });
    where = command.out;
  }
  const moved = log.moved === 0 ? t('in reception order, as in the file') : log.moved === 1 ? t('in reception order (1 payload not where the file had it)') : t('in reception order ({0} payloads not where the file had them)', log.moved);
  io.stderr(`alfred-events: ${given}: ${log.records.length === 1 ? t('1 payload written to {0}, {1}', where, moved) : t('{0} payloads written to {1}, {2}', log.records.length, where, moved)}\n`);
  for (const i of log.skipped) io.stderr(`alfred-events: ${given}: ${t('{0} has no payload: left out', `events[${i}]`)}\n`);
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
