import {
  EVENTS, EVENT_FIELDS, EVENT_TIME_MAX, EVENT_TIME_MIN, EVENT_TYPE_OF, JOB_STAGES, eventByName, eventTimeMs, type EventInfo, type FieldKind,
} from '../catalogue';
import { RFC3339_PATTERN, readDateTime, type DateTime } from './datetime';
import { isObject, type JsonObject } from './findings';
import { canonicalEventHoldsSecret, urlHoldsSecret } from './secrets/record';
import { httpUrlProblem } from './url';
import { colonsIn } from '../input/parse';
import { NUMERIC_KEYS, writtenExactly } from './written';

/*
 * A quick "nothing to report" for the usual record of a log: a canonical payload of a known event,
 * judged with plain comparisons instead of zod's run, the numbers' tree and the relation checks.
 * It answers only yes or "not sure": a record it does not accept goes the whole way through
 * checkPayload, so it may be stricter than the checks but never looser (test/unit/fast-accept.test.ts
 * holds it to that). Each value test below is the kind's own schema (catalogue/kinds.ts) written out.
 */

/**
 * zod's z.guid() pattern (zod/v4/core, `regexes.guid`), which the uuid kind's schema is; copied,
 * since importing zod's table of patterns adds 6 KB to the bundles.
 */
const GUID = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
const DATE = new RegExp(RFC3339_PATTERN);
const STAGES: ReadonlySet<string> = new Set(JOB_STAGES);

/** Whether a value passes the strict schema of its kind; `false` also for "not sure". */
type ValueTest = (v: unknown) => boolean;

const isText = (v: unknown): boolean => typeof v === 'string';
const isUrl = (v: unknown): boolean => typeof v === 'string' && (GOOD_URLS.has(v) || goodUrl(v));

/**
 * URLs found good lately: a job's file_urls come again in its later events, and asking the URL
 * parser is the dearest test here. Good means valid and free of secrets (a signed URL, a password
 * in it): the secrets' rules report on URLs wherever they are. Bounded, and emptied when full; a
 * pure function's memo.
 */
const GOOD_URLS = new Set<string>();

function goodUrl(v: string): boolean {
  if (httpUrlProblem(v) !== undefined || urlHoldsSecret(v)) return false;
  if (GOOD_URLS.size >= 4096) GOOD_URLS.clear();
  GOOD_URLS.add(v);
  return true;
}

const isScore = (v: unknown): boolean => typeof v === 'number' && v >= 0 && v <= 1;

