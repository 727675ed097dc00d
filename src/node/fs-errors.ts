import { t } from '../core/index';

/**
 * A file-system error in words, for the one line the CLI and the recorder print after the path
 * they name themselves: Node's own message repeats the syscall and the path (`ENOENT: no such
 * file or directory, stat '…'`), and may run over several lines, of which the first is kept.
 * Node-only (errno codes); shared by src/cli and src/recorder.
 */
export function reason(err: unknown): string {
  switch ((err as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
      return t('no such file or directory');
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return t('permission denied');
    case 'EISDIR':
      return t('is a directory');
    case 'ENOTDIR':
      return t('a part of the path is not a directory');
    case 'ELOOP':
      return t('too many levels of symbolic links');
    case 'ENOSPC':
      return t('no space left on the device');
    default:
      return err instanceof Error ? err.message.split('\n')[0]! : String(err);
  }
}
