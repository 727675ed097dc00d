import { finish } from '../pipeline/steps';
import { idKey, Spellings } from './ids';
import type { Outcome } from './timeline-data';
import type { EventRecord } from './records';

/** A job's story: its own events in time order, its files' events, and how it ended. */
export interface Job {
  /** The job_id as first written: ids that differ only in case are one job (see ids.ts). */
  id: string;
  company?: string;
  /** Job events (and file_added_to_job_event), ordered by time; ties and unknown times keep file order. */
  events: EventRecord[];
  /** File events of the job's files, by file id (as first written), in time order. */
  files: Map<string, EventRecord[]>;
  /** The end events (finished, failed, invalid, exceeded retries) in time order; more than one is a problem. */
  ends: EventRecord[];
}

export interface JobModel {
  jobs: Job[];
  /** Events tied to no job. */
  orphans: EventRecord[];
}

const END_OUTCOME: Readonly<Record<string, Outcome>> = {
  job_finished_event: 'finished',
  job_failed_event: 'failed',
  job_invalid_event: 'invalid',
  job_exceeded_retries_event: 'exceeded_retries',
};

export function outcomeOf(r: EventRecord): Outcome | undefined {
  return r.info ? END_OUTCOME[r.info.name] : undefined;
}

/**
 * Groups records into jobs by job_id. File events without a job_id join the job that a
 * file_added_to_job_event tied their file to, wherever that event stands in the input. Ids are
 * compared by idKey (a UUID in any letter case is one id) and shown as first written.
 */
export function buildModel(records: readonly EventRecord[]): JobModel {
  return finish(modelSteps(records));
}

/** The same in small steps (some thousands of records or jobs each), for the editor's slices. */
export function* modelSteps(records: readonly EventRecord[]): Generator<void, JobModel> {
  // Every id below is spelt as the input first wrote it, so that equal ids are equal strings.
  const spell = new Spellings();
  const jobOfFile = new Map<string, string>();
  // Category, property and extracted-data events name a file log entry, not the file; the
  // file_update_event carries both and so ties them to the file.
  const fileOfLog = new Map<string, string>();
  let n = 0;
  for (const r of records) {
    const jobId = r.jobId === undefined ? undefined : spell.of(r.jobId);
    const fileId = r.fileId === undefined ? undefined : spell.of(r.fileId);
    if (r.info?.name === 'file_added_to_job_event' && fileId && jobId) jobOfFile.set(fileId, jobId);
    if (fileId && r.fileLogId) fileOfLog.set(idKey(r.fileLogId), fileId);
    if (++n % STEP === 0) yield;
  }
  const jobs = new Map<string, Job>();
  const orphans: EventRecord[] = [];
  const jobFor = (id: string): Job => {
    let job = jobs.get(id);
    if (!job) jobs.set(id, (job = { id, events: [], files: new Map(), ends: [] }));
    return job;
  };
  for (const r of records) {
    if (++n % STEP === 0) yield;
    const isFile = r.info?.family === 'file' && r.info.name !== 'file_added_to_job_event';
    const fileId = r.fileId !== undefined ? spell.of(r.fileId) : r.fileLogId ? fileOfLog.get(idKey(r.fileLogId)) : undefined;
    const jobId = r.jobId !== undefined ? spell.of(r.jobId) : isFile && fileId ? jobOfFile.get(fileId) : undefined;
    if (!jobId) {
      orphans.push(r);
      continue;
    }
    const job = jobFor(jobId);
    job.company ??= r.company;
    if (isFile && fileId) {
      const list = job.files.get(fileId);
      if (list) list.push(r);
      else job.files.set(fileId, [r]);
    } else job.events.push(r);
  }
  for (const job of jobs.values()) {
    Object.assign(job, jobOf(job.id, job.events));
    for (const [id, list] of job.files) job.files.set(id, inTimeOrder(list));
    if (++n % (STEP / 8) === 0) yield;
  }
  const ordered = [...jobs.values()].sort((a, b) => (firstTime(a) ?? Infinity) - (firstTime(b) ?? Infinity) || (a.events[0]?.order ?? 0) - (b.events[0]?.order ?? 0));
  yield;
  return { jobs: ordered, orphans: inTimeOrder(orphans) };
}

/** Records per step of modelSteps. */
const STEP = 8192;

/**
 * Only the jobs' own events, grouped as buildModel groups them (by idKey of job_id, shown as
 * first written): what the cross-event rules read. Leaves out the files and the order of the
 * jobs, which only the timeline needs.
 */
export function jobStories(records: readonly EventRecord[]): Pick<Job, 'id' | 'events' | 'ends'>[] {
  const spell = new Spellings();
  const byJob = new Map<string, EventRecord[]>();
  for (const r of records) {
    if (!isStoryEvent(r)) continue;
    const id = spell.of(r.jobId);
    const list = byJob.get(id);
    if (list) list.push(r);
    else byJob.set(id, [r]);
  }
  return [...byJob].map(([id, events]) => jobOf(id, events));
}

/** Whether a record is one of its job's own events (a job event, or file_added_to_job_event). */
export function isStoryEvent(r: EventRecord): r is EventRecord & { jobId: string } {
  return !!r.jobId && !(r.info?.family === 'file' && r.info.name !== 'file_added_to_job_event');
}

/** A job's own events put in time order, and its ends among them (files are the caller's). */
export function jobOf(id: string, events: readonly EventRecord[]): Pick<Job, 'id' | 'events' | 'ends'> {
  const ordered = inTimeOrder(events);
  return { id, events: ordered, ends: ordered.filter((r) => outcomeOf(r) !== undefined) };
}

/**
 * Alfred promises no delivery order, so events are ordered by their time. An event without a
 * time keeps its place after the one before it; equal times keep file order (the sort is stable).
 */
export function inTimeOrder(records: readonly EventRecord[]): EventRecord[] {
  let byOrder = records;
  for (let i = 1; i < records.length; i++) {
    if (records[i]!.order < records[i - 1]!.order) {
      byOrder = [...records].sort((a, b) => a.order - b.order);
      break;
    }
  }
  let carried = -Infinity;
  let sorted = true;
  const keys = byOrder.map((r) => {
    if (r.time !== undefined) carried = r.time;
    return carried;
  });
  for (let i = 1; i < keys.length && sorted; i++) sorted = keys[i - 1]! <= keys[i]!;
  // Logs are mostly written in time order already: then there is nothing to sort.
  if (sorted) return [...byOrder];
  const idx = keys.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);
  return idx.map((i) => byOrder[i]!);
}

function firstTime(job: Job): number | undefined {
  return job.events.find((r) => r.time !== undefined)?.time;
}
