import { t } from '../l10n';
import { finish } from '../pipeline/steps';
import { modelSteps, outcomeOf, type Job } from './model';
import type { MarkKind, Outcome, TimelineData, TimelineJob, TimelineMark, TimelineProblem } from './timeline-data';
import { readRecords, type EventRecord, type Source } from './records';

const KIND: Readonly<Record<string, MarkKind>> = {
  job_create_event: 'create',
  job_start_event: 'start',
  job_stage_update_event: 'stage',
  job_retry_event: 'retry',
};

/**
 * The timeline of the events in some sources: one lane per job, its stages, retries (with the
 * errors new at each), its end, and its files' events. A job known only from a single event (one
 * job_retry_event) still tells its story: created, each retry with its error, last update.
 */
export function buildTimeline(
  sources: readonly Source[],
  options: { title: string; version: number; problems?: TimelineProblem[]; problemsTotal?: number },
  parsed?: readonly EventRecord[],
): TimelineData {
  return finish(timelineSteps(sources, options, parsed));
}

/**
 * The same, as small steps (the model, then some lanes at a time), so that the editor can build
 * the timeline of a long log in slices and give up on it when the log changes under it.
 */
export function* timelineSteps(
  sources: readonly Source[],
  options: { title: string; version: number; problems?: TimelineProblem[]; problemsTotal?: number },
  parsed?: readonly EventRecord[],
): Generator<void, TimelineData> {
  // A log the editor has checked comes with its records parsed already (`parsed`).
  const records = parsed ?? readRecords(sources);
  yield;
  const model = yield* modelSteps(records);
  const ref = (r: EventRecord) => {
    const out: NonNullable<TimelineMark['ref']> = { uri: sources[r.source]!.uri, offset: r.span.start, length: r.span.end - r.span.start };
    if (r.span.index !== undefined) out.record = r.span.index;
    return out;
  };
  const id = (r: EventRecord): string => `${r.source}:${r.span.index ?? 0}`;
  const jobs: TimelineJob[] = [];
  let min = Infinity;
  let max = -Infinity;
  let done = 0;
  for (const job of model.jobs) {
    const lane = jobLane(job, ref, id);
    if (lane) {
      jobs.push(lane);
      min = Math.min(min, lane.start);
      max = Math.max(max, lane.end);
    }
    if (++done % 64 === 0) yield;
  }
  const orphans = model.orphans.filter((r) => r.time !== undefined).map((r) => mark(r, 'other', ref, id));
  for (const m of orphans) {
    min = Math.min(min, m.at);
    max = Math.max(max, m.at);
  }
  return {
    title: options.title,
    version: options.version,
    jobs,
    orphans,
    summary: {
      jobs: jobs.length,
      events: records.length,
      retries: jobs.reduce((n, j) => n + j.retries, 0),
      failures: jobs.filter((j) => j.outcome === 'failed' || j.outcome === 'invalid' || j.outcome === 'exceeded_retries').length,
    },
    problems: options.problems ?? [],
    ...(options.problemsTotal !== undefined && options.problemsTotal > (options.problems?.length ?? 0) ? { problemsTotal: options.problemsTotal } : {}),
    range: min <= max ? { min, max } : null,
  };
}

type RefOf = (r: EventRecord) => NonNullable<TimelineMark['ref']>;
type IdOf = (r: EventRecord) => string;

function mark(r: EventRecord, kind: MarkKind, ref: RefOf, id: IdOf, extra: Partial<TimelineMark> = {}): TimelineMark {
  // The name, time, stage, retry count, outcome and errors have fields of their own: the label
  // says only what they do not, so that the page's text says each fact once.
  const m: TimelineMark = { id: id(r), kind, name: r.name || 'event', at: r.time ?? 0, label: '', ...extra };
  m.ref = ref(r);
  return m;
}

function jobLane(job: Job, ref: RefOf, id: IdOf): TimelineJob | undefined {
  const timed = job.events.filter((r) => r.time !== undefined);
  if (timed.length === 0) return undefined;
  const marks: TimelineMark[] = [];
  const first = timed[0]!;
  // No job_create_event: the creation_date of the earliest event still says when the job began.
  if (!timed.some((r) => r.info?.name === 'job_create_event') && first.creation !== undefined && first.creation < first.time!) {
    marks.push({ ...mark(first, 'create', ref, id), id: `${id(first)}:created`, at: first.creation, label: t('created (its creation_date)') });
  }
  let retries = 0;
  let errorsSeen = 0;
  let exceeded = false;
  const stageMarks: { id: string; at: number; stage: string }[] = [];
  for (const r of timed) {
    const outcome = outcomeOf(r);
    if (r.exceeded === true) exceeded = true;
    const count = r.retries ?? retries;
    const errors = r.errors ?? [];
    // Retries that happened before this event but have no event of their own: inferred, spread
    // evenly since the previous mark, each with the error it added.
    const previous = Math.min(marks[marks.length - 1]?.at ?? r.creation ?? r.time!, r.time!);
    const missing = Math.max(0, count - retries - (r.info?.name === 'job_retry_event' ? 1 : 0));
    for (let i = 0; i < missing; i++) {
      const n = retries + i + 1;
      const at = previous + ((r.time! - previous) * (i + 1)) / (missing + 1);
      const err = errors[errorsSeen + i];
      marks.push({
        id: `${id(r)}:retry${n}`, kind: 'retry', name: r.name, at, approximate: true, retries: n, errors: err ? [err] : [],
        label: t('no event of its own: time inferred'), ref: ref(r),
      });
    }
    errorsSeen += Math.min(missing, Math.max(0, errors.length - errorsSeen));
    const fresh = errors.slice(errorsSeen);
    errorsSeen = Math.max(errorsSeen, errors.length);
    retries = Math.max(retries, count);
    const kind: MarkKind = outcome ? 'end' : KIND[r.info?.name ?? ''] ?? 'other';
    const extra: Partial<TimelineMark> = {};
    if (kind === 'retry' || (outcome && fresh.length > 0)) Object.assign(extra, { retries: count, errors: fresh });
    if (outcome) extra.outcome = outcome;
    if (r.stage) extra.stage = r.stage;
    const m = mark(r, kind, ref, id, extra);
    marks.push(m);
    if (kind === 'stage') stageMarks.push({ id: m.id, at: m.at, stage: r.stage ?? 'unknown' });
  }
  const files = [...job.files].map(([fileId, list]) => ({
    fileId,
    marks: list.filter((r) => r.time !== undefined).map((r) => mark(r, 'file', ref, id, { label: t('file {0}', fileId) })),
  }));
  // Loops, not Math.min(...all): a job with 100k file events would pass too many arguments.
  let start = Infinity;
  let end = timed[timed.length - 1]!.update ?? -Infinity;
  for (const at of [...marks.map((m) => m.at), ...files.flatMap((f) => f.marks.map((m) => m.at))]) {
    start = Math.min(start, at);
    end = Math.max(end, at);
  }
  const endMark = [...marks].reverse().find((m) => m.kind === 'end');
  const outcome: Outcome = (job.ends[0] && outcomeOf(job.ends[0])) ?? 'open';
  return {
    id: job.id,
    ...(job.company ? { company: job.company } : {}),
    start,
    end,
    outcome,
    retries,
    exceeded: exceeded || outcome === 'exceeded_retries',
    marks,
    stages: stageMarks.map((m, i) => ({ stage: m.stage, from: m.at, to: Math.max(m.at, stageMarks[i + 1]?.at ?? endMark?.at ?? end), markId: m.id })),
    files,
  };
}
