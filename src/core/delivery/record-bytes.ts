import { decodeBytes, sniffEncoding } from '../input/encoding';

/** The bytes of the record to send, or, for a line past the end, how many lines the file has. */
export type RecordBytes = { bytes: Uint8Array } | { lines: number };

/**
 * Cuts the record to send out of a file's bytes, fed a chunk at a time, the same for every door
 * (README "Delivering to your receiver", "What is sent"): the UTF-8 bytes of the whole file, or
 * of its line `line` (1-based) without the line's terminator. A UTF-8 file's own bytes are sent,
 * invalid sequences and all, without a BOM (RFC 8259 §8.1 forbids one on the wire); a UTF-16 file
 * (known by its BOM, as sniffEncoding reads it) is transcoded to UTF-8. Lines end at LF, CRLF or
 * a lone CR, as the core counts them for `file:line` (README "Command line"); those bytes never
 * occur inside a multi-byte UTF-8 character. A final terminator ends the last line and starts none.
 *
 * A UTF-8 file is never held whole when a line is asked for: `push` answers true once the line
 * is complete, and only that line's bytes are kept. A UTF-16 file, or the whole file, is held.
 * The cutter keeps views of the chunks pushed: do not reuse a chunk's buffer after pushing it.
 */
export class RecordCutter {
  /** The first bytes, until there are enough to sniff the encoding (undefined once known). */
  private head: Uint8Array | undefined = new Uint8Array(0);
  /** A UTF-16 file's bytes, transcoded at the end (undefined for UTF-8). */
  private utf16: Uint8Array[] | undefined;
  private readonly parts: Uint8Array[] = [];
  private found: Uint8Array | undefined;
  private line = 1;
  private afterCr = false;
  /** The current line has a byte, so it counts even without a terminator. */
  private open = false;

  /** `line`: the 1-based line to cut, undefined for the whole file; Infinity reads to the end to count the lines. */
  constructor(private readonly target?: number) {}

  /** Feeds the next bytes of the file; true when the record is complete and no more is needed. */
  push(chunk: Uint8Array): boolean {
    if (this.found) return true;
    if (this.head) {
      this.head = this.head.length ? join([this.head, chunk]) : chunk;
      // A BOM is at most 3 bytes: wait for them, unless the file ends first (end() sniffs then).
      if (this.head.length < 3) return false;
      return this.route(this.openHead());
    }
    return this.route(chunk);
  }

  /** The record, once the whole file was pushed (or push answered true). */
  end(): RecordBytes {
    if (this.head) this.route(this.openHead());
    if (this.utf16) {
      const chunks = this.utf16;
      this.utf16 = undefined;
      this.cut(new TextEncoder().encode(decodeBytes(join(chunks)).text));
    }
    if (this.found) return { bytes: this.found };
    if (this.target === undefined || (this.line === this.target && this.open)) return { bytes: join(this.parts) };
    return { lines: this.open ? this.line : this.line - 1 };
  }

  /** The sniffed head's bytes to cut: without a UTF-8 BOM, or all of them (BOM and all) for UTF-16, which decodeBytes reads by its BOM. */
  private openHead(): Uint8Array {
    const head = this.head!;
    this.head = undefined;
    const { encoding, bom } = sniffEncoding(head);
    if (encoding !== 'utf-8') {
      this.utf16 = [];
      return head;
    }
    return head.subarray(bom);
  }

  private route(chunk: Uint8Array): boolean {
    if (this.utf16) {
      this.utf16.push(chunk);
      return false;
    }
    return this.cut(chunk);
  }

  /** Walks UTF-8 bytes for the target line's end, keeping only that line's bytes. */
  private cut(chunk: Uint8Array): boolean {
    if (this.target === undefined) {
      this.parts.push(chunk);
      return false;
    }
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === 10 && this.afterCr) {
        this.afterCr = false;
        start = i + 1;
        continue;
      }
      this.afterCr = b === 13;
      if (b !== 10 && b !== 13) {
        this.open = true;
        continue;
      }
      if (this.line === this.target) {
        this.parts.push(chunk.subarray(start, i));
        this.found = join(this.parts);
        return true;
      }
      this.line++;
      this.open = false;
      start = i + 1;
    }
    if (this.line === this.target) this.parts.push(chunk.subarray(start));
    return false;
  }
}

/** A RecordCutter over a file held whole: its bytes to send (all, or line `line`, 1-based), or how many lines it has when fewer. */
export function recordBytes(file: Uint8Array, line?: number): RecordBytes {
  const cutter = new RecordCutter(line);
  cutter.push(file);
  return cutter.end();
}

function join(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
