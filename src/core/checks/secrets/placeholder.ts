/*
 * Values that are already redacted or stand in for a secret, which the rules never flag
 * (README, "What it checks"): the product's own marker, the usual written placeholders, and digit
 * runs that cannot be anyone's number.
 */

/** The product's redaction marker: what `alfred-events redact` writes in place of a secret. */
export const REDACTED = 'REDACTED';

// Whole-text placeholders: REDACTED or [redacted] in any case, a run of *, •, x or X, an angle
// placeholder such as <token>, <YOUR_API_KEY> or <your password> (letters, digits, _, - and
// blanks only: <dana@northwind-logistics.com> is an RFC 5322 angle-addr, an address), a template
// variable ({{token}}, ${TOKEN}), YOUR_API_KEY / your-api-key / your password, changeme, and the
// access key ids AWS's documentation uses, which end in EXAMPLE (AKIAIOSFODNN7EXAMPLE).
const PLACEHOLDER = /^(?:\[?redacted\]?|\(redacted\)|\*{3,}|•{3,}|x{3,}|X{3,}|<[\w -]{1,64}>|\{\{[^{}]{1,64}\}\}|\$\{[^{}]{1,64}\}|your[_ -][\w -]{1,60}|change[_-]?me|A[KS]IA[A-Z0-9]{9}EXAMPLE)$/i;

/**
 * Whether `text` (a whole value, or a span's text) is already redacted or an obvious placeholder:
 * `REDACTED` in any case (also `[redacted]`), `***`, `xxxx`, `<token>`, `{{token}}`, `${TOKEN}`, `YOUR_API_KEY`, `changeme`,
 * AWS's documented `AKIAIOSFODNN7EXAMPLE`, or a run of digits that are
 * all zeros or all `x` with phone separators (`000-000-0000`, `+00 0000 000000`, `xxx-xxx-xxxx`).
 * An empty or blank text counts as nothing to hide, so as redacted too.
 */
export function isRedacted(text: string): boolean {
  const t = text.trim();
  if (t === '') return true;
  if (t.length <= 80 && PLACEHOLDER.test(t)) return true;
  if (t.length <= 40 && zeroOrXDigits(t)) return true;
  return false;
}

/** "000-000-0000", "+00 (0) 00 00", "xxx.xxx.xxxx": separators and only zeros or only x. */
function zeroOrXDigits(t: string): boolean {
  let zeros = 0;
  let xs = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c === '0') zeros++;
    else if (c === 'x' || c === 'X') xs++;
    else if (!' ()+-./'.includes(c)) return false;
  }
  return (zeros >= 3 && xs === 0) || (xs >= 3 && zeros === 0);
}
