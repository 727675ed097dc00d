/**
 * One recorder per log (README "Recording deliveries"): `<log>.lock`, created exclusively
 * (O_EXCL) and holding the process id of the recorder that writes the log. Two recorders on one
 * log would both number its lines from where it ended. A lock whose process is gone (a SIGKILL, a
 * crash) is stale and taken over; the lock is removed on stop and on any exit of the process.
 */
import { t } from '../core/l10n';
import * as fs from 'node:fs';
import { WriteError } from './line-file';

export class LogLock {
  private released = false;
  private readonly onExit = (): void => this.release();

  private constructor(readonly file: string) {
    process.on('exit', this.onExit);
  }

  /**
   * Takes the lock of `log` (an absolute path). Throws a one-line Error naming the process that
   * holds it, or why the lock file cannot be made.
   */
  static take(log: string): LogLock {
    const file = `${log}.lock`;
    for (let attempt = 0; ; attempt++) {
      try {
        const fd = fs.openSync(file, 'wx');
        try {
          fs.writeSync(fd, `${process.pid}\n`);
        } finally {
          fs.closeSync(fd);
        }
        return new LogLock(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new WriteError(file, err);
      }
      const pid = holder(file);
      if (pid === undefined) {
        throw new Error(t('{0} is locked by {1}, which names no process: remove it if no recorder is writing that log', log, file));
      }
      if (alive(pid) || attempt > 0) {
        throw new Error(pid === process.pid
          ? t('{0} is being recorded by another recorder (process {1}, this one): stop it, or choose another log', log, pid)
          : t('{0} is being recorded by another recorder (process {1}; another VS Code window or an alfred-events record): stop it, or choose another log', log, pid));
      }
      // Stale: its recorder is gone. Remove it and try once more (another may take it first).
      try {
        fs.unlinkSync(file);
      } catch {
        // Gone already: the retry decides.
      }
    }
  }

  /** Removes the lock file if it is still this recorder's. Idempotent; never throws. */
  release(): void {
    if (this.released) return;
    this.released = true;
    process.off('exit', this.onExit);
    try {
      if (holder(this.file) === process.pid) fs.unlinkSync(this.file);
    } catch {
      // Already removed: nothing to do.
    }
  }
}

/** The process id a lock file holds, or undefined when it holds none (empty, garbled, unreadable). */
function holder(file: string): number | undefined {
  try {
    const text = fs.readFileSync(file, 'utf8').trim();
    return /^\d{1,10}$/.test(text) && Number(text) > 0 ? Number(text) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether process `pid` exists (signal 0 checks without sending; EPERM: it exists, as another user's). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
