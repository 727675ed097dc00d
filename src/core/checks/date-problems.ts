import { KINDS } from '../catalogue';
import { daysInMonth, isLeapSecondPlace, readDateTime } from './datetime';
import { preview } from './findings';

/**
 * What is wrong with a date value, said exactly: the ISO 8601 forms that are not RFC 3339
 * (README "Dates"), values out of their range, and the two readable forms that still deserve a
 * word (no offset; .NET's default date).
 */
export interface DateFinding {
  code: 'invalid-date' | 'date-without-offset' | 'unset-date';
  message: string;
  /** The same date-time written as RFC 3339, when only the writing was wrong. */
  suggestions?: string[];
}

/**
 * The finding for a date value (`name` as messages call the member, `where` as " in <event>"),
 * or undefined when it is an RFC 3339 date-time with an offset, other than the unset default.
 * Sources: RFC 3339 §4.4 (unqualified local time), §5.6 (the grammar), §5.7 (the ranges).
 */
export function dateFinding(name: string, value: string, where: string): DateFinding | undefined {
  const read = readDateTime(value);
  if (read?.unset) {
    return {
      code: 'unset-date',
      message: `${name} ${preview(value)} is .NET's DateTime.MinValue, the default of a date never set${where}: no ${name} was given, so it is left out of date checks and the timeline`,
    };
  }
  if (read && read.offset === undefined) {
    return {
      code: 'date-without-offset',
      message: `${name} ${preview(value)} has no UTC offset${where}: read here as UTC, but a receiver may read it in its own time zone (RFC 3339 §4.4); add Z if it is UTC, or the sender's offset`,
      suggestions: [`${value}Z`],
    };
  }
  if (read) return undefined;
  const { why, rewrite } = whatIsWrong(value);
  return {
    code: 'invalid-date',
    message: `${name} must be ${KINDS.date.expected}${where}, found ${preview(value)}${why.length > 0 ? `: ${why.join('; ')}` : ''}`,
    ...(rewrite !== undefined ? { suggestions: [rewrite] } : {}),
  };
}

// The ISO 8601 forms near RFC 3339: basic or extended, any separator, parts left out, a decimal
// comma, an offset of hours only or without a colon. Groups: year, date separator, month, date
// separator, day, T, hour, time separator, minute, time separator, second, decimal mark,
// fraction, Z, offset sign, offset hours, offset separator, offset minutes.
const NEAR = /^(\d{4})(-?)(\d\d)(-?)(\d\d)(?:([Tt ])(\d\d)(?:(:?)(\d\d)(?:(:?)(\d\d))?)?(?:([.,])(\d*))?)?(?:([Zz])|([+-])(\d\d)(?:(:?)(\d\d))?)?$/;

const OTHER_FORMS: readonly [RegExp, string][] = [
  [/^\d\d-\d\d-\d\d(?:[Tt ]|$)/, 'a two-digit year (RFC 3339 §3: four digits)'],
  [/^(?:[+-]\d{4,}|\d{5,})-/, 'a year of more than four digits, which RFC 3339 does not allow'],
  [/^\d{4}-?W\d\d/, 'an ISO 8601 week date; RFC 3339 writes year-month-day'],
  [/^\d{4}-?\d{3}(?:[Tt ]|$)/, 'an ISO 8601 day of the year; RFC 3339 writes year-month-day'],
  [/^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}/, 'day and month in a local order, which differs from country to country (RFC 3339 §5.2); write year-month-day'],
  [/^-?\d+(?:\.\d+)?$/, 'a number, not a date-time'],
  [/\u2212/, 'a minus sign U+2212 (\u2212) where RFC 3339 has the ASCII hyphen-minus (-)'],
  [/(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d\d)?)?$/i, 'a time zone name (UTC, GMT) where RFC 3339 writes Z or an offset such as +01:00'],
  [/[Tt ]\d(?:\D|$)/, 'a one-digit hour: RFC 3339 writes two digits (02:00:00)'],
  [/\d[+-]\d(?::?\d\d)?$/, 'a one-digit offset hour: RFC 3339 writes two (+05:30)'],
  [/\d\s+(?:[Zz]|[+-]\d\d:?\d\d)$/, 'a space before the offset'],
  [/(?:[Zz]|[+-]\d\d:\d\d).+$/, 'something after the offset'],
];

