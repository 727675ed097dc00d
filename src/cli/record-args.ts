import { deliveryTarget, t } from '../core/index';
import { hostIsLoopback, parseListen } from '../recorder/index';
import { UsageError } from './args';
import type { ConfigChoice } from './config';

/** `alfred-events record --listen HOST:PORT --out FILE [--forward-to URL] …` as parsed (README "Recording deliveries"). */
export interface RecordCommand {
  kind: 'record';
  host: string;
  port: number;
  out: string;
  sidecar?: string;
  forwardTo?: URL;
  allowRemote: boolean;
  /** How long the receiver may take to answer a forwarded request (--timeout). */
  timeoutMs: number;
  /** Whose rules the events are validated under (the log's folder's team configuration by default). */
  config: ConfigChoice;
}

/** The options only record takes, for parseArgs (args.ts spreads them into its list). */
export const RECORD_OPTIONS = {
  listen: { type: 'string' },
  out: { type: 'string' },
  'forward-to': { type: 'string' },
  sidecar: { type: 'string' },
} as const;

/** The options record reads besides the delivery ones, as parseArgs gives them. */
export interface RecordValues {
  listen?: string;
  out?: string;
  'forward-to'?: string;
  sidecar?: string;
}

/**
 * Reads record's options: `--listen` (HOST:PORT, :PORT or PORT; loopback unless --allow-remote)
 * and `--out` are required; `--forward-to` is checked as a receiver is (http(s), loopback unless
 * --allow-remote). `shared` holds the options every delivery command reads (args.ts). Throws a
 * UsageError naming the option and what it expects, before anything listens.
 */
export function parseRecord(values: RecordValues, rest: readonly string[], shared: { allowRemote: boolean; timeoutMs: number; config: ConfigChoice }): RecordCommand {
  if (rest.length > 0) throw new UsageError(t("'{0}' takes no paths, got '{1}' (the log is --out FILE)", 'record', rest[0]));
  if (values.listen === undefined) throw new UsageError(t('record needs --listen HOST:PORT (such as 127.0.0.1:3000, or :0 for any free port)'));
  if (values.out === undefined || values.out === '') throw new UsageError(t('record needs --out FILE, the log to append the events to'));
  if (values.sidecar === '') throw new UsageError(t('{0} needs a file name', '--sidecar'));
  const listen = parseListen(values.listen);
  if ('error' in listen) throw new UsageError(listen.error);
  const loopback = hostIsLoopback(listen.host);
  if (loopback === undefined) throw new UsageError(t("--listen: '{0}' is not a host name or address", listen.host));
  if (!loopback && !shared.allowRemote) {
    throw new UsageError(t('--listen {0} is not a loopback address (127.0.0.0/8, ::1, localhost): pass --allow-remote to listen where other machines can reach it', values.listen));
  }
  let forwardTo: URL | undefined;
  if (values['forward-to'] !== undefined) {
    const target = deliveryTarget(values['forward-to'], shared.allowRemote);
    if ('error' in target) throw new UsageError(`--forward-to: ${target.error}`);
    forwardTo = target.url;
  }
  return {
    kind: 'record', host: listen.host, port: listen.port, out: values.out,
    ...(values.sidecar === undefined ? {} : { sidecar: values.sidecar }),
    ...(forwardTo === undefined ? {} : { forwardTo }),
    ...shared,
  };
}
