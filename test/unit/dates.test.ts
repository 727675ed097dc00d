import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, buildTimeline, fixesFor, hoverAt, validate } from '../../src/core/index';
import { formatUtc } from '../../src/core/util/time';
import { codes, edit, example, fixture } from './helpers';

const retry = example('job_retry_event');
const CREATED = '"creation_date": "2024-06-07T15:40:00Z"';
const UPDATED = '"update_date": "2024-06-07T15:46:05Z"';

/** The retry example with update_date (and, if given, creation_date) set to these strings. */
function withDates(update: string, creation?: string): string {
  const text = edit(retry, UPDATED, `"update_date": ${JSON.stringify(update)}`);
  return creation === undefined ? text : edit(text, CREATED, `"creation_date": ${JSON.stringify(creation)}`);
}

const hoverOn = (text: string, value: string) => hoverAt(text, text.indexOf(JSON.stringify(value)) + 2);

describe('RFC 3339 date-times', () => {
  it('every example of RFC 3339 §5.8, and the forms §5.6 allows, are valid dates', () => {
    for (const s of [
      '1985-04-12T23:20:50.52Z', '1996-12-19T16:39:57-08:00', '1990-12-31T23:59:60Z', '1990-12-31T15:59:60-08:00', '1937-01-01T12:00:27.87+00:20',
      '2016-12-31T23:59:60Z', '2024-06-07t15:46:05z', '2024-06-07T15:46:05.123456789Z', '2024-06-07T15:46:05-00:00', '2024-06-07T15:46:05+00:00',
    ]) assert.deepEqual(validate(withDates(s, s)).map((d) => d.message), [], s);
  });
});

describe('ISO 8601 forms that are not RFC 3339', () => {
  // [value, what the message must say, the RFC 3339 rewrite offered as a fix (or none)]
  const cases: [string, RegExp, string | undefined][] = [
    ['2025-07-29T11:30:00+05', /an offset of hours only \(\+05; RFC 3339 writes \+05:00\)/, '2025-07-29T11:30:00+05:00'],
    ['2025-07-29T11:30:00+0530', /an offset without ":" \(\+0530; RFC 3339 writes \+05:30\)/, '2025-07-29T11:30:00+05:30'],
    ['2025-07-29T11:30Z', /: no seconds$/, '2025-07-29T11:30:00Z'],
    ['2025-07-29T11Z', /: no minutes or seconds$/, '2025-07-29T11:00:00Z'],
    ['20250729T113000Z', /no "-" between year, month and day .*no ":" between hours, minutes and seconds/, '2025-07-29T11:30:00Z'],
    ['2025-07-29 11:30:00Z', /a space where RFC 3339 §5\.6 has "T"/, '2025-07-29T11:30:00Z'],
    ['2025-07-29T11:30:00,5Z', /a decimal comma where RFC 3339 has a point/, '2025-07-29T11:30:00.5Z'],
    ['2025-07-29T11:30:00.Z', /a "\." with no digits after it/, '2025-07-29T11:30:00Z'],
    ['2025-07-29T11:30:00Z[Europe/Paris]', /a time zone suffix \[Europe\/Paris\] \(RFC 9557\)/, '2025-07-29T11:30:00Z'],
    [' 2025-07-29T11:30:00Z', /spaces around it/, '2025-07-29T11:30:00Z'],
    ['2025-07-29 11:30:00', /a space where .*; no UTC offset/, '2025-07-29T11:30:00'],
    ['2025-07-29', /: no time of day$/, undefined],
    ['2025-07-29T24:00:00Z', /hour 24 \(RFC 3339 §5\.7 allows 00-23; write 00:00 of the next day\)/, undefined],
    ['2025-07-29T11:60:00Z', /minute 60 \(00-59\)/, undefined],
    ['2025-07-29T11:30:61Z', /second 61/, undefined],
    ['2023-02-29T10:00:00Z', /day 29 \(February 2023 has 28 days\)/, undefined],
    ['2025-13-01T00:00:00Z', /month 13 \(months are 01-12\)/, undefined],
    ['2025-07-29T11:30:00+24:00', /offset \+24:00 \(hours 00-23, minutes 00-59\)/, undefined],
    ['2016-12-31T12:00:60Z', /second 60, a leap second, which comes only at 23:59:60 UTC on the last day of a month/, undefined],
    ['2016-12-31T23:59:60+01:00', /second 60, a leap second/, undefined],
    ['25-07-29T11:30:00Z', /a two-digit year/, undefined],
    ['+002025-07-29T11:30:00Z', /a year of more than four digits/, undefined],
    ['2025-W31-2T11:30:00Z', /an ISO 8601 week date/, undefined],
    ['2025-210T11:30:00Z', /an ISO 8601 day of the year/, undefined],
    ['29/07/2025 11:30', /day and month in a local order/, undefined],
    ['1753788600', /a number, not a date-time/, undefined],
  ];

  for (const [value, says, rewrite] of cases) {
    it(`${JSON.stringify(value)}: says what is wrong${rewrite ? ', and offers the RFC 3339 form' : ''}`, () => {
      const text = withDates(value);
      const ds = validate(text);
      assert.deepEqual(codes(ds), ['invalid-date'], JSON.stringify(ds));
      const d = ds[0]!;
      assert.equal(d.severity, 'error');
      assert.match(d.message, new RegExp(`^update_date must be an RFC 3339 date-time such as 2023-05-24T20:00:00Z in job_retry_event, found ${JSON.stringify(value).replace(/[[\]().+*?^$\\/]/g, '\\$&')}`));
      assert.match(d.message, says);
      const fixes = fixesFor(text, d);
      assert.deepEqual(fixes.map((f) => f.title), rewrite ? [`Change to ${JSON.stringify(rewrite)}`] : []);
      if (rewrite) assert.ok(!codes(validate(applyEdits(text, fixes[0]!.edits))).includes('invalid-date'));
    });
  }
});

