/*
 * parseEvent's promise that `ok` means "the body has its declared type" (README, "Using the checks
 * in your receiver"): whatever severities the caller gives the rules, a body is handed out only
 * when every member the declarations name holds a value of its type, read as the docs' string
 * encoding allows. When it does not, the first member that breaks the type is named (refusal.ts
 * words it as the `untyped-body` finding), so that a not-ok result always says why.
 */
import { ENVELOPE_FIELDS, EVENT_FIELDS, EVENT_TYPE_OF, URL_VERIFICATION_FIELDS, eventByName, type FieldInfo } from '../core/catalogue';
import { isObject, type JsonObject } from '../core/checks/findings';
import type { JsonPath } from '../core/input/pointer';
import type { AlfredBody } from './alfred-events';
import { KIND_TYPES, readKind } from './kinds';

/** Why a member breaks the body's type; `expected` completes "… not {expected}". */
export type Breach =
  | { why: 'not-object' }
  | { why: 'missing' }
  | { why: 'type'; expected: string }
  /** A number as written (1e400) or as string-encoded ("1e400") that a double reads as ±Infinity. */
  | { why: 'unbounded' }
  | { why: 'family'; family: string; event: string }
  | { why: 'unknown-event' }
  | { why: 'type-and-event' }
  | { why: 'not-url-verification' };

/** The member at `path` (of the body as parsed) breaks the type, for the reason `breach`. */
export interface Refusal {
  path: JsonPath;
  breach: Breach;
}

export type Conformance = { body: AlfredBody; refusal?: undefined } | { body?: undefined; refusal: Refusal };

const refuse = (path: JsonPath, breach: Breach): Conformance => ({ refusal: { path, breach } });

/** A number that is not finite, or a string that the docs' encoding reads as one. */
const unbounded = (raw: unknown, read: unknown): boolean => typeof read === 'number' && !Number.isFinite(read) && (typeof raw === 'number' || typeof raw === 'string');

/**
 * Reads `field` of `from` into `to` (a copy): undefined when it is absent or of its kind, else why
 * not. `family` is the event-type's one value, `event` the event's name; `at` is the object's path.
 */
function readField(from: JsonObject, to: JsonObject, at: JsonPath, field: string, info: FieldInfo, family: string, event: string): Refusal | undefined {
  if (!Object.hasOwn(from, field)) return undefined;
  const raw = from[field];
  const value = readKind(info.kind, raw);
  to[field] = value;
  const path = [...at, field];
  if (info.kind === 'event-type') return value === family ? undefined : { path, breach: { why: 'family', family, event } };
  if (info.kind === 'object') return { path, breach: { why: 'type', expected: 'an object' } }; // only the envelope's `event`, read on its own
  const kind = KIND_TYPES[info.kind];
  if (kind.is(value)) return undefined;
  if (unbounded(raw, value)) return { path, breach: { why: 'unbounded' } };
  // Point at the first element of a list that is not a string, not at the whole list.
  const bad = Array.isArray(value) ? value.findIndex((v) => typeof v !== 'string') : -1;
  return bad >= 0 ? { path: [...path, bad], breach: { why: 'type', expected: 'a string' } } : { path, breach: { why: 'type', expected: kind.expected } };
}

/**
 * The body typed as the declarations say, or why it is not: an envelope of one of the 24 events
 * (its alias renamed), or the URL verification body. The body is a copy; `value` is not changed.
 */
export function typedBody(value: unknown): Conformance {
  if (!isObject(value)) return refuse([], { why: 'not-object' });
  return Object.hasOwn(value, 'event') ? typedEnvelope(value) : typedUrlVerification(value);
}

function typedUrlVerification(value: JsonObject): Conformance {
  if (value.type !== 'url_verification') return refuse(['type'], Object.hasOwn(value, 'type') ? { why: 'not-url-verification' } : { why: 'missing' });
  for (const k of Object.keys(URL_VERIFICATION_FIELDS)) {
    if (!Object.hasOwn(value, k)) return refuse([k], { why: 'missing' });
    if (typeof value[k] !== 'string') return refuse([k], { why: 'type', expected: 'a string' });
  }
  return { body: { ...value } as unknown as AlfredBody };
}

function typedEnvelope(value: JsonObject): Conformance {
  // `type` is what tells the URL verification body apart: an envelope carrying one would lie to a receiver's test.
  if (Object.hasOwn(value, 'type')) return refuse(['type'], { why: 'type-and-event' });
  const event = value.event;
  if (!isObject(event)) return refuse(['event'], { why: 'type', expected: 'an object' });
  if (!Object.hasOwn(event, 'event_name')) return refuse(['event', 'event_name'], { why: 'missing' });
  if (typeof event.event_name !== 'string') return refuse(['event', 'event_name'], { why: 'type', expected: 'a string' });
  const info = eventByName(event.event_name);
  if (!info) return refuse(['event', 'event_name'], { why: 'unknown-event' });
  const family = EVENT_TYPE_OF[info.family];
  const envelope: JsonObject = { ...value };
  for (const [name, field] of Object.entries(ENVELOPE_FIELDS)) {
    if (name === 'event') continue;
    if (!Object.hasOwn(value, name)) return refuse([name], { why: 'missing' });
    const refusal = readField(value, envelope, [], name, field, family, info.name);
    if (refusal) return { refusal };
  }
  const body: JsonObject = { ...event, event_name: info.name };
  for (const name of ['event_type', ...info.fields]) {
    const refusal = readField(event, body, ['event'], name, EVENT_FIELDS[name]!, family, info.name);
    if (refusal) return { refusal };
  }
  envelope.event = body;
  return { body: envelope as unknown as AlfredBody };
}
