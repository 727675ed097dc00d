import { randomUUID } from 'node:crypto';
import { answered, deliver, handshakeBody, judgeHandshake, t } from '../core/index';
import { noAnswer, shownBody } from './answer';
import type { Write } from './output';
import { printableLine } from './terminal';

/**
 * `alfred-events handshake` (README "Delivering to your receiver"): POSTs a fresh URL-verification
 * body to the receiver `to` (already checked by resolveReceiver) and judges the answer. Resolves
 * to the exit status: 0 the receiver passed, 1 it did not (or could not be reached in time).
 * Redirects are not followed: nothing goes anywhere but the URL the user named.
 */
export async function handshake(to: URL, options: { timeoutMs: number }, out: Write): Promise<number> {
  const { text, challenge } = handshakeBody(randomUUID);
  await out(`POST ${to.href} (url_verification, ${t('challenge {0}', challenge)})\n`);
  const outcome = await deliver({ url: to, method: 'POST', body: text, timeoutMs: options.timeoutMs });
  if (!answered(outcome)) {
    await out(`${t('fail: {0}', noAnswer(outcome))}\n`);
    return 1;
  }
  const contentType = outcome.headers.find(([name]) => name === 'content-type')?.[1];
  await out(`${t('{0} in {1} ms', `HTTP ${outcome.status}`, outcome.ms)}${contentType ? `, ${printableLine(contentType)}` : ''}\n`);
  await out(shownBody(outcome));
  const verdict = judgeHandshake(challenge, { status: outcome.status, body: outcome.body, contentType, truncated: outcome.truncated });
  await out(`${verdict.ok ? t('ok: the receiver {0}', verdict.message) : t('fail: the receiver {0}', verdict.message)}\n`);
  return verdict.ok ? 0 : 1;
}
