import { LineIndex } from './positions';
import { t } from '../l10n';
import { effectiveSeverity } from '../config/rules';
import { makeDiagnostic, type Placer, type Rules } from '../pipeline/diagnostic';
import type { Diagnostic } from '../types';

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
export function decodeUtf8(bytes: Uint8Array): Decoded {
  const text = new TextDecoder('utf-8').decode(bytes);
  return { text, invalid: invalidUtf8(text, bytes) };
}

/**
 * Where `text`, decoded from `bytes`, had invalid bytes. The bytes are walked only when the text
 * holds a U+FFFD at all: nearly every file is valid, and this runs on every file read.
 */
export function invalidUtf8(text: string, bytes: Uint8Array): InvalidBytes[] {
  if (!text.includes('\uFFFD')) return [];
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return errorSteps(bytes, bom, 0, true).errors;
}

/** A text decoded from bytes, and the invalid UTF-8 sequences in it (none for UTF-16). */
export interface Decoded {
  text: string;
  invalid: InvalidBytes[];
}

/** The encodings a file may be in: UTF-8, or UTF-16 when its byte order mark says so. */
export type ByteEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * The encoding of a file from its first bytes, and the length of its byte order mark: UTF-16
 * only by BOM (as editors on Windows save it), else UTF-8 (RFC 8259 §8.1), BOM or not.
 */
export function sniffEncoding(head: Uint8Array): { encoding: ByteEncoding; bom: number } {
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  return { encoding: 'utf-8', bom: head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0 };
}

/** A whole file's bytes to text: the encoding sniffed, the BOM dropped, invalid UTF-8 located. */
export function decodeBytes(bytes: Uint8Array): Decoded {
  const decoder = new ByteDecoder();
  const text = decoder.push(bytes) + decoder.end();
  return { text, invalid: decoder.invalid };
}

/**
 * The one decoder of files, for the CLI, the editor and the streaming engine: bytes pushed a
 * chunk at a time (split anywhere, even inside a character) give the text `decodeBytes` gives for
 * all of them at once, and `invalid` the same invalid sequences at the same UTF-16 offsets.
 * The encoding is sniffed from the first bytes (sniffEncoding) unless given; a given one means
 * the bytes are the middle of a file, so a leading U+FEFF is kept as text, not dropped as a BOM.
 */
export class ByteDecoder {
  readonly invalid: InvalidBytes[] = [];
  private decoder: { decode(bytes: Uint8Array, options: { stream: boolean }): string } | undefined;
  private encoding: ByteEncoding | undefined;
  private head: Uint8Array = new Uint8Array(0);
  /** UTF-16 units given out so far. */
  private units = 0;
  /** The bytes of a UTF-8 sequence begun at the end of the last push and not yet complete. */
  private pending: Uint8Array = new Uint8Array(0);
  private atStart: boolean;

  constructor(encoding?: ByteEncoding) {
    this.atStart = encoding === undefined;
    if (encoding) this.open(encoding, true);
  }

  /** The text of the next bytes (possibly less: an incomplete character waits for the rest). */
  push(bytes: Uint8Array): string {
    if (!this.decoder) {
      // Three bytes tell the encoding; fewer wait for more.
      this.head = concat(this.head, bytes);
      if (this.head.length < 3) return '';
      bytes = this.head;
      this.open(sniffEncoding(bytes).encoding, false);
    }
    return this.decode(bytes, false);
  }

  /** The rest of the text, once every byte was pushed. */
  end(): string {
    if (this.decoder) return this.decode(new Uint8Array(0), true);
    this.open(sniffEncoding(this.head).encoding, false);
    return this.decode(this.head, true);
  }

  private open(encoding: ByteEncoding, ignoreBOM: boolean): void {
    this.encoding = encoding;
    this.decoder = new TextDecoder(encoding, { ignoreBOM });
  }

  private decode(bytes: Uint8Array, last: boolean): string {
    const text = this.decoder!.decode(bytes, { stream: !last });
    if (this.encoding === 'utf-8') {
      const all = this.pending.length > 0 ? concat(this.pending, bytes) : bytes;
      const bom = this.atStart && all[0] === 0xef && all[1] === 0xbb && all[2] === 0xbf ? 3 : 0;
      if (all.length > 0) this.atStart = false;
      if (text.includes('\uFFFD') || (last && all.length > 0)) {
        const walked = errorSteps(all, bom, this.units, last);
        for (const e of walked.errors) this.invalid.push(e);
        this.pending = all.slice(walked.pending);
      } else this.pending = all.slice(incompleteTail(all));
    }
    this.units += text.length;
    return text;
  }
}

/** Where the last UTF-8 sequence of valid bytes starts when it is not complete, else the length. */
function incompleteTail(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 3); i--) {
    const b = bytes[i]!;
    if (b >= 0x80 && b < 0xc0) continue;
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return i + needed > bytes.length ? i : bytes.length;
  }
  return bytes.length;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * The WHATWG UTF-8 decoder's error steps over bytes[from…], counting the UTF-16 units it would
 * have produced from `units` on. Unless `last`, a sequence still incomplete at the end is no
 * error yet: `pending` says where it starts (the length when there is none).
 */
function errorSteps(bytes: Uint8Array, from: number, units: number, last: boolean): { errors: InvalidBytes[]; pending: number } {
  const out: InvalidBytes[] = [];
  let needed = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let start = 0;
  const error = (at: number, to: number): void => {
    out.push({ offset: units, bytes: Array.from(bytes.subarray(at, Math.min(to, at + 4))) });
    units++;
  };
  for (let i = from; i < bytes.length; i++) {
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
  if (needed > 0 && last) error(start, bytes.length);
  return { errors: out, pending: needed > 0 && !last ? start : bytes.length };
}

/** Beyond this many, one more diagnostic says how many there are: the file is not UTF-8 at all. */
export const MAX_INVALID_REPORTED = 20;

/** The json-syntax diagnostics of a text's invalid bytes, at the U+FFFD each became. */
export function encodingDiagnostics(text: string, invalid: readonly InvalidBytes[], rules?: Rules): Diagnostic[] {
  if (!effectiveSeverity('json-syntax', rules) || invalid.length === 0) return [];
  const lines = new LineIndex(text);
  const out = invalid.slice(0, MAX_INVALID_REPORTED + 1).map((x) => invalidBytesDiagnostic(x, rules, lines)!);
  if (out.length > MAX_INVALID_REPORTED) out[MAX_INVALID_REPORTED] = moreInvalid(out[MAX_INVALID_REPORTED]!, invalid.length - MAX_INVALID_REPORTED);
  return out;
}

/** The diagnostic of one invalid byte sequence, undefined when json-syntax is off. */
export function invalidBytesDiagnostic(x: InvalidBytes, rules: Rules, lines: Placer): Diagnostic | undefined {
  const hex = x.bytes.map((b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`).join(' ');
  const message = t('Invalid UTF-8 ({0}): a JSON text must be UTF-8, and this reads as "\uFFFD"; save the file as UTF-8', hex);
  return makeDiagnostic({ code: 'json-syntax', offset: x.offset, length: 1, message, pointer: '' }, rules, lines);
}

/** The diagnostic that stands, at the first unshown sequence, for `more` sequences not shown. */
export function moreInvalid(first: Diagnostic, more: number): Diagnostic {
  return { ...first, message: t('{0} more invalid UTF-8 sequences are not shown: is this file UTF-8 at all?', more) };
}
