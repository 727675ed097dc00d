import { captureProblems } from '../checks/capture';
import { checkRecordValue, Sink } from '../checks/check-record';
import { isObject } from '../checks/findings';
import { ByteDecoder, invalidBytesDiagnostic, MAX_INVALID_REPORTED } from '../input/encoding';
import { LineIndex } from '../input/positions';
import { captureOf, receptionOrder, type Capture } from '../input/capture';
import { hasContent, withoutBom } from '../input/record';
import { UUID } from '../jobs/ids';
import { isStoryEvent } from '../jobs/model';
import { toRecord } from '../jobs/records';
import type { Diagnostic, DocumentMode } from '../types';
import type { Rules } from './diagnostic';
import { isPrettyDocument, prettyDocumentProblem } from './validate';

/*
 * The per-record stage of the streaming engine: one chunk of whole lines in, its diagnostics and
 * the few fields of each record that the cross-event rules read out. A pure function of its
 * input (no Node module, no state), so the CLI runs it on worker threads; everything in the
 * answer is relative to the chunk's start, and shiftDiagnostics moves it to the whole file.
 */

export interface ChunkOptions {
  mode: DocumentMode;
  rules?: Rules;
  /** The chunk is the start of its file: a U+FEFF left at its start is blanked, as validate() does. */
  first: boolean;
  /** The chunk is the whole file: a pretty-printed document saved as a log is told apart (validate.ts). */
  whole?: boolean;
}

/** Flags of a row: which cross-event rules it takes part in. */
export const HAS_ID = 1;
export const STORY = 2;

/**
 * One row per record that JSON.parse reads as an object (jobs/records.ts readRecords), in
 * columns so that a chunk's rows cross threads as a few transferred buffers. Positions are
 * relative to the chunk; `unit` is a byte for a chunk given as bytes, else a UTF-16 code unit.
 */
export interface ChunkRows {
  count: number;
  unitStart: Uint32Array;
  utf16Start: Uint32Array;
  line: Uint32Array;
  /** Index among the chunk's non-blank lines; -1 for a single document. */
  record: Int32Array;
  flags: Uint8Array;
  /** 32-bit FNV-1a hash of idKey(event_id): equal ids hash alike (compare the ids to be sure). */
  idHash: Int32Array;
  /** Indexes into `strings`: the job_id as written, the event_name, the stage (-1: none). */
  job: Int32Array;
  name: Int32Array;
  stage: Int32Array;
  /** Milliseconds since 1970 as toRecord reads it; NaN when none. */
  time: Float64Array;
  /** NaN when none. */
  retries: Float64Array;
  /** -1 none, 0 false, 1 true. */
  exceeded: Int8Array;
}

export interface ChunkResult {
  /** The per-record diagnostics, sorted as validate() sorts them (by offset, then length). */
  diagnostics: Diagnostic[];
  /** Diagnostics of the chunk's first MAX_INVALID_REPORTED + 1 invalid UTF-8 sequences (by offset). */
  encoding: Diagnostic[];
  /** How many invalid UTF-8 sequences there are in the chunk. */
  invalid: number;
  /** Length of the chunk in UTF-16 code units, line breaks in it, non-blank lines in it. */
  units: number;
  lines: number;
  records: number;
  rows: ChunkRows;
  strings: string[];
  /**
   * For a capture (a document whose records are its payloads, not lines): where each row's record
   * ends, in units, and the UTF-16 column it starts at on its line; absent for logs and payloads.
   */
  spans?: { end: number; character: number }[];
}

