import { KINDS, eventByName, eventTimeMs, type EventInfo } from '../catalogue';
import { dateMs } from '../checks/datetime';
import { isObject, member, type JsonObject } from '../checks/findings';
import { depthExceeded } from '../input/parse';
import { eventSpans, withoutBom, type RecordSpan } from '../input/record';
import type { DocumentMode, RuleSetting } from '../types';

/** A text to read events from: a payload, a log, or one of many files of a folder. */
export interface Source {
  /** How diagnostics and timeline refs name it (a URI in the editor, a path in the CLI). */
  uri: string;
  text: string;
  mode: DocumentMode;
  /**
   * The source's own rule severities (its folder's team configuration), when they differ from
   * the run's: a finding takes the severity of the source it is reported on.
   */
  rules?: Readonly<Record<string, RuleSetting | undefined>>;
}

/** One event as the job model needs it: who, what, when, and where in which source. */
export interface EventRecord {
  source: number;
  span: RecordSpan;
  /** Position over all sources, for ties in time: file order wins. */
  order: number;
  name: string;
  info?: EventInfo;
  eventId?: string;
  /** Milliseconds since 1970: event_time, else update_date, else creation_date. */
  time?: number;
  jobId?: string;
  fileId?: string;
  fileLogId?: string;
  company?: string;
  retries?: number;
  exceeded?: boolean;
  errors?: string[];
  stage?: string;
  creation?: number;
  update?: number;
}

/**
 * Reads every record of every source that parses as an object, in the order events are read
 * (input/record.ts eventSpans: a capture's payloads in reception order). Parsing is JSON.parse, not a
 * tree: the job model needs values, and positions are found later only for what is reported.
 * `keep` as for toRecord.
 */
export function readRecords(sources: readonly Source[], keep: 'all' | 'checks' = 'all'): EventRecord[] {
  const out: EventRecord[] = [];
  sources.forEach((src, source) => {
    const text = withoutBom(src.text);
    for (const span of eventSpans(text, src.mode)) {
      const src = text.slice(span.start, span.end);
      // A record nested too deep is no record here, as in the per-record checks (checkRecordValue).
      if (depthExceeded(src) >= 0) continue;
      let value: unknown;
      try {
        value = JSON.parse(src);
      } catch {
        continue;
      }
      if (isObject(value)) out.push(toRecord(value, source, span, out.length, keep));
    }
  });
  return out;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function num(v: unknown): number | undefined {
  const n = typeof v === 'string' ? KINDS.count.decode?.(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function bool(v: unknown): boolean | undefined {
  const b = typeof v === 'string' ? KINDS.boolean.decode?.(v) : v;
  return typeof b === 'boolean' ? b : undefined;
}

/**
 * The fields of one parsed record (not the value itself: a long log's values would be hundreds
 * of MB). `all` is what the timeline and the editor's log session keep: dates, errors, ids.
 * `checks` is only what the cross-event rules read, for a long log validated in one go.
 */
export function toRecord(value: JsonObject, source: number, span: RecordSpan, order: number, keep: 'all' | 'checks' = 'all'): EventRecord {
  const all = keep === 'all';
  const ev = member(value, 'event');
  const inner = isObject(ev) ? ev : (Object.create(null) as JsonObject);
  const name = str(member(inner, 'event_name')) ?? '';
  const at = eventTimeMs(num(member(value, 'event_time')));
  const dates = all || at === undefined;
  const creation = dates ? dateMs(member(inner, 'creation_date')) : undefined;
  const update = dates ? dateMs(member(inner, 'update_date')) : undefined;
  const errors = all ? member(inner, 'error_messages') : undefined;
  // Every field present (some undefined): one object shape for all records is faster to make and read.
  return {
    source,
    span,
    order,
    name,
    info: eventByName(name),
    eventId: str(member(value, 'event_id')),
    time: at ?? update ?? creation,
    jobId: str(member(inner, 'job_id')),
    fileId: all ? str(member(inner, 'file_id')) : undefined,
    fileLogId: all ? str(member(inner, 'file_log_id')) : undefined,
    company: all ? str(member(inner, 'company_name')) : undefined,
    retries: num(member(inner, 'retries')),
    exceeded: bool(member(inner, 'exceeded_retries')),
    errors: Array.isArray(errors) ? errors.filter((e): e is string => typeof e === 'string') : undefined,
    stage: str(member(inner, 'stage')),
    creation,
    update,
  };
}
