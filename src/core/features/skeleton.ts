import { ENVELOPE_FIELDS, EVENT_TYPE_OF, eventField, type EventInfo, type FieldInfo } from '../catalogue';

/** Where fresh ids and the current time come from; tests pass fixed ones. */
export interface Fresh {
  uuid(): string;
  now(): Date;
}

/** Web Crypto's randomUUID exists in Node 20, browsers and the web-worker extension host alike. */
export const SYSTEM_FRESH: Fresh = {
  uuid: () => globalThis.crypto.randomUUID(),
  now: () => new Date(),
};

/** An ISO 8601 date-time in UTC without milliseconds, as every docs example writes it. */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Unix time in seconds with two decimals, the precision of the docs' examples. */
export function unixSeconds(d: Date): number {
  return Math.floor(d.getTime() / 10) / 100;
}

// Placeholders that say what belongs there; each is a valid value of its field.
const TEXT: Readonly<Record<string, string>> = {
  company_name: 'Example Company',
  user_name: 'jane.doe',
  metadata: 'Describe the job here',
  tag_name: 'Invoice',
  new_tag_name: 'Invoice',
  tag_being_removed_name: 'Invoice',
  blob_name: 'uploads/document.pdf',
  file_name: 'document.pdf',
  file_name_without_extension: 'document',
  previous_file_directory: 'No Tag',
  new_file_directory: 'Invoice',
  description: 'Invoice',
  file_status: 'classified',
  classification_status: 'completed',
  provider: 'ocr',
  content: '',
  name: 'page_count',
  value: '1',
};

/** A valid placeholder value for a field of an event (ids fresh, times now). */
export function placeholder(name: string, field: FieldInfo, event: EventInfo | undefined, fresh: Fresh): unknown {
  const exceeded = event?.name === 'job_exceeded_retries_event';
  switch (field.kind) {
    case 'uuid': return fresh.uuid();
    case 'text': return TEXT[name] ?? '';
    case 'nullable-text': return null;
    case 'boolean': return name === 'exceeded_retries' ? exceeded : false;
    case 'count':
      if (name === 'file_count') return 1;
      return name === 'retries' ? (exceeded ? 3 : event?.name === 'job_retry_event' ? 1 : 0) : 0;
    case 'score': return 0.9;
    case 'event-time': return unixSeconds(fresh.now());
    case 'date': return isoSeconds(fresh.now());
    case 'url': return 'https://example.com/files/document.pdf';
    case 'url-list': return ['https://example.com/files/document.pdf'];
    case 'text-list': return [];
    case 'stage': return 'queued';
    case 'event-type': return event ? EVENT_TYPE_OF[event.family] : 'job_event_type';
    case 'object': return {};
  }
}

/** A complete, valid payload of an event, with fresh ids and the current time. */
export function payloadObject(event: EventInfo, fresh: Fresh): Record<string, unknown> {
  const inner: Record<string, unknown> = { event_name: event.name, event_type: EVENT_TYPE_OF[event.family] };
  for (const name of event.fields) inner[name] = placeholder(name, eventField(name)!, event, fresh);
  return {
    event_id: fresh.uuid(),
    event_type: EVENT_TYPE_OF[event.family],
    event_time: placeholder('event_time', ENVELOPE_FIELDS.event_time!, event, fresh),
    event: inner,
  };
}

/** The payload as text: pretty with `indent`, or compact (one line, for a log) when indent is 0. */
export function payloadText(event: EventInfo, fresh: Fresh, indent: string | number = 2): string {
  return JSON.stringify(payloadObject(event, fresh), null, indent);
}