describe('a date-time without an offset', () => {
  it('is a warning of its own, read as UTC, with a fix that says UTC', () => {
    const text = withDates('2024-06-07T15:46:05');
    const ds = validate(text);
    assert.deepEqual(codes(ds), ['date-without-offset']);
    assert.equal(ds[0]!.severity, 'warning');
    assert.equal(
      ds[0]!.message,
      'update_date "2024-06-07T15:46:05" has no UTC offset in job_retry_event: read here as UTC, but a receiver may read it in its own time zone (RFC 3339 §4.4); add Z if it is UTC, or the sender\'s offset',
    );
    assert.deepEqual(fixesFor(text, ds[0]!).map((f) => f.title), ['Change to "2024-06-07T15:46:05Z"']);
    const hover = hoverOn(text, '2024-06-07T15:46:05')!.markdown;
    assert.match(hover, /\*\*2024-06-07 15:46:05 UTC\*\* \(no offset written: read as UTC, though a receiver may read it as its own local time\)/);
    assert.match(hover, /6 min 5 s after creation_date/);
  });

  it('is ordered as UTC: before a creation_date an hour later, date-order; after one an hour earlier, none', () => {
    assert.deepEqual(codes(validate(withDates('2024-06-07T15:00:00', '2024-06-07T16:00:00Z'))), ['date-without-offset', 'date-order']);
    assert.deepEqual(codes(validate(withDates('2024-06-07T16:00:00', '2024-06-07T15:00:00+00:00'))), ['date-without-offset']);
  });
});

