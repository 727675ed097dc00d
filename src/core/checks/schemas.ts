import * as z from 'zod/mini';
import {
  ENVELOPE_FIELDS, EVENTS, EVENT_TYPE_OF, KINDS, URL_VERIFICATION_FIELDS,
  eventField, type EventInfo, type FieldInfo,
} from '../catalogue';

/**
 * zod schemas of the canonical payloads, derived from the catalogue and nothing else. They check
 * each value; the validator turns their issues into our rule codes, and the JSON Schema export
 * is generated from the same objects.
 */

const fieldSchemas = new Map<FieldInfo, z.ZodMiniType>();

/**
 * Strict schema of one field, documented with the catalogue's meaning. One instance per field,
 * so the JSON Schema export can define each once and refer to it from every event.
 */
export function fieldSchema(field: FieldInfo, name?: string): z.ZodMiniType {
  let s = fieldSchemas.get(field);
  if (!s) {
    // A named field becomes one entry of the JSON Schema's $defs, under its own name.
    const meta = name ? { id: name, description: field.doc } : { description: field.doc };
    fieldSchemas.set(field, (s = KINDS[field.kind].schema().register(z.globalRegistry, meta)));
  }
  return s;
}

const envelopeMember = (name: string): z.ZodMiniType => fieldSchema(ENVELOPE_FIELDS[name]!, name);

function innerSchema(e: EventInfo): z.ZodMiniType {
  const shape: Record<string, z.ZodMiniType> = {
    event_name: z.enum([e.name, ...e.aliases]).register(z.globalRegistry, { description: e.when }),
    event_type: z.literal(EVENT_TYPE_OF[e.family]),
  };
  for (const name of e.fields) shape[name] = fieldSchema(eventField(name)!, name);
  return z.strictObject(shape).register(z.globalRegistry, { title: e.title, description: e.when });
}

function buildEnvelope(e: EventInfo): z.ZodMiniType {
  return z
    .strictObject({
      event_id: envelopeMember('event_id'),
      event_type: z.literal(EVENT_TYPE_OF[e.family]).register(z.globalRegistry, { description: ENVELOPE_FIELDS.event_type!.doc }),
      event_time: envelopeMember('event_time'),
      event: innerSchema(e),
    })
    .register(z.globalRegistry, { title: e.name, description: e.when });
}

const envelopes = new Map<string, z.ZodMiniType>();

/** The envelope schema of one event, built on first use. */
export function envelopeSchema(e: EventInfo): z.ZodMiniType {
  let s = envelopes.get(e.name);
  if (!s) envelopes.set(e.name, (s = buildEnvelope(e)));
  return s;
}

let generic: z.ZodMiniType | undefined;

/**
 * The envelope when the event is not known (name missing or unknown): its own members are still
 * checked, the inner event is not, so one wrong name does not bring a flood of field warnings.
 */
export function genericEnvelopeSchema(): z.ZodMiniType {
  return (generic ??= z.strictObject({
    event_id: envelopeMember('event_id'),
    event_type: envelopeMember('event_type'),
    event_time: envelopeMember('event_time'),
    event: z.looseObject({}),
  }));
}

let verification: z.ZodMiniType | undefined;

export function urlVerificationSchema(): z.ZodMiniType {
  return (verification ??= z
    .strictObject({
      token: fieldSchema(URL_VERIFICATION_FIELDS.token!),
      challenge: fieldSchema(URL_VERIFICATION_FIELDS.challenge!),
      type: z.literal('url_verification').register(z.globalRegistry, { description: URL_VERIFICATION_FIELDS.type!.doc }),
    })
    .register(z.globalRegistry, { title: 'url_verification', description: 'Sent once when a webhook URL is registered; answer HTTP 200 with the challenge.' }));
}

/** Every body Alfred may post: the 24 events and the URL verification. */
export function payloadSchema(): z.ZodMiniType {
  return z.union([...EVENTS.map(envelopeSchema), urlVerificationSchema()]);
}
