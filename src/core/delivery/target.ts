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
    return { error: `'${text}' is not an absolute URL (such as http://127.0.0.1:3000/webhooks)` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: `'${text}' is not an http: or https: URL` };
  const loopback = isLoopback(url.hostname);
  if (!loopback && !allowRemote) {
    return { error: `${url.host} is not a loopback address (127.0.0.0/8, ::1, localhost); pass --allow-remote to deliver to it` };
  }
  return { url, loopback };
}

/** Whether a WHATWG-parsed hostname is this machine: 127.0.0.0/8 (RFC 1122 §3.2.1.3), ::1 (RFC 4291 §2.5.3), or localhost (RFC 6761 §6.3). */
export function isLoopback(hostname: string): boolean {
  if (hostname === 'localhost') return true;
  if (hostname === '[::1]') return true;
  // The parser writes every IPv4 host as four decimal numbers.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
