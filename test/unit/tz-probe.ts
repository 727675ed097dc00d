// Run by timezone.test.ts in child processes with different TZ and LC_ALL: prints, as JSON, what
// the core reports about dates (findings, hovers, the job timeline, the outline), so that the
// test can compare the machines. Not a test file itself (the runner takes *.test.ts only).
import { buildTimeline, hoverAt, outline, validate } from '../../src/core/index';
import { example } from './helpers';

const JOB = '"job_id": "1a0adc4b-12e9-401f-b413-93304faff7bd"';

/** One compact log record of an example event, with its dates (and event_time, unless null) replaced. */
function record(event: string, id: string, update: string, time: number | null): string {
  const value = JSON.parse(example(event).replace(/"job_id": "[^"]+"/, JOB)) as { event_id: string; event_time?: number; event: Record<string, unknown> };
  value.event_id = `00000000-0000-4000-8000-${id.padStart(12, '0')}`;
  if (time === null) delete value.event_time;
  else value.event_time = time;
  value.event.creation_date = '2025-07-29T10:00:00Z';
  value.event.update_date = update;
  return JSON.stringify(value);
}

// A job whose order rests on dates alone (no event_time): the start at 11:30 without an offset
// is after a stage update at 11:00 UTC only if it is read as UTC, as it must be on every machine.
const log = [
  record('job_create_event', '1', '2025-07-29T10:00:00Z', null),
  record('job_start_event', '2', '2025-07-29T11:30:00', null),
  record('job_stage_update_event', '3', '2025-07-29T11:00:00Z', null),
  record('job_finished_event', '4', '2016-12-31T23:59:60Z', 1753790000),
].join('\n') + '\n';

const payloads = ['2025-07-29T11:30:00', '2025-07-29T11:30:00.5', '1990-12-31T15:59:60-08:00', '1937-01-01T12:00:27.87+00:20', '0001-01-01T00:00:00', '0001-01-02T00:00:00']
  .map((update) => example('job_stage_update_event').replace('"update_date": "2025-07-29T11:01:18Z"', `"update_date": ${JSON.stringify(update)}`));

/** Every hover on a value of a timestamp, its "Local:" line apart: that one is the machine's own, by design. */
function hovers(text: string, mode?: 'log'): { shared: string[]; local: string[] } {
  const shared: string[] = [];
  const local: string[] = [];
  for (const m of text.matchAll(/"(?:event_time|creation_date|update_date)": ("[^"]*"|[\d.]+)/g)) {
    const h = hoverAt(text, m.index + m[0].length - m[1]!.length + 1, mode);
    for (const line of (h?.markdown ?? '').split('\n')) (line.startsWith('Local: ') ? local : shared).push(line);
  }
  return { shared, local };
}

const timeline = buildTimeline([{ uri: 'log', text: log, mode: 'log' }], { title: 'log', version: 1 });
const out = {
  findings: [...payloads.map((p) => validate(p)), validate(log, { mode: 'log' })].map((ds) => ds.map((d) => [d.code, d.offset, d.message])),
  hovers: [...payloads.map((p) => hovers(p).shared), hovers(log, 'log').shared],
  local: [...payloads.map((p) => hovers(p).local), hovers(log, 'log').local],
  timeline: timeline.jobs.map((j) => [j.start, j.end, j.marks.map((m) => [m.name, m.at, m.label])]),
  outline: outline(log, 'log'),
};
process.stdout.write(JSON.stringify(out));
