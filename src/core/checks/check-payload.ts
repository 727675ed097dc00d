import {
  ALL_EVENT_NAMES, ENVELOPE_FIELDS, EVENT_TYPES, URL_VERIFICATION_FIELDS, eventByName, eventField, eventsWithField,
  isRealtimeName, type EventInfo, type FieldInfo,
} from '../catalogue';
import { classifyIssues, type IssueContext } from './classify';
import { checkRelations } from './check-relations';
import { isEnvelopeShaped } from '../input/detect';
import { describe, isObject, member, preview, valueAt, type Finding, type JsonObject, type NumberSource } from './findings';
import { schemaIssues } from './long-lists';
import { envelopeSchema, genericEnvelopeSchema, urlVerificationSchema } from './schemas';
import { secretFindings } from './secrets/record';
import { closest } from './suggest';
import { pushAll } from '../util/arrays';
import { t } from '../l10n';

const ENVELOPE_KEYS = Object.keys(ENVELOPE_FIELDS);

/**
 * Checks one parsed payload (a document, or one record of a log) against the catalogue;
 * `numbers` gives its numbers as written, for the numeric rules and for messages.
 */
export function checkPayload(root: unknown, numbers?: NumberSource): Finding[] {
  if (!isObject(root)) return [{ code: 'not-an-object', path: [], at: 'value', message: notAnObject(root, numbers) }];
  // Secrets and personal data are looked for in every string, whatever else is wrong.
  if (isUrlVerification(root)) return [...checkUrlVerification(root, numbers), ...secretFindings(root, true)];

  const findings: Finding[] = [];
  const ev = member(root, 'event');
  let info: EventInfo | undefined;
  if (isObject(ev)) {
    const name = member(ev, 'event_name');
    if (name === undefined) {
      findings.push({ code: 'missing-event-name', path: ['event', 'event_name'], at: 'missing', message: t('Missing "{0}" in event: without it the event cannot be told apart, so its fields are not checked', 'event_name'), suggestions: ['event_name'] });
    } else if (typeof name !== 'string') {
      findings.push({ code: 'invalid-type', path: ['event', 'event_name'], at: 'value', message: t('{0} must be the name of an event such as "{1}", found {2}', 'event_name', 'job_retry_event', describe(name, numbers?.text(['event', 'event_name']))) });
    } else {
      info = eventByName(name);
      if (!info) findings.push(unknownEventName(name));
      else if (name !== info.name) {
        findings.push({ code: 'event-name-alias', path: ['event', 'event_name'], at: 'value', suggestions: [info.name], message: t("\"{0}\" (the Python SDK's spelling) is accepted; the webhook docs spell it \"{1}\"", name, info.name) });
      }
    }
  }

  const schema = info ? envelopeSchema(info) : genericEnvelopeSchema();
  const result = schemaIssues(schema, root, info);
  // A number a double misreads is judged again as written, even when the schema passed.
  if (!result.success || (numbers && numbers.misread.length > 0)) {
    const issues = result.issues.filter((i) => isOwnedHere(i.path, root));
    pushAll(findings, mergeTypos(classifyIssues(issues, envelopeContext(root, info, numbers))));
  }
  // When the schema passed, the event types are known to be right: no need to check them again.
  pushAll(findings, checkRelations(root, info, result.success, numbers));
  pushAll(findings, secretFindings(root, false));
  return findings;
}

/** event_name and the event types are judged by checkPayload and checkRelations, save when absent. */
function isOwnedHere(path: readonly PropertyKey[], root: JsonObject): boolean {
  const p = path.join('/');
  if (p === 'event/event_name') return false;
  if (p === 'event_type' || p === 'event/event_type') return valueAt(root, path as (string | number)[]) === undefined;
  return true;
}

/**
 * A misspelt key is one mistake, not two: when an unknown key's closest name is the member that
 * is missing, the unknown-field finding says so and the missing one is marked as absorbed by it.
 */
function mergeTypos(findings: Finding[]): Finding[] {
  const missing = new Map<string, Finding>();
  for (const f of findings) if (f.at === 'missing') missing.set(f.path.join('\u0000'), f);
  for (const f of findings) {
    const guess = f.code === 'unknown-field' ? f.suggestions?.[0] : undefined;
    if (guess === undefined) continue;
    const twin = missing.get([...f.path.slice(0, -1), guess].join('\u0000'));
    if (!twin || twin.absorbedBy) continue;
    twin.absorbedBy = f;
    f.message = f.message.replace(t('; did you mean "{0}"?', guess), t('; did you mean "{0}", which is missing?', guess));
  }
  return findings;
}

/**
 * The verification body, also when its `type` is misspelt or missing: a body with a token or a
 * challenge and nothing of an event is one, and is judged as one rather than as a broken event.
 */
