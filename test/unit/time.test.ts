import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RFC3339_PATTERN, dateMs, readDateTime } from '../../src/core/checks/datetime';
import { formatGap, formatLocal, formatUtc, isoUtc, utcDay } from '../../src/core/util/time';

/**
 * RFC 3339 §5.6 and §5.7, written here from the text and nothing else, to judge readDateTime by:
 * the ABNF as a regular expression (ABNF strings are case-insensitive, hence t and z), the table
 * of month lengths with Appendix C's leap years, and the leap second at 23:59:60 UTC on a
 * month's last day, "shifted by the zone offset". The instant comes from Date's UTC arithmetic
 * (years below 100 set with setUTCFullYear), a second 60 as 23:59:59.999.
 */
function reference(s: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const sign = m[8] === '-' ? -1 : 1;
  const oh = Number(m[9] ?? 0);
  const om = Number(m[10] ?? 0);
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const mdays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  if (mdays === undefined || d < 1 || d > mdays || h > 23 || mi > 59 || sec > 60 || oh > 23 || om > 59) return undefined;
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi - sign * (oh * 60 + om), Math.min(sec, 59), 0);
  if (sec === 60) {
    const next = new Date(t.getTime() + 1000);
    if (t.getUTCHours() !== 23 || t.getUTCMinutes() !== 59 || next.getUTCDate() !== 1) return undefined;
    return t.getTime() + 999;
  }
  return t.getTime() + Math.floor(Number(`0${m[7] ?? ''}`) * 1000 + 1e-6);
}

