import { decodeBytes, MAX_INVALID_REPORTED, moreInvalid, sniffEncoding } from '../input/encoding';
import type { Diagnostic, DocumentMode } from '../types';
import { checkChunkBytes, checkChunkText, mergeByOffset, shiftDiagnostics, type ChunkOptions, type ChunkResult } from './chunk';
import type { PageStore } from './columns';
import { CrossEventPass, type RecordTexts } from './cross-stream';
import type { Rules } from './diagnostic';
import { finish as runAll } from './steps';
import { mayBePrettyDocument } from './validate';

/** A source of the streaming engine: how findings name it, how to read it, its effective rules. */
export interface StreamSource {
  uri: string;
  mode: DocumentMode;
  rules?: Rules;
}

interface SourceState {
  unit: number;
  units: number;
  lines: number;
  records: number;
  diagnostics: Diagnostic[];
  invalid: number;
  /** The diagnostic of the first invalid sequence not shown, once there is one. */
  more: Diagnostic | undefined;
}

/**
 * The streaming engine's merging stage: chunk results in (per-record diagnostics and rows, from
 * checkChunkBytes or checkChunkText, on any thread), in input order, and out at the end each
 * source's diagnostics exactly as the CLI has always given them (README, "Command line"): the
 * per-record and encoding ones of validate(), then the cross-event ones of crossCheckSources over
 * all sources, merged by offset. Memory: the diagnostics, and the cross-event pass's rows.
 */
export class StreamEngine {
  private readonly states: SourceState[];
  private readonly cross: CrossEventPass;

  /** `store`, if given, takes the full pages of the job stories' columns until the end (see columns.ts). */
  constructor(
    private readonly sources: readonly StreamSource[],
    reader: RecordTexts,
    store?: PageStore,
  ) {
    this.states = sources.map(() => ({ unit: 0, units: 0, lines: 0, records: 0, diagnostics: [], invalid: 0, more: undefined }));
    this.cross = new CrossEventPass(reader, (s) => sources[s]!.rules, (s) => sources[s]!.uri, store);
  }

  /** The options to check a chunk of a source with: its first chunk or not, the whole file or not. */
  options(source: number, first: boolean, whole = false): ChunkOptions {
    const s = this.sources[source]!;
    return { mode: s.mode, rules: s.rules, first, whole };
  }

  /**
   * Takes the next chunk of a source, checked: `unit` is where it starts in the source (a byte
   * offset after any BOM for UTF-8 chunks; 0 for a text held whole), `size` its length in units.
   */
  take(source: number, unit: number, size: number, result: ChunkResult): void {
    const state = this.states[source]!;
    const at = { unit, units: state.units, lines: state.lines, records: state.records };
    this.cross.add(source, at, result.rows, result.strings, result.spans);
    const encoding: Diagnostic[] = [];
    for (const d of shiftDiagnostics(result.encoding, at)) {
      if (state.invalid < MAX_INVALID_REPORTED) encoding.push(d);
      else if (state.invalid === MAX_INVALID_REPORTED) state.more = d;
      state.invalid++;
    }
    state.invalid += result.invalid - result.encoding.length;
    for (const d of mergeByOffset(encoding, shiftDiagnostics(result.diagnostics, at))) state.diagnostics.push(d);
    state.unit = unit + size;
    state.units += result.units;
    state.lines += result.lines;
    state.records += result.records;
  }

  /** A source not read at all (over its size limit): its one finding, and no part in the checks across files. */
  skip(source: number, notice: Diagnostic | undefined): void {
    if (notice) this.states[source]!.diagnostics.push(notice);
  }

  /** Every source's diagnostics, sorted by offset (stably: encoding, per-record, cross-event). */
  finish(): Diagnostic[][] {
    return runAll(this.finishSteps());
  }

  /** The same in steps (the cross-event checks of some thousands of jobs each). */
  *finishSteps(): Generator<void, Diagnostic[][]> {
    const cross = yield* this.cross.finishSteps();
    return this.states.map((state, i) => {
      let list = state.diagnostics;
      if (state.more) {
        const more = moreInvalid(state.more, state.invalid - MAX_INVALID_REPORTED);
        const at = list.findIndex((d) => d.offset >= more.offset);
        list.splice(at < 0 ? list.length : at, 0, more);
      }
      const extra = cross[i] ?? [];
      if (extra.length > 0) list = [...list, ...extra].sort((a, b) => a.offset - b.offset);
      return list;
    });
  }
}

