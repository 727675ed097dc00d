import { hasContent } from '../input/record';
import { lineSpans } from '../input/positions';
import { f64, i32, u32 } from './columns';

/** Rows per block: a block's text is read again to place one of its rows, so it stays short. */
const BLOCK = 64;

/** Where a row's record is in its source, in the terms of a diagnostic. */
export interface RowPlace {
  /** UTF-16 offset of the record's start in the whole text, and its 0-based line. */
  utf16: number;
  line: number;
  /** Index among the source's non-blank lines; -1 in a single document. */
  record: number;
}

/**
 * Where every row is, in about 4 bytes a row: each block of up to 64 rows of one source keeps
 * where its first record is (units, UTF-16 offset, line, record index); each row only its
 * distance in units from there (a log's record ends where its line does). A row's UTF-16 offset, line and record index are
 * counted again from its block's text when a finding is on it, which is seldom.
 */
export class RowPlaces {
  private readonly blockRow = i32();
  private readonly blockSource = i32();
  private readonly blockUnit = f64();
  private readonly blockUtf16 = f64();
  private readonly blockLine = f64();
  private readonly blockRecord = i32();
  /** A block of one capture payload: where its record ends (NaN for other blocks) and its first column. */
  private readonly blockEnd = f64();
  private readonly blockCharacter = u32();
  private readonly delta = u32();

  get rows(): number {
    return this.delta.length;
  }

  /**
   * Adds the next row (rows come in input order); returns its number. `span` is for a record that
   * is not a line (a capture's payload): where it ends in units and the column it starts at; such
   * a row is a block of its own, since nothing between rows says where it is.
   */
  add(source: number, unit: number, at: RowPlace, span?: { end: number; character: number }): number {
    const row = this.delta.length;
    const b = this.blockRow.length - 1;
    if (span || b < 0 || !Number.isNaN(this.blockEnd.get(b)) || row - this.blockRow.get(b) >= BLOCK || this.blockSource.get(b) !== source || unit - this.blockUnit.get(b) > 0xffffffff) {
      this.blockRow.push(row);
      this.blockSource.push(source);
      this.blockUnit.push(unit);
      this.blockUtf16.push(at.utf16);
      this.blockLine.push(at.line);
      this.blockRecord.push(at.record);
      this.blockEnd.push(span ? span.end : NaN);
      this.blockCharacter.push(span ? span.character : 0);
    }
    this.delta.push(unit - this.blockUnit.get(this.blockRow.length - 1));
    return row;
  }

  source(row: number): number {
    return this.blockSource.get(this.block(row));
  }

  /**
   * Where the row's record starts in its source's units, and whether it is a log's line (else a
   * whole document); for a capture's payload, where it ends and the column it starts at.
   */
  start(row: number): { start: number; line: boolean; end?: number; character: number } {
    const b = this.block(row);
    const start = this.blockUnit.get(b) + this.delta.get(row);
    const end = this.blockEnd.get(b);
    if (!Number.isNaN(end)) return { start, line: false, end, character: this.blockCharacter.get(b) };
    return { start, line: this.blockRecord.get(b) >= 0, character: 0 };
  }

  /**
   * Where the row is, counted from its block's start: `read` gives the text of a source's units
   * [start, end) (whole lines, from one record's start to another's).
   */
  place(row: number, read: (source: number, start: number, end: number) => string): RowPlace {
    const b = this.block(row);
    const base = { utf16: this.blockUtf16.get(b), line: this.blockLine.get(b), record: this.blockRecord.get(b) };
    const delta = this.delta.get(row);
    if (delta === 0 || base.record < 0 || !Number.isNaN(this.blockEnd.get(b))) return base;
    const unit = this.blockUnit.get(b);
    const before = read(this.blockSource.get(b), unit, unit + delta);
    const lines = lineSpans(before);
    let records = 0;
    for (const l of lines) if (hasContent(before, l.start, l.end)) records++;
    return { utf16: base.utf16 + before.length, line: base.line + lines.length - 1, record: base.record + records };
  }

  private block(row: number): number {
    let lo = 0;
    let hi = this.blockRow.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.blockRow.get(mid) <= row) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