/** Checks a chunk of UTF-8 bytes cut just after a `\n` byte (or at the end of the file). */
export function checkChunkBytes(bytes: Uint8Array, options: ChunkOptions): ChunkResult {
  // A line feed never occurs inside a UTF-8 sequence, and ends a broken one: the chunk decodes
  // to exactly its part of the whole file's text. Valid UTF-8 (nearly every chunk) is decoded in
  // one call, which makes the string and nothing else; in Node, a streaming decode goes through
  // a buffer of twice the chunk's size on the C heap, made and freed for every chunk, which
  // fragments the worker threads' allocator (README, "Performance").
  let text: string;
  try {
    text = VALID_UTF8.decode(bytes);
  } catch {
    const decoder = new ByteDecoder('utf-8');
    text = decoder.push(bytes) + decoder.end();
    return checkChunkText(text, options, bytes, decoder.invalid);
  }
  return checkChunkText(text, options, bytes);
}

/** Decodes valid UTF-8 exactly as ByteDecoder('utf-8') does (a BOM kept as U+FEFF); throws on an invalid sequence. */
const VALID_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Checks a chunk of text made of whole lines (or a whole document). With `bytes` (its UTF-8),
 * rows say where records are in bytes; without, in UTF-16 units.
 */
export function checkChunkText(text: string, options: ChunkOptions, bytes?: Uint8Array, invalid: readonly { offset: number; bytes: number[] }[] = []): ChunkResult {
  const src = options.first ? withoutBom(text) : text;
  const lines = new LineIndex(src);
  const sink = new Sink(lines, { mode: options.mode, rules: options.rules });
  const capture = options.mode === 'log' ? undefined : captureOf(src);
  if (capture) return checkCapture(src, capture, lines, sink, bytes, invalid, options);
  const spans = options.mode === 'log' ? lineSpans(src, bytes) : { text: [0, src.length], bytes: [0, src.length], lines: lines.lineCount - 1 };
  const rows = new RowBuilder(spans.text.length / 2);
  let records = 0;
  const starts = { text: [] as number[], index: [] as number[] };
  for (let i = 0; i < spans.text.length; i += 2) {
    const start = spans.text[i]!;
    const end = spans.text[i + 1]!;
    if (options.mode === 'log' && !hasContent(src, start, end)) continue;
    starts.text.push(i);
    starts.index.push(options.mode === 'log' ? records++ : -1);
  }
  const pretty = options.mode === 'log' && options.whole === true && isPrettyDocument(src, starts.text.map((i) => ({ start: spans.text[i]!, end: spans.text[i + 1]! })));
  for (let k = 0; k < starts.text.length; k++) {
    const i = starts.text[k]!;
    const start = spans.text[i]!;
    const end = spans.text[i + 1]!;
    const index = starts.index[k]!;
    let value: unknown;
    if (pretty) {
      try {
        value = JSON.parse(src.slice(start, end));
      } catch {
        continue;
      }
    } else {
      const checked = checkRecordValue(src, start, end, index < 0 ? undefined : index, sink);
      if (!checked.strict) continue;
      value = checked.value;
    }
    if (!isObject(value)) continue;
    // The i-th pair of spans is the chunk's line i / 2 (a document's one span starts line 0).
    rows.add(value, spans.bytes[i]!, start, i / 2, index);
  }
  if (pretty) {
    const p = prettyDocumentProblem(spans.text[starts.text[0]!]!, spans.text[starts.text[0]! + 1]!);
    sink.spot(p.code, p, '', 0);
  }
  const encoding = invalid.slice(0, MAX_INVALID_REPORTED + 1).flatMap((x) => invalidBytesDiagnostic(x, options.rules, lines) ?? []);
  return { diagnostics: sink.sorted(), encoding, invalid: invalid.length, units: src.length, lines: spans.lines, records, rows: rows.done(), strings: rows.strings };
}

/**
 * A capture held whole: its envelope's problems, and each payload checked as a record, the row of
 * each that parses placed by its span (a payload starts anywhere on a line, and spans lines),
 * the rows in reception order.
 */
