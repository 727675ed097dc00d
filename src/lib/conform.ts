/*
 * parseEvent's promise that `ok` means "the body has its declared type" (README, "Using the checks
 * in your receiver"): whatever severities the caller gives the rules, a body is handed out only
 * when every member the declarations name holds a value of its type, read as the docs' string
 * encoding allows.
 */
import { ENVELOPE_FIELDS, EVENT_FIELDS, EVENT_TYPE_OF, URL_VERIFICATION_FIELDS, eventByName, type FieldInfo } from '../core/catalogue';
import type { AlfredBody } from './alfred-events';
import { KIND_TYPES, readKind } from './kinds';

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads `field` of `from` into `to` (a copy): true when it is absent or of its kind; `family` is the event-type's one value. */
function readField(from: JsonObject, to: JsonObject, field: string, info: FieldInfo, family: string): boolean {
  if (!Object.hasOwn(from, field)) return true;
  const value = readKind(info.kind, from[field]);
  to[field] = value;
  if (info.kind === 'event-type') return value === family;
  if (info.kind === 'object') return false; // only the envelope's `event`, read on its own
  return KIND_TYPES[info.kind].is(value);
}

/**
 * The body typed as the declarations say, or undefined when it is not: an envelope of one of the
 * 24 events (its alias renamed), or the URL verification body. A copy; `value` is not changed.
 */
export function typedBody(value: unknown): AlfredBody | undefined {
  if (!isObject(value)) return undefined;
  return Object.hasOwn(value, 'event') ? typedEnvelope(value) : typedUrlVerification(value);
}

function typedUrlVerification(value: JsonObject): AlfredBody | undefined {
  if (value.type !== 'url_verification') return undefined;
  const fieldsHold = Object.keys(URL_VERIFICATION_FIELDS).every((k) => typeof value[k] === 'string' && Object.hasOwn(value, k));
  return fieldsHold ? ({ ...value } as unknown as AlfredBody) : undefined;
}

function typedEnvelope(value: JsonObject): AlfredBody | undefined {
  const event = value.event;
  // `type` is what tells the URL verification body apart: an envelope carrying one would lie to a receiver's test.
  if (!isObject(event) || Object.hasOwn(value, 'type') || typeof event.event_name !== 'string') return undefined;
  const info = eventByName(event.event_name);
  if (!info) return undefined;
  const family = EVENT_TYPE_OF[info.family];
  const envelope: JsonObject = { ...value };
  for (const [name, field] of Object.entries(ENVELOPE_FIELDS)) {
    if (name === 'event') continue;
    if (!Object.hasOwn(value, name) || !readField(value, envelope, name, field, family)) return undefined;
  }
  const body: JsonObject = { ...event, event_name: info.name };
  for (const name of ['event_type', ...info.fields]) {
    if (!readField(event, body, name, EVENT_FIELDS[name]!, family)) return undefined;
  }
  envelope.event = body;
  return envelope as unknown as AlfredBody;
}
