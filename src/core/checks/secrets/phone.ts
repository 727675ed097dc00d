import type { Found } from './types';
import { later } from '../../l10n';

/*
 * Phone numbers in free text: ITU-T E.164 numbers (`+` or `00`, a country code, at most 15 digits
 * in all), North American numbers (NANP: NXX-NXX-XXXX, N being 2–9), and national numbers with a
 * trunk prefix 0 (most of Europe, the UK, Australia…) written in groups. A number must look like
 * one: separators between its groups (any mix of blank, dash and dot after a country code, one
 * kind in a national number), no neighbour that makes it part of a date, a time, a version, an
 * amount or an id, and no word before it that names it a document's number (invoice, order, ref…).
 * Runs of digits and separators are read once each, and each looks back a bounded way, so the scan
 * is linear.
 */

// What a number is written with: digits, its separators, parentheses, a leading +.
const RUN = /[+(]?\d[\d ().\-/]*/g;

/** The phone numbers in `s`, except fictional and all-zero ones. Linear: runs do not overlap. */
export function phoneSpans(s: string): Found[] {
  if (!mayHoldPhone(s)) return [];
  const out: Found[] = [];
  RUN.lastIndex = 0;
  for (let m = RUN.exec(s); m; m = RUN.exec(s)) {
    let start = m.index;
    let end = start + m[0].length;
    // Trailing separators belong to the sentence: "call 06 12 34 56 78."
    while (end > start && !isDigit(s.charCodeAt(end - 1)) && s[end - 1] !== ')') end--;
    if (s[start] === '(' && !s.slice(start, end).includes(')')) start++;
    if (end - start > 32 || !edgesFree(s, start, end) || namedNumber(s, start)) continue;
    const text = s.slice(start, end);
    if (isPhone(text)) out.push({ kind: 'phone', start, end, what: later('a phone number') });
  }
  return out;
}

/** Whether `s` has the 8 digits the shortest number taken here has (E.164 with its country code). */
export function mayHoldPhone(s: string): boolean {
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39 && ++digits === 8) return true;
  }
  return false;
}

/**
 * Whether `text` (digits, separators, parentheses, a leading +) is written as a phone number and is
 * not a fictional or all-zero one.
 */
export function isPhone(text: string): boolean {
  const groups = groupsOf(text);
  if (!groups || decimalOrDate(groups)) return false;
  const digits = groups.map((g) => g.digits).join('');
  if (/^0+$/.test(digits.replace(/^(?:\+|00)\d{1,3}/, ''))) return false;
  if (text.startsWith('+') || (text.startsWith('00') && groups.length > 1)) return international(text, groups);
  if (nanp(text, digits)) return !fictional(digits.slice(-10));
  return trunk(groups, digits);
}

interface Group {
  digits: string;
  /** The separator after this group ('' for the last, ')' for a parenthesized one). */
  sep: string;
}

/** The groups of digits and what separates them; undefined for a run that no number is written as. */
function groupsOf(text: string): Group[] | undefined {
  const groups: Group[] = [];
  const t = text.startsWith('+') ? text.slice(1) : text;
  // `+44 (0) 20 …` and `(555) 010-…`: a group in parentheses is followed by a blank or nothing.
  const re = /(\(\d{1,5}\)|\d+)([ .\-/]?)/gy;
  let at = 0;
  for (let m = re.exec(t); m && m[0] !== ''; m = re.exec(t)) {
    const paren = m[1]!.startsWith('(');
    if (paren && m[2] !== '' && m[2] !== ' ') return undefined;
    groups.push({ digits: paren ? m[1]!.slice(1, -1) : m[1]!, sep: paren ? ')' : m[2]! });
    at = re.lastIndex;
  }
  return at === t.length && groups.length > 0 ? groups : undefined;
}

/**
 * E.164 (ITU-T E.164 §6): a country code that does not start with 0, 8 to 15 digits in all (a `00`
 * prefix and a `(0)` trunk marker, which is not dialled from abroad, are not counted), in one group
 * or in groups of at most 8 separated by any mix of blank, dash and dot (`+54 9 11 4567-8901`,
 * `+44 (0) 7911 123456`; ITU-T E.123 §7 groups by national custom).
 */
function international(text: string, groups: Group[]): boolean {
  const dialled = groups.filter((g, i) => !(i > 0 && g.sep === ')' && g.digits === '0'));
  const digits = dialled.map((g) => g.digits).join('');
  const national = text.startsWith('00') ? digits.slice(2) : digits;
  if (national.length < 8 || national.length > 15 || national.startsWith('0')) return false;
  if (groups.length === 1) return true;
  if (groups.length > 2 && groups.some((g) => g.digits.length > 8)) return false;
  if (groups.slice(0, -1).some((g) => g.sep === '' || g.sep === '/')) return false;
  // The NANP's fictional numbers stay fictional when written with +1.
  return !(national.startsWith('1') && national.length === 11 && fictional(national.slice(1)));
}

/**
 * Two groups joined by a dot are a decimal number (`+34.603722`, a coordinate), and year-month-day
 * in one separator an ISO 8601 date, also with a sign and more year digits (§4.1.2.4, `+2024-05-24`).
 */