function checkCapture(src: string, capture: Capture, lines: LineIndex, sink: Sink, bytes: Uint8Array | undefined, invalid: readonly { offset: number; bytes: number[] }[], options: ChunkOptions): ChunkResult {
  for (const p of captureProblems(src, capture)) sink.spot(p.code, p, p.pointer, undefined);
  const payloads = capture.entries.filter((e) => e.payload);
  const rows = new RowBuilder(payloads.length);
  const spans: { end: number; character: number }[] = [];
  // Units counted once in file order (utf8Offsets goes forward); the rows then come in reception
  // order, the order the cross-event rules read a capture's payloads in (input/capture.ts).
  const unit = bytes ? utf8Offsets(src) : (i: number) => i;
  const units = new Map(payloads.map((e) => [e, { start: unit(e.payload!.start), end: unit(e.payload!.end) }]));
  for (const e of receptionOrder(capture)) {
    const { start, end } = e.payload!;
    const checked = checkRecordValue(src, start, end, e.index, sink);
    if (!checked.strict || !isObject(checked.value)) continue;
    const at = lines.position(start);
    const u = units.get(e)!;
    rows.add(checked.value, u.start, start, at.line, e.index);
    spans.push({ end: u.end, character: at.character });
  }
  const encoding = invalid.slice(0, MAX_INVALID_REPORTED + 1).flatMap((x) => invalidBytesDiagnostic(x, options.rules, lines) ?? []);
  return { diagnostics: sink.sorted(), encoding, invalid: invalid.length, units: src.length, lines: lines.lineCount - 1, records: payloads.length, rows: rows.done(), strings: rows.strings, spans };
}

/** UTF-16 offsets of a text to UTF-8 byte offsets, counted once (offsets asked in increasing order are cheap). */
function utf8Offsets(text: string): (i: number) => number {
  let at = 0;
  let bytes = 0;
  return (i: number): number => {
    if (i < at) {
      at = 0;
      bytes = 0;
    }
    for (; at < i; at++) {
      const c = text.charCodeAt(at);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 4 : c >= 0xdc00 && c <= 0xdfff ? 0 : 3;
    }
    return bytes;
  };
}

/** Two lists sorted by offset, merged stably: at one offset, `first`'s items come first. */
export function mergeByOffset<T extends { offset: number }>(first: readonly T[], second: readonly T[]): T[] {
  if (first.length === 0) return [...second];
  if (second.length === 0) return [...first];
  return [...first, ...second].sort((a, b) => a.offset - b.offset);
}

/** Moves a chunk's diagnostics to their places in the whole file. */
export function shiftDiagnostics(diagnostics: Diagnostic[], at: { units: number; lines: number; records: number }): Diagnostic[] {
  if (at.units === 0 && at.lines === 0 && at.records === 0) return diagnostics;
  for (const d of diagnostics) {
    d.offset += at.units;
    d.range.start.line += at.lines;
    d.range.end.line += at.lines;
    if (d.record !== undefined) d.record += at.records;
  }
  return diagnostics;
}

/**
 * Every line of a log chunk as [start, end) pairs without terminators (`\n`, `\r\n`, a lone
 * `\r`, as positions.ts counts them), in the text and, when given, in its UTF-8 bytes: the
 * terminators are the same bytes as characters, so the n-th line of one is the n-th of the other.
 */
function lineSpans(text: string, bytes: Uint8Array | undefined): { text: number[]; bytes: number[]; lines: number } {
  const t: number[] = [];
  const b: number[] = bytes ? [] : t;
  if (!text.includes('\r')) {
    let start = 0;
    let bStart = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      t.push(start, i);
      start = i + 1;
      if (bytes) {
        const j = bytes.indexOf(10, bStart);
        b.push(bStart, j);
        bStart = j + 1;
      }
    }
    t.push(start, text.length);
    if (bytes) b.push(bStart, bytes.length);
    return { text: t, bytes: b, lines: t.length / 2 - 1 };
  }
  breaks(text.length, (i) => text.charCodeAt(i), t);
  if (bytes) breaks(bytes.length, (i) => bytes[i]!, b);
  return { text: t, bytes: b, lines: t.length / 2 - 1 };
}

