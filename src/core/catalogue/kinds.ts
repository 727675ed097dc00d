// zod/mini: the same checks as classic zod, a twentieth of its size in the bundle.
import { t } from '../l10n';
import * as z from 'zod/mini';
import type { NumberRange } from '../checks/numbers';
import { httpUrlProblem } from '../checks/url';
import { RFC3339_PATTERN, isWellFormedDate } from '../checks/datetime';
import { EVENT_TYPES, JOB_STAGES } from './enums';

/**
 * The value kinds of the docs' Event API fields (docs.tagshelf.dev; README, "What it checks").
 * Each kind knows its strict zod schema (the documented, canonical form), how to say what it
 * expects, and how to read a value the docs write as a string.
 */
export type FieldKind =
  | 'uuid'
  | 'text'
  | 'nullable-text'
  | 'boolean'
  | 'count'
  | 'score'
  | 'event-time'
  | 'date'
  | 'url'
  | 'url-list'
  | 'text-list'
  | 'stage'
  | 'event-type'
  | 'object';

/** Seconds since 1970 of 2000-01-01 and 2100-01-01: outside them an event_time is no real event. */
export const EVENT_TIME_MIN = 946684800;
export const EVENT_TIME_MAX = 4102444800;

/**
 * The instant (ms since 1970) an event_time in seconds stands for, or undefined when it is no
 * plausible Unix time (out-of-range, or timestamp-in-milliseconds): such a time is reported by its
 * own rule and not guessed at, so that date-order, the job rules and the timeline do not build on
 * it (README, "Rules": one mistake gives one diagnostic).
 */
export function eventTimeMs(seconds: number | undefined): number | undefined {
  return seconds !== undefined && seconds >= EVENT_TIME_MIN && seconds <= EVENT_TIME_MAX ? seconds * 1000 : undefined;
}

interface KindInfo {
  /** Strict schema of the canonical form. */
  schema: () => z.ZodMiniType;
  /** Completes "<field> must be …", in the active language. */
  expected: () => string;
  /** Short name of the JSON type, for hovers and messages, in the active language. */
  type: () => string;
  /**
   * Reads a string the docs' examples use for a non-string value (`"120"`, `"false"`), or
   * returns undefined when the string is not such an encoding.
   */
  decode?: (s: string) => unknown;
  /**
   * For the numeric kinds: the bounds the README gives, judged on the number as written (a
   * double's rounding is no value of the payload's). zod's schema checks the same bounds.
   */
  range?: NumberRange;
}

// JSON's own number grammar, so that "0x1A", " 12", "1e" or "12x" are not taken for numbers.
const NUMBER_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const decodeNumber = (s: string): number | undefined => (NUMBER_TEXT.test(s) ? Number(s) : undefined);
const decodeBoolean = (s: string): boolean | undefined => (s === 'true' ? true : s === 'false' ? false : undefined);

// The WHATWG URL standard decides (see url.ts); zod's own url checks would trim the text, drop
// tabs and, as httpUrl, want a dotted domain, refusing localhost and IP hosts. JSON Schema: "uri".
const httpUrl = (): z.ZodMiniType => z.stringFormat('uri', (s) => httpUrlProblem(s) === undefined);

export const KINDS: Readonly<Record<FieldKind, KindInfo>> = {
  uuid: { schema: () => z.guid(), expected: () => t('a UUID of 8-4-4-4-12 hexadecimal digits'), type: () => t('string (UUID)') },
  text: { schema: () => z.string(), expected: () => t('a string'), type: () => t('string') },
  'nullable-text': { schema: () => z.nullable(z.string()), expected: () => t('a string or null'), type: () => t('string or null') },
  boolean: { schema: () => z.boolean(), expected: () => t('true or false'), type: () => t('boolean'), decode: decodeBoolean },
  count: { schema: () => z.int().check(z.minimum(0)), expected: () => t('a whole number ≥ 0'), type: () => t('integer ≥ 0'), decode: decodeNumber, range: { min: 0, whole: true } },
  score: {
    schema: () => z.number().check(z.minimum(0), z.maximum(1)),
    expected: () => t('a number from 0 to 1'),
    type: () => t('number 0–1'),
    decode: decodeNumber,
    range: { min: 0, max: 1 },
  },
  'event-time': {
    schema: () => z.number().check(z.minimum(EVENT_TIME_MIN), z.maximum(EVENT_TIME_MAX)),
    expected: () => t('a Unix time in seconds between 2000 and 2100'),
    type: () => t('number (Unix seconds)'),
    decode: decodeNumber,
    range: { min: EVENT_TIME_MIN, max: EVENT_TIME_MAX },
  },
  date: {
    // The pattern is what the JSON Schema export shows; the refinement is exact (the leap
    // second's place) and also turns away a missing offset and .NET's default date, which the
    // validator reports as warnings of their own.
    schema: () => z.string().check(z.regex(new RegExp(RFC3339_PATTERN)), z.refine(isWellFormedDate)),
    expected: () => t('an RFC 3339 date-time such as 2023-05-24T20:00:00Z'),
    type: () => t('string (RFC 3339 date-time)'),
  },
  url: { schema: httpUrl, expected: () => t('an absolute http(s) URL'), type: () => t('string (http(s) URL)') },
  'url-list': { schema: () => z.array(httpUrl()), expected: () => t('an array of http(s) URLs'), type: () => t('array of URLs') },
  'text-list': { schema: () => z.array(z.string()), expected: () => t('an array of strings'), type: () => t('array of strings') },
  stage: { schema: () => z.enum(JOB_STAGES), expected: () => t('a job stage'), type: () => t('string (job stage)') },
  'event-type': {
    schema: () => z.enum(EVENT_TYPES as [string, ...string[]]),
    expected: () => t('"job_event_type" or "file_event_type"'),
    type: () => t('string (event family)'),
  },
  object: { schema: () => z.object({}), expected: () => t('an object'), type: () => t('object') },
};
