import type { Found } from './types';
import { later } from '../../l10n';

/*
 * E-mail addresses in free text: RFC 5322 §3.4.1 addr-spec, its practical subset (a dot-atom local
 * part of letters, digits and . _ % + -, a domain of dot-separated labels), with RFC 6531's
 * non-ASCII letters in both parts. Found from each `@` outwards, each side bounded by RFC 5321
 * §4.5.3.1's limits (64 for the local part, 255 for the domain), so the scan is linear.
 */

/**
 * Addresses at names reserved for documentation and tests are placeholders, not anyone's address:
 * RFC 2606 §2–3 (example.com, .net, .org; the .test, .example, .invalid, .localhost top-level
 * names), as RFC 6761 §6 keeps them.
 */
const RESERVED_TLDS: ReadonlySet<string> = new Set(['test', 'example', 'invalid', 'localhost']);
const RESERVED_DOMAINS = ['example.com', 'example.net', 'example.org'];

// `logo@2x.png`, `icon@3x.webp`: an image's density suffix, not an address.
const FILE_EXTENSIONS: ReadonlySet<string> = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'bmp', 'tif', 'tiff', 'pdf', 'txt', 'csv', 'json', 'xml', 'html', 'htm', 'js', 'css', 'doc', 'docx', 'xls', 'xlsx']);

/** The e-mail addresses in `s`, except those at reserved names. Linear. */
export function emailSpans(s: string): Found[] {
  const out: Found[] = [];
  if (!s.includes('@')) return out;
  let floor = 0;
  for (let at = s.indexOf('@'); at !== -1; at = s.indexOf('@', at + 1)) {
    let start = at;
    while (start > floor && at - start < 64 && isLocal(s.charCodeAt(start - 1))) start--;
    if (start > floor && isLocal(s.charCodeAt(start - 1))) continue; // longer than 64
    let end = at + 1;
    while (end < s.length && end - at <= 255 && isDomain(s.charCodeAt(end))) end++;
    // A sentence's full stop or a label's hyphen is not the domain's.
    while (end > at + 1 && (s[end - 1] === '.' || s[end - 1] === '-')) end--;
    floor = at + 1;
    const local = s.slice(start, at);
    const domain = s.slice(at + 1, end);
    if (!goodLocal(local) || !goodDomain(domain) || inAuthority(s, start)) continue;
    out.push({ kind: 'email', start, end, what: later('an e-mail address') });
  }
  return out;
}

function goodLocal(local: string): boolean {
  return local.length > 0 && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..');
}

function goodDomain(domain: string): boolean {
  const labels = domain.toLowerCase().split('.');
  if (labels.length < 2 || labels.some((l) => l === '' || l.startsWith('-') || l.endsWith('-'))) return false;
  const tld = labels[labels.length - 1]!;
  // A top-level name is letters (or an IDN's xn-- form), never digits: 10.0.0.1 is no domain.
  if (tld.length < 2 || !/^(?:[a-z]+|xn--[a-z0-9-]+|[^\p{ASCII}]+)$/u.test(tld)) return false;
  if (RESERVED_TLDS.has(tld) || FILE_EXTENSIONS.has(tld)) return false;
  const d = labels.join('.');
  return !RESERVED_DOMAINS.some((r) => d === r || d.endsWith('.' + r));
}

/** `user@host` right after `//` (or `//user:pass@host`) is a URL's userinfo, reported as a credential if it is one. */
function inAuthority(s: string, start: number): boolean {
  let i = start;
  if (s[i - 1] === ':') for (i--; i > 0 && start - i < 64 && isLocal(s.charCodeAt(i - 1)); i--);
  return s[i - 1] === '/' && s[i - 2] === '/';
}

function isLocal(c: number): boolean {
  return isAlnum(c) || c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2b || c === 0x2d || isWide(c);
}

function isDomain(c: number): boolean {
  return isAlnum(c) || c === 0x2e || c === 0x2d || isWide(c);
}

function isAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

/** Letters beyond ASCII (RFC 6531): anything from U+00C0 on but the blanks and punctuation of U+2000–U+206F and U+3000. */
function isWide(c: number): boolean {
  return c >= 0xc0 && !(c >= 0x2000 && c <= 0x206f) && c !== 0x3000 && c !== 0xfeff;
}
