/**
 * Date-times as RFC 3339 §5.6 writes them (https://www.rfc-editor.org/rfc/rfc3339#section-5.6),
 * read digit by digit: neither Date.parse nor the machine's time zone has a say, so every machine
 * reads the same instant. The README's "Dates" section says how each form is read.
 */

/** What a date-time string says. */
export interface DateTime {
  /**
   * Milliseconds since 1970-01-01T00:00:00Z. Digits past the millisecond are cut, and a leap
   * second (23:59:60 UTC) reads as 23:59:59.999: a later time never reads as an earlier one.
   */
  ms: number;
  /** The offset as written (`Z`, `z`, `+05:30`, `-00:00`); undefined when there is none, read as UTC. */
  offset: string | undefined;
  /** The second is 60: a leap second (RFC 3339 §5.7). */
  leapSecond: boolean;
  /** The clock reads 0001-01-01T00:00:00: .NET's DateTime.MinValue, the default of a date never set. */
  unset: boolean;
}

/**
 * RFC 3339 §5.6 `date-time` as a regular expression, for the JSON Schema export: the days of
 * each month (§5.7) included, a leap second's place (at 23:59:60 UTC) not. `readDateTime` is
 * exact; a unit test holds the two together.
 */
export const RFC3339_PATTERN =
  '^(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29' +
  '|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8])))' +
  '[Tt](?:[01]\\d|2[0-3]):[0-5]\\d:(?:[0-5]\\d|60)(?:\\.\\d+)?(?:[Zz]|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)$';

/** RFC 3339 Appendix C. */
export const isLeapYear = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1-12) of a year, by the table of RFC 3339 §5.7. */
export function daysInMonth(y: number, month: number): number {
  return month === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[month - 1] ?? 0;
}

/** The unsigned decimal number of `n` digits at `i`, or -1 when any is not a digit. */
function digitsAt(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const c = s.charCodeAt(k) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Days from 1970-01-01 to a day of the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/**
 * Whether second 60 may follow this minute: RFC 3339 §5.7 places a leap second at 23:59:60 UTC
 * on a month's last day ("in time zones other than Z, the leap second point is shifted by the
 * zone offset"). Any month's end is allowed, as Appendix D's CCIR text allows; which months had
 * one is not checked, since leap seconds are announced only weeks ahead. `utcMinute` counts
 * minutes from the start of the written day, in UTC, so it may fall on the day before or after.
 */
export function isLeapSecondPlace(y: number, month: number, day: number, utcMinute: number): boolean {
  const shift = Math.floor(utcMinute / 1440);
  if (utcMinute - shift * 1440 !== 1439) return false;
  if (shift === 0) return day === daysInMonth(y, month);
  // The next day, or the day before the first of a month: the last day of the month before.
  return shift > 0 ? day + 1 === daysInMonth(y, month) : day === 1;
}

/**
 * Reads an RFC 3339 §5.6 date-time (`T` and `Z` in either case, any number of fraction digits,
 * any offset from -23:59 to +23:59, `-00:00` included), or one that lacks only the offset, which
 * is read as UTC. Undefined for anything else: another ISO 8601 form, a day the month lacks, a
 * leap second out of place. Never throws; the result does not depend on the machine.
 */
export function readDateTime(s: string): DateTime | undefined {
  const n = s.length;
  if (n < 19 || s[4] !== '-' || s[7] !== '-' || (s[10] !== 'T' && s[10] !== 't') || s[13] !== ':' || s[16] !== ':') return undefined;
  const y = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 2);
  const day = digitsAt(s, 8, 2);
  const hour = digitsAt(s, 11, 2);
  const minute = digitsAt(s, 14, 2);
  const second = digitsAt(s, 17, 2);
  if (y < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(y, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return undefined;
  let i = 19;
  let milli = 0;
  let fractionZero = true;
  if (s[i] === '.') {
    const start = ++i;
    for (let c = s.charCodeAt(i) - 48; c >= 0 && c <= 9; c = s.charCodeAt(++i) - 48) {
      if (i - start < 3) milli = milli * 10 + c;
      if (c !== 0) fractionZero = false;
    }
    if (i === start) return undefined;
    milli *= 10 ** Math.max(0, 3 - (i - start));
  }
  let offset: string | undefined;
  let offsetMinutes = 0;
  if (i < n) {
    const c = s[i];
    if ((c === 'Z' || c === 'z') && i + 1 === n) offset = c;
    else if ((c === '+' || c === '-') && i + 6 === n && s[i + 3] === ':') {
      const oh = digitsAt(s, i + 1, 2);
      const om = digitsAt(s, i + 4, 2);
      if (oh < 0 || oh > 23 || om < 0 || om > 59) return undefined;
      offset = s.slice(i);
      offsetMinutes = (c === '-' ? -1 : 1) * (oh * 60 + om);
    } else return undefined;
  }
  const utcMinute = hour * 60 + minute - offsetMinutes;
  const leapSecond = second === 60;
  if (leapSecond && !isLeapSecondPlace(y, month, day, utcMinute)) return undefined;
  const ms = (daysFromCivil(y, month, day) * 1440 + utcMinute) * 60_000 + (leapSecond ? 59_999 : second * 1000 + milli);
  const unset = y === 1 && month === 1 && day === 1 && hour === 0 && minute === 0 && second === 0 && fractionZero;
  return { ms, offset, leapSecond, unset };
}

/** Whether a string is an RFC 3339 date-time that says something: an offset, and not the unset default. */
export function isWellFormedDate(s: string): boolean {
  const d = readDateTime(s);
  return d !== undefined && d.offset !== undefined && !d.unset;
}

/**
 * The instant of a date value, in milliseconds since 1970, for ordering (date-order, the job
 * model, the timeline, hover gaps): undefined for a non-string, a string `readDateTime` cannot
 * read, and the unset default (which says that there is no date).
 */
export function dateMs(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const d = readDateTime(v);
  return d && !d.unset ? d.ms : undefined;
}
