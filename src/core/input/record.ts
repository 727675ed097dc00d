import { parseTree, type Node } from 'jsonc-parser';
import { eventByName, type EventInfo } from '../catalogue';
import { captureOf, receptionOrder } from './capture';
import { depthExceeded, nodeAt } from './parse';
import { lineSpans } from './positions';
import type { DocumentMode } from '../types';

/** A BOM is no JSON, but editors write it; blanking it keeps every offset where it was. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
}

/** One record of a text: the whole document, one non-blank line of a log, or one payload of a capture. */
export interface RecordSpan {
  start: number;
  end: number;
  /** Index among the non-blank lines of a log, or of the payload's entry in a capture's `events`; undefined for a single document. */
  index?: number;
}

/**
 * Whether text[start, end) holds anything but JSON's whitespace (space, tab, LF, CR: ECMA-404);
 * a record's first character usually says so. A line holding only a no-break space or a form
 * feed is no blank line of a log but a record with a syntax error.
 */
export function hasContent(text: string, start = 0, end = text.length): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return true;
  }
  return false;
}

/**
 * The records of a text, in order: a document's whole text, a log's non-blank lines, or the
 * payloads of a capture (input/capture.ts), which is a document whose records are not lines.
 */
export function recordSpans(text: string, mode: DocumentMode | undefined): RecordSpan[] {
  if (mode !== 'log') return captureSpans(text) ?? [{ start: 0, end: text.length }];
  const out: RecordSpan[] = [];
  // One object per record, made once: a log has as many as it has lines (this runs on 100k).
  const add = (start: number, end: number): void => {
    if (hasContent(text, start, end)) out.push({ start, end, index: out.length });
  };
  if (!text.includes('\r')) {
    let start = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      add(start, i);
      start = i + 1;
    }
    add(start, text.length);
  } else for (const span of lineSpans(text)) add(span.start, span.end);
  return out;
}

/**
 * The records in the order the cross-event rules and the job model read them: recordSpans', but
 * a capture's payloads in reception order (README "Captures made before": capture.ts
 * receptionOrder, the order `alfred-events import` writes), so that a capture and the log
 * imported from it say the same on the same payload whatever order the file keeps them in.
 */
export function eventSpans(text: string, mode: DocumentMode | undefined): RecordSpan[] {
  const capture = mode === 'log' ? undefined : captureOf(text);
  if (!capture) return recordSpans(text, mode);
  return receptionOrder(capture).map((e) => ({ start: e.payload!.start, end: e.payload!.end, index: e.index }));
}

/**
 * The record that holds an offset, parsed leniently (the user is typing), for completion, hover,
 * fixes and the outline. In a log, a blank line is a record of its own with no tree, so that
 * completion can offer a whole payload there.
 */
export interface RecordView extends RecordSpan {
  text: string;
  /** The lenient tree, offsets relative to `start`; absent for blank or too deeply nested text. */
  root?: Node;
  /** The offset is in a capture's own members, outside every payload: no record at all. */
  outside?: boolean;
}

export function recordAt(text: string, offset: number, mode: DocumentMode | undefined): RecordView {
  let span: RecordSpan = { start: 0, end: text.length };
  const payloads = mode === 'log' ? undefined : captureSpans(text);
  if (payloads) {
    // Outside every payload (the capture's own members) is no record: an empty one, with no tree.
    const inside = payloads.find((p) => offset >= p.start && offset <= p.end);
    if (!inside) return { start: offset, end: offset, text: '', outside: true };
    span = inside;
  } else if (mode === 'log') {
    let index = 0;
    for (const line of lineSpans(text)) {
      const blank = !hasContent(text, line.start, line.end);
      if (offset >= line.start && offset <= line.end) {
        span = blank ? { ...line } : { ...line, index };
        break;
      }
      if (!blank) index++;
    }
  }
  return view(text, span);
}

/** Whether a text's records are many and each a part of it (a log's lines, a capture's payloads), not the whole text. */
export function isRecordList(text: string, mode: DocumentMode | undefined): boolean {
  return mode === 'log' || (mode !== undefined && captureOf(text) !== undefined);
}

/** The payloads of a capture as records, each with its entry's index; undefined when the text is no capture. */
export function captureSpans(text: string): RecordSpan[] | undefined {
  const capture = captureOf(text);
  if (!capture) return undefined;
  const out: RecordSpan[] = [];
  for (const e of capture.entries) if (e.payload) out.push({ start: e.payload.start, end: e.payload.end, index: e.index });
  return out;
}

/** Parses a span leniently; the tree's offsets are relative to span.start. */
export function view(text: string, span: RecordSpan): RecordView {
  const src = text.slice(span.start, span.end);
  const root = !hasContent(src) || depthExceeded(src) >= 0 ? undefined : parseTree(src, [], { allowTrailingComma: true });
  return { ...span, text: src, root };
}

/** The event a record's tree names, if it names a known one. */
export function eventOf(root: Node | undefined): EventInfo | undefined {
  const name = root ? nodeAt(root, ['event', 'event_name']) : undefined;
  return typeof name?.value === 'string' ? eventByName(name.value) : undefined;
}
