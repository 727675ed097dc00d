/*
 * What each catalogue kind is in TypeScript and at run time, for the library entry (README, "Using
 * the checks in your receiver"). One table, read by the generator of the committed declarations
 * (scripts/lib-types.ts) and by parseEvent's check that a body has its type (conform.ts), so the
 * declared type and the value parseEvent hands out cannot drift apart.
 */
import { KINDS, type FieldKind } from '../core/catalogue';

interface KindType {
  /** The TypeScript type of a value of this kind, after parseEvent's reading of string-encoded values. */
  ts: string;
  /** Completes "… is 5, not {expected}" in parseEvent's untyped-body finding. */
  expected: string;
  /** Whether a value, read as parseEvent reads it, has that type. */
  is: (v: unknown) => boolean;
  /** A sentence for the field's doc comment, beside the catalogue's meaning. */
  note?: string;
}

const isString = (v: unknown): boolean => typeof v === 'string';
const isNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const isStringArray = (v: unknown): boolean => Array.isArray(v) && v.every(isString);

const encoded = (example: string, read: string): string =>
  `The docs' examples write such values as strings (${example}): parseEvent hands out ${read} (rule string-encoded-value warns).`;

/** 'event-type' and 'object' are written per event by the generator (the family's literal, the event's own interface). */
export const KIND_TYPES: Readonly<Record<Exclude<FieldKind, 'event-type' | 'object'>, KindType>> = {
  uuid: { ts: 'string', expected: 'a string', is: isString, note: 'A UUID, 8-4-4-4-12 hexadecimal digits (rule invalid-uuid warns when it is not).' },
  text: { ts: 'string', expected: 'a string', is: isString },
  'nullable-text': { ts: 'string | null', expected: 'a string or null', is: (v) => v === null || isString(v) },
  boolean: { ts: 'boolean', expected: 'true or false', is: (v) => typeof v === 'boolean', note: encoded('"false"', 'the boolean') },
  count: { ts: 'number', expected: 'a number', is: isNumber, note: `A whole number, 0 or more. ${encoded('"2"', 'the number')}` },
  score: { ts: 'number', expected: 'a number', is: isNumber, note: `From 0 to 1. ${encoded('"0.98"', 'the number')}` },
  'event-time': { ts: 'number', expected: 'a number', is: isNumber, note: encoded('"1653443100.00"', 'the number') },
  date: { ts: 'string', expected: 'a string', is: isString, note: 'An RFC 3339 date-time, such as "2024-06-07T15:46:05Z".' },
  url: { ts: 'string', expected: 'a string', is: isString, note: 'An absolute http(s) URL.' },
  'url-list': { ts: 'string[]', expected: 'an array of strings', is: isStringArray, note: 'Absolute http(s) URLs.' },
  'text-list': { ts: 'string[]', expected: 'an array of strings', is: isStringArray },
  // unknown-stage is a warning: a stage the docs do not list still reaches the receiver.
  stage: { ts: 'JobStage | (string & {})', expected: 'a string', is: isString, note: 'One of the documented JobStage values, or another string (rule unknown-stage warns).' },
};

/** A value as parseEvent hands it out: the docs' string-encoded numbers and booleans read as the value they encode. */
export function readKind(kind: FieldKind, value: unknown): unknown {
  return typeof value === 'string' ? (KINDS[kind].decode?.(value) ?? value) : value;
}
