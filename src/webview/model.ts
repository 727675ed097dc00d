/**
 * What is on screen for a given filter and picked job: the lanes in order, their heights and
 * offsets, the time range they span, and where each mark lives. Pure.
 */
import { idKey } from '../core/jobs/ids';
import type { TimelineData, TimelineJob, TimelineMark } from '../core/jobs/timeline-data';
import { makeAxis, type Axis } from './axis';
import { KIND_LAYER } from './shapes';
import type { AxisMode, Range } from './scale';
import { pushAll } from '../core/util/arrays';

/** Height of a lane's main row, and of the thinner row of its file events. */
export const ROW_HEIGHT = 40;
export const FILE_ROW_HEIGHT = 18;
/** Vertical centre of the main row and of the file row. */
export const MAIN_Y = 22;
export const FILE_Y = ROW_HEIGHT + FILE_ROW_HEIGHT / 2 - 1;

export interface JobLane {
  kind: 'job';
  key: string;
  job: TimelineJob;
  /** Every mark of the lane, file events included, in time order: the keyboard's path. */
  nav: TimelineMark[];
  /** Marks of the main row, in drawing order (telling marks last). */
  main: TimelineMark[];
  files: TimelineMark[];
  height: number;
  /** Taken from each of its times on the axis: 0 on the clock axis, its start on the "since start" one. */
  origin: number;
}

export interface OrphanLane {
  kind: 'orphans';
  key: string;
  nav: TimelineMark[];
  main: TimelineMark[];
  files: TimelineMark[];
  height: number;
  origin: number;
}

export type Lane = JobLane | OrphanLane;

export interface View {
  lanes: Lane[];
  /** offsets[i] is lane i's top; offsets[lanes.length] is the total height. */
  offsets: number[];
  range: Range | null;
  /** How the axis reads, and the axis itself (built from the lanes' times less their origins). */
  mode: AxisMode;
  axis: Axis;
  /** Mark id → lane index. */
  where: Map<string, number>;
  /** The job shown in detail: the picked one, or the only one. */
  detail: TimelineJob | null;
  /** Jobs shown, out of `data.jobs.length`. */
  shownJobs: number;
}

const byTime = (a: TimelineMark, b: TimelineMark): number => (finite(a.at) ? a.at : Infinity) - (finite(b.at) ? b.at : Infinity);
const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

const haystacks = new WeakMap<TimelineJob, string>();

function markText(m: TimelineMark): string {
  return [m.name, m.label, ...(m.errors ?? [])].join('\n');
}

/** Everything a filter may match in a job: its id, company, event names, labels, errors, files. */
function haystack(job: TimelineJob): string {
  let h = haystacks.get(job);
  if (h === undefined) {
    const parts = [job.id, job.company ?? '', job.outcome, ...job.stages.map((s) => s.stage), ...job.marks.map(markText)];
    for (const f of job.files) {
      parts.push(f.fileId);
      pushAll(parts, f.marks.map(markText));
    }
    h = parts.join('\n').toLowerCase();
    haystacks.set(job, h);
  }
  return h;
}

export function jobMatches(job: TimelineJob, filter: string): boolean {
  const q = filter.trim().toLowerCase();
  return !q || haystack(job).includes(q);
}

function jobLane(job: TimelineJob): JobLane {
  const files = job.files.flatMap((f) => f.marks);
  const main = [...job.marks].sort((a, b) => KIND_LAYER[a.kind] - KIND_LAYER[b.kind] || byTime(a, b));
  return {
    kind: 'job',
    key: `job:${job.id}`,
    job,
    nav: [...job.marks, ...files].filter((m) => finite(m.at)).sort(byTime),
    main,
    files,
    height: ROW_HEIGHT + (files.length ? FILE_ROW_HEIGHT : 0),
    origin: 0,
  };
}

/**
 * The job a kept job id names, by idKey: an edit that changes how the log first spells it
 * (upper- or lower-case UUID) leaves the same job picked.
 */
export function pickedJob(data: TimelineData, jobId: string | null | undefined): TimelineJob | undefined {
  if (!jobId) return undefined;
  const key = idKey(jobId);
  return data.jobs.find((j) => idKey(j.id) === key);
}

