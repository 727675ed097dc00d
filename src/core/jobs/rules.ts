import type { JsonPath } from '../input/pointer';
import { t } from '../l10n';
import { idKey } from './ids';
import { jobStories, outcomeOf, type Job } from './model';
import type { EventRecord } from './records';
import { pushAll } from '../util/arrays';
import type { RuleCode } from '../config/rules';

/**
 * A cross-event finding: on one record, pointing at an earlier one. Placed in the text later,
 * only for what is reported (most records of a long log have nothing to say).
 */
export interface CrossFinding {
  code: RuleCode;
  message: string;
  record: EventRecord;
  path: JsonPath;
  related: { record: EventRecord; path: JsonPath; message: string };
}

/** The stage a job is in once it has ended one way or another. */
const CLOSING_STAGES: Readonly<Record<string, string>> = {
  finished: 'completed',
  failed: 'failed',
  invalid: 'invalid',
  exceeded_retries: 'failed',
};

/** Stages a job passes through between its creation and its start. */
const PRE_START = new Set(['queued', 'started']);

/**
 * Checks that need several events: duplicates, the order of a job's story, its end. The job
 * rules read each event once, as receivers do: a record whose event_id an earlier record has
 * is a redelivery, reported as duplicate-event-id and left out of its job's story. Every rule
 * that applies to a record reports; none hides another (README, "Rules").
 */
export function crossCheck(records: readonly EventRecord[]): CrossFinding[] {
  const first = new Map<string, EventRecord>();
  const out: CrossFinding[] = [];
  const story: EventRecord[] = [];
  for (const r of records) {
    const key = r.eventId ? idKey(r.eventId) : undefined;
    const earlier = key === undefined ? undefined : first.get(key);
    if (earlier) out.push(duplicateId(r, earlier));
    else {
      if (key !== undefined) first.set(key, r);
      story.push(r);
    }
  }
  for (const job of jobStories(story)) pushAll(out, checkJob(job));
  return out;
}

/** A record whose event_id (compared by idKey) an earlier record in file order already has. */
export function duplicateId(r: EventRecord, earlier: EventRecord): CrossFinding {
  const spelt = earlier.eventId !== r.eventId ? t(' (written {0} there: UUIDs are case-insensitive)', earlier.eventId) : '';
  return {
    code: 'duplicate-event-id',
    message: t('event_id {0} is also the id of an earlier event{1}: a redelivery, or two events sharing an id; receivers de-duplicate on event_id and would drop this one', r.eventId, spelt),
    record: r,
    path: ['event_id'],
    related: { record: earlier, path: ['event_id'], message: t('the first event with this event_id') },
  };
}

/**
 * The findings of one job's story (the job's own events, not its files', in time order). A rule
 * about order fires only when the event_times differ: equal times do not say which came first
 * (Alfred promises no delivery order), and an event without a time is compared with none.
 * Where a rule must still pick one of two events at one time (the first end), file order does.
 */
export function checkJob(job: Pick<Job, 'id' | 'events' | 'ends'>): CrossFinding[] {
  const out: CrossFinding[] = [];
  const known = (r: EventRecord): r is EventRecord & { time: number } => r.time !== undefined;
  const timed = job.events.filter(known);
  const job8 = job.id.slice(0, 8);

  // Retries only ever go up over a job's life: each count is held to the highest one reported
  // at an earlier time, so events at one time are weighed together, in no order.
  let most: EventRecord | undefined;
  for (let i = 0, j: number; i < timed.length; i = j) {
    for (j = i; j < timed.length && timed[j]!.time === timed[i]!.time; j++) {
      const r = timed[j]!;
      if (r.retries === undefined || most?.retries === undefined || r.retries >= most.retries) continue;
      out.push({
        code: 'retries-decreasing',
        message: `retries is ${r.retries} here but ${most.retries} in an earlier event of job ${job8}…: a job's retry count never goes down`,
        record: r,
        path: ['event', 'retries'],
        related: { record: most, path: ['event', 'retries'], message: `retries ${most.retries} here` },
      });
    }
    for (let k = i; k < j; k++) {
      const r = timed[k]!;
      if (r.retries !== undefined && r.retries >= (most?.retries ?? -Infinity)) most = r;
    }
  }

  // One end, and nothing of the job after it.
  const [end, ...more] = job.ends;
  for (const extra of more) {
    out.push({
      code: 'multiple-ends',
      message: t('job {0}… already ended with {1}; a job ends once', job8, end!.name),
      record: extra,
      path: ['event', 'event_name'],
      related: { record: end!, path: ['event', 'event_name'], message: t('the first end of this job') },
    });
  }
  if (end && known(end)) {
    const closing = CLOSING_STAGES[outcomeOf(end)!];
    for (const r of timed) {
      if (outcomeOf(r) || r.time <= end.time) continue;
      // The stage update that records the end itself ("failed" after job_failed_event) is no news.
      if (r.info?.name === 'job_stage_update_event' && r.stage === closing) continue;
      out.push({
        code: 'event-after-end',
        message: t('{0} comes after job {1}… ended with {2}', r.name, job8, end.name),
        record: r,
        path: ['event_time'],
        related: { record: end, path: ['event_time'], message: t('the job ended here ({0})', end.name) },
      });
    }
  }

  // Once an event says the retries are exhausted (or Alfred gave up), none after it may say otherwise.
  const gaveUp = timed.find((r) => r.exceeded === true || r.info?.name === 'job_exceeded_retries_event');
  if (gaveUp) {
    for (const r of timed) {
      if (r.time <= gaveUp.time || r.exceeded !== false) continue;
      out.push({
        code: 'exceeded-retries-unmarked',
        message: t('exceeded_retries is false, but job {0}… exceeded its retries earlier ({1})', job8, gaveUp.name),
        record: r,
        path: ['event', 'exceeded_retries'],
        related: { record: gaveUp, path: gaveUp.exceeded === true ? ['event', 'exceeded_retries'] : ['event', 'event_name'], message: t('the job exceeded its retries here') },
      });
    }
  }

  // A job moves through stages once it exists; before it starts, it can only be queued (or started).
  const created = job.events.find((r) => r.info?.name === 'job_create_event');
  const started = job.events.find((r) => r.info?.name === 'job_start_event');
  for (const r of timed) {
    if (r.info?.name !== 'job_stage_update_event') continue;
    const early = created && known(created) && r.time < created.time ? created
      : started && known(started) && r.time < started.time && !PRE_START.has(r.stage ?? '') ? started : undefined;
    if (!early) continue;
    const stage = r.stage ?? t('no stage');
    out.push({
      code: 'stage-before-start',
      message: early === created ? t('a stage update ({0}) before job {1}… was created', stage, job8) : t('a stage update ({0}) before job {1}… started', stage, job8),
      record: r,
      path: ['event_time'],
      related: { record: early, path: ['event_time'], message: early === created ? t('the job was created here') : t('the job started here') },
    });
  }
  return out;
}