/** Seeded, so that a failure names a string that fails again. */
function seeded(seed: number): (n: number) => number {
  // The high bits: the low bits of this generator repeat after a few steps.
  return (n) => Math.floor(((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * n);
}

describe('RFC 3339 date-times', () => {
  it("§5.8's examples are valid and are the instants the RFC says", () => {
    const utc = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms = 0): number => Date.UTC(y, mo - 1, d, h, mi, s, ms);
    assert.equal(readDateTime('1985-04-12T23:20:50.52Z')?.ms, utc(1985, 4, 12, 23, 20, 50, 520));
    // "equivalent to 1996-12-20T00:39:57Z in UTC"
    assert.equal(readDateTime('1996-12-19T16:39:57-08:00')?.ms, utc(1996, 12, 20, 0, 39, 57));
    // "the leap second inserted at the end of 1990", and "the same leap second in Pacific Standard Time"
    const leap = readDateTime('1990-12-31T23:59:60Z');
    assert.deepEqual(leap, { ms: utc(1990, 12, 31, 23, 59, 59, 999), offset: 'Z', leapSecond: true, unset: false });
    assert.equal(readDateTime('1990-12-31T15:59:60-08:00')?.ms, leap?.ms);
    // "the same instant of time as noon, January 1, 1937, Netherlands time" (+00:19:32.13)
    assert.equal(readDateTime('1937-01-01T12:00:27.87+00:20')?.ms, utc(1937, 1, 1, 11, 40, 27, 870));
  });

  it('a leap second is ordered between the second before it and the next day', () => {
    const before = readDateTime('2016-12-31T23:59:59.999Z')!.ms;
    const leap = readDateTime('2016-12-31T23:59:60.5Z')!.ms;
    const after = readDateTime('2017-01-01T00:00:00Z')!.ms;
    assert.ok(before <= leap && leap < after, `${before} ${leap} ${after}`);
    // §5.7: the leap second happens "at the same instant around the globe".
    assert.equal(readDateTime('2017-01-01T05:29:60+05:30')?.ms, readDateTime('2016-12-31T23:59:60Z')?.ms);
    // Any month's end (Appendix D: CCIR prefers June and December, then March and September).
    assert.ok(readDateTime('2016-06-30T23:59:60Z') && readDateTime('2015-03-31T23:59:60Z'));
    for (const s of ['2016-12-31T23:59:60+01:00', '2016-12-31T12:00:60Z', '2016-12-30T23:59:60Z', '2016-12-31T23:59:61Z']) assert.equal(readDateTime(s), undefined, s);
  });

  it('lower-case t and z, any number of fraction digits, -00:00 and +00:00 (§5.6, §4.3)', () => {
    const z = readDateTime('2024-06-07T15:46:05Z')!.ms;
    for (const s of ['2024-06-07t15:46:05z', '2024-06-07T15:46:05+00:00', '2024-06-07T15:46:05-00:00', '2024-06-07T15:46:05.000000000Z', '2024-06-07T15:46:05.0009Z']) {
      assert.equal(readDateTime(s)?.ms, z, s);
    }
    assert.equal(readDateTime('2024-06-07T15:46:05.123456789Z')?.ms, z + 123);
    assert.equal(readDateTime('2024-06-07T15:46:05.1Z')?.ms, z + 100);
    assert.equal(readDateTime('2024-06-07T15:46:05-00:00')?.offset, '-00:00');
  });

  it('the bounds of §5.6 and §5.7: months, days per month and leap year, hours, minutes, offsets', () => {
    for (const s of ['2024-02-29T00:00:00Z', '2000-02-29T00:00:00Z', '0000-02-29T00:00:00Z', '2023-04-30T23:59:59Z', '2023-12-31T00:00:00+23:59', '2023-12-31T00:00:00-23:59']) {
      assert.ok(readDateTime(s), s);
    }
    for (const s of [
      '2023-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2023-04-31T00:00:00Z', '2023-00-10T00:00:00Z', '2023-13-10T00:00:00Z', '2023-01-00T00:00:00Z',
      '2023-01-01T24:00:00Z', '2023-01-01T00:60:00Z', '2023-01-01T00:00:00+24:00', '2023-01-01T00:00:00+05:60', '2023-01-01T00:00:00.Z',
    ]) assert.equal(readDateTime(s), undefined, s);
  });

  it('a date-time without an offset is read as UTC, and says that it has none', () => {
    assert.deepEqual(readDateTime('2025-07-29T11:30:00'), { ms: Date.UTC(2025, 6, 29, 11, 30), offset: undefined, leapSecond: false, unset: false });
    assert.equal(dateMs('2025-07-29T11:30:00.5'), Date.UTC(2025, 6, 29, 11, 30, 0, 500));
  });

  it(".NET's DateTime.MinValue is read as no date", () => {
    for (const s of ['0001-01-01T00:00:00', '0001-01-01T00:00:00.0000000', '0001-01-01T00:00:00Z', '0001-01-01T00:00:00+00:00']) {
      assert.equal(readDateTime(s)?.unset, true, s);
      assert.equal(dateMs(s), undefined, s);
    }
    assert.equal(readDateTime('0001-01-01T00:00:00.0000001')?.unset, false);
    assert.equal(dateMs(42), undefined);
  });

  it('agrees with the reference on near misses of every part (seeded)', () => {
    const random = seeded(7);
    const pick = <T>(xs: readonly T[]): T => xs[random(xs.length)]!;
    const two = (max: number): string => String(random(max)).padStart(2, '0');
    const pattern = new RegExp(RFC3339_PATTERN);
    const tally = new Map<string, number>();
    const count = (outcome: string): void => void tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
    for (let i = 0; i < 30_000; i++) {
      const s =
        pick(['0000', '0001', '0099', '1900', '2000', '2023', '2024', '9999', String(random(10_000)).padStart(4, '0'), '202', '20245']) +
        pick(['-', '-', '-', '']) + two(14) + '-' + pick([two(33), '28', '29', '30', '31']) +
        pick(['T', 'T', 't', ' ', '']) + pick([two(26), '23', '15']) + ':' + pick([two(62), '59', '29']) + pick([':', ':', ':', '']) + pick([two(62), '59', '60', '60']) +
        pick(['', '', '.5', '.52', '.123456789', '.', ',5']) +
        pick(['Z', 'z', '', '+00:00', '-00:00', '+05:30', '-08:00', '+23:59', '+24:00', '+05', '+0530', `${pick(['+', '-'])}${two(25)}:${two(61)}`]);
      const read = readDateTime(s);
      const want = reference(s) ?? (/\d$/.test(s) ? reference(`${s}Z`) : undefined);
      assert.equal(read?.ms, want, s);
      // The JSON Schema's pattern: the same strings, save a second 60 out of its place.
      const leapOutOfPlace = reference(s) === undefined && s.slice(16, 19) === ':60' && reference(`${s.slice(0, 17)}59${s.slice(19)}`) !== undefined;
      assert.equal(pattern.test(s), reference(s) !== undefined || leapOutOfPlace, s);
      count(read === undefined ? 'rejected' : read.offset === undefined ? 'no offset' : 'valid');
    }
    // The generator reaches every outcome, or the comparison proves little.
    for (const outcome of ['rejected', 'no offset', 'valid']) assert.ok((tally.get(outcome) ?? 0) > 100, `${outcome}: ${tally.get(outcome)}`);
  });

  it('agrees with the reference on seconds 58 to 61 around the ends of months, at any offset (seeded)', () => {
    const random = seeded(11);
    const two = (n: number): string => String(n).padStart(2, '0');
    let leaps = 0;
    for (let i = 0; i < 20_000; i++) {
      const y = [1990, 2016, 2023, 2024, 1900, 2000][random(6)]!;
      const month = 1 + random(12);
      const day = [1, 28, 29, 30, 31][random(5)]!;
      const offset = random(3) === 0 ? 'Z' : `${random(2) ? '+' : '-'}${two(random(24))}:${two([0, 30, 45, random(60)][random(4)]!)}`;
      const off = offset === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4)));
      // The local clock of 23:59 UTC at this offset, most of the time; any minute otherwise.
      const minute = random(4) === 0 ? random(1440) : (((1439 + off) % 1440) + 1440) % 1440;
      const s = `${y}-${two(month)}-${two(day)}T${two(Math.floor(minute / 60))}:${two(minute % 60)}:${two(58 + random(4))}${offset}`;
      const read = readDateTime(s);
      assert.equal(read?.ms, reference(s), s);
      if (read?.leapSecond) leaps++;
    }
    assert.ok(leaps > 200, `only ${leaps} leap seconds`);
  });
});

