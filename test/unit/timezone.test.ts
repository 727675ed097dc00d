import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

interface Probe {
  findings: unknown;
  hovers: string[][];
  local: string[][];
  timeline: unknown;
  outline: unknown;
}

/** What the core reports about dates on a machine set to this time zone and locale (tz-probe.ts). */
function probe(tz: string, locale = 'C.UTF-8'): Probe {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'tz-probe.ts')], {
    env: { ...process.env, TZ: tz, LC_ALL: locale, LANG: locale },
    encoding: 'utf8',
  });
  return JSON.parse(out) as Probe;
}

describe('time zone independence', () => {
  // UTC; +05:30; +12:45 (+13:45 in summer), the largest offset with minutes, on the other side of the date line.
  const runs = [probe('UTC'), probe('Asia/Kolkata', 'da_DK.UTF-8'), probe('Pacific/Chatham', 'tr_TR.UTF-8'), probe('America/St_Johns')];
  const [utc] = runs as [Probe];

  it('findings, hovers (save the line labelled Local), the job timeline and the outline are the same on every machine', () => {
    for (const run of runs.slice(1)) {
      assert.deepEqual(run.findings, utc.findings);
      assert.deepEqual(run.hovers, utc.hovers);
      assert.deepEqual(run.timeline, utc.timeline);
      assert.deepEqual(run.outline, utc.outline);
    }
  });

  it('a date without an offset is read as UTC (README "Dates"), so its order is the same everywhere', () => {
    const line = '**2025-07-29 11:30:00 UTC** (no offset written: read as UTC, though a receiver may read it as its own local time)';
    assert.ok(utc.hovers[0]!.some((l) => l.trim() === line), JSON.stringify(utc.hovers[0]));
    // The start at 11:30 (no offset, so UTC) comes after the stage update at 11:00Z.
    const codes = (utc.findings as [string, number, string][][]).at(-1)!.map((f) => f[0]);
    assert.ok(codes.includes('stage-before-start'), JSON.stringify(codes));
  });

  it("the Local line is the machine's own time, labelled with its offset at that instant (IANA time zone rules)", () => {
    // The hovers of event_time, creation_date and update_date, in that order: update_date's.
    const first = runs.map((r) => r.local[0]![2]?.trim());
    assert.deepEqual(first, [
      'Local: 2025-07-29 11:30:00 (UTC+00:00)',
      'Local: 2025-07-29 17:00:00 (UTC+05:30)',
      'Local: 2025-07-30 00:15:00 (UTC+12:45)',
      'Local: 2025-07-29 09:00:00 (UTC-02:30)',
    ]);
    // The leap second of RFC 3339 §5.8, at each machine's own offset.
    assert.deepEqual(runs.map((r) => r.local[2]![2]?.trim()), [
      'Local: 1990-12-31 23:59:60 (UTC+00:00)',
      'Local: 1991-01-01 05:29:60 (UTC+05:30)',
      'Local: 1991-01-01 13:44:60 (UTC+13:45)',
      'Local: 1990-12-31 20:29:60 (UTC-03:30)',
    ]);
  });
});
