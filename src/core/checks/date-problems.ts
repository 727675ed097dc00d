import { KINDS } from '../catalogue';
import { t } from '../l10n';
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
      message: t("{0} {1} is .NET's DateTime.MinValue, the default of a date never set{2}: no {0} was given, so it is left out of date checks and the timeline", name, preview(value), where),
    };
  }
  if (read && read.offset === undefined) {
    return {
      code: 'date-without-offset',
      message: t("{0} {1} has no UTC offset{2}: read here as UTC, but a receiver may read it in its own time zone (RFC 3339 §4.4); add Z if it is UTC, or the sender's offset", name, preview(value), where),
      suggestions: [`${value}Z`],
    };
  }
  if (read) return undefined;
  const { why, rewrite } = whatIsWrong(value);
  return {
    code: 'invalid-date',
    message: t('{0} must be {1}{2}, found {3}{4}', name, KINDS.date.expected(), where, preview(value), why.length > 0 ? `: ${why.join('; ')}` : ''),
    ...(rewrite !== undefined ? { suggestions: [rewrite] } : {}),
  };
}

// The ISO 8601 forms near RFC 3339: basic or extended, any separator, parts left out, a decimal
// comma, an offset of hours only or without a colon. Groups: year, date separator, month, date
// separator, day, T, hour, time separator, minute, time separator, second, decimal mark,
// fraction, Z, offset sign, offset hours, offset separator, offset minutes.
const NEAR = /^(\d{4})(-?)(\d\d)(-?)(\d\d)(?:([Tt ])(\d\d)(?:(:?)(\d\d)(?:(:?)(\d\d))?)?(?:([.,])(\d*))?)?(?:([Zz])|([+-])(\d\d)(?:(:?)(\d\d))?)?$/;

const OTHER_FORMS: readonly [RegExp, () => string][] = [
  [/^\d\d-\d\d-\d\d(?:[Tt ]|$)/, () => t('a two-digit year (RFC 3339 §3: four digits)')],
  [/^(?:[+-]\d{4,}|\d{5,})-/, () => t('a year of more than four digits, which RFC 3339 does not allow')],
  [/^\d{4}-?W\d\d/, () => t('an ISO 8601 week date; RFC 3339 writes year-month-day')],
  [/^\d{4}-?\d{3}(?:[Tt ]|$)/, () => t('an ISO 8601 day of the year; RFC 3339 writes year-month-day')],
  [/^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}/, () => t('day and month in a local order, which differs from country to country (RFC 3339 §5.2); write year-month-day')],
  [/^-?\d+(?:\.\d+)?$/, () => t('a number, not a date-time')],
  [/\u2212/, () => t('a minus sign U+2212 (\u2212) where RFC 3339 has the ASCII hyphen-minus (-)')],
  [/(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d\d)?)?$/i, () => t('a time zone name (UTC, GMT) where RFC 3339 writes Z or an offset such as +01:00')],
  [/[Tt ]\d(?:\D|$)/, () => t('a one-digit hour: RFC 3339 writes two digits (02:00:00)')],
  [/\d[+-]\d(?::?\d\d)?$/, () => t('a one-digit offset hour: RFC 3339 writes two (+05:30)')],
  [/\d\s+(?:[Zz]|[+-]\d\d:?\d\d)$/, () => t('a space before the offset')],
  [/(?:[Zz]|[+-]\d\d:\d\d).+$/, () => t('something after the offset')],
];

/** When no form above fits: what an RFC 3339 date-time looks like. */
const expectedForm = (): string => t('RFC 3339 writes YYYY-MM-DDTHH:MM:SS, an optional fraction, then Z or ±hh:mm');

const MONTHS = [
  () => t('January'), () => t('February'), () => t('March'), () => t('April'), () => t('May'), () => t('June'),
  () => t('July'), () => t('August'), () => t('September'), () => t('October'), () => t('November'), () => t('December'),
];

