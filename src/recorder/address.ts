/**
 * Where the recorder listens (README "Recording deliveries"): `HOST:PORT`, `PORT` alone or
 * `:PORT` (both on 127.0.0.1), `[IPv6]:PORT`. Loopback unless the user opts in, as the delivery
 * commands' receivers are (src/core/delivery/target.ts).
 */
import { isLoopback } from '../core/delivery/target';
import { t } from '../core/l10n';

/** A listen address: the host as given (IPv6 without brackets) and the port (0 = any free one). */
export interface ListenAddress {
  host: string;
  port: number;
}

/** The host the recorder listens on when none is given: IPv4 loopback. */
export const DEFAULT_HOST = '127.0.0.1';

/**
 * Parses `--listen`: `HOST:PORT`, `[::1]:PORT`, `:PORT` or `PORT` (the last two on 127.0.0.1).
 * PORT is a decimal number from 0 to 65535 (0: the system picks a free one). Returns the address
 * or one line saying what is wrong.
 */
export function parseListen(text: string): ListenAddress | { error: string } {
  const m = /^(?:(\[[^\]]*\]|[^:[\]]*):)?(\d{1,5})$/.exec(text);
  const port = m ? Number(m[2]) : NaN;
  if (!m || !(port >= 0 && port <= 65535)) {
    return { error: t("--listen expects HOST:PORT, :PORT or PORT (a port from 0 to 65535; 0 for any free one), got '{0}'", text) };
  }
  const given = m[1] ?? '';
  const host = given === '' ? DEFAULT_HOST : given.startsWith('[') ? given.slice(1, -1) : given;
  if (host === '') return { error: t("--listen expects a host inside the brackets, got '{0}'", text) };
  return { host, port };
}

/**
 * Whether `host` (a name or an address, IPv6 without brackets) is this machine's loopback:
 * judged after the WHATWG URL standard's parsing, as deliveryTarget judges a receiver, so
 * `127.1` is loopback and `127.0.0.1.example.com` is not. Undefined when it is no valid host.
 */
export function hostIsLoopback(host: string): boolean | undefined {
  try {
    const url = new URL(`http://${host.includes(':') ? `[${host}]` : host}/`);
    return isLoopback(url.hostname);
  } catch {
    return undefined;
  }
}

/** `host:port` as a URL writes it (IPv6 in brackets). */
export function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}
