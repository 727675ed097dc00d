/**
 * What each kind of secret becomes (README, "Redacting"). Every replacement is a value the
 * detection (checks/secrets) reads as a placeholder, so that a second redaction finds nothing and
 * changes nothing:
 * - signatures, signed credentials, tokens, API keys, the credentials of an Authorization value
 *   and the userinfo of a URL: `REDACTED`. In a URL it stands where the secret stood, a query
 *   parameter's value or the user and password, and is made of unreserved characters only
 *   (RFC 3986 §2.3), so the URL stays a valid URL;
 * - an e-mail address: `redacted@example.com` (a reserved domain, RFC 2606 §3);
 * - a phone number: the same characters with every digit 0, so its length, its `+`, spaces,
 *   brackets and dashes stay (an all-zero number is no one's, ITU-T E.164 has no country 0).
 */
import { REDACTED, type SecretKind, type SecretSpan } from '../checks/secrets';

/** The placeholder of an e-mail address. */
export const EMAIL_PLACEHOLDER = 'redacted@example.com';

/** The text that replaces `secret`, a span of the kind `kind`. */
export function placeholderFor(kind: SecretKind, secret: string): string {
  switch (kind) {
    case 'email':
      return EMAIL_PLACEHOLDER;
    case 'phone':
      return secret.replace(/[0-9]/g, '0');
    default:
      return REDACTED;
  }
}

/**
 * `value` with each span replaced by its placeholder. Spans are UTF-16 offsets into the decoded
 * string, in any order; one that overlaps an earlier one (by start) is taken into it, so the
 * union of the spans is replaced and nothing of a secret is left between two placeholders.
 */
export function replaceSpans(value: string, spans: readonly SecretSpan[]): string {
  if (spans.length === 0) return value;
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (let i = 0; i < sorted.length; i++) {
    const first = sorted[i]!;
    let end = first.end;
    while (i + 1 < sorted.length && sorted[i + 1]!.start < end) end = Math.max(end, sorted[++i]!.end);
    if (first.start < at) continue;
    out += value.slice(at, first.start) + placeholderFor(first.kind, value.slice(first.start, end));
    at = end;
  }
  return out + value.slice(at);
}
