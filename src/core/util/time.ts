/**
 * Times as the product prints them: UTC for everything it reports (so that every machine says
 * the same), the machine's own time only where a hover labels it "Local", and gaps.
 */
import { t } from '../l10n';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** The largest magnitude a JavaScript Date holds (ECMA-262 §21.4.1.22), in milliseconds. */
const DATE_LIMIT = 8.64e15;

interface Clock {
  day: string;
  time: string;
}

/**
 * The calendar day and the clock of an instant, read with Date's UTC methods (which no time
 * zone touches) after shifting by `offsetMinutes`. Years 0-9999 have four digits, others the
 * six of ISO 8601's expanded form, as toISOString writes them. A leap second prints as :60.
 */
function clockOf(ms: number, offsetMinutes: number, leapSecond: boolean): Clock | undefined {
  const t = Math.floor(ms) + offsetMinutes * 60_000;
  if (!Number.isFinite(t) || Math.abs(t) > DATE_LIMIT) return undefined;
  const d = new Date(t);
  const y = d.getUTCFullYear();
  const year = y >= 0 && y <= 9999 ? pad(y, 4) : `${y < 0 ? '-' : '+'}${pad(Math.abs(y), 6)}`;
  const second = leapSecond ? '60' : pad(d.getUTCSeconds());
  const milli = d.getUTCMilliseconds();
  const fraction = leapSecond || milli === 0 ? '' : `.${pad(milli, 3)}`;
  return { day: `${year}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`, time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${second}${fraction}` };
}

/** Words for an instant no Date can hold (an event_time of 1e300), so that nothing throws. */
const beyond = (ms: number): string => t('Unix time {0} s', ms / 1000);

/** `2024-06-07 15:46:05 UTC`, `0001-01-01 00:00:00 UTC`, `2016-12-31 23:59:60 UTC` (a leap second). */
export function formatUtc(ms: number, leapSecond = false): string {
  const c = clockOf(ms, 0, leapSecond);
  return c ? `${c.day} ${c.time} UTC` : beyond(ms);
}

/** `2024-06-07T15:46:05Z`, `2024-06-07T15:46:05.250Z`: RFC 3339 in UTC, for messages and labels. */
export function isoUtc(ms: number): string {
  const c = clockOf(ms, 0, false);
  return c ? `${c.day}T${c.time}Z` : beyond(ms);
}

/** `2024-06-07`: the UTC day of an instant. */
export function utcDay(ms: number): string {
  return clockOf(ms, 0, false)?.day ?? beyond(ms);
}

/**
 * `2024-06-07 17:46:05 (UTC+02:00)`: the machine's time zone at that instant, which only a hover
 * shows, next to the UTC time and labelled, with the zone's offset at that instant to the second
 * (`UTC+00:17:30` for Brussels' local mean time before 1914); the clock follows the offset shown.
 */
export function formatLocal(ms: number, leapSecond = false): string {
  const t = Math.floor(ms);
  if (!Number.isFinite(t) || Math.abs(t) > DATE_LIMIT) return beyond(ms);
  // The offset to the second: getTimezoneOffset gives whole minutes, and before about 1900 zones
  // kept local mean time (Brussels +00:17:30), so it is read off the local clock instead.
  const d = new Date(t);
  const local = new Date(0);
  local.setUTCFullYear(d.getFullYear(), d.getMonth(), d.getDate());
  local.setUTCHours(d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds());
  const offSeconds = Math.round((local.getTime() - t) / 1000);
  const c = clockOf(t, offSeconds / 60, leapSecond);
  if (!c) return beyond(ms);
  const abs = Math.abs(offSeconds);
  const seconds = abs % 60 ? `:${pad(abs % 60)}` : '';
  const zone = `UTC${offSeconds >= 0 ? '+' : '-'}${pad(Math.floor(abs / 3600))}:${pad(Math.floor(abs / 60) % 60)}${seconds}`;
  return `${c.day} ${c.time} (${zone})`;
}

/** `6 min 5 s`, `2 d 3 h`, `1.25 s`, `4 ms`: the two largest units of a duration. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  // Under a second, milliseconds: "0 s" for 4 ms would read as no gap (dates are read to the ms).
  if (abs < 1000) return `${Number(abs.toFixed(3))} ms`;
  if (abs < 60_000) return `${Number((abs / 1000).toFixed(abs < 10_000 ? 2 : 0))} s`;
  const units: [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['min', 60_000], ['s', 1000]];
  const parts: string[] = [];
  let rest = abs;
  for (const [name, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0 || parts.length > 0) parts.push(`${n} ${name}`);
    rest -= n * size;
    if (parts.length === 2) break;
  }
  return parts.filter((p) => !p.startsWith('0 ')).join(' ');
}

/** `6 min 5 s after creation_date`, `the same time as update_date` */
export function formatGap(ms: number, otherMs: number, otherName: string): string {
  const d = ms - otherMs;
  if (Math.abs(d) < 1) return t('the same time as {0}', otherName);
  return d > 0 ? t('{0} after {1}', formatDuration(d), otherName) : t('{0} before {1}', formatDuration(d), otherName);
}
