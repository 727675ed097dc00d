import { t } from '../core/index';

/**
 * A problem with the paths given (one cannot be read, or a directory holds nothing to check) or
 * with a team configuration, already worded as the one line the CLI prints for it (exit status 2).
 */
export class IoError extends Error {}

// Node's own messages repeat the syscall and path (`ENOENT: no such file or directory, stat
// '…'`); the CLI names the path itself, so only the reason is kept.
export function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return t('no such file or directory');
    case 'EACCES':
    case 'EPERM':
      return t('permission denied');
    case 'ENOTDIR':
      return t('not a directory');
    case 'EISDIR':
      return t('is a directory');
    case 'ELOOP':
      return t('too many levels of symbolic links');
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

/** Runs one file-system call on `name`; its failure becomes the one line `cannot read NAME: reason` (exit status 2). */
export function reading<T>(name: string, call: () => T): T {
  try {
    return call();
  } catch (err) {
    throw new IoError(t('cannot read {0}: {1}', name, reason(err)));
  }
}
