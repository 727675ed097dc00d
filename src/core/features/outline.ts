import type { Node } from 'jsonc-parser';
import { isObject, member } from '../checks/findings';
import { Spellings } from '../jobs/ids';
import type { LineSource } from '../pipeline/incremental';
import { captureSpans, hasContent, recordSpans, view, type RecordSpan } from '../input/record';
import type { DocumentMode } from '../types';
import { t } from '../l10n';
import { clip, cutAt } from '../util/clip';

/** An outline entry, editor-neutral (absolute offsets). */
export interface OutlineItem {
  name: string;
  detail: string;
  kind: 'job' | 'event' | 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null' | 'property';
  offset: number;
  length: number;
  /** The part to highlight and reveal: the key, or the event name. */
  selectionOffset: number;
  selectionLength: number;
  children: OutlineItem[];
}

/** A log's outline lists this many records at most. */
export const MAX_RECORDS = 5000;

/** Beyond this, an array's elements are not listed one by one (a long error_messages, junk). */
const MAX_CHILDREN = 500;

/** Nested values deeper than this (0 is the top level) are not listed, only counted. */
const MAX_NESTING = 8;

/** A value shown as an entry's detail is cut to this many characters. */
const MAX_DETAIL = 60;

/**
 * The outline of a document (its members), of a log (its records, grouped by job) or of a capture
 * (its payloads, grouped by job as a log's records are, each named `events[N]`). A log's outline
 * lists its first MAX_RECORDS records: for a long one the caller may pass only its head (up to
 * record MAX_RECORDS) and the `total` number of records.
 */
export function outline(text: string, mode?: DocumentMode, total?: number): OutlineItem[] {
  if (mode === 'log') return logOutline(text, recordSpans(text, 'log'), total, (i) => `#${i}`);
  const payloads = captureSpans(text);
  if (payloads) return logOutline(text, payloads, undefined, (i) => `events[${i}]`);
  const rec = view(text, { start: 0, end: text.length });
  return rec.root ? members(rec.root, 0, text) : [];
}

function members(node: Node, depth: number, text: string): OutlineItem[] {
  if (node.type !== 'object' && node.type !== 'array') return [];
  const all = node.children ?? [];
  const out: OutlineItem[] = [];
  for (const [i, child] of all.slice(0, MAX_CHILDREN).entries()) {
    const key = node.type === 'object' ? child.children?.[0] : undefined;
    const value = node.type === 'object' ? child.children?.[1] : child;
    if (!value) continue;
    const sel = key ?? value;
    const deep = depth >= MAX_NESTING && (value.children ?? []).length > 0;
    out.push({
      name: key ? String(key.value) : `[${i}]`,
      detail: deep ? t('{0}, not listed (the outline goes {1} levels deep)', count(value), MAX_NESTING + 1) : detailOf(value, text),
      kind: value.type,
      offset: child.offset,
      length: child.length,
      selectionOffset: sel.offset,
      selectionLength: sel.length,
      children: deep ? [] : members(value, depth + 1, text),
    });
  }
  // Like a long log's records, what is cut is said, with how much: an entry for the rest.
  const rest = all.length - MAX_CHILDREN;
  if (rest > 0) {
    const first = all[MAX_CHILDREN]!;
    const last = all[all.length - 1]!;
    const object = node.type === 'object';
    out.push({
      name: object ? (rest === 1 ? t('1 more member') : t('{0} more members', rest)) : rest === 1 ? t('1 more item') : t('{0} more items', rest),
      detail: object
        ? t('not listed (the outline shows the first {0} members of {1})', MAX_CHILDREN, all.length)
        : t('not listed (the outline shows the first {0} items of {1})', MAX_CHILDREN, all.length),
      kind: node.type,
      offset: first.offset,
      length: last.offset + last.length - first.offset,
      selectionOffset: first.offset,
      selectionLength: 0,
      children: [],
    });
  }
  return out;
}

/** "3 items", "1 member": the size of an array or object. */
function count(value: Node): string {
  const n = value.children?.length ?? 0;
  if (value.type === 'array') return n === 1 ? t('1 item') : t('{0} items', n);
  return n === 1 ? t('1 member') : t('{0} members', n);
}

/** A value as the entry's detail: a number as written (`1e400`, `9007199254740993`), not as a double reads it. */
function detailOf(value: Node, text: string): string {
  if (value.type === 'object') return '';
  if (value.type === 'array') return count(value);
  if (value.type === 'number') return clip(text.slice(value.offset, value.offset + value.length), MAX_DETAIL);
  return clip(JSON.stringify(value.value) ?? '', MAX_DETAIL);
}

interface RecordInfo {
  item: OutlineItem;
  jobId?: string;
  fileId?: string;
  company?: string;
}

