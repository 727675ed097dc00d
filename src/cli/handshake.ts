import { randomUUID } from 'node:crypto';
import { deliveryTarget, handshakeBody, judgeHandshake } from '../core/index';
import { IoError } from './errors';

/** What the CLI shows of a response body. */
const SHOWN_BODY = 2_000;

/**
 * `alfred-events handshake --to URL` (README "Delivering to your receiver"): POSTs a fresh
 * URL-verification body to the receiver, with Node's own fetch, and judges the answer. Resolves
 * to the exit status: 0 the receiver passed, 1 it did not (or could not be reached in time).
 * A target that is not allowed is an IoError (status 2, one line), before anything is sent. Redirects
 * are not followed: nothing goes anywhere but the URL the user named.
 */
export async function handshake(to: string, options: { allowRemote: boolean; timeoutMs: number }, out: (line: string) => void): Promise<number> {
  const target = deliveryTarget(to, options.allowRemote);
  if ('error' in target) throw new IoError(`refused: ${target.error}`);
  const { text, challenge } = handshakeBody(randomUUID);
  out(`POST ${target.url.href} (url_verification, challenge ${challenge})\n`);
  const started = performance.now();
  let status: number;
  let body: string;
  let contentType: string | undefined;
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: text,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    status = response.status;
    contentType = response.headers.get('content-type') ?? undefined;
    body = await response.text();
  } catch (err) {
    out(`fail: ${unreachable(err, options.timeoutMs)}\n`);
    return 1;
  }
  const ms = Math.round(performance.now() - started);
  out(`HTTP ${status} in ${ms} ms${contentType ? `, ${contentType}` : ''}\n`);
  if (body) out(`${body.length > SHOWN_BODY ? `${body.slice(0, SHOWN_BODY)}… (${body.length} characters)` : body}\n`);
  const verdict = judgeHandshake(challenge, { status, body, contentType });
  out(`${verdict.ok ? 'ok' : 'fail'}: the receiver ${verdict.message}\n`);
  return verdict.ok ? 0 : 1;
}

/** Why no answer came, in words: too slow, refused, or what Node says. */
function unreachable(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${timeoutMs} ms (--timeout)`;
  const code = e.cause?.code;
  if (code === 'ECONNREFUSED') return 'the connection was refused: is the receiver running on that port?';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the receiver closed the connection without an answer';
  return `no answer: ${e.cause?.message ?? e.message ?? String(err)}`;
}
