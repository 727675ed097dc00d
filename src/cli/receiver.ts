import * as path from 'node:path';
import { CONFIG_FILE, deliveryTarget, t } from '../core/index';
import { UsageError } from './args';
import { FolderConfigs, type ConfigChoice } from './config';
import { IoError } from './errors';

/** Where a delivery command sends: the receiver's URL, its state URL (replay), and whether it may be remote. */
export interface Receiver {
  url: URL;
  stateUrl?: URL;
  allowRemote: boolean;
}

/** The delivery options of a command line (send, handshake, replay). */
export interface ReceiverFlags {
  to?: string;
  stateUrl?: string;
  allowRemote: boolean;
  config: ConfigChoice;
  /** The command, for the usage error when no URL is given anywhere ('send needs --to URL …'). */
  command?: string;
}

/**
 * The receiver of a delivery command (README "Delivering to your receiver"): `--to` wins over the
 * team configuration's `receiver.url`, `--state-url` over its `receiver.stateUrl`, which is used
 * only with the file's own `receiver.url` (not with a `--to` receiver); `--allow-remote`
 * or the file's `receiver.allowRemote: true` allows a target that is not on this machine. The
 * team configuration is the `--config FILE`, none with `--no-config`, else the nearest
 * `.alfred-events.json` in `cwd` or above (as the validate command finds it, README "Team
 * configuration"). Both URLs are checked by `deliveryTarget` before anything is sent.
 *
 * Throws a UsageError when no URL is given anywhere; an IoError for a refused target (`refused: …`,
 * saying when the URL came from the file) and for an invalid or unreadable configuration.
 */
export function resolveReceiver(flags: ReceiverFlags, cwd: string): Promise<Receiver> {
  // Asynchronous by contract (a lookup may come to read files asynchronously); a throw becomes the rejection.
  return new Promise((resolve) => resolve(receiverOf(flags, cwd)));
}

function receiverOf(flags: ReceiverFlags, cwd: string): Receiver {
  const found = new FolderConfigs(flags.config, cwd).of(path.resolve(cwd));
  const team = found?.config.receiver;
  // Only to name it in a refusal: a URL the user did not type must say where it came from.
  const file = flags.config.kind === 'file' ? flags.config.path : found && path.relative(cwd, path.join(found.dir, CONFIG_FILE)).split(path.sep).join('/');
  const allowRemote = flags.allowRemote || team?.allowRemote === true;
  const check = (given: string | undefined, key: string, fromFile: string | undefined): URL | undefined => {
    const text = given ?? fromFile;
    if (text === undefined) return undefined;
    const target = deliveryTarget(text, allowRemote);
    if ('error' in target) throw new IoError(t('refused: {0}', `${target.error}${given === undefined ? t(' ({0} in {1})', `receiver.${key}`, file) : ''}`));
    return target.url;
  };
  const url = check(flags.to, 'url', team?.url);
  if (url === undefined) throw new UsageError(t('{0} needs --to URL (or receiver.url in {1})', flags.command ?? t('this command'), CONFIG_FILE));
  // The file's state URL belongs to the file's receiver: a receiver named with --to has only the --state-url given with it.
  const stateUrl = check(flags.stateUrl, 'stateUrl', flags.to === undefined ? team?.stateUrl : undefined);
  return stateUrl ? { url, stateUrl, allowRemote } : { url, allowRemote };
}