/** When no form above fits: what an RFC 3339 date-time looks like. */
const EXPECTED_FORM = 'RFC 3339 writes YYYY-MM-DDTHH:MM:SS, an optional fraction, then Z or ±hh:mm';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function whatIsWrong(value: string): { why: string[]; rewrite?: string } {
  const why: string[] = [];
  let s = value;
  if (s.trim() !== s) {
    why.push('spaces around it');
    s = s.trim();
  }
  const suffix = /(?:\[[^\]]*\])+$/.exec(s);
  if (suffix) {
    why.push(`a time zone suffix ${suffix[0]} (RFC 9557), which RFC 3339 readers reject`);
    s = s.slice(0, suffix.index);
  }
  const m = NEAR.exec(s);
  if (!m) {
    const other = OTHER_FORMS.find(([re]) => re.test(s));
    why.push(other ? other[1] : EXPECTED_FORM);
    return { why };
  }
  const [, year, ds1, month, ds2, day, t, hour, ts1, minute, ts2, second, mark, fraction, z, sign, oh, os, om] = m as unknown as (string | undefined)[];
  if (ds1 === '' || ds2 === '') why.push('no "-" between year, month and day (ISO 8601 basic format)');
  if (t === undefined) why.push('no time of day');
  else if (t === ' ') why.push('a space where RFC 3339 §5.6 has "T" (its note leaves a space to an application\'s own choice; strict readers reject it)');
  if (t !== undefined && (ts1 === '' || ts2 === '')) why.push('no ":" between hours, minutes and seconds (ISO 8601 basic format)');
  if (t !== undefined && minute === undefined) why.push('no minutes or seconds');
  else if (t !== undefined && second === undefined) why.push('no seconds');
  if (mark === ',') why.push('a decimal comma where RFC 3339 has a point');
  if (mark === '.' && fraction === '') why.push('a "." with no digits after it');
  if (t !== undefined && z === undefined && sign === undefined) why.push('no UTC offset (Z or ±hh:mm)');
  else if (sign !== undefined && om === undefined) why.push(`an offset of hours only (${sign}${oh}; RFC 3339 writes ${sign}${oh}:00)`);
  else if (sign !== undefined && os === '') why.push(`an offset without ":" (${sign}${oh}${om}; RFC 3339 writes ${sign}${oh}:${om})`);
  const ranges = outOfRange(Number(year), Number(month), Number(day), hour, minute, second, sign, oh, om);
  why.push(...ranges);
  // A zone named only in a suffix would be lost: that rewrite is for the writer to make.
  if (ranges.length > 0 || t === undefined || (suffix && z === undefined && sign === undefined)) return { why };
  // Only the writing was wrong: the same date-time, as RFC 3339 writes it (still without an
  // offset if it had none: that is for the writer to say).
  const frac = mark !== undefined && fraction !== '' ? `.${fraction}` : '';
  const off = z ?? (sign !== undefined ? `${sign}${oh}:${om ?? '00'}` : '');
  const rewrite = `${year}-${month}-${day}${t === ' ' ? 'T' : t}${hour}:${minute ?? '00'}:${second ?? '00'}${frac}${off}`;
  return readDateTime(rewrite) && rewrite !== value ? { why, rewrite } : { why };
}

function outOfRange(
  y: number, month: number, day: number, hour?: string, minute?: string, second?: string, sign?: string, oh?: string, om?: string,
): string[] {
  const out: string[] = [];
  if (month < 1 || month > 12) out.push(`month ${pad(month)} (months are 01-12)`);
  else if (day < 1 || day > daysInMonth(y, month)) out.push(`day ${pad(day)} (${MONTHS[month - 1]} ${pad(y, 4)} has ${daysInMonth(y, month)} days)`);
  const h = Number(hour ?? 0);
  const mi = Number(minute ?? 0);
  const sec = Number(second ?? 0);
  if (h === 24) out.push('hour 24 (RFC 3339 §5.7 allows 00-23; write 00:00 of the next day)');
  else if (h > 23) out.push(`hour ${hour} (00-23)`);
  if (mi > 59) out.push(`minute ${minute} (00-59)`);
  if (sec > 60) out.push(`second ${second} (00-59, or 60 for a leap second)`);
  const offset = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om ?? 0));
  if (sign !== undefined && (Number(oh) > 23 || Number(om ?? 0) > 59)) out.push(`offset ${sign}${oh}:${om ?? '00'} (hours 00-23, minutes 00-59)`);
  else if (sec === 60 && out.length === 0 && !isLeapSecondPlace(y, month, day, h * 60 + mi - offset)) {
    out.push('second 60, a leap second, which comes only at 23:59:60 UTC on the last day of a month (RFC 3339 §5.7)');
  }
  return out;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