function breaks(length: number, at: (i: number) => number, out: number[]): void {
  let start = 0;
  for (let i = 0; i < length; i++) {
    const c = at(i);
    if (c === 10 || c === 13) {
      out.push(start, i);
      if (c === 13 && at(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  out.push(start, length);
}

/**
 * 32-bit FNV-1a over the UTF-16 code units of idKey(id), without making the key: a UUID's
 * letters hashed as lower case (RFC 9562 §4: case-insensitive on input), any other id as
 * written. Run for every record of a log.
 */
export function hashIdKey(id: string): number {
  const fold = UUID.test(id);
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    h = Math.imul(h ^ (fold && c >= 65 && c <= 90 ? c + 32 : c), 0x01000193);
  }
  return h | 0;
}

/** toRecord's span, which the rows do not keep: one for all. */
const NO_SPAN = Object.freeze({ start: 0, end: 0 });

class RowBuilder {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();
  private n = 0;
  private readonly rows: ChunkRows;

  constructor(capacity: number) {
    this.rows = {
      count: 0,
      unitStart: new Uint32Array(capacity),
      utf16Start: new Uint32Array(capacity),
      line: new Uint32Array(capacity),
      record: new Int32Array(capacity),
      flags: new Uint8Array(capacity),
      idHash: new Int32Array(capacity),
      job: new Int32Array(capacity),
      name: new Int32Array(capacity),
      stage: new Int32Array(capacity),
      time: new Float64Array(capacity),
      retries: new Float64Array(capacity),
      exceeded: new Int8Array(capacity),
    };
  }

  add(value: Record<string, unknown>, unitStart: number, utf16Start: number, line: number, record: number): void {
    // toRecord itself, so that the fields are read exactly as the cross-event rules read them.
    const r = toRecord(value, 0, NO_SPAN, 0, 'checks');
    const rows = this.rows;
    const i = this.n++;
    rows.unitStart[i] = unitStart;
    rows.utf16Start[i] = utf16Start;
    rows.line[i] = line;
    rows.record[i] = record;
    let flags = 0;
    // An empty event_id is no id (rules.ts crossCheck skips it too).
    if (r.eventId) {
      flags |= HAS_ID;
      rows.idHash[i] = hashIdKey(r.eventId);
    }
    if (isStoryEvent(r)) {
      flags |= STORY;
      rows.job[i] = this.string(r.jobId);
      rows.name[i] = this.string(r.name);
      rows.stage[i] = r.stage === undefined ? -1 : this.string(r.stage);
      rows.time[i] = r.time ?? NaN;
      rows.retries[i] = r.retries ?? NaN;
      rows.exceeded[i] = r.exceeded === undefined ? -1 : r.exceeded ? 1 : 0;
    }
    rows.flags[i] = flags;
  }

  done(): ChunkRows {
    const rows = this.rows;
    const n = this.n;
    return {
      count: n,
      unitStart: rows.unitStart.slice(0, n),
      utf16Start: rows.utf16Start.slice(0, n),
      line: rows.line.slice(0, n),
      record: rows.record.slice(0, n),
      flags: rows.flags.slice(0, n),
      idHash: rows.idHash.slice(0, n),
      job: rows.job.slice(0, n),
      name: rows.name.slice(0, n),
      stage: rows.stage.slice(0, n),
      time: rows.time.slice(0, n),
      retries: rows.retries.slice(0, n),
      exceeded: rows.exceeded.slice(0, n),
    };
  }

  private string(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

/** The buffers of a chunk's rows, to transfer rather than copy them to another thread. */
export function rowBuffers(rows: ChunkRows): ArrayBuffer[] {
  return [rows.unitStart, rows.utf16Start, rows.line, rows.record, rows.flags, rows.idHash, rows.job, rows.name, rows.stage, rows.time, rows.retries, rows.exceeded].map((a) => a.buffer as ArrayBuffer);
}
