/**
 * Words and times for the page: tick labels, tooltips and accessible labels. Pure (no DOM), so the
 * page and the SVG export say the same thing.
 */
import type { Outcome, TimelineJob, TimelineMark } from '../core/jobs/timeline-data';
// The core's own formatting, so that the page writes a time as hovers and messages do.
import { formatUtc, utcDay } from '../core/util/time';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** A time a Date can hold: the page draws no other. */
const knownTime = (ms: number): boolean => Number.isFinite(ms) && !Number.isNaN(new Date(ms).getTime());

/** `2024-06-07 15:46:05 UTC` (milliseconds only when there are some); `no time` when unknown. */
export function formatDateTime(ms: number): string {
  return knownTime(ms) ? formatUtc(ms) : 'no time';
}

/** `15:46` or `15:46:05`. */
export function clock(ms: number, seconds: boolean): string {
  const d = new Date(ms);
  const hm = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
  return seconds ? `${hm}:${pad2(d.getUTCSeconds())}` : hm;
}

/** `Jun 7 15:46`: when a lane starts, in its label on the "since start" axis (UTC). */
export function startText(ms: number): string {
  return `${shortDate(ms)} ${clock(ms, false)}`;
}

/** `Jun 7`. */
export function shortDate(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCDate()}`;
}

/** `2024-06-07`, `0001-01-01`. */
export function isoDate(ms: number): string {
  return knownTime(ms) ? utcDay(ms) : 'no date';
}

/** `1 retry`, `3 retries`, `1,000 jobs`. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** A duration in the largest sensible units: `45 s`, `6 min 5 s`, `2 h 10 min`, `3 d 4 h`. */
export function duration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

const OUTCOME_TEXT: Record<Outcome, string> = {
  finished: 'finished',
  failed: 'failed',
  invalid: 'invalid',
  exceeded_retries: 'exceeded retries',
  open: 'no end yet',
};

export function outcomeText(outcome: Outcome | undefined): string {
  return (outcome && OUTCOME_TEXT[outcome]) || OUTCOME_TEXT.open;
}

/** `about 2024-06-07 15:46:05 UTC` for an approximate time. */
export function markTime(mark: TimelineMark): string {
  const t = formatDateTime(mark.at);
  return mark.approximate ? `about ${t}` : t;
}

/**
 * One line naming everything about a mark, each fact once: what the tooltip shows and a screen
 * reader reads. The mark's label adds only what its other fields do not say (see TimelineMark).
 */
export function markDescription(mark: TimelineMark): string {
  const parts = [mark.name || 'event', markTime(mark)];
  if (mark.stage) parts.push(`stage ${mark.stage}`);
  if (mark.label && mark.label !== mark.name) parts.push(mark.label);
  if (mark.kind === 'retry' && typeof mark.retries === 'number') parts.push(`retry ${mark.retries}`);
  if (mark.kind === 'end' && mark.outcome) parts.push(`outcome: ${outcomeText(mark.outcome)}`);
  const errors = mark.errors ?? [];
  if (errors.length) parts.push(`${count(errors.length, 'error')}: ${errors.join('; ')}`);
  return parts.join(', ');
}

/** The lane's label for assistive technology. */
export function jobDescription(job: TimelineJob): string {
  const parts = [`Job ${job.id}`];
  if (job.company) parts.push(job.company);
  parts.push(outcomeText(job.outcome));
  parts.push(count(job.retries, 'retry', 'retries') + (job.exceeded ? ', retry limit exceeded' : ''));
  parts.push(count(job.marks.length + job.files.reduce((n, f) => n + f.marks.length, 0), 'event'));
  return parts.join(', ');
}
