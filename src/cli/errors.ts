import { t } from '../core/index';
import { reason } from '../node/fs-errors';

/**
 * A problem with the paths given (one cannot be read, or a directory holds nothing to check) or
 * with a team configuration, already worded as the one line the CLI prints for it (exit status 2).
 */
export class IoError extends Error {}

/** Runs one file-system call on `name`; its failure becomes the one line `cannot read NAME: reason` (exit status 2). */
export function reading<T>(name: string, call: () => T): T {
  try {
    return call();
  } catch (err) {
    throw new IoError(t('cannot read {0}: {1}', name, reason(err)));
  }
}
