import { isRedacted } from './placeholder';
import { later } from '../../l10n';
import type { Found } from './types';

/*
 * Userinfo in URLs (RFC 3986 §3.2.1): `scheme://user:password@host`. The RFC deprecates the
 * password there ("user:password" … is deprecated) because it travels and is stored in the clear,
 * which is what a saved payload does with it.
 */

/**
 * The `user:password` of each URL in `s` that has a password, or a bare user of 20 or more
 * characters (a token given as the user, as Git hosts take them); the span covers user and
 * password. Linear: each authority is scanned once, and authorities do not overlap (each starts
 * after a `//` and ends at the next `/`).
 */
export function userinfoSpans(s: string): Found[] {
  const out: Found[] = [];
  for (let at = s.indexOf('://'); at !== -1; at = s.indexOf('://', at + 3)) {
    if (at === 0 || !isSchemeChar(s.charCodeAt(at - 1))) continue;
    const start = at + 3;
    let end = start;
    let lastAt = -1;
    let colon = -1;
    for (; end < s.length; end++) {
      const c = s[end]!;
      if (c === '/' || c === '?' || c === '#' || c === '\\' || isBreak(c)) break;
      if (c === '@') lastAt = end;
      else if (c === ':' && lastAt === -1 && colon === -1) colon = end;
    }
    if (lastAt <= start) continue;
    // A colon after the last @ is the port's, not the password's.
    const hasPassword = colon !== -1 && colon < lastAt && colon + 1 < lastAt;
    const user = s.slice(start, hasPassword ? colon : lastAt);
    if (hasPassword) {
      if (isRedacted(s.slice(colon + 1, lastAt))) continue;
    } else if (user.length < 20 || isRedacted(user)) continue;
    out.push({ kind: 'userinfo', start, end: lastAt, what: hasPassword ? later('a user name and password in a URL') : later('a token as the user of a URL') });
  }
  return out;
}

function isSchemeChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e;
}

function isBreak(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '"' || c === "'" || c === '<' || c === '>';
}
