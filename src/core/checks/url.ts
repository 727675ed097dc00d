/*
 * What an absolute http(s) URL is, by the WHATWG URL standard (https://url.spec.whatwg.org/):
 * a string its URL parser reads, with no base, as a URL whose scheme is http or https, without
 * a validation error. The parser itself (the `URL` global, in Node and in browsers alike) says
 * which strings fail; the validation errors it recovers from silently (a missing slash, a
 * backslash, a space in the path, credentials, a hexadecimal IPv4 part…) are found here from the
 * text, because the parser's recovery means the text does not say what it points to.
 */

import { clip, codePointName } from '../util/clip';
import { t } from '../l10n';
import { preview } from './findings';

/** A code point a URL may hold outside its authority (the standard's "URL code points"), or an escape. */
const UNIT = `(?:[A-Za-z0-9!$&'()*+,\\-./:;=?@_~\\u{A0}-\\u{D7FF}\\u{E000}-\\u{FDCF}\\u{FDF0}-\\u{FFFD}${supplementary()}]|%[0-9A-Fa-f]{2})`;
const URL_UNIT = new RegExp(`^${UNIT}$`, 'u');
/** Path and query, then at most one "#" and the fragment: the usual case, tested in one go. */
const TAIL = new RegExp(`^${UNIT}*(?:#${UNIT}*)?$`, 'u');

/** U+10000 to U+10FFFD, without each plane's two noncharacters (U+xFFFE, U+xFFFF). */
function supplementary(): string {
  let out = '';
  for (let plane = 1; plane <= 16; plane++) out += `\\u{${plane.toString(16)}0000}-\\u{${plane.toString(16)}FFFD}`;
  return out;
}

/**
 * Why `s` is not an absolute http(s) URL, as a phrase to follow "found …: ", or undefined when
 * it is one. Hosts may be names without a dot (`localhost`), IPv4 or bracketed IPv6 addresses,
 * or internationalised names; ports and percent-encoding are fine. Rule `invalid-url` (README,
 * "Rules").
 */
export function httpUrlProblem(s: string): string | undefined {
  if (/^[\0- ]|[\0- ]$/.test(s)) return t('it starts or ends with a blank or a control character');
  if (/[\t\n\r]/.test(s)) return t('it holds a tab or a line break');
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(s);
  if (!scheme) return s.startsWith('//') ? t('it has no scheme: write https: before the //') : t('it is not absolute: write it as https://host/path');
  const name = scheme[1]!.toLowerCase();
  if (name !== 'http' && name !== 'https') return t('its scheme is {0}:, not http: or https:', clip(name, 40));
  const rest = s.slice(scheme[0].length);
  if (s.includes('\\')) return t('it holds a backslash: URLs use forward slashes, and "\\" elsewhere is written %5C');
  if (!rest.startsWith('//') || rest[2] === '/') return t('{0}: must be followed by exactly two slashes and the host', clip(name, 40));
  const end = rest.slice(2).search(/[/?#]/);
  const authority = end < 0 ? rest.slice(2) : rest.slice(2, 2 + end);
  if (authority.includes('@')) return t('it carries a user name or password before "@": a URL cannot be written with credentials');
  const tail = end < 0 ? '' : rest.slice(2 + end);
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return authorityProblem(authority);
  }
  return ipv4Problem(authority, url.hostname) ?? unitProblem(tail);
}

/** Why the parser refused an authority (host and port); the scheme and slashes were fine. */
function authorityProblem(authority: string): string {
  const ipv6 = authority.startsWith('[');
  const close = ipv6 ? authority.indexOf(']') : -1;
  const colon = ipv6 ? (close < 0 ? -1 : authority.indexOf(':', close)) : authority.lastIndexOf(':');
  const host = colon < 0 ? authority : authority.slice(0, colon);
  const port = colon < 0 ? '' : authority.slice(colon + 1);
  if (host === '') return t('it has no host');
  if (ipv6 && close < 0) return t('the IPv6 address {0} has no closing "]"', clip(host, 60));
  if (!/^\d*$/.test(port) || Number(port) > 65535) return t('its port {0} is not a number from 0 to 65535', preview(port));
  if (ipv6) return t('{0} is not an IPv6 address', clip(host, 60));
  const bad = /[\0- #/:<>?@[\\\]^|\x7f]/.exec(host);
  if (bad) return t('the host {0} holds {1}, which no host name can', preview(host), bad[0] === ' ' ? t('a space') : JSON.stringify(bad[0]));
  if (endsInNumber(host)) return t('{0} is not an IPv4 address: four numbers from 0 to 255, separated by dots', clip(host, 60));
  return t('the host {0} is not a valid host name', preview(host));
}

/**
 * The standard's "ends in a number": the parser reads such a host as an IPv4 address, or fails.
 */
function endsInNumber(host: string): boolean {
  const parts = host.split('.');
  if (parts[parts.length - 1] === '' && parts.length > 1) parts.pop();
  const last = parts[parts.length - 1]!;
  return /^\d+$/.test(last) || /^0x[0-9a-f]*$/i.test(last);
}

/**
 * An IPv4 host must be written as the standard's "valid IPv4-address string", four decimal
 * numbers 0-255: the parser also reads `127.1`, `0x7f.1`, `2130706433` or `1.2.3.4.` (with a
 * validation error for most), and the reader of the payload would not see which host it is.
 */
function ipv4Problem(authority: string, parsed: string): string | undefined {
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(parsed)) return undefined;
  const written = authority.replace(/:\d*$/, '');
  return written === parsed ? undefined : t('the IPv4 address {0} is written oddly (it is read as {1}): write four decimal numbers from 0 to 255', clip(written, 60), parsed);
}

/** The first code point of a path, query or fragment that has to be percent-encoded. */
function unitProblem(tail: string): string | undefined {
  if (TAIL.test(tail)) return undefined;
  const hash = tail.indexOf('#');
  let i = 0;
  for (const c of tail) {
    const at = i;
    i += c.length;
    if (c === '#' && at === hash) continue;
    if (c === '%') {
      if (/^%[0-9A-Fa-f]{2}/.test(tail.slice(at))) continue;
      return t('it holds a "%" that is not followed by two hexadecimal digits: write "%" as %25');
    }
    if (URL_UNIT.test(c)) continue;
    if (c === ' ') return t('it holds a space: write it as %20');
    const code = c.codePointAt(0)!;
    const shown = code < 0x20 || code === 0x7f || (code >= 0xd800 && code <= 0xdfff) ? codePointName(code) : JSON.stringify(c);
    return t('it holds {0}, which a URL writes percent-encoded', shown);
  }
  return undefined;
}