const TESTS: Readonly<Record<FieldKind, ValueTest | undefined>> = {
  uuid: (v) => typeof v === 'string' && GUID.test(v),
  text: isText,
  'nullable-text': (v) => v === null || typeof v === 'string',
  boolean: (v) => typeof v === 'boolean',
  // A safe integer: what zod's z.int() takes, and no more.
  count: (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0,
  score: isScore,
  'event-time': (v) => typeof v === 'number' && v >= EVENT_TIME_MIN && v <= EVENT_TIME_MAX,
  // The regular expression and readDateTime, as the date kind's schema; the offset and the unset
  // default are looked at in `datesInOrder`, which reads each date once.
  date: (v) => typeof v === 'string' && DATE.test(v),
  url: isUrl,
  'url-list': (v) => Array.isArray(v) && v.every(isUrl),
  'text-list': (v) => Array.isArray(v) && v.every(isText),
  stage: (v) => typeof v === 'string' && STAGES.has(v),
  // Not a member kind of any event (the event types are literals); never taken on trust.
  'event-type': undefined,
  object: undefined,
};

interface Shape {
  /** A test for each member of `event` besides event_name and event_type. */
  members: ReadonlyMap<string, ValueTest>;
  /** The record's numeric members (numbers as written): event_time and the event's counts and scores. */
  numeric: readonly string[];
}

const SHAPES = new Map<EventInfo, Shape>(
  EVENTS.map((e) => [e, {
    members: new Map(e.fields.map((name) => [name, TESTS[EVENT_FIELDS[name]!.kind] ?? (() => false)])),
    numeric: NUMERIC_KEYS.filter((k) => k === 'event_time' || e.fields.includes(k)),
  }]),
);

/**
 * Whether checkPayload(value) certainly finds nothing, given `src`, the record's text that
 * JSON.parse read as `value`: an envelope of exactly event_id, event_type, event_time and event,
 * its event a known one under its documented name (not an alias) with exactly its fields, every
 * value in canonical form (README, "What it checks"), no number whose text a double misreads, and
 * none of checkRelations' rules (date order, event_time before the creation, retry counters) broken,
 * no URL or free text holding a secret or personal data (the secrets' own detectors, cheap on
 * strings without their hints), and in the text no repeated key and no \u escape. False means "not sure", never "invalid".
 */
export function fastAccept(value: unknown, src: string): boolean {
  if (!isObject(value)) return false;
  let keys = 0;
  for (const key in value) {
    keys++;
    if (key !== 'event_id' && key !== 'event_type' && key !== 'event_time' && key !== 'event') return false;
  }
  if (keys !== 4) return false;
  const event = value.event;
  if (!isObject(event)) return false;
  const name = event.event_name;
  if (typeof name !== 'string') return false;
  const info = eventByName(name);
  if (!info || info.name !== name) return false;
  const family = EVENT_TYPE_OF[info.family];
  const time = value.event_time;
  if (value.event_type !== family || event.event_type !== family || !TESTS.uuid!(value.event_id) || !TESTS['event-time']!(time)) return false;
  const shape = SHAPES.get(info)!;
  const tests = shape.members;
  keys = 0;
  for (const key in event) {
    keys++;
    if (key === 'event_name' || key === 'event_type') continue;
    const test = tests.get(key);
    if (!test || !test(event[key])) return false;
  }
  if (keys !== tests.size + 2) return false;
  return datesInOrder(event, time as number) && retriesAgree(event, info) && !src.includes('\\u') && !repeatsKey(src, event, keys) && writtenExactly(src, shape.numeric)
    && !canonicalEventHoldsSecret(event);
}

/**
 * input/parse.ts repeatsKey for a record of the shape accepted above: without \u escapes, each
 * key's colon and each colon inside a string are the text's colons; a repeated key's colon is one
 * more. The envelope's four keys, the event's `eventKeys`, and its values (strings, lists of
 * strings; the keys hold no colon).
 */
function repeatsKey(src: string, event: JsonObject, eventKeys: number): boolean {
  let colons = 4 + eventKeys;
  for (const key in event) {
    const v = event[key];
    if (typeof v === 'string') colons += colonsIn(v);
    else if (Array.isArray(v)) for (const x of v) colons += colonsIn(x as string);
  }
  return colonsIn(src) !== colons;
}

/**
 * The date kind's refinement (an offset, not .NET's unset default) and checkRelations' date-order
 * rule: update_date not before creation_date, event_time not a day or more before creation_date.
 */
function datesInOrder(event: JsonObject, eventTime: number): boolean {
  const created = dateOf(event, 'creation_date');
  const updated = dateOf(event, 'update_date');
  if (created === null || updated === null) return false;
  if (created && updated && updated.ms < created.ms) return false;
  const at = eventTimeMs(eventTime);
  return !(created && at !== undefined && at < created.ms - 86_400_000);
}

/** A date member that passed the pattern, read; undefined when absent, null when not well formed. */
function dateOf(event: JsonObject, key: string): DateTime | undefined | null {
  if (!Object.hasOwn(event, key)) return undefined;
  const d = readDateTime(event[key] as string);
  return d && d.offset !== undefined && !d.unset ? d : null;
}

/** checkRelations' retry-inconsistent rule, on the booleans and counts the schema let through. */
function retriesAgree(event: JsonObject, info: EventInfo): boolean {
  const exceeded = event.exceeded_retries;
  if (info.name === 'job_exceeded_retries_event' && exceeded === false) return false;
  if (info.name === 'job_retry_event' && exceeded === true) return false;
  return !(exceeded === true && event.retries === 0);
}