function decimalOrDate(groups: Group[]): boolean {
  if (groups.length === 2) return groups[0]!.sep === '.';
  if (groups.length !== 3 || groups[0]!.sep !== groups[1]!.sep) return false;
  return groups[0]!.digits.length >= 4 && groups[1]!.digits.length === 2 && groups[2]!.digits.length === 2;
}

/** NANP: (NXX) NXX-XXXX, NXX-NXX-XXXX, NXX.NXX.XXXX, optionally after 1 and a separator. */
function nanp(text: string, digits: string): boolean {
  return /^(?:1[ .-])?(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[ .-])[2-9]\d{2}[ .-]\d{4}$/.test(text) && (digits.length === 10 || digits.length === 11);
}

/** 555-0100 to 555-0199 are the NANP's numbers for fiction (NANPA); `digits` are the ten national ones. */
function fictional(digits: string): boolean {
  return /^\d{3}55501\d{2}$/.test(digits);
}

/** A national number after a trunk 0: 9 to 11 digits in two or more groups of 2 to 8, one separator kind. */
function trunk(groups: Group[], digits: string): boolean {
  if (!digits.startsWith('0') || digits.startsWith('00') || digits.length < 9 || digits.length > 11) return false;
  if (groups.length < 2 || groups.some((g) => g.digits.length < 2 || g.digits.length > 8)) return false;
  return oneSeparator(groups);
}

/** Whether the groups (but the last) are separated by one and the same character; a parenthesized group counts as any. */
function oneSeparator(groups: Group[]): boolean {
  const seps = new Set(groups.slice(0, -1).map((g) => g.sep).filter((sep) => sep !== ')'));
  return seps.size <= 1 && !seps.has('') && !seps.has('/');
}

/**
 * Whether the characters around a run leave it a number of its own: not part of a word or an id
 * (a letter, a digit, `_`, `-`, `.`, `/`, `%` next to it), an order or ticket number (`#`, `№`),
 * an amount (a currency sign before it, a decimal comma after it), a time (`:` after it), an
 * address (`@` after it) or a version (`v` before it is a letter already).
 */
function edgesFree(s: string, start: number, end: number): boolean {
  const before = start > 0 ? s.charCodeAt(start - 1) : 0x20;
  const after = end < s.length ? s.charCodeAt(end) : 0x20;
  if (isWord(before) || '-./#%$€£¥№\\'.includes(String.fromCharCode(before))) return false;
  if (isWord(after) || '/%@\\'.includes(String.fromCharCode(after))) return false;
  const next = end + 1 < s.length ? s.charCodeAt(end + 1) : 0x20;
  // "12:30", "1 234,50", "2.0.1", "06-12-": a separator followed by a digit continues something else.
  if ((after === 0x3a || after === 0x2c || after === 0x2e || after === 0x2d) && isDigit(next)) return false;
  return true;
}

/**
 * Words that name the number after them a document's or an account's, not a person's: `Invoice
 * 0012-3456-7890`, `Ref 1234-5678-9012`, `order no. 0044 20 7946 0958`. `no.`, `#` and `number`
 * name a phone's too after a word for one (`Phone no. 0612 345 678`).
 */
const ID_WORDS: ReadonlySet<string> = new Set([
  'invoice', 'inv', 'order', 'ord', 'ref', 'reference', 'claim', 'policy', 'po', 'ticket', 'case', 'account', 'acct', 'id',
  'receipt', 'booking', 'confirmation', 'reservation', 'transaction', 'txn', 'tracking', 'serial', 'sku', 'item', 'part',
  'lot', 'batch', 'docket', 'factura', 'pedido', 'poliza', 'póliza', 'reclamo', 'rechnung', 'bestellung', 'auftrag', 'facture', 'commande',
]);
const NUMBER_WORDS: ReadonlySet<string> = new Set(['no', 'nr', 'num', 'number', '#', '№', 'nº', 'n°', 'núm', 'numero', 'número']);
const PHONE_WORDS: ReadonlySet<string> = new Set([
  'phone', 'tel', 'telephone', 'mobile', 'mob', 'cell', 'fax', 'whatsapp', 'contact', 'call', 'teléfono', 'telefono', 'telefon', 'handy', 'móvil', 'movil', 'celular',
]);

/** Whether the word before `start` (through blanks, `:` and `.`) names the number a document's (see ID_WORDS). Bounded look-back. */
function namedNumber(s: string, start: number): boolean {
  const [word, at] = wordBefore(s, start);
  if (ID_WORDS.has(word)) return true;
  return NUMBER_WORDS.has(word) && !PHONE_WORDS.has(wordBefore(s, at)[0]);
}

/** The word (lower case) that ends before `end` past at most 4 blanks, colons and dots, and where it starts; `#` and `№` are words. */
function wordBefore(s: string, end: number): [string, number] {
  let i = end;
  while (i > 0 && end - i < 4 && ' \t:.'.includes(s[i - 1]!)) i--;
  if (i > 0 && (s[i - 1] === '#' || s[i - 1] === '№')) return [s[i - 1]!, i - 1];
  const stop = i;
  while (i > 0 && stop - i < 16 && isLetter(s.charCodeAt(i - 1))) i--;
  return [s.slice(i, stop).toLowerCase(), i];
}

/** Letters, and the ordinal indicators of `nº` and `n°`. */
function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0xb0 || c === 0xba || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && c < 0x2000);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isWord(c: number): boolean {
  return isDigit(c) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c >= 0xc0;
}
