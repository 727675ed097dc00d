import { t } from '../l10n';
/**
 * Where the CLI and the extension may deliver to (issue 13, README "Delivering to your
 * receiver"): only the receiver the user names, and only on this machine unless they opt in.
 */

/** A target URL checked: the parsed URL, or why it is refused (one line, for exit status 2). */
export type Target = { url: URL; loopback: boolean } | { error: string };

/**
 * Parses `text` as the WHATWG URL standard does and checks it as a delivery target: `http:` or
 * `https:`, and a loopback host (127.0.0.0/8, `::1`, `localhost`) unless `allowRemote`. The host
 * is judged after the standard's own parsing, so `127.1`, `0x7f.0.0.1` and `[0:0:0:0:0:0:0:1]`
 * are the loopback addresses they parse to, and `127.0.0.1.example.com` is not.
 */
export function deliveryTarget(text: string, allowRemote: boolean): Target {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { error: t("'{0}' is not an absolute URL (such as http://127.0.0.1:3000/webhooks)", text) };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: t("'{0}' is not an http: or https: URL", text) };
  // Fetch (and so every door) refuses both; said here, before anything seems to be sent.
  if (url.username !== '' || url.password !== '') return { error: t("'{0}' is given with a user name or password: a receiver URL carries no credentials (the Fetch standard refuses them)", url.host) };
  if (BAD_PORTS.has(effectivePort(url))) {
    return { error: t('port {0} is one that Node and browsers never connect to (the Fetch standard\'s "bad ports"): run the receiver on another port', effectivePort(url)) };
  }
  const loopback = isLoopback(url.hostname);
  if (!loopback && !allowRemote) {
    return { error: t('{0} is not a loopback address (127.0.0.0/8, ::1, localhost); pass --allow-remote to deliver to it', url.host) };
  }
  return { url, loopback };
}

/**
 * The ports the Fetch standard blocks (https://fetch.spec.whatwg.org/#bad-port, "port
 * blocking"): Node's fetch and every browser refuse to connect to them.
 */
const BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135,
  137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720,
  1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** The port a request to `url` goes to: its own, else the scheme's default (80, 443). */
const effectivePort = (url: URL): number => (url.port !== '' ? Number(url.port) : url.protocol === 'https:' ? 443 : 80);

/** Whether a WHATWG-parsed hostname is this machine: 127.0.0.0/8 (RFC 1122 §3.2.1.3), ::1 (RFC 4291 §2.5.3), or localhost (RFC 6761 §6.3). */
export function isLoopback(hostname: string): boolean {
  if (hostname === 'localhost') return true;
  if (hostname === '[::1]') return true;
  // The parser writes every IPv4 host as four decimal numbers.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
