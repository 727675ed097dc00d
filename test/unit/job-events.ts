/** Events of one job for the job tests: valid payloads at chosen times, with fields overridden. */
import { eventByName } from '../../src/core/catalogue';
import { validate } from '../../src/core/index';
import { payloadObject, type Fresh } from '../../src/core/features/skeleton';

let n = 0;
const fresh: Fresh = { uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, now: () => new Date('2025-01-01T00:00:00Z') };
export const JOB = 'aaaaaaaa-0000-4000-8000-000000000001';
export const T0 = Date.parse('2025-01-01T10:00:00Z') / 1000;

/** A valid event of `name` for JOB at T0 + `at` seconds (a fresh event_id each), with fields overridden. */
export function ev(name: string, at: number, fields: Record<string, unknown> = {}): string {
  const p = payloadObject(eventByName(name)!, fresh) as { event_time: number; event: Record<string, unknown> };
  p.event_time = T0 + at;
  if ('job_id' in p.event) p.event.job_id = JOB;
  if ('creation_date' in p.event) p.event.creation_date = new Date((T0 - 60) * 1000).toISOString().replace('.000Z', 'Z');
  if ('update_date' in p.event) p.event.update_date = new Date((T0 + at) * 1000).toISOString().replace('.000Z', 'Z');
  Object.assign(p.event, fields);
  return JSON.stringify(p);
}

/** The same record with another envelope member (event_id, say). */
export function withEnvelope(line: string, fields: Record<string, unknown>): string {
  return JSON.stringify({ ...(JSON.parse(line) as object), ...fields });
}

export const log = (...lines: string[]): string => lines.join('\n') + '\n';

/** The cross-event diagnostics of a log (those that point at another record). */
export const cross = (text: string) => validate(text, { mode: 'log' }).filter((d) => d.related);

/** A job's whole story, without a fault: created, started, a stage, two retries, completed, finished. */
export const story = [
  ev('job_create_event', 0),
  ev('job_start_event', 5),
  ev('job_stage_update_event', 10, { stage: 'downloading' }),
  ev('job_retry_event', 20, { retries: 1, error_messages: ['timeout'] }),
  ev('job_retry_event', 40, { retries: 2, error_messages: ['timeout', 'model unavailable'] }),
  ev('job_stage_update_event', 50, { stage: 'completed' }),
  ev('job_finished_event', 60),
];
