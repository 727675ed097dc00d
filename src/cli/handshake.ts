import { randomUUID } from 'node:crypto';
import { answered, deliver, deliveryTarget, handshakeBody, judgeHandshake } from '../core/index';
import { IoError } from './errors';

/** What the CLI shows of a response body. */
const SHOWN_BODY = 2_000;

/**
 * `alfred-events handshake --to URL` (README "Delivering to your receiver"): POSTs a fresh
 * URL-verification body to the receiver and judges the answer. Resolves to the exit status: 0 the
 * receiver passed, 1 it did not (or could not be reached in time). A target that is not allowed
 * is an IoError (status 2, one line), before anything is sent. Redirects are not followed:
 * nothing goes anywhere but the URL the user named.
 */
export async function handshake(to: string, options: { allowRemote: boolean; timeoutMs: number }, out: (line: string) => void): Promise<number> {
  const target = deliveryTarget(to, options.allowRemote);
  if ('error' in target) throw new IoError(`refused: ${target.error}`);
  const { text, challenge } = handshakeBody(randomUUID);
  out(`POST ${target.url.href} (url_verification, challenge ${challenge})\n`);
  const outcome = await deliver({ url: target.url, method: 'POST', body: text, timeoutMs: options.timeoutMs });
  if (!answered(outcome)) {
    out(`fail: ${outcome.failure === 'timeout' ? `${outcome.message} (--timeout)` : outcome.message}\n`);
    return 1;
  }
  const contentType = outcome.headers.find(([name]) => name === 'content-type')?.[1];
  out(`HTTP ${outcome.status} in ${outcome.ms} ms${contentType ? `, ${contentType}` : ''}\n`);
  const body = outcome.body;
  if (body) out(`${body.length > SHOWN_BODY ? `${body.slice(0, SHOWN_BODY)}… (${body.length} characters)` : body}\n`);
  const verdict = judgeHandshake(challenge, { status: outcome.status, body, contentType });
  out(`${verdict.ok ? 'ok' : 'fail'}: the receiver ${verdict.message}\n`);
  return verdict.ok ? 0 : 1;
}
