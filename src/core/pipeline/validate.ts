import { captureProblems } from '../checks/capture';
import { checkRecord, Sink } from '../checks/check-record';
import { t } from '../l10n';
import { isObject } from '../checks/findings';
import { crossCheckRecords } from '../jobs/index';
import { toRecord, type EventRecord } from '../jobs/records';
import { captureOf } from '../input/capture';
import { parseRecord } from '../input/parse';
import { LineIndex } from '../input/positions';
import { eventSpans, recordSpans, withoutBom, type RecordSpan } from '../input/record';
import type { Diagnostic, ValidateOptions } from '../types';

/**
 * Validates one Alfred payload, or (mode `log`) a log of one JSON record per non-blank line; a
 * document that is a capture (input/capture.ts) is checked as the log of its payloads, and its
 * own members by captureProblems. Never throws on any input; diagnostics come sorted by position.
 */
export function validate(text: string, options: ValidateOptions = {}): Diagnostic[] {
  const run = new Validation(text, options);
  run.step();
  return run.diagnostics();
}

/**
 * A validation that can be run a slice at a time, so that an editor can check a long log
 * without holding its thread: call `step(ms)` until it returns true.
 */
export class Validation {
  private readonly src: string;
  private spans: RecordSpan[];
  private readonly sink: Sink;
  private next = 0;
  private readonly options: ValidateOptions;
  private crossDone = false;
  private readonly records: EventRecord[] | undefined;
  /** Whether the records are many (a log's lines, a capture's payloads): then they are checked across. */
  private readonly many: boolean;

  constructor(text: string, options: ValidateOptions = {}) {
    this.src = withoutBom(text);
    this.options = options;
    const capture = options.mode === 'log' ? undefined : captureOf(this.src);
    this.many = options.mode === 'log' || capture !== undefined;
    if (this.many && options.crossEvent !== false) this.records = [];
    // In the order the cross-event rules read records: a capture's payloads by reception.
    this.spans = eventSpans(this.src, options.mode);
    this.sink = new Sink(new LineIndex(this.src), options);
    if (capture) for (const p of captureProblems(this.src, capture)) this.sink.spot(p.code, p, p.pointer, undefined);
    if (options.mode === 'log' && isPrettyDocument(this.src, this.spans)) {
      const first = this.spans[0]!;
      const p = prettyDocumentProblem(first.start, first.end);
      this.sink.spot(p.code, p, '', 0);
      this.spans = [];
    }
  }

  /** Checks records for about `budgetMs` (all of them by default); true once every record is done. */
  step(budgetMs = Infinity): boolean {
    const until = Date.now() + budgetMs;
    while (this.next < this.spans.length) {
      const span = this.spans[this.next++]!;
      const value = checkRecord(this.src, span.start, span.end, span.index, this.sink);
      // Kept for the cross-event checks, so a log is parsed once.
      if (this.records && isObject(value)) this.records.push(toRecord(value, 0, span, this.records.length, 'checks'));
      if (Date.now() >= until) break;
    }
    if (this.next < this.spans.length) return false;
    if (!this.crossDone) {
      this.crossDone = true;
      // The checks across a log's records come once all records are read.
      if (this.many && this.options.crossEvent !== false) {
        for (const d of crossCheckRecords({ uri: '', text: this.src, mode: this.options.mode ?? 'document' }, this.records ?? [], this.options.rules)) this.sink.add(d);
      }
    }
    return true;
  }

  /** Share of records checked so far, 0 to 1. */
  get progress(): number {
    return this.spans.length === 0 ? 1 : this.next / this.spans.length;
  }

  diagnostics(): Diagnostic[] {
    return this.sink.sorted();
  }
}

/**
 * A pretty-printed document saved as a log would give a syntax error on every line; it is one
 * mistake. Told by its first line being a lone bracket and the whole text parsing as one value.
 */
export function isPrettyDocument(src: string, spans: readonly { start: number; end: number }[]): boolean {
  const first = spans[0];
  if (!first || spans.length < 2 || !LONE_BRACKET.test(src.slice(first.start, first.end))) return false;
  return parseRecord(src, 0, src.length).syntax.length === 0;
}

const LONE_BRACKET = /^\s*[[{]\s*$/;

/**
 * Whether a log whose text begins with `head` may be a pretty-printed document (its first
 * non-blank line a lone bracket): only the whole text can tell, so a streaming reader reads it whole.
 */
export function mayBePrettyDocument(head: string): boolean {
  const first = recordSpans(head, 'log')[0];
  return first !== undefined && LONE_BRACKET.test(head.slice(first.start, first.end));
}

/** The one diagnostic of a pretty-printed document saved as a log, on its first record [start, end). */
export function prettyDocumentProblem(start: number, end: number): { code: 'json-syntax'; offset: number; length: number; message: string } {
  return { code: 'json-syntax', offset: start, length: end - start, message: t('This log holds one pretty-printed JSON document, but a log (JSONL) needs one compact JSON event per line: name the file .alfred.json, or write each event on one line') };
}
