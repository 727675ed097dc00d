import { CREDENTIAL_HINT, credentialSpans } from './credentials';
import { later } from '../../l10n';
import { emailSpans } from './email';
import { phoneSpans } from './phone';
import { isRedacted } from './placeholder';
import { SIGNED_URL_HINT, signedUrlSpans } from './signed-url';
import type { Found, SecretRule, SecretSpan, StringField } from './types';
import { userinfoSpans } from './userinfo';

/*
 * All secrets of one string value, for the three rules (README, "What it checks", Secrets and
 * personal data). Where findings overlap, the first rule in the order signed-url, credential,
 * personal-data keeps the text: the e-mail address inside a Google credential is that credential.
 */

/**
 * The handshake's token: the one member of the URL verification body that lets a sender
 * register a receiver (docs.tagshelf.dev, Event API); the whole value is the secret.
 */
const HANDSHAKE_TOKEN = '/token';

/**
 * The secrets in one string value, sorted by offset, none overlapping; none for a value already
 * redacted or a placeholder (see isRedacted). Personal data only when `field.freeText`. Offsets
 * are UTF-16 code units into `value` (the decoded string). Linear in the value's length.
 */
export function secretSpans(value: string, field: StringField): SecretSpan[] {
  if (value.length < 6) return [];
  let kept: SecretSpan[] = [];
  if (field.pointer === HANDSHAKE_TOKEN) {
    kept.push({ rule: 'credential', kind: 'token', start: 0, end: value.length, what: later("the webhook registration's token") });
  } else {
    // One test for the signed URLs' and credentials' hints: most strings have none.
    if (HINT.test(value)) {
      kept = keep(kept, 'signed-url', signedUrlSpans(value));
      kept = keep(kept, 'credential', [...userinfoSpans(value), ...credentialSpans(value)]);
    }
    if (field.freeText) kept = keep(kept, 'personal-data', [...emailSpans(value), ...phoneSpans(value)]);
  }
  // Asked last: a placeholder is rarely found by a detector, and most strings hold nothing.
  return kept.length > 0 && isRedacted(value) ? [] : kept;
}

/** Each detector of signed URLs and credentials needs one of these (userinfo the `@` before a URL's host). */
const HINT = new RegExp(`${SIGNED_URL_HINT.source}|${CREDENTIAL_HINT.source}|@`, 'i');

/** `kept` and those of `found` that overlap neither `kept` nor an earlier one of `found`, by offset. */
function keep(kept: SecretSpan[], rule: SecretRule, found: Found[]): SecretSpan[] {
  if (found.length === 0) return kept;
  const out: SecretSpan[] = [...kept];
  // Stable by offset: of two finds at one place, the detector that ran first keeps it.
  const sorted = found.map((f, i) => ({ f, i })).sort((a, b) => a.f.start - b.f.start || a.i - b.i);
  let k = 0;
  let lastEnd = -1;
  for (const { f } of sorted) {
    while (k < kept.length && kept[k]!.end <= f.start) k++;
    if (f.start < lastEnd || (k < kept.length && kept[k]!.start < f.end)) continue;
    out.push({ rule, ...f });
    lastEnd = f.end;
  }
  return out.sort((a, b) => a.start - b.start);
}
