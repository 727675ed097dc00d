import { assignmentSpans } from './assignments';
import { later } from '../../l10n';
import { decodeBase64 } from './base64';
import { isRedacted } from './placeholder';
import type { Found, SecretKind } from './types';

/*
 * Credentials written into any string: Authorization credentials, JWTs, vendors' keys by their
 * documented shapes, private keys, and `password=`-style assignments (assignments.ts). Every pattern is linear:
 * a literal start, then bounded runs or a greedy run nothing follows (see each).
 */

/**
 * `Bearer` (RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=")
 * and `Basic` (RFC 7617 §2: base64 of user-id ":" password) credentials, the scheme in any case
 * (RFC 9110 §11.1). The class after the blanks holds no blank, and `=*` cannot fail, so a start
 * costs its blanks only, and the blanks after two starts do not overlap.
 */
const AUTHORIZATION = /(?<![A-Za-z0-9_-])(bearer|basic)[ \t]+([A-Za-z0-9\-._~+/]+=*)/gi;

/**
 * Vendors' keys by their documented prefixes and shapes; a fixed-length body or a greedy one with
 * nothing after it, so each start costs a bounded amount or ends a match. Left and right edges
 * keep a key from being found inside a longer word.
 */
const KEYS: readonly { pattern: RegExp; what: string }[] = [
  // AWS access key ids: AKIA (long-term) and ASIA (temporary), 20 characters in all (IAM user guide, "Unique identifiers").
  { pattern: /(?<![A-Za-z0-9])A(?:KI|SI)A[A-Z0-9]{16}(?![A-Za-z0-9])/g, what: later('an AWS access key id') },
  // GitHub tokens: ghp_ (classic), gho_, ghu_, ghs_, ghr_ with 36 characters; fine-grained github_pat_ with 82 (GitHub docs, "About authentication").
  { pattern: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g, what: later('a GitHub token') },
  { pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{82}(?![A-Za-z0-9_])/g, what: later('a GitHub fine-grained token') },
  // Slack tokens: xoxb- (bot), xoxp- (user), xoxa-/xoxr- (app, refresh), … (Slack API, "Token types").
  { pattern: /(?<![A-Za-z0-9_])xox[a-z]-[A-Za-z0-9-]{10,}/g, what: later('a Slack token') },
  // Stripe live secret and restricted keys (Stripe docs, "API keys").
  { pattern: /(?<![A-Za-z0-9_])[sr]k_live_[A-Za-z0-9]{16,}/g, what: later('a Stripe live key') },
  // Google API keys: AIza and 35 more characters (Google Cloud, "API keys").
  { pattern: /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/g, what: later('a Google API key') },
];

/** A PEM private key's header (RFC 7468 §10, §11; OpenSSH's own); the span runs to its END line. */
const PEM_BEGIN = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY)-----/g;

/** Nothing to look for without one of these (a single test before the patterns run; record.ts tests a record's text with it too). */
export const CREDENTIAL_HINT = /bearer|basic|eyJ|A[KS]IA|gh[pousr]_|github_pat_|xox[a-z]-|k_live_|AIza|PRIVATE KEY|passw|pwd|passphrase|secret|api.?key|token|account.?key|access.?key/i;

/** The credentials in `s`, by kind, in the order found (overlaps are settled by the caller). Linear. */
export function credentialSpans(s: string): Found[] {
  if (!CREDENTIAL_HINT.test(s)) return [];
  const out: Found[] = [];
  authorization(s, out);
  jwts(s, out);
  for (const { pattern, what } of KEYS) each(pattern, s, (m) => push(out, s, 'api-key', m.index, m.index + m[0].length, what));
  privateKeys(s, out);
  for (const f of assignmentSpans(s)) out.push(f);
  return out;
}

function authorization(s: string, out: Found[]): void {
  each(AUTHORIZATION, s, (m) => {
    const basic = m[1]!.toLowerCase() === 'basic';
    const token = m[2]!;
    const start = m.index + m[0].length - token.length;
    // Prose says "basic plan" and "the bearer of": Basic credentials decode to user:password,
    // and a bearer token of any use is long and holds a digit.
    if (basic ? !(decodeBase64(token, 1024)?.includes(':') ?? false) : token.length < 8 || !/\d/.test(token)) return;
    push(out, s, 'authorization', start, start + token.length, basic ? later('Basic credentials (user and password)') : later('a Bearer token'));
  });
}

/**
 * JWTs (RFC 7519 §3, JWS compact serialization RFC 7515 §7.1): base64url header `eyJ…` that
 * decodes to a JSON object with "alg", a payload, and a signature (a JWE has five parts). Found
 * in maximal runs of base64url characters and dots: the runs do not overlap, so the scan is linear.
 */
function jwts(s: string, out: Found[]): void {
  if (!s.includes('eyJ')) return;
  each(/[A-Za-z0-9_.-]+/g, s, (m) => {
    const run = m[0];
    if (run.length < 20 || !run.startsWith('eyJ')) return;
    const parts = run.split('.');
    if (parts.length < 3 || parts[1]!.length < 2) return;
    const header = decodeBase64(parts[0]!, 2048);
    if (!header?.startsWith('{') || !header.includes('"alg"')) return;
    const count = parts.length >= 5 ? 5 : 3;
    const length = parts.slice(0, count).join('.').length;
    push(out, s, 'token', m.index, m.index + length, 'a JWT');
  });
}

function privateKeys(s: string, out: Found[]): void {
  each(PEM_BEGIN, s, (m) => {
    const endLine = `-----END ${m[1]!}-----`;
    const at = s.indexOf(endLine, m.index + m[0].length);
    const end = at === -1 ? s.length : at + endLine.length;
    push(out, s, 'api-key', m.index, end, later('a private key'));
    PEM_BEGIN.lastIndex = end;
  });
}

function push(out: Found[], s: string, kind: SecretKind, start: number, end: number, what: string): void {
  if (!isRedacted(s.slice(start, end))) out.push({ kind, start, end, what });
}

/** Every match of a global pattern, from the start. */
function each(pattern: RegExp, s: string, f: (m: RegExpExecArray) => void): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(s); m; m = pattern.exec(s)) f(m);
}