export function isUrlVerification(root: JsonObject): boolean {
  if (member(root, 'type') === 'url_verification') return true;
  // Asked of every record of a log, and nearly every one has an event: that is looked at first.
  if (member(root, 'event') !== undefined || member(root, 'event_id') !== undefined || member(root, 'event_name') !== undefined) return false;
  return member(root, 'challenge') !== undefined || member(root, 'token') !== undefined;
}

/**
 * An array of events is the usual way to this mistake (an API export, several deliveries pasted
 * together), and the way out is not "write an object": it is one event per body, or per line.
 */
function notAnObject(root: unknown, numbers: NumberSource | undefined): string {
  const events = Array.isArray(root) ? root.filter(isEnvelopeShaped).length : 0;
  if (!Array.isArray(root) || events === 0) return t('Expected a JSON object (an Alfred event envelope), found {0}', describe(root, numbers?.text([])));
  const what = events === root.length ? (events === 1 ? t('an array of 1 event') : t('an array of {0} events', events)) : t('an array of {0} values, {1} of them events', root.length, events);
  return t('Expected one event object, found {0}: each webhook body is a single event envelope, and a log (.alfred.jsonl) holds one per line', what);
}

function unknownEventName(name: string): Finding {
  // Aliases count as near misses too ("file_add_to_job"), but the documented spelling is offered.
  const suggestions = [...new Set(closest(name, ALL_EVENT_NAMES).map((n) => eventByName(n)!.name))];
  let message: string;
  if (EVENT_TYPES.includes(name)) {
    message = t('"{0}" is an {1} value; {2} names the event itself, such as {3}', name, 'event_type', 'event_name', 'job_retry_event');
  } else if (isRealtimeName(name)) {
    message = t("\"{0}\" is a name of Tagshelf's realtime socket channel, not a webhook event; webhook events are named like {1} or {2}", name, 'job_retry_event', 'file_done_event');
  } else {
    const shown = preview(name).slice(1, -1);
    message = suggestions.length > 0 ? t('"{0}" is not an Alfred webhook event; did you mean "{1}"?', shown, suggestions[0]) : t('"{0}" is not an Alfred webhook event; see the 24 documented events', shown);
  }
  return { code: 'unknown-event-name', path: ['event', 'event_name'], at: 'value', message, suggestions };
}

function envelopeContext(root: JsonObject, info: EventInfo | undefined, numbers?: NumberSource): IssueContext {
  return {
    root,
    numbers,
    where: info ? t(' in {0}', info.name) : '',
    fieldAt: (path) => {
      if (path.length === 1) return lookup(ENVELOPE_FIELDS, path[0]);
      if (path[0] !== 'event' || typeof path[1] !== 'string') return undefined;
      return elementOf(eventField(path[1]), path.length - 2);
    },
    knownKeys: (path) => (path.length === 0 ? ENVELOPE_KEYS : info ? ['event_name', 'event_type', ...info.fields] : []),
    missingCode: (path) => (path.length === 1 ? 'missing-envelope-field' : 'missing-field'),
    owner: (path) => (path.length === 0 ? t('the envelope') : info ? info.name : 'event'),
    unknownKeyHint: (key, path) => {
      if (path.length === 0 || !info) return '';
      if ((key === 'creation_date' || key === 'update_date') && !info.fields.includes(key)) return t(' ({0} carries no dates)', info.name);
      const owners = eventsWithField(key).map((e) => e.name);
      if (owners.length === 0) return '';
      const first = owners.slice(0, 3).join(', ');
      return owners.length > 3 ? t(' ("{0}" belongs to {1} and {2} more)', key, first, owners.length - 3) : t(' ("{0}" belongs to {1})', key, first);
    },
  };
}

function checkUrlVerification(root: JsonObject, numbers?: NumberSource): Finding[] {
  const result = urlVerificationSchema().safeParse(root);
  if (result.success) return [];
  const ctx: IssueContext = {
    root,
    numbers,
    where: t(' in the URL verification body'),
    fieldAt: (path) => (path.length === 1 ? lookup(URL_VERIFICATION_FIELDS, path[0]) : undefined),
    knownKeys: () => Object.keys(URL_VERIFICATION_FIELDS),
    // The three members are this body's envelope: without them the receiver cannot answer.
    missingCode: () => 'missing-envelope-field',
    owner: () => t('the URL verification body'),
    unknownKeyHint: () => '',
  };
  return mergeTypos(classifyIssues(result.error.issues, ctx));
}

function lookup(table: Readonly<Record<string, FieldInfo>>, key: string | number | undefined): FieldInfo | undefined {
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The field itself (depth 0), or the kind of one element of a list field (depth 1). */
function elementOf(field: FieldInfo | undefined, depth: number): FieldInfo | undefined {
  if (!field || depth === 0) return field;
  if (depth !== 1) return undefined;
  if (field.kind === 'url-list') return { kind: 'url', doc: field.doc };
  if (field.kind === 'text-list') return { kind: 'text', doc: field.doc };
  return undefined;
}
