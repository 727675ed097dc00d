/**
 * A delivery as a curl command line (README "Sending to your receiver", Copy as cURL): what the
 * editor sent, to paste into a POSIX shell and send again, byte for byte.
 */

/** The request to write out: as deliver() sends it (a POST carries `content-type: application/json` and the body). */
export interface CurlRequest {
  url: URL;
  method: 'POST' | 'GET';
  /** The text sent, as UTF-8 (deliver() sends a string so). Ignored for GET. */
  body?: string;
}

/**
 * A command for a POSIX shell (sh, bash, zsh) that makes the same request:
 * `curl --globoff --request POST --header 'content-type: application/json' --data-binary '…' 'URL'`.
 * Every argument is single-quoted, a quote inside written `'\''` (POSIX shell, Quoting: nothing
 * is special between single quotes), so `$(…)`, backticks, `\`, `!`, newlines and any other
 * character reach curl as written. `--globoff` keeps curl from reading `[]{}` in the URL as ranges.
 * A body that starts with `@` goes through `--data-raw` (curl would read `--data-binary @x` from the
 * file x); a body holding U+0000, which no argument can carry, is piped in with printf's octal
 * escapes (`printf '%b' '…\0000…' | curl … --data-binary @-`).
 */
export function curlCommand(request: CurlRequest): string {
  const args = ['curl', '--globoff', '--request', request.method];
  let input = '';
  if (request.method === 'POST') {
    const body = request.body ?? '';
    args.push('--header', quote('content-type: application/json'));
    if (body.includes('\0')) {
      // %b reads backslash escapes: each backslash of the body doubled, each NUL as \0000 (POSIX printf, "%b").
      input = `printf '%b' ${quote(body.replace(/\\/g, '\\\\').replace(/\0/g, '\\0000'))} | `;
      args.push('--data-binary', '@-');
    } else {
      args.push(body.startsWith('@') ? '--data-raw' : '--data-binary', quote(body));
    }
  }
  args.push(quote(request.url.href));
  return input + args.join(' ');
}

/** `text` as one single-quoted POSIX shell word. */
function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
