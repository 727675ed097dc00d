/**
 * Words and times for the page: tick labels, tooltips and accessible labels. Pure (no DOM), so the
 * page and the SVG export say the same thing.
 */
import type { Outcome, TimelineJob, TimelineMark } from '../core/jobs/timeline-data';
// The core's own formatting, so that the page writes a time as hovers and messages do.
import { formatUtc, utcDay } from '../core/util/time';
import * as l10n from '../core/l10n';

/** A day of a month, `{0}` the day: each month its own message, so a language orders and abbreviates it its own way. */
const MONTH_DAYS = [
  l10n.later('Jan {0}'), l10n.later('Feb {0}'), l10n.later('Mar {0}'), l10n.later('Apr {0}'), l10n.later('May {0}'), l10n.later('Jun {0}'),
  l10n.later('Jul {0}'), l10n.later('Aug {0}'), l10n.later('Sep {0}'), l10n.later('Oct {0}'), l10n.later('Nov {0}'), l10n.later('Dec {0}'),
];

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** A time a Date can hold: the page draws no other. */
const knownTime = (ms: number): boolean => Number.isFinite(ms) && !Number.isNaN(new Date(ms).getTime());

/** `2024-06-07 15:46:05 UTC` (milliseconds only when there are some); `no time` when unknown. */
export function formatDateTime(ms: number): string {
  return knownTime(ms) ? formatUtc(ms) : l10n.t('no time');
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
  return l10n.t(MONTH_DAYS[d.getUTCMonth()] ?? '{0}', d.getUTCDate());
}

/** `2024-06-07`, `0001-01-01`. */
export function isoDate(ms: number): string {
  return knownTime(ms) ? utcDay(ms) : l10n.t('no date');
}

/**
 * `1 retry`, `3 retries`, `1,000 jobs`: `one` and `many` are messages with `{0}` for the number,
 * such as l10n.t('{0} retry') and l10n.t('{0} retries').
 */
export function count(n: number, one: string, many: string): string {
  return (n === 1 ? one : many).replace('{0}', n.toLocaleString('en-US'));
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
  finished: l10n.later('finished'),
  failed: l10n.later('failed'),
  invalid: l10n.later('invalid'),
  exceeded_retries: l10n.later('exceeded retries'),
  open: l10n.later('no end yet'),
};

export function outcomeText(outcome: Outcome | undefined): string {
  return l10n.t((outcome && OUTCOME_TEXT[outcome]) || OUTCOME_TEXT.open);
}

/** `about 2024-06-07 15:46:05 UTC` for an approximate time. */
export function markTime(mark: TimelineMark): string {
  const t = formatDateTime(mark.at);
  return mark.approximate ? l10n.t('about {0}', t) : t;
}

/**
 * One line naming everything about a mark, each fact once: what the tooltip shows and a screen
 * reader reads. The mark's label adds only what its other fields do not say (see TimelineMark).
 */
export function markDescription(mark: TimelineMark): string {
  const parts = [mark.name || l10n.t('event'), markTime(mark)];
  if (mark.stage) parts.push(l10n.t('stage {0}', mark.stage));
  if (mark.label && mark.label !== mark.name) parts.push(mark.label);
  if (mark.kind === 'retry' && typeof mark.retries === 'number') parts.push(l10n.t('retry {0}', mark.retries));
  if (mark.kind === 'end' && mark.outcome) parts.push(l10n.t('outcome: {0}', outcomeText(mark.outcome)));
  const errors = mark.errors ?? [];
  if (errors.length) parts.push(`${count(errors.length, l10n.t('{0} error'), l10n.t('{0} errors'))}: ${errors.join('; ')}`);
  return parts.join(', ');
}

/** The lane's label for assistive technology. */
export function jobDescription(job: TimelineJob): string {
  const parts = [l10n.t('Job {0}', job.id)];
  if (job.company) parts.push(job.company);
  parts.push(outcomeText(job.outcome));
  parts.push(retries(job.retries) + (job.exceeded ? l10n.t(', retry limit exceeded') : ''));
  parts.push(events(job.marks.length + job.files.reduce((n, f) => n + f.marks.length, 0)));
  return parts.join(', ');
}

/** `1 retry`, `3 retries`. */
export const retries = (n: number): string => count(n, l10n.t('{0} retry'), l10n.t('{0} retries'));
/** `1 event`, `3 events`. */
export const events = (n: number): string => count(n, l10n.t('{0} event'), l10n.t('{0} events'));
/** `1 file`, `3 files`. */
export const files = (n: number): string => count(n, l10n.t('{0} file'), l10n.t('{0} files'));
/** `1 job`, `3 jobs`. */
export const jobs = (n: number): string => count(n, l10n.t('{0} job'), l10n.t('{0} jobs'));
/** `1 failure`, `3 failures`. */
export const failures = (n: number): string => count(n, l10n.t('{0} failure'), l10n.t('{0} failures'));