/**
 * The streaming engine in one thread over sources held in memory, cut into chunks of about
 * `chunkBytes` bytes at line feeds: what the CLI does with files and worker threads, for tests
 * and for doors without threads. UTF-8 logs go as byte chunks; documents, UTF-16 and texts whole.
 */
export function validateStreamed(
  sources: readonly (StreamSource & ({ bytes: Uint8Array } | { text: string }))[],
  chunkBytes = 4 << 20,
): Diagnostic[][] {
  const texts = new Map<number, string>();
  const decoded = sources.map((s) => ('text' in s ? { text: s.text, invalid: [] } : undefined));
  const bytesOf = (source: number): Uint8Array => (sources[source] as { bytes: Uint8Array }).bytes;
  const reader: RecordTexts = {
    read: (source, start, end) => {
      const whole = texts.get(source);
      if (whole !== undefined) return whole.slice(start, end);
      return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytesOf(source).subarray(start, end));
    },
    line: (source, start) => {
      const whole = texts.get(source);
      if (whole !== undefined) return whole.slice(start, lineEnd(whole.length, (i) => whole.charCodeAt(i), start));
      const bytes = bytesOf(source);
      return reader.read(source, start, lineEnd(bytes.length, (i) => bytes[i]!, start));
    },
  };
  const engine = new StreamEngine(sources, reader);
  sources.forEach((s, i) => {
    const plan = 'bytes' in s ? planBytes(s.bytes, s.mode) : undefined;
    if (!plan || plan.whole) {
      const d = decoded[i] ?? decodeBytes((s as { bytes: Uint8Array }).bytes);
      texts.set(i, d.text);
      engine.take(i, 0, d.text.length, checkChunkText(d.text, engine.options(i, true, true), undefined, d.invalid));
      return;
    }
    const bytes = (s as { bytes: Uint8Array }).bytes;
    for (let at = plan.start; at < bytes.length || at === plan.start; ) {
      const end = cutAfterLine(bytes, at, chunkBytes);
      engine.take(i, at, end - at, checkChunkBytes(bytes.subarray(at, end), engine.options(i, at === plan.start)));
      at = end;
      if (end >= bytes.length) break;
    }
  });
  return engine.finish();
}

/** How many bytes of a file's head tell whether it must be read whole (see planBytes). */
export const PLAN_BYTES = 64 * 1024;

/**
 * How to read a file from its first bytes (at least PLAN_BYTES of them, or all): a UTF-8 log as
 * byte chunks from `start` (after its BOM); a document, a UTF-16 file, or a log that may be a
 * pretty-printed document (validate.ts) whole.
 */
export function planBytes(head: Uint8Array, mode: DocumentMode): { whole: boolean; start: number } {
  const { encoding, bom } = sniffEncoding(head);
  if (mode !== 'log' || encoding !== 'utf-8') return { whole: true, start: 0 };
  const text = new TextDecoder('utf-8').decode(head.subarray(0, PLAN_BYTES));
  return { whole: mayBePrettyDocument(text), start: bom };
}

/**
 * Where a chunk that starts at `from` ends: just after the last line feed within `size` bytes,
 * else after the first one beyond (a line longer than a chunk), else at the end.
 */
export function cutAfterLine(bytes: Uint8Array, from: number, size: number): number {
  const limit = Math.min(bytes.length, from + size);
  if (limit === bytes.length) return limit;
  const last = bytes.lastIndexOf(10, limit - 1);
  if (last >= from) return last + 1;
  const next = bytes.indexOf(10, limit);
  return next < 0 ? bytes.length : next + 1;
}

/** Where the line from `start` ends: at its line feed or carriage return (UTF-8 bytes or UTF-16 units alike), else at `length`. */
export function lineEnd(length: number, at: (i: number) => number, start: number): number {
  for (let i = start; i < length; i++) {
    const c = at(i);
    if (c === 10 || c === 13) return i;
  }
  return length;
}