/**
 * The lanes for a filter and a picked job, on the axis `mode` asks for; when none is asked for,
 * on the one where more jobs' stories are legible (the clock axis when it is a tie).
 */
export function buildView(data: TimelineData, filter: string, jobId: string | null | undefined, mode?: AxisMode | null): View {
  const picked = pickedJob(data, jobId);
  const jobs = picked ? [picked] : data.jobs.filter((j) => jobMatches(j, filter));
  const lanes: Lane[] = jobs.map(jobLane);
  if (!picked) {
    const q = filter.trim().toLowerCase();
    const orphans = data.orphans.filter((m) => !q || markText(m).toLowerCase().includes(q));
    if (orphans.length) {
      const sorted = [...orphans].sort(byTime);
      lanes.push({ kind: 'orphans', key: 'orphans', nav: sorted.filter((m) => finite(m.at)), main: sorted, files: [], height: ROW_HEIGHT, origin: 0 });
    }
  }
  const chosen = mode ?? bestMode(lanes);
  if (chosen === 'start') for (const lane of lanes) lane.origin = startOf(lane);
  const axis = makeAxis(axisTimes(lanes));
  const offsets = [0];
  for (const lane of lanes) offsets.push(offsets[offsets.length - 1]! + lane.height);
  const where = new Map<string, number>();
  lanes.forEach((lane, i) => lane.nav.forEach((m) => where.set(m.id, i)));
  const detail = picked ?? (data.jobs.length === 1 && jobs.length === 1 ? jobs[0]! : null);
  return { lanes, offsets, range: rangeOf(lanes) ?? data.range, mode: chosen, axis, where, detail, shownJobs: jobs.length };
}

/** A lane's time on the axis: its clock time less the lane's origin. */
export function axisTime(lane: Lane, at: number): number {
  return at - lane.origin;
}

/** Where a lane starts: its job's start, else its first event. */
function startOf(lane: Lane): number {
  if (lane.kind === 'job' && finite(lane.job.start)) return lane.job.start;
  return lane.nav[0]?.at ?? 0;
}

/** Every time the lanes show, less their origins: what the axis is made for. */
function* axisTimes(lanes: readonly Lane[], origin = (l: Lane): number => l.origin): Generator<number> {
  for (const lane of lanes) {
    const o = origin(lane);
    if (lane.kind === 'job') {
      yield lane.job.start - o;
      yield lane.job.end - o;
    }
    for (const m of lane.nav) yield m.at - o;
  }
}

/** A job's story reads when its lane spans at least this share of the track (about 50 px of 800). */
const LEGIBLE = 0.06;

function legibleJobs(lanes: readonly Lane[], origin: (l: Lane) => number): number {
  const axis = makeAxis(axisTimes(lanes, origin));
  let n = 0;
  for (const lane of lanes) {
    if (lane.kind !== 'job' || !lane.nav.length) continue;
    const o = origin(lane);
    const from = Math.min(lane.nav[0]!.at, finite(lane.job.start) ? lane.job.start : Infinity);
    const to = Math.max(lane.nav[lane.nav.length - 1]!.at, finite(lane.job.end) ? lane.job.end : -Infinity);
    if (axis.u(to - o) - axis.u(from - o) >= LEGIBLE) n++;
  }
  return n;
}

/** The axis on which more jobs are legible; the clock when it is a tie (one job, or all fit). */
function bestMode(lanes: readonly Lane[]): AxisMode {
  if (lanes.filter((l) => l.kind === 'job').length < 2) return 'clock';
  return legibleJobs(lanes, startOf) > legibleJobs(lanes, () => 0) ? 'start' : 'clock';
}

/** The span of what is shown, so a filter or a picked job zooms the axis to it. */
function rangeOf(lanes: Lane[]): Range | null {
  let min = Infinity;
  let max = -Infinity;
  const take = (t: number): void => {
    if (finite(t)) {
      if (t < min) min = t;
      if (t > max) max = t;
    }
  };
  for (const lane of lanes) {
    if (lane.kind === 'job') {
      take(lane.job.start);
      take(lane.job.end);
    }
    for (const m of lane.nav) take(m.at);
  }
  return min <= max ? { min, max } : null;
}
