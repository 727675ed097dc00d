/**
 * The editor's decisions about recording deliveries, kept free of the vscode module so that unit
 * tests can put any answer to them (README "Recording in the editor"): which port is a port, what
 * a caller's arguments say, and whether a forward URL may be used.
 */
import { isLoopback } from '../core/index';
import { checkTarget, ENGLISH, type L10n } from './receiver-policy';

/** The log a recording writes when the user does not pick another: in the workspace folder. */
export const DEFAULT_LOG = 'deliveries.alfred.jsonl';

/** The one address the editor's recorder listens on: this machine only (a tunnel may front it). */
export const LOOPBACK = '127.0.0.1';

/**
 * A TCP port as typed: decimal digits only, 0 to 65535 (RFC 793's 16-bit port; 0 asks the system
 * for any free port). Surrounding spaces are ignored; anything else (a sign, a fraction, "8e3",
 * hex) is an error sentence.
 */
export function parsePort(text: string, l10n: L10n = ENGLISH): { port: number } | { error: string } {
  const t = text.trim();
  const port = /^\d{1,5}$/.test(t) ? Number(t) : NaN;
  if (!(port >= 0 && port <= 65535)) return { error: l10n.t('A port is a whole number from 0 to 65535 (0: any free port).') };
  return { port };
}

/**
 * The forward URL as typed: empty for none (the recorder answers the handshake itself), else a
 * URL checked as every delivery target is (http: or https:, loopback unless `allowRemote`), and
 * not the recorder's own port on this machine, which would send each request back to itself.
 */
export function parseForward(text: string, allowRemote: boolean, port: number, l10n: L10n = ENGLISH): { url?: URL } | { error: string } {
  const t = text.trim();
  if (!t) return {};
  const target = checkTarget(t, allowRemote, l10n);
  if ('error' in target) return target;
  const own = port !== 0 && Number(target.url.port || (target.url.protocol === 'https:' ? 443 : 80)) === port && isLoopback(target.url.hostname);
  if (own) return { error: l10n.t('{0} is the recorder itself: forward to your receiver on another port.', target.url.origin) };
  return { url: target.url };
}

/**
 * What a caller (a test, a keybinding, a task) may pass to *Start Recording Deliveries…* to skip
 * its questions: `port` (a number), `out` (a file URI or path, as a string), `forwardTo` (a URL,
 * or "" for none). Each member given is used as the answer to its question; a member of the
 * wrong type is an error sentence, not a silent default. Anything not an object means no answers.
 */
export interface RecordingArgs {
  port?: number;
  out?: string;
  forwardTo?: string;
}

export function readArgs(raw: unknown, l10n: L10n = ENGLISH): { args: RecordingArgs } | { error: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { args: {} };
  const o = raw as Record<string, unknown>;
  const args: RecordingArgs = {};
  if (o.port !== undefined) {
    if (typeof o.port !== 'number' || !Number.isInteger(o.port) || o.port < 0 || o.port > 65535) return { error: l10n.t('A port is a whole number from 0 to 65535 (0: any free port).') };
    args.port = o.port;
  }
  for (const key of ['out', 'forwardTo'] as const) {
    const v = o[key];
    if (v === undefined) continue;
    if (typeof v !== 'string') return { error: l10n.t('{0} must be a string.', key) };
    args[key] = v;
  }
  return { args };
}
