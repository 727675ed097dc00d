import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { t } from '../core/index';
import { reason } from '../node/fs-errors';
import { IoError } from './errors';

/**
 * Writes `absolute` through a temporary file in its folder (same file system, so the rename is
 * atomic: POSIX rename(2)): the file is always either the old one or the new one, never half
 * written. `fill` writes the content with `put`, and answers false to leave the file untouched.
 * The new file gets `mode` (default: an existing file's permissions, else 0o666 less the umask).
 * The temporary file is removed on any failure and on Ctrl-C (exit status 130). `given` names
 * the file in errors: `cannot write NAME: reason` (an IoError, exit status 2). `suffix` tells
 * whose temporary file it is (`.redact-tmp`).
 */
export async function writeAtomically(given: string, absolute: string, suffix: string, fill: (put: (bytes: Uint8Array) => void) => Promise<boolean>): Promise<boolean> {
  const temp = path.join(path.dirname(absolute), `.${path.basename(absolute)}.${process.pid}-${randomUUID().slice(0, 8)}${suffix}`);
  let mode = 0o666;
  try {
    mode = fs.statSync(absolute).mode & 0o7777;
  } catch {
    // A new file: the default permissions, less the umask (openSync applies it).
  }
  let fd: number | undefined;
  let open = false;
  const removeTemp = (): void => {
    if (open && fd !== undefined) fs.closeSync(fd);
    open = false;
    fs.rmSync(temp, { force: true });
  };
  const interrupted = (): void => {
    removeTemp();
    process.exit(130);
  };
  // Listening before the temporary file exists: until a process listens, SIGINT kills it at once,
  // and a Ctrl-C between the two would leave the temporary file behind.
  process.once('SIGINT', interrupted);
  try {
    fd = writing(given, () => fs.openSync(temp, 'wx', mode));
    open = true;
    const out = fd;
    const keep = await fill((bytes) => {
      writing(given, () => {
        for (let at = 0; at < bytes.length; ) at += fs.writeSync(out, bytes, at, bytes.length - at);
      });
    });
    if (!keep) {
      removeTemp();
      return false;
    }
    writing(given, () => fs.fsyncSync(out));
    fs.closeSync(out);
    open = false;
    writing(given, () => fs.renameSync(temp, absolute));
    return true;
  } catch (err) {
    removeTemp();
    throw err;
  } finally {
    process.removeListener('SIGINT', interrupted);
  }
}

/** Runs one file-system call writing `name`; its failure becomes `cannot write NAME: reason` (exit status 2). */
export function writing<T>(name: string, call: () => T): T {
  try {
    return call();
  } catch (err) {
    throw new IoError(t('cannot write {0}: {1}', name, reason(err)));
  }
}