/**
 * A log's records (or a capture's payloads: `spans`) under one entry per job. File events that
 * carry no job_id join the job a file_added_to_job_event tied their file_id to; the rest stand on
 * their own at the end. Ids that differ only in letter case are one id (ids.ts), named as first
 * written. `label` names a record by its index in the detail.
 */
function logOutline(text: string, spans: readonly RecordSpan[], total: number | undefined, label: (index: number) => string): OutlineItem[] {
  const records: RecordInfo[] = [];
  const jobOfFile = new Map<string, string>();
  const spell = new Spellings();
  // Like VS Code's own JSON outline (json.maxItemsComputed), a very long log lists its first
  // records and says how many more there are: a symbol per line of a 100k-line log helps nobody
  // and costs the editor seconds at each edit.
  const more = (total ?? spans.length) - MAX_RECORDS;
  for (const span of more > 0 ? spans.slice(0, MAX_RECORDS) : spans) {
    const line = text.slice(span.start, span.end);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = undefined;
    }
    const ev = isObject(value) ? member(value, 'event') : undefined;
    const inner = isObject(ev) ? ev : undefined;
    const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
    const name = str(inner && member(inner, 'event_name')) ?? (value === undefined ? t('unparsable record') : t('record'));
    const eventId = str(isObject(value) ? member(value, 'event_id') : undefined);
    const jobId = spelt(spell, str(inner && member(inner, 'job_id')));
    const fileId = spelt(spell, str(inner && member(inner, 'file_id')));
    if (jobId && fileId && name.startsWith('file_add')) jobOfFile.set(fileId, jobId);
    const lead = line.length - line.trimStart().length;
    records.push({
      item: {
        name,
        detail: `${label(span.index ?? 0)}${eventId ? ` · ${shortId(eventId)}` : ''}`,
        kind: 'event',
        offset: span.start,
        length: span.end - span.start,
        selectionOffset: span.start + lead,
        selectionLength: line.trim().length,
        children: [],
      },
      jobId,
      fileId,
      company: str(inner && member(inner, 'company_name')),
    });
  }
  const jobs = new Map<string, RecordInfo[]>();
  const loose: OutlineItem[] = [];
  for (const r of records) {
    const job = r.jobId ?? (r.fileId ? jobOfFile.get(r.fileId) : undefined);
    if (!job) loose.push(r.item);
    else if (jobs.has(job)) jobs.get(job)!.push(r);
    else jobs.set(job, [r]);
  }
  const groups: OutlineItem[] = [...jobs].map(([job, rs]) => {
    const first = rs[0]!.item;
    const last = rs[rs.length - 1]!.item;
    const company = rs.find((r) => r.company)?.company;
    return {
      name: t('job {0}', job),
      // Past the records listed a job may have more events: the count says what it counts.
      detail: `${more > 0 ? t('{0} in the first {1} records', events(rs.length), MAX_RECORDS) : events(rs.length)}${company ? ` · ${company}` : ''}`,
      kind: 'job',
      offset: first.offset,
      length: last.offset + last.length - first.offset,
      selectionOffset: first.selectionOffset,
      selectionLength: first.selectionLength,
      children: rs.map((r) => r.item),
    };
  });
  if (more > 0) {
    const next = spans[MAX_RECORDS]!;
    loose.push({
      name: more === 1 ? t('1 more record') : t('{0} more records', more),
      detail: t('not listed (the outline shows the first {0} records of {1})', MAX_RECORDS, MAX_RECORDS + more),
      kind: 'event',
      offset: next.start,
      length: next.end - next.start,
      selectionOffset: next.start,
      selectionLength: 0,
      children: [],
    });
  }
  return [...groups, ...loose];
}

const events = (n: number): string => (n === 1 ? t('1 event') : t('{0} events', n));

const spelt = (spell: Spellings, id: string | undefined): string | undefined => (id === undefined ? undefined : spell.of(id));

/** The first 8 characters of an id (a UUID's first group), with an ellipsis when it is longer. */
function shortId(id: string): string {
  const cut = cutAt(id, 8);
  return cut ? `${id.slice(0, cut.at)}…` : id;
}

/**
 * A log's lines up to record `last` (what its outline lists) and how many records it holds,
 * read line by line from an editor's document: a long log is never copied whole for it.
 */
export function logHead(lines: LineSource, last = MAX_RECORDS): { head: string; records: number } {
  const eol = lines.eol === 2 ? '\r\n' : '\n';
  const out: string[] = [];
  let records = 0;
  for (let i = 0; i < lines.count; i++) {
    const text = lines.line(i);
    if (records <= last) out.push(text);
    if (hasContent(text)) records++;
  }
  return { head: out.join(eol), records };
}