describe('four-digit years', () => {
  it('UTC times print years 0-9999 with four digits, others as ISO 8601 expanded years', () => {
    const year1 = readDateTime('0001-01-02T03:04:05Z')!.ms;
    assert.equal(formatUtc(year1), '0001-01-02 03:04:05 UTC');
    assert.equal(isoUtc(year1), '0001-01-02T03:04:05Z');
    assert.equal(utcDay(readDateTime('0099-12-31T00:00:00Z')!.ms), '0099-12-31');
    assert.equal(isoUtc(Date.UTC(275760, 8, 13)), '+275760-09-13T00:00:00Z');
    assert.equal(formatUtc(readDateTime('1990-12-31T23:59:60Z')!.ms, true), '1990-12-31 23:59:60 UTC');
    assert.equal(formatUtc(readDateTime('1937-01-01T12:00:27.87+00:20')!.ms), '1937-01-01 11:40:27.870 UTC');
  });

  it('an instant no Date can hold is said in words, never thrown', () => {
    for (const ms of [1e303, -1e303, Infinity, NaN]) {
      assert.match(isoUtc(ms), /^Unix time /);
      assert.match(formatUtc(ms), /^Unix time /);
      assert.match(formatLocal(ms), /^Unix time /);
    }
  });
});

describe('the Local line to the second', () => {
  // The IANA tz database's local mean times: Brussels +0:17:30 until 1880, New York -4:56:02
  // until 1883. getTimezoneOffset gives whole minutes; the hover must not print a clock 30 s off.
  const local = (tz: string, ms: number): string => {
    const script = `process.stdout.write(require(${JSON.stringify(path.join(__dirname, '../../src/core/util/time.ts'))}).formatLocal(${ms}));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    return run.stdout;
  };
  it('Brussels and New York in 1850: offsets with seconds, and clocks that match them', () => {
    const noon = Date.UTC(1850, 0, 1, 12);
    assert.equal(local('Europe/Brussels', noon), '1850-01-01 12:17:30 (UTC+00:17:30)');
    assert.equal(local('America/New_York', noon), '1850-01-01 07:03:58 (UTC-04:56:02)');
  });
});

describe('gaps under a second', () => {
  it('are milliseconds, not "0 s" (dates are read to the millisecond)', () => {
    assert.equal(formatGap(Date.UTC(2024, 0, 1, 0, 0, 0, 4), Date.UTC(2024, 0, 1), 'creation_date'), '4 ms after creation_date');
    assert.equal(formatGap(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1, 0, 0, 1, 250), 'update_date'), '1.25 s before update_date');
  });
});
