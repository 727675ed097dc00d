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
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'not a directory';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

/** Runs one file-system call on `name`; its failure becomes the one line `cannot read NAME: reason` (exit status 2). */
export function reading<T>(name: string, call: () => T): T {
  try {
    return call();
  } catch (err) {
    throw new IoError(`cannot read ${name}: ${reason(err)}`);
  }
}
