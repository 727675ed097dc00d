/**
 * The recorder's files (README "Recording deliveries"): the log and the sidecar, checked to be
 * regular files or new paths, the log's lock taken, and a torn last line of either repaired.
 */
import { bodyField } from './body';
import { assertRegularOrNew, LineFile, WriteError } from './line-file';
import { LogLock } from './lock';

/** The open log, sidecar and lock of one recorder. */
export interface Files {
  log: LineFile;
  side: LineFile;
  lock: LogLock;
}

/**
 * Refuses a log or sidecar that exists and is not a regular file (a directory, a device, a FIFO),
 * creating nothing: the recorder checks this before it listens. Throws a one-line Error
 * (`cannot write FILE: reason`).
 */
export function checkFiles(out: string, sidecar: string): void {
  for (const file of [out, sidecar]) {
    try {
      assertRegularOrNew(file);
    } catch (err) {
      throw new WriteError(file, err);
    }
  }
}

/**
 * Takes the log's lock, opens both files (creating them if missing; LineFile.open refuses what is
 * not a regular file, as checkFiles did before the recorder listened), and
 * repairs a torn last line of either (a SIGKILL during a large write): the torn bytes go to the
 * sidecar as a `tornLine` entry and the file is cut back to its last line feed. Throws a
 * one-line Error; whatever was opened is closed again.
 */
export function openFiles(out: string, sidecar: string): Files {
  const lock = LogLock.take(out);
  let log: LineFile | undefined;
  let side: LineFile | undefined;
  try {
    log = LineFile.open(out);
    side = LineFile.open(sidecar);
    const time = new Date().toISOString();
    // The sidecar's own torn tail first: its entry can only follow a whole line.
    const sideTorn = side.torn;
    side.cutTorn();
    if (sideTorn) side.append(Buffer.from(JSON.stringify({ time, tornLine: tornEntry(sidecar, side.lines + 1, sideTorn) })));
    // The log's torn bytes are kept in the sidecar before they are cut from the log.
    if (log.torn) side.append(Buffer.from(JSON.stringify({ time, tornLine: tornEntry(out, log.lines + 1, log.torn) })));
    log.cutTorn();
    return { log, side, lock };
  } catch (err) {
    log?.close();
    side?.close();
    lock.release();
    throw err instanceof WriteError ? err : new WriteError(sidecar, err);
  }
}

/** A torn line as the sidecar keeps it: which file, which line, where it began, its bytes. */
function tornEntry(file: string, line: number, torn: { offset: number; bytes: Buffer }): object {
  return {
    file, line, byteOffset: torn.offset, ...bodyField(torn.bytes),
    note: 'the last line was cut part way (the recorder was killed or crashed while writing it); removed from the file on start',
  };
}

export function closeFiles(files: Files): void {
  files.log.close();
  files.side.close();
  files.lock.release();
}