describe(".NET's default date", () => {
  const unset = '0001-01-01T00:00:00';

  it('is one warning that says no date was set, not a missing offset', () => {
    const text = withDates('2024-06-07T15:46:05Z', unset);
    const ds = validate(text);
    assert.deepEqual(codes(ds), ['unset-date']);
    assert.equal(ds[0]!.pointer, '/event/creation_date');
    assert.equal(ds[0]!.message, 'creation_date "0001-01-01T00:00:00" is .NET\'s DateTime.MinValue, the default of a date never set in job_retry_event: no creation_date was given, so it is left out of date checks and the timeline');
    for (const written of ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.0000000+00:00']) assert.deepEqual(codes(validate(withDates('2024-06-07T15:46:05Z', written))), ['unset-date'], written);
  });

  it('the hover says it is not set, and the other dates do not measure a gap to it', () => {
    const text = withDates('2024-06-07T15:46:05Z', unset);
    assert.match(hoverOn(text, unset)!.markdown, /\*\*creation_date not set\*\*: `0001-01-01T00:00:00` is \.NET's DateTime\.MinValue/);
    const other = hoverOn(text, '2024-06-07T15:46:05Z')!.markdown;
    assert.doesNotMatch(other, /creation_date/);
  });

  it('is no date in the job timeline: no "created" mark two thousand years early', () => {
    const record = JSON.parse(withDates('2024-06-07T15:46:05Z', unset)) as { event_time?: number };
    const data = buildTimeline([{ uri: 'a', text: JSON.stringify(record), mode: 'document' }], { title: 'a', version: 1 });
    const marks = data.jobs.flatMap((j) => j.marks);
    assert.ok(marks.length > 0);
    for (const m of marks) assert.ok(m.at >= Date.UTC(2024, 0, 1), JSON.stringify(m));
  });
});

describe('four-digit years', () => {
  it('in hovers and in the labels of the timeline', () => {
    const text = withDates('0099-01-02T03:04:05Z', '0099-01-01T00:00:00Z');
    assert.match(hoverOn(text, '0099-01-02T03:04:05Z')!.markdown, /\*\*0099-01-02 03:04:05 UTC\*\*/);
    const record = JSON.parse(text) as Record<string, unknown>;
    delete record.event_time;
    const data = buildTimeline([{ uri: 'a', text: JSON.stringify(record), mode: 'document' }], { title: 'a', version: 1 });
    // A mark's time travels as `at` (its label says only what its fields do not); the page prints it with formatUtc.
    const times = data.jobs.flatMap((j) => j.marks.map((m) => formatUtc(m.at)));
    assert.ok(times.includes('0099-01-01 00:00:00 UTC'), JSON.stringify(times));
    assert.ok(times.every((l) => !/\b99-01/.test(l.replace(/0099-01/g, ''))), JSON.stringify(times));
  });

  it('an event_time no Date can hold: findings and a timeline, never an exception', () => {
    for (const t of ['1e300', '-1e300', '1e13']) {
      const text = edit(retry, '"event_time": 1717775165.5', `"event_time": ${t}`);
      assert.ok(codes(validate(text)).includes('out-of-range'), t);
      const data = buildTimeline([{ uri: 'a', text, mode: 'document' }], { title: 'a', version: 1 });
      // An implausible event_time is not built on (event-time.test.ts): the marks take the dates.
      const marks = data.jobs.flatMap((j) => j.marks);
      assert.ok(marks.length > 0 && marks.every((m) => !/Unix time/.test(formatUtc(m.at))), t);
    }
  });
});

describe('the broken demo of dates', () => {
  it('test/fixtures/broken/dates.alfred.json: a .NET default creation_date and an update_date without an offset', () => {
    assert.deepEqual(validate(fixture('broken', 'dates.alfred.json')).map((d) => [d.code, d.pointer]), [
      ['unset-date', '/event/creation_date'],
      ['date-without-offset', '/event/update_date'],
    ]);
  });
});

describe('everyday forms outside RFC 3339: the message says what is wrong', () => {
  // Each reason is what RFC 3339 §5.6's grammar lacks for that text (two-digit hours and offset
  // hours, "-" for the sign, Z or ±hh:mm and nothing after), never just "found …".
  const cases: [string, RegExp][] = [
    ['2024-05-24T20:00:00+5:30', /one-digit offset hour/],
    ['2024-05-24T2:00:00Z', /one-digit hour/],
    ['2024-05-24T20:00:00UTC', /time zone name \(UTC, GMT\)/],
    ['2024-05-24T20:00:00 UTC', /time zone name/],
    ['2024-05-24T20:00:00GMT+1', /time zone name/],
    ['2024-05-24T20:00:00 Z', /a space before the offset/],
    ['2024-05-24T20:00:00 +00:00', /a space before the offset/],
    ['2024-05-24T20:00:00\u221205:00', /U\+2212/],
    ['2024-05-24T20:00:00+00:00Z', /something after the offset/],
    ['2024-05-24T20:00:00ZZ', /something after the offset/],
    ['2024-05-24TT20:00:00Z', /RFC 3339 writes YYYY-MM-DDTHH:MM:SS/],
    ['\uff12\uff10\uff12\uff14-05-24T20:00:00Z', /RFC 3339 writes YYYY-MM-DDTHH:MM:SS/],
  ];
  for (const [value, reason] of cases) {
    it(JSON.stringify(value), () => {
      const found = validate(withDates(value)).filter((d) => d.code === 'invalid-date');
      assert.equal(found.length, 1);
      assert.match(found[0]!.message, new RegExp(`found ${JSON.stringify(value).replace(/[+.()[\]]/g, '\\$&')}: `));
      assert.match(found[0]!.message, reason);
    });
  }
});