function whatIsWrong(value: string): { why: string[]; rewrite?: string } {
  const why: string[] = [];
  let s = value;
  if (s.trim() !== s) {
    why.push(t('spaces around it'));
    s = s.trim();
  }
  const suffix = /(?:\[[^\]]*\])+$/.exec(s);
  if (suffix) {
    why.push(t('a time zone suffix {0} (RFC 9557), which RFC 3339 readers reject', suffix[0]));
    s = s.slice(0, suffix.index);
  }
  const m = NEAR.exec(s);
  if (!m) {
    const other = OTHER_FORMS.find(([re]) => re.test(s));
    why.push(other ? other[1]() : expectedForm());
    return { why };
  }
  const [, year, ds1, month, ds2, day, tee, hour, ts1, minute, ts2, second, mark, fraction, z, sign, oh, os, om] = m as unknown as (string | undefined)[];
  if (ds1 === '' || ds2 === '') why.push(t('no "-" between year, month and day (ISO 8601 basic format)'));
  if (tee === undefined) why.push(t('no time of day'));
  else if (tee === ' ') why.push(t('a space where RFC 3339 §5.6 has "T" (its note leaves a space to an application\'s own choice; strict readers reject it)'));
  if (tee !== undefined && (ts1 === '' || ts2 === '')) why.push(t('no ":" between hours, minutes and seconds (ISO 8601 basic format)'));
  if (tee !== undefined && minute === undefined) why.push(t('no minutes or seconds'));
  else if (tee !== undefined && second === undefined) why.push(t('no seconds'));
  if (mark === ',') why.push(t('a decimal comma where RFC 3339 has a point'));
  if (mark === '.' && fraction === '') why.push(t('a "." with no digits after it'));
  if (tee !== undefined && z === undefined && sign === undefined) why.push(t('no UTC offset (Z or ±hh:mm)'));
  else if (sign !== undefined && om === undefined) why.push(t('an offset of hours only ({0}{1}; RFC 3339 writes {0}{1}:00)', sign, oh));
  else if (sign !== undefined && os === '') why.push(t('an offset without ":" ({0}{1}{2}; RFC 3339 writes {0}{1}:{2})', sign, oh, om));
  const ranges = outOfRange(Number(year), Number(month), Number(day), hour, minute, second, sign, oh, om);
  why.push(...ranges);
  // A zone named only in a suffix would be lost: that rewrite is for the writer to make.
  if (ranges.length > 0 || tee === undefined || (suffix && z === undefined && sign === undefined)) return { why };
  // Only the writing was wrong: the same date-time, as RFC 3339 writes it (still without an
  // offset if it had none: that is for the writer to say).
  const frac = mark !== undefined && fraction !== '' ? `.${fraction}` : '';
  const off = z ?? (sign !== undefined ? `${sign}${oh}:${om ?? '00'}` : '');
  const rewrite = `${year}-${month}-${day}${tee === ' ' ? 'T' : tee}${hour}:${minute ?? '00'}:${second ?? '00'}${frac}${off}`;
  return readDateTime(rewrite) && rewrite !== value ? { why, rewrite } : { why };
}

function outOfRange(
  y: number, month: number, day: number, hour?: string, minute?: string, second?: string, sign?: string, oh?: string, om?: string,
): string[] {
  const out: string[] = [];
  if (month < 1 || month > 12) out.push(t('month {0} (months are 01-12)', pad(month)));
  else if (day < 1 || day > daysInMonth(y, month)) out.push(t('day {0} ({1} {2} has {3} days)', pad(day), MONTHS[month - 1]!(), pad(y, 4), daysInMonth(y, month)));
  const h = Number(hour ?? 0);
  const mi = Number(minute ?? 0);
  const sec = Number(second ?? 0);
  if (h === 24) out.push(t('hour 24 (RFC 3339 §5.7 allows 00-23; write 00:00 of the next day)'));
  else if (h > 23) out.push(t('hour {0} (00-23)', hour));
  if (mi > 59) out.push(t('minute {0} (00-59)', minute));
  if (sec > 60) out.push(t('second {0} (00-59, or 60 for a leap second)', second));
  const offset = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om ?? 0));
  if (sign !== undefined && (Number(oh) > 23 || Number(om ?? 0) > 59)) out.push(t('offset {0}{1}:{2} (hours 00-23, minutes 00-59)', sign, oh, om ?? '00'));
  else if (sec === 60 && out.length === 0 && !isLeapSecondPlace(y, month, day, h * 60 + mi - offset)) {
    out.push(t('second 60, a leap second, which comes only at 23:59:60 UTC on the last day of a month (RFC 3339 §5.7)'));
  }
  return out;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
