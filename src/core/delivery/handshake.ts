/**
 * The URL-verification handshake as Alfred's docs describe it (README "Delivering to your
 * receiver"; https://docs.tagshelf.com webhooks): Alfred POSTs `{"token", "challenge",
 * "type": "url_verification"}` and the receiver answers HTTP 200 with the challenge, as plain
 * text or as JSON `{"challenge": …}`.
 */
import { MAX_BODY_BYTES } from './transport';
import { t } from '../l10n';

/** The body Alfred sends, with fresh values from `fresh` (a UUID source, such as crypto.randomUUID). */
export function handshakeBody(fresh: () => string): { text: string; token: string; challenge: string } {
  const token = fresh();
  const challenge = fresh();
  return { text: JSON.stringify({ token, challenge, type: 'url_verification' }), token, challenge };
}

/** What came back: the status, the body as text, its Content-Type (if any). */
export interface HandshakeAnswer {
  status: number;
  body: string;
  contentType?: string;
  /** The body was longer than what was read (transport's MAX_BODY_BYTES): it cannot be judged whole. */
  truncated?: boolean;
}

/** The verdict: passed or not, and one sentence that says how, or exactly what is wrong. */
export interface Verdict {
  ok: boolean;
  message: string;
}

/**
 * Judges the answer to a handshake carrying `challenge`. Passes on HTTP 200 whose body is the
 * challenge (surrounding whitespace aside, as frameworks add a newline) or a JSON object whose
 * `challenge` member is it. A body cut at the transport's limit fails as too long. Otherwise says what is wrong: the status, the key, the value, a form
 * body, a JSON string, or a body without the challenge.
 */
export function judgeHandshake(challenge: string, answer: HandshakeAnswer): Verdict {
  const body = answer.body;
  const shown = body.length > 80 ? `${JSON.stringify(body.slice(0, 80))}…` : JSON.stringify(body);
  if (answer.status !== 200) {
    return { ok: false, message: body ? t('answered HTTP {0}; Alfred expects HTTP 200 with the challenge (body {1})', answer.status, shown) : t('answered HTTP {0}; Alfred expects HTTP 200 with the challenge', answer.status) };
  }
  if (answer.truncated) return { ok: false, message: t('answered HTTP 200 with a body over {0} MiB; the answer is the challenge alone, as plain text or as {"challenge": …}', MAX_BODY_BYTES / 1024 / 1024) };
  if (body.trim() === challenge) return { ok: true, message: t('answered HTTP 200 with the challenge as plain text') };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    value = undefined;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const members = Object.entries(value as Record<string, unknown>);
    const own = members.find(([k]) => k === 'challenge');
    if (own && own[1] === challenge) return { ok: true, message: t('answered HTTP 200 with {"challenge": …}') };
    if (own) return { ok: false, message: t('answered {0}, not the challenge sent ({1})', `{"challenge": ${JSON.stringify(own[1])}}`, challenge) };
    const elsewhere = members.find(([, v]) => v === challenge);
    if (elsewhere) return { ok: false, message: t('answered the challenge under the key "{0}"; the key must be "challenge"', elsewhere[0]) };
    return { ok: false, message: t('answered a JSON object without the challenge ({0})', shown) };
  }
  if (value === challenge) return { ok: false, message: t('answered the challenge as a JSON string (in quotes); answer it as plain text or as {"challenge": …}') };
  if (/(^|&)challenge=/.test(body.trim())) return { ok: false, message: t('answered a form body ({0}); answer the challenge as plain text or as {"challenge": …}', shown) };
  if (body === '') return { ok: false, message: t('answered HTTP 200 with an empty body; the body must be the challenge') };
  return { ok: false, message: t('answered a body without the challenge ({0})', shown) };
}
