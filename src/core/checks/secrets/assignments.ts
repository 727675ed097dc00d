import { isRedacted } from './placeholder';
import { later } from '../../l10n';
import type { Found, SecretKind } from './types';

/*
 * `password=…`, `"api_key": "…"`, `X-Api-Key: …`, `AccountKey=…;` in text: a credential's name,
 * a sign, and its value. Where the value ends decides what redaction leaves, and over-redacting
 * beats leaking, so a value ends only where its writing says it does (README, "Secrets and
 * personal data"):
 * - a quoted value at its closing quote (a backslash escapes one), or at the end of the text;
 * - a value in a URL's query (the name after `?`, or after `&` with a `?` earlier in the same
 *   word) at `&` or `#` (RFC 3986 §3.4, §3.5), or at a character no URL holds (a blank, `"`, `<`,
 *   `>`: RFC 3986 §2, Appendix C);
 * - the base64 value of an Azure connection string's key at its `;` (Azure Storage, "Configure a
 *   connection string": `Name=value;` pairs);
 * - any other value at a blank or the end of the text: `password=P@ss;w0rd!`, `api_key=abc&def`.
 */

/**
 * The names, in any case, `-` or `_` between their words or neither: passwords, client secrets,
 * API keys (also the `X-Api-Key` header), access, auth and refresh tokens, AWS's
 * `aws_secret_access_key` (AWS CLI, "Configuration and credential file settings") and Azure's
 * `AccountKey` and `SharedAccessKey`. A quote may close the name (`"token": …`). The blanks
 * around the sign are the only repetition, and a start costs its blanks once: linear.
 */
const ASSIGNMENT = /(?<![A-Za-z0-9_-])(password|passwd|pwd|passphrase|client[_-]?secret|(?:aws[_-]?)?secret[_-]?access[_-]?key|secret|(?:x[_-])?api[_-]?key|access[_-]?token|auth[_-]?token|refresh[_-]?token|token|account[_-]?key|shared[_-]?access[_-]?key)(["']?)[ \t]*([=:])[ \t]*/gi;

/** Words that say a value is missing, not what it is: `password: required`, `token=null`. */
const NOT_A_VALUE = /^(?:true|false|null|undefined|none|required|missing|invalid|expired|empty|unset)$/i;

/** Values shorter than this are prose or flags (`token=1`), not credentials. */
const MIN_LENGTH = 6;

/**
 * The credentials assigned in `s`, each span the value alone (inside its quotes), in text order.
 * Linear: each match's value is read once, and the next match starts after it; the blanks and
 * `?` before a match are tracked in one forward pass.
 */
export function assignmentSpans(s: string): Found[] {
  const out: Found[] = [];
  let scanned = 0;
  let blank = -1;
  let question = -1;
  ASSIGNMENT.lastIndex = 0;
  for (let m = ASSIGNMENT.exec(s); m; m = ASSIGNMENT.exec(s)) {
    const [, name, , sep] = m as unknown as [string, string, string, string];
    for (; scanned < m.index; scanned++) {
      if (isBlank(s.charCodeAt(scanned))) blank = scanned;
      else if (s[scanned] === '?') question = scanned;
    }
    const before = s[m.index - 1];
    const inQuery = (before === '?' || before === '&') && question > blank;
    const key = name.toLowerCase().replace(/[-_]/g, '');
    const [start, end, quoted] = valueAt(s, m.index + m[0].length, inQuery, key === 'accountkey' || key === 'sharedaccesskey');
    ASSIGNMENT.lastIndex = Math.max(end, m.index + m[0].length);
    const value = s.slice(start, end);
    if (value.length < MIN_LENGTH || isRedacted(value) || !looksSecret(value, sep === ':' && !quoted)) continue;
    const [kind, what] = describe(key);
    out.push({ kind, start, end, what: `${what} (${name}${sep})` });
  }
  return out;
}

/** The value that starts at `at`: [start, end, quoted]. A `<…>` of at most 64 characters is read whole, so a placeholder stays one. */
function valueAt(s: string, at: number, inQuery: boolean, connectionString: boolean): [number, number, boolean] {
  const open = s[at];
  if (open === '"' || open === "'") {
    let i = at + 1;
    while (i < s.length && s[i] !== open) i += s[i] === '\\' ? 2 : 1;
    return [at + 1, Math.min(i, s.length), true];
  }
  if (open === '<') {
    let close = at + 1;
    while (close < s.length && close - at <= 64 && s[close] !== '>' && s[close] !== '<') close++;
    if (s[close] === '>') return [at, close + 1, false];
  }
  let i = at;
  while (i < s.length && !ends(s, i, inQuery, connectionString)) i++;
  return [at, i, false];
}

function ends(s: string, i: number, inQuery: boolean, connectionString: boolean): boolean {
  const c = s.charCodeAt(i);
  if (isBlank(c)) return true;
  if (connectionString && c === 0x3b) return true;
  return inQuery && (c === 0x26 || c === 0x23 || c === 0x22 || c === 0x3c || c === 0x3e);
}

/**
 * Whether a value reads as a secret: not a word that says it is missing; after a bare colon
 * (`password: …`, prose's way of writing too) not a plain word or a two-word compound either
 * (`password: required.`, `token: self-service`), so a passphrase of three words or more is one
 * (`password: correct-horse-battery`), as is anything with a digit or a symbol.
 */
function looksSecret(value: string, afterColon: boolean): boolean {
  const core = value.replace(/[.,;:!?)\]]+$/, '');
  if (NOT_A_VALUE.test(core)) return false;
  return !afterColon || !/^\p{L}+(?:-\p{L}+)?$/u.test(core);
}

/** The kind and the message's words for a name (lower case, without `-` and `_`). */
function describe(key: string): [SecretKind, string] {
  if (key.startsWith('pass') || key === 'pwd') return ['token', later('a password')];
  if (key.endsWith('apikey')) return ['api-key', later('an API key')];
  if (key.endsWith('secretaccesskey')) return ['api-key', later('an AWS secret access key')];
  if (key === 'accountkey') return ['api-key', later('an Azure storage account key')];
  if (key === 'sharedaccesskey') return ['api-key', later('an Azure shared access key')];
  if (key.includes('secret')) return ['token', later('a client secret')];
  return ['token', later('a token')];
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c || c === 0x0b || c === 0xa0 || c === 0x2028 || c === 0x2029;
}
