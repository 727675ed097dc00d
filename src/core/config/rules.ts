import { later } from '../l10n';
import type { RuleSetting, Severity } from '../types';

/** A rule of the README's "Rules" table: its stable code, default severity, and text for docs, SARIF and hovers. */
export interface RuleInfo<C extends string = RuleCode> {
  code: C;
  defaultSeverity: Severity;
  /** One line: when the rule fires. In English (the README's table); shown through t() where a person reads it. */
  summary: string;
  /** A short paragraph: why it matters and what to do. In English (the README's table); shown through t() where a person reads it (SARIF). */
  help: string;
  /** A fragment of a payload that breaks the rule. */
  example: string;
}

const rule = <C extends string>(code: C, defaultSeverity: Severity, summary: string, help: string, example: string): RuleInfo<C> => ({
  code,
  defaultSeverity,
  summary,
  help,
  example,
});

/** Every rule, in the order of the README's "Rules" table (generated from this list by npm run readme). */
const TABLE = [
  rule('json-syntax', 'error', later('The text is not valid JSON.'),
    later('Webhook bodies are strict JSON: no comments, no trailing commas, double-quoted strings. Each syntax problem is reported where it is.'),
    '{ "event_id": "…", }'),
  rule('duplicate-key', 'error', later('A key appears twice in one object.'),
    later('JSON parsers disagree on which of two equal keys wins, so the payload means different things to different receivers. Keep one.'),
    '"job_id": "…", "job_id": "…"'),
  rule('not-an-object', 'error', later('The document or log record is not a JSON object.'),
    later('Every Alfred webhook body is a JSON object: the event envelope, or the URL verification body.'),
    '[ { "event_id": "…" } ]'),
  rule('capture-envelope', 'warning', later("A capture's own members are not as the demo receiver writes them."),
    later('A capture (the file Alfred\'s demo receiver writes: {"event_count": N, "events": [{"payload": {…}, "reception_date": "…"}]}) is checked payload by payload; this rule is about what is around them: event_count that is not the number of entries, an entry that is not an object or has no payload (the event it records is lost), a reception_date that is missing or not an RFC 3339 date-time with an offset (import orders the payloads by it).'),
    '"event_count": 3, "events": [ { "payload": { … }, "reception_date": "2024-05-24T20:00:00.123Z" } ]'),
  rule('missing-envelope-field', 'error', later('The envelope lacks event_id, event_type, event_time or event.'),
    later('Every event Alfred sends carries these four members at the top level; receivers de-duplicate on event_id and dispatch on event.event_name.'),
    '{ "event_type": "job_event_type", "event": { … } }'),
  rule('missing-event-name', 'error', later('event.event_name is absent.'),
    later('Without event_name a receiver cannot tell which of the 24 events this is, so its fields cannot be checked either.'),
    '"event": { "event_type": "job_event_type", "job_id": "…" }'),
  rule('unknown-event-name', 'error', later('event.event_name is not one of the 24 documented events.'),
    later('The message names the closest documented event. Names of the realtime socket channel (job_event, file_event, alfred_event_*) are not webhook events.'),
    '"event_name": "job_retry_evnt"'),
  rule('event-name-alias', 'info', later('file_add_to_job_event: accepted, but the docs spell it file_added_to_job_event.'),
    later('The Python SDK names the event file_add_to_job_event while the webhook docs send file_added_to_job_event. Both mean the same event; prefer the docs spelling.'),
    '"event_name": "file_add_to_job_event"'),
  rule('event-type-mismatch', 'error', later('event_type does not match the other event_type or the event family.'),
    later('Job events carry "job_event_type" and file events "file_event_type", the same value outside and inside event.'),
    '"event_name": "job_retry_event", "event_type": "file_event_type"'),
  rule('invalid-type', 'error', later('A value has a JSON type that no reading can fix.'),
    later('For example an object where a string belongs, or a string that is not a number where a number belongs.'),
    '"file_count": "twelve"'),
  rule('string-encoded-value', 'warning', later('A number, boolean or timestamp is written as a string.'),
    later('The docs describe these fields as numbers and booleans but their examples write "120", "false" and "1653443100.00". Receivers that do not coerce will misread them; write the bare value.'),
    '"retries": "2"'),
  rule('invalid-uuid', 'warning', later('An id is not 8-4-4-4-12 hexadecimal.'),
    later('Ids are documented as UUIDs, but most docs examples use letters g-z. Real ids are hexadecimal.'),
    '"job_id": "90123456-1234-1234-1234-1234567890kl"'),
  rule('invalid-date', 'error', later('A date is not an RFC 3339 date-time.'),
    later('creation_date and update_date are RFC 3339 date-times such as 2023-05-24T20:00:00Z: a four-digit year, "T", hours, minutes and seconds, and Z or an offset such as +05:30. The message says what is wrong: an offset of hours only, no seconds, a space for "T", a day the month lacks, a leap second out of place.'),
    '"creation_date": "24/05/2023"'),
  rule('date-without-offset', 'warning', later('A date-time has no UTC offset (no Z, no ±hh:mm).'),
    later('RFC 3339 requires an offset: without one, each receiver reads the time in its own time zone (RFC 3339 §4.4). The checks here read it as UTC, so that every machine gets the same result; write Z if it is UTC.'),
    '"update_date": "2025-07-29T11:30:00"'),
  rule('unset-date', 'warning', later("A date is 0001-01-01T00:00:00, .NET's default for a date never set."),
    later("DateTime.MinValue leaks into a payload when the sender never set the date. It is no real date: it is left out of date-order and the timeline. Send the real date."),
    '"creation_date": "0001-01-01T00:00:00"'),
  rule('invalid-url', 'error', later('A URL is not an absolute http(s) URL.'),
    later('blob_url and file_urls point to where files are stored, reachable over HTTP or HTTPS: an absolute URL as the WHATWG URL standard reads it, on any host (localhost, an IP address, a name without a dot). The message says what is wrong, such as a missing "//" or a space to write as %20.'),
    '"blob_url": "ftp://files.example.com/a.pdf"'),
  rule('out-of-range', 'error', later('A count is negative or fractional, a score is outside 0-1, or event_time is not a plausible Unix time.'),
    later('file_count and retries are whole numbers of at least 0; confidence and classification_score lie from 0.0 to 1.0; event_time is seconds since 1970 between 2000 and 2100. Numbers are judged as written, not as a double rounds them: 9007199254740993 is a whole number, 1.00000000000000001 is more than 1.'),
    '"retries": -1'),
  rule('timestamp-in-milliseconds', 'warning', later('event_time looks like milliseconds, not seconds.'),
    later('event_time is a Unix timestamp in seconds. A value a thousand times too large is almost always milliseconds; divide it by 1000.'),
    '"event_time": 1716580800000'),
  rule('missing-field', 'warning', later('A field the docs list for this event is absent.'),
    later('The docs mark no field required, but every field of the event\'s documented payload is expected; receivers may rely on it.'),
    'a job_retry_event without "retries"'),
  rule('unknown-field', 'warning', later('A field the docs do not list for this event.'),
    later('Often a typo or a field of another event. The message names the closest documented field.'),
    '"compnay_name": "Acme"'),
  rule('unknown-stage', 'warning', later('stage is not one of the documented job stages.'),
    later('Job stages are queued, started, downloading, downloaded, uploading, uploaded, in_progress, completed, failed, invalid, cancelled, syncing, synced, in_revision, waiting_to_be_sent_to_third_party and sent_to_third_party. The docs\' own example uses "processing", which is not one of them.'),
    '"stage": "processing"'),
  rule('date-order', 'warning', later('update_date is earlier than creation_date, or event_time more than a day before creation_date.'),
    later('A record cannot be updated before it was created, and an event cannot happen before what it reports on; one of the dates is wrong. The docs\' own examples pair 2022 event times with 2023 dates.'),
    '"creation_date": "2024-05-24T20:00:00Z", "update_date": "2024-05-24T19:00:00Z"'),
  rule('retry-inconsistent', 'warning', later('retries and exceeded_retries contradict each other or the event.'),
    later('A job_exceeded_retries_event must say exceeded_retries: true, and a job cannot have exceeded its retries after 0 retries.'),
    '"event_name": "job_exceeded_retries_event", … "exceeded_retries": false'),
  rule('signed-url', 'warning', later('A URL carries a cloud storage signature or signing credential.'),
    later('Signed URLs are credentials: anyone with the link reads the stored document until it expires. Azure SAS (sig with sv, se, sp…), AWS Signature Version 4 (X-Amz-Signature, X-Amz-Credential, X-Amz-Security-Token), Google V4 (X-Goog-Signature, X-Goog-Credential), CloudFront (Signature with Key-Pair-Id) and the older AWS and Google forms (Signature with AWSAccessKeyId or GoogleAccessId) are found in any string, parameters in any order and case, also percent-encoded inside another URL. Replace each value with REDACTED (alfred-events redact does), which keeps the URL valid; a value already REDACTED or a placeholder is not flagged.'),
    '"blob_url": "https://acct.blob.core.windows.net/docs/a.pdf?sv=2022-11-02&se=…&sp=r&sig=…"'),
  rule('credential', 'warning', later('A string holds a credential: a token, a key, a password, Authorization credentials.'),
    later('Bearer (RFC 6750) and Basic (RFC 7617) credentials, JWTs (RFC 7519), keys in their vendors\' documented shapes (AWS AKIA/ASIA key ids, GitHub ghp_ and github_pat_, Slack xox?-, Stripe sk_live_ and rk_live_, Google AIza…, PEM private keys), password=, api_key= and token= assignments, a user and password in a URL (RFC 3986 §3.2.1), and the URL verification body\'s token. Anyone who reads the file can use them: redact them. REDACTED, ***, xxxx and <token>-style placeholders are not flagged.'),
    '"error_messages": ["401 for Authorization: Bearer mF_9.B5f-4.1JqM"]'),
  rule('personal-data', 'warning', later('Free text holds an e-mail address or a phone number.'),
    later('Looked for in free text (metadata, description, content, user_name, error_messages, names, fields the docs do not list): e-mail addresses (RFC 5322 addr-spec) and phone numbers (E.164, North American, national numbers written in groups). Saved samples travel into repositories and bug reports: redact them. Addresses at reserved names (example.com, .test, .example, .invalid; RFC 2606) and the fictional 555-0100 to 555-0199 are not flagged, nor are dates, versions, ids, amounts and order numbers.'),
    '"metadata": "Call Dana on +44 20 7946 0958 or dana.whitfield@northwind-logistics.com"'),
  rule('duplicate-event-id', 'warning', later('Two events share an event_id.'),
    later('event_id is the one key receivers de-duplicate on: a second event with the same id is dropped as a redelivery. Reported on the later one in file order (time plays no part), pointing at the first; a UUID in upper and in lower case is one id (RFC 9562). The job rules leave the later one out of its job\'s story, as receivers do.'),
    'two records with "event_id": "d4f1e5b7-…"'),
  rule('retries-decreasing', 'warning', later("A job's retry count goes down over time."),
    later('retries counts the retries so far, so it never decreases; a lower count after a higher one means an event is out of place or wrong. Only a higher count at an earlier event_time counts: events at the same time may have happened in either order.'),
    'retries 2 at 10:00, then retries 1 at 10:05 for the same job_id'),
  rule('event-after-end', 'warning', later('A job event comes after the job ended.'),
    later('A job ends once (finished, failed, invalid or exceeded retries); its events after that moment are out of place. An event at the same event_time as the end is not after it; a second end is multiple-ends, not this.'),
    'a job_stage_update_event timed after the job_finished_event of the same job'),
  rule('multiple-ends', 'error', later('A job ends more than once.'),
    later('A job finishes, fails, is found invalid or exceeds its retries, once. A second end contradicts the first. Ends at the same event_time count too: the earlier in file order is the first.'),
    'job_finished_event and job_failed_event for the same job_id'),
  rule('exceeded-retries-unmarked', 'warning', later('An event says exceeded_retries false after the job exceeded its retries.'),
    later('Once an event of a job says exceeded_retries: true, or Alfred sent its job_exceeded_retries_event, the job has used up its retries; a later event saying otherwise is wrong, whatever else is wrong with it (a second end is also multiple-ends). An event at the same event_time is not later. (A job_exceeded_retries_event that is not itself marked exceeded_retries: true is retry-inconsistent.)'),
    '"exceeded_retries": false in a job_failed_event after the job_exceeded_retries_event'),
  rule('stage-before-start', 'warning', later('A stage update comes before the job was created or started.'),
    later('A job moves through stages only after job_create_event and job_start_event; before the start it can only be queued or started. A stage update at the same event_time as either is not before it.'),
    'a job_stage_update_event timed before the job_start_event of the same job'),
  rule('file-too-large', 'info', later('The file is larger than the size limit, so it is not checked.'),
    later('The limit is maxFileSizeMB in .alfred-events.json; without it, the editor checks files up to alfredEvents.validation.maxFileSizeMB (200 MB by default) and the CLI has none. A larger file gets this one notice at its start instead of its problems, and takes no part in the checks across files. Raise the limit, or check it with the alfred-events CLI.'),
    'a 300 MB log with the default limit'),
] as const;

/**
 * A rule's stable code: one of the table's, so that a finding with a code the table lacks is a
 * compile error rather than a silent default severity.
 */
export type RuleCode = (typeof TABLE)[number]['code'];

export const RULES: readonly RuleInfo[] = TABLE;

const BY_CODE = new Map<string, RuleInfo>(RULES.map((r) => [r.code, r]));

/** The rule with this code, or undefined for a code we do not know. */
export function ruleInfo(code: string): RuleInfo | undefined {
  return BY_CODE.get(code);
}

/** The severity a rule has under the user's settings, or undefined when it is switched off. */
export function effectiveSeverity(
  code: string,
  overrides: Readonly<Record<string, RuleSetting | undefined>> | undefined,
): Severity | undefined {
  const setting = overrides?.[code] ?? BY_CODE.get(code)?.defaultSeverity ?? 'error';
  return setting === 'off' ? undefined : setting;
}

export const SEVERITIES: readonly RuleSetting[] = ['error', 'warning', 'info', 'off'];
