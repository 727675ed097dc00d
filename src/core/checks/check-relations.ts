import { EVENT_TYPES, EVENT_TYPE_OF, KINDS, eventTimeMs, isRealtimeName, type EventInfo } from '../catalogue';
import { t } from '../l10n';
import { dateMs } from './datetime';
import { describe, isObject, member, preview, type Finding, type JsonObject, type NumberSource } from './findings';
import { decimalOf } from './numbers';
import { closest } from './suggest';
import { isoUtc } from '../util/time';

/**
 * Checks that relate one member to another or to the event, on values as the docs mean them
 * (so `"true"` counts as true): the event types, the order of the dates, the retry counters.
 */
export function checkRelations(root: JsonObject, info: EventInfo | undefined, valid = false, numbers?: NumberSource): Finding[] {
  const ev = member(root, 'event');
  const inner = isObject(ev) ? ev : undefined;
  // A payload the schema passed has the right event types (they are literals there).
  const out = valid ? [] : checkEventTypes(root, inner, info, numbers);
  if (inner && info) out.push(...checkDates(root, inner), ...checkRetries(inner, info, numbers));
  return out;
}

function checkEventTypes(root: JsonObject, inner: JsonObject | undefined, info: EventInfo | undefined, numbers?: NumberSource): Finding[] {
  const out: Finding[] = [];
  const outer = member(root, 'event_type');
  const innerType = inner ? member(inner, 'event_type') : undefined;
  const expected = info ? EVENT_TYPE_OF[info.family] : undefined;
  const check = (value: unknown, path: string[], against: string | undefined, why: string): void => {
    if (value === undefined) return; // absent: missing-envelope-field or missing-field says so
    if (typeof value !== 'string') {
      out.push({ code: 'invalid-type', path, at: 'value', message: t('event_type must be a string such as "job_event_type", found {0}', describe(value, numbers?.text(path))) });
      return;
    }
    if (against === undefined ? EVENT_TYPES.includes(value) : value === against) return;
    const suggestions = against ? [against] : closest(value, EVENT_TYPES);
    const realtime = isRealtimeName(value) ? t('; "{0}" is a name of Tagshelf\'s realtime socket channel, not of a webhook payload', value) : '';
    const want = against ? `"${against}"` : '"job_event_type" or "file_event_type"';
    out.push({ code: 'event-type-mismatch', path, at: 'value', suggestions, message: t('event_type must be {0}{1}, found {2}{3}', want, why, preview(value), realtime) });
  };
  const family = info ? t(' for {0} (a {1} event)', info.name, info.family) : '';
  check(outer, ['event_type'], expected, family);
  // Without a known event, the inner type can only be held to the outer one (when that is sound).
  const innerAgainst = expected ?? (typeof outer === 'string' && EVENT_TYPES.includes(outer) ? outer : undefined);
  check(innerType, ['event', 'event_type'], innerAgainst, expected ? family : t(', the same as the envelope\'s event_type'));
  return out;
}

function checkDates(root: JsonObject, inner: JsonObject): Finding[] {
  const out: Finding[] = [];
  // Read as the job model and the timeline read them: a date without an offset as UTC, the
  // unset default as no date, anything else that is no RFC 3339 date-time not at all.
  const created = dateMs(member(inner, 'creation_date'));
  const updated = dateMs(member(inner, 'update_date'));
  if (created !== undefined && updated !== undefined && updated < created) {
    out.push({
      code: 'date-order',
      path: ['event', 'update_date'],
      at: 'value',
      message: t('update_date {0} is earlier than creation_date {1}', String(member(inner, 'update_date')), String(member(inner, 'creation_date'))),
    });
  }
  // An event cannot happen before what it is about was created; the docs' examples do this
  // (event_time in 2022, dates in 2023), which is why it is worth a word. A day of slack
  // leaves clock skew and time zones alone.
  const raw = member(root, 'event_time');
  const decoded = typeof raw === 'string' ? KINDS['event-time'].decode?.(raw) : raw;
  const at = eventTimeMs(typeof decoded === 'number' ? decoded : undefined);
  if (created !== undefined && at !== undefined && at < created - 86_400_000) {
    const when = isoUtc(at);
    out.push({
      code: 'date-order',
      path: ['event_time'],
      at: 'value',
      message: t("event_time ({0}) is before creation_date {1}: an event cannot precede what it reports on (the docs' examples mix 2022 times with 2023 dates)", when, String(member(inner, 'creation_date'))),
    });
  }
  return out;
}

function checkRetries(inner: JsonObject, info: EventInfo, numbers: NumberSource | undefined): Finding[] {
  const exceededRaw = member(inner, 'exceeded_retries');
  const exceeded = typeof exceededRaw === 'string' ? KINDS.boolean.decode?.(exceededRaw) : exceededRaw;
  const retriesRaw = member(inner, 'retries');
  const retries = typeof retriesRaw === 'string' ? KINDS.count.decode?.(retriesRaw) : retriesRaw;
  const at = { code: 'retry-inconsistent' as const, path: ['event', 'exceeded_retries'], at: 'value' as const };
  if (info.name === 'job_exceeded_retries_event' && exceeded === false) {
    return [{ ...at, suggestions: ['true'], message: t('exceeded_retries is false in job_exceeded_retries_event, which Alfred sends only once the retries are used up') }];
  }
  if (info.name === 'job_retry_event' && exceeded === true) {
    return [{ ...at, suggestions: ['false'], message: t('exceeded_retries is true in job_retry_event: a job that has used up its retries does not retry again (Alfred sends job_exceeded_retries_event)') }];
  }
  if (exceeded === true && isZero(retriesRaw, retries, numbers)) {
    return [{ ...at, message: t('exceeded_retries is true but retries is 0 in {0}: a job cannot exceed its retries without retrying', info.name) }];
  }
  return [];
}

/**
 * Zero as written: 1e-400 is no zero, though a double reads it as one (it is out-of-range). A
 * number's text is asked for only when its double is 0, since asking builds the record's tree
 * (on every record of a log, that was a fifth of the CLI's time), and only a text of zero
 * digits reads as a double 0 or, the other way round, a nonzero double comes from nonzero digits.
 */
function isZero(raw: unknown, decoded: unknown, numbers: NumberSource | undefined): boolean {
  const written = typeof raw === 'string' ? raw : raw === 0 ? numbers?.text(['event', 'retries']) : undefined;
  return written !== undefined ? decimalOf(written)?.digits === '' : decoded === 0;
}
