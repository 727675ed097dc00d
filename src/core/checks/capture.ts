import { toPointer } from '../input/pointer';
import { t } from '../l10n';
import { parseRecord, type Spot } from '../input/parse';
import type { Capture, CaptureEntry } from '../input/capture';
import { dateFinding } from './date-problems';
import { preview } from './findings';
import { parse } from 'jsonc-parser';

/*
 * The checks of a capture's own members (README "Captures made before"): what the demo receiver
 * writes around the payloads. The payloads themselves are records, checked as a log's lines are.
 */

/** A problem of a capture's envelope; `pointer` is into the whole file (RFC 6901). */
export interface CaptureProblem extends Spot {
  code: 'capture-envelope' | 'json-syntax' | 'duplicate-key';
  pointer: string;
}

/**
 * The problems of a capture outside its payloads: syntax errors and repeated keys there (those
 * inside a payload are its record's own), `event_count` that is not the number of entries, an
 * entry that is not an object or has no `payload`, and a `reception_date` that is missing or not
 * an RFC 3339 date-time with an offset (RFC 3339 §5.6; the demo writes Date#toISOString's form).
 */
export function captureProblems(text: string, capture: Capture): CaptureProblem[] {
  const out: CaptureProblem[] = [];
  const inPayload = (offset: number): boolean => capture.entries.some((e) => e.payload !== undefined && offset >= e.payload.start && offset < e.payload.end);
  // No tree inside the payloads (each is its own record, checked on its own): a whole tree of a
  // capture of tens of MB would take about nine times its size.
  const payloads = new Set(capture.entries.flatMap((e) => (e.payload ? [e.payload.start] : [])));
  const strict = parseRecord(text, 0, text.length, (offset) => payloads.has(offset));
  for (const s of strict.syntax) if (!inPayload(s.offset)) out.push({ code: 'json-syntax', ...s, pointer: '' });
  for (const d of strict.duplicates) {
    if (d.path[0] === 'events' && d.path[2] === 'payload' && d.path.length > 3) continue;
    out.push({ code: 'duplicate-key', offset: d.offset, length: d.length, message: t('Duplicate key {0} in the capture: parsers disagree on which value wins (this check reads the last)', preview(String(d.path[d.path.length - 1]))), pointer: toPointer(d.path) });
  }
  const n = capture.entries.length;
  const count = capture.count;
  if (count && count.value !== n) {
    const written = text.slice(count.start, count.end);
    const message = typeof count.value === 'number' ? t('event_count is {0}, but events holds {1}: the file was edited or cut short', written, entries(n)) : t('event_count is {0}, not a number: the demo receiver writes the number of entries in events ({1})', shown(written), n);
    out.push({ code: 'capture-envelope', offset: count.start, length: count.end - count.start, message, pointer: '/event_count' });
  }
  for (const e of capture.entries) out.push(...entryProblems(text, e));
  return out.sort((a, b) => a.offset - b.offset);
}

function entryProblems(text: string, e: CaptureEntry): CaptureProblem[] {
  const at = (span: { start: number; end: number }, message: string, pointer: string): CaptureProblem => ({ code: 'capture-envelope', offset: span.start, length: span.end - span.start, message, pointer });
  const where = `/events/${e.index}`;
  // The opening brace of an object (not the whole entry): a squiggle over a whole payload says nothing.
  const brace = e.isObject ? { start: e.span.start, end: e.span.start + 1 } : e.span;
  if (!e.isObject) return [at(brace, t('events[{0}] is {1}, not an object with payload and reception_date: it holds no event', e.index, shown(text.slice(e.span.start, e.span.end))), where)];
  const out: CaptureProblem[] = [];
  if (!e.payload) out.push(at(brace, t('events[{0}] has no payload: the event it records is lost, and alfred-events import leaves it out', e.index), where));
  if (!e.date) {
    out.push(at(brace, t('events[{0}] has no reception_date: alfred-events import puts it after the entries before it, in file order', e.index), where));
  } else if (typeof e.date.value !== 'string') {
    out.push(at(e.date, t('reception_date is {0}, not a string: an RFC 3339 date-time such as 2024-05-24T20:00:00.000Z is expected', shown(text.slice(e.date.start, e.date.end))), `${where}/reception_date`));
  } else {
    const f = dateFinding('reception_date', e.date.value, t(' in events[{0}]', e.index));
    if (f) out.push(at(e.date, f.message, `${where}/reception_date`));
  }
  return out;
}

/**
 * A value of the capture as preview() shows any value in a message: a number as written (`7`, not
 * `"7"`), a string quoted (secrets left out), an object or array named; read leniently, as the
 * capture is.
 */
function shown(written: string): string {
  const value: unknown = parse(written, [], { allowTrailingComma: true });
  return preview(value, typeof value === 'number' ? written.trim() : undefined);
}

const entries = (n: number): string => (n === 1 ? t('1 entry') : t('{0} entries', n));
