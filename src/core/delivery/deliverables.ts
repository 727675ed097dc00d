import { isObject, member } from '../checks/findings';
import { LineIndex } from '../input/positions';
import { recordSpans } from '../input/record';
import { toRecord } from '../jobs/records';
import type { DocumentMode } from '../types';
import { t } from '../l10n';

/** One event to deliver: where it came from and the text to send. */
export interface Deliverable {
  /** The file as the door names it (CLI: the path as given or found; editor: uri.toString()). */
  source: string;
  /** 1-based line of the record's first character (1 for a payload file; a capture's payload starts on its own line). */
  line: number;
  /** The record's text, sent as UTF-8. */
  body: string;
  eventId?: string;
  eventName?: string;
  jobId?: string;
  fileId?: string;
  /** Seconds since the epoch, as the job model and its time rules read a record's time. */
  eventTime?: number;
}

/** A record that is not delivered, and why (one sentence). */
export interface Skipped {
  line: number;
  reason: string;
}

/**
 * The deliverables of one file's text (README "Delivering to your receiver"): a payload (`mode`
 * `document`) is one, a log one per non-blank line, each body the record's exact text without
 * its line terminator. A leading BOM is dropped (RFC 8259 §8.1: none on the wire). Records that
 * are not a JSON object, and URL-verification bodies (`"type": "url_verification"`, which is the
 * handshake, not an event), are skipped with a reason. The time is the one the job model reads
 * (src/core/jobs/records.ts: event_time, else update_date, else creation_date), so that replay's
 * `in-order` is the order the time rules and the timeline judge.
 */
export function deliverablesOf(text: string, source: string, mode: DocumentMode): { items: Deliverable[]; skipped: Skipped[] } {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const items: Deliverable[] = [];
  const skipped: Skipped[] = [];
  const lines = new LineIndex(clean);
  for (const span of recordSpans(clean, mode)) {
    // A log's line, or the line a capture's payload starts on (README "Captures made before").
    const line = span.index !== undefined ? lines.position(span.start).line + 1 : 1;
    const body = clean.slice(span.start, span.end);
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      skipped.push({ line, reason: t('not JSON') });
      continue;
    }
    if (!isObject(value)) {
      skipped.push({ line, reason: t('not a JSON object') });
      continue;
    }
    if (member(value, 'type') === 'url_verification') {
      skipped.push({ line, reason: t('a URL-verification body, not an event ({0} checks it)', 'alfred-events handshake') });
      continue;
    }
    const record = toRecord(value, 0, span, items.length);
    const item: Deliverable = { source, line, body };
    if (record.eventId !== undefined) item.eventId = record.eventId;
    if (record.name !== '') item.eventName = record.name;
    if (record.jobId !== undefined) item.jobId = record.jobId;
    if (record.fileId !== undefined) item.fileId = record.fileId;
    if (record.time !== undefined) item.eventTime = record.time / 1000;
    items.push(item);
  }
  return { items, skipped };
}
