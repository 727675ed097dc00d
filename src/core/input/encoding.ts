import { LineIndex } from './positions';
import { effectiveSeverity } from '../config/rules';
import type { Diagnostic, RuleSetting } from '../types';

/** Bytes that are not UTF-8, where the decoded text shows U+FFFD for them. */
export interface InvalidBytes {
  /** Offset of the U+FFFD in the decoded text (UTF-16 code units). */
  offset: number;
  bytes: number[];
}

/**
 * UTF-8 bytes to text, as TextDecoder decodes them (a leading BOM dropped, each maximal invalid
 * subpart one U+FFFD), and where the invalid bytes were. A JSON text must be UTF-8 (RFC 8259):
 * a name from a mis-encoded export would otherwise turn into U+FFFD without a word.
 */
export function decodeUtf8(bytes: Uint8Array): { text: string; invalid: InvalidBytes[] } {
  const text = new TextDecoder('utf-8').decode(bytes);
  return { text, invalid: invalidUtf8(text, bytes) };
}

/**
 * Where `text`, decoded from `bytes`, had invalid bytes. The bytes are walked only when the text
 * holds a U+FFFD at all: nearly every file is valid, and this runs on every file read.
 */
export function invalidUtf8(text: string, bytes: Uint8Array): InvalidBytes[] {
  return text.includes('\uFFFD') ? errorSteps(bytes) : [];
}

/** The WHATWG UTF-8 decoder's error steps, counting the UTF-16 units it would have produced. */
function errorSteps(bytes: Uint8Array): InvalidBytes[] {
  const out: InvalidBytes[] = [];
  let units = 0;
  let needed = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let start = 0;
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const error = (from: number, to: number): void => {
    out.push({ offset: units, bytes: Array.from(bytes.subarray(from, Math.min(to, from + 4))) });
    units++;
  };
  for (let i = bom; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (needed === 0) {
      if (b <= 0x7f) units++;
      else if (b >= 0xc2 && b <= 0xdf) needed = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3;
      } else error(i, i + 1);
      start = i;
      continue;
    }
    if (b < lower || b > upper) {
      // The sequence ends here, broken; this byte starts afresh.
      needed = seen = 0;
      lower = 0x80;
      upper = 0xbf;
      error(start, i);
      i--;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    if (++seen === needed) {
      units += needed === 3 ? 2 : 1;
      needed = seen = 0;
    }
  }
  if (needed > 0) error(start, bytes.length);
  return out;
}

/** Beyond this many, one more diagnostic says how many there are: the file is not UTF-8 at all. */
const MAX_REPORTED = 20;

/** The json-syntax diagnostics of a text's invalid bytes, at the U+FFFD each became. */
export function encodingDiagnostics(text: string, invalid: readonly InvalidBytes[], rules?: Readonly<Record<string, RuleSetting | undefined>>): Diagnostic[] {
  const severity = effectiveSeverity('json-syntax', rules);
  if (!severity || invalid.length === 0) return [];
  const lines = new LineIndex(text);
  const hex = (bs: readonly number[]) => bs.map((b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`).join(' ');
  const at = (offset: number, message: string): Diagnostic => ({
    code: 'json-syntax',
    severity,
    message,
    pointer: '',
    offset,
    length: 1,
    range: { start: lines.position(offset), end: lines.position(offset + 1) },
  });
  const out = invalid.slice(0, MAX_REPORTED).map((x) => at(x.offset, `Invalid UTF-8 (${hex(x.bytes)}): a JSON text must be UTF-8, and this reads as "\uFFFD"; save the file as UTF-8`));
  if (invalid.length > MAX_REPORTED) {
    out.push(at(invalid[MAX_REPORTED]!.offset, `${invalid.length - MAX_REPORTED} more invalid UTF-8 sequences are not shown: is this file UTF-8 at all?`));
  }
  return out;
}
