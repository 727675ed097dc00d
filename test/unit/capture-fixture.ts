// Captures written by hand, as Alfred's demo receiver (tagshelfsrl/alfred-webhook-demo-node,
// app.js) writes them: JSON.stringify({ event_count, events: [{ payload, reception_date }] }, null, 2),
// reception_date a Date, so toISOString's form (RFC 3339, UTC, milliseconds).

export const JOB = '5d3b0a4e-1c2f-4a6b-8d9e-0f1a2b3c4d5e';
export const COMPANY = '0e0d2c55-8b5a-4e0f-9c5d-6c7a1b2c3d4e';

/** A job_start_event payload, indented as the demo indents a payload (6 spaces, as events[i].payload). */
export function startPayload(eventId: string, eventTime: string): string {
  return `{
        "event_id": "${eventId}",
        "event_type": "job_event_type",
        "event_time": ${eventTime},
        "event": {
          "event_name": "job_start_event",
          "event_type": "job_event_type",
          "company_id": "${COMPANY}",
          "company_name": "Acme",
          "job_id": "${JOB}",
          "creation_date": "2024-05-24T20:00:00Z",
          "update_date": "2024-05-24T20:00:00Z"
        }
      }`;
}

/** A capture of `entries` ([payload text, reception_date]), with `count` as its event_count. */
export function capture(entries: readonly (readonly [string, string])[], count = entries.length): string {
  const items = entries.map(([payload, date]) => `    {
      "payload": ${payload},
      "reception_date": "${date}"
    }`);
  return `{
  "event_count": ${count},
  "events": [
${items.join(',\n')}
  ]
}`;
}

/** 1-based line and column (UTF-16) of the n-th occurrence of `needle` in `text`, counted by hand. */
export function lineColumnOf(text: string, needle: string, nth = 0): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not found`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
