/**
 * A log spread over days: the first view shows each job's story, not a dot per job. Idle
 * stretches collapse into marked breaks; between them the axis is to scale and its labels are
 * true UTC; when jobs overlap too much for that, each lane counts from its own start.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildTimeline } from '../../src/core/jobs/timeline';
import type { TimelineData } from '../../src/core/jobs/timeline-data';
import { IDLE_MIN, makeAxis } from '../../src/webview/axis';
import { axisTime, buildView, type JobLane } from '../../src/webview/model';
import { breaksInView, makeScale, ticks, TRACK_PAD, type AxisMode } from '../../src/webview/scale';
import { log, T0 } from './fixtures';

const H = 3_600_000;
const WIDTH = 800;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function firstView(data: TimelineData, mode?: AxisMode) {
  const view = buildView(data, '', null, mode);
  const scale = makeScale(view.axis, WIDTH, null, view.mode);
  const lanes = view.lanes.filter((l): l is JobLane => l.kind === 'job');
  const x = (lane: JobLane, t: number): number => scale.x(axisTime(lane, t));
  return { view, scale, lanes, x };
}

/** The example log: four jobs on three days (2025-04-07 13:00 to 2025-04-09 10:45 UTC). */
const example = (): TimelineData =>
  buildTimeline([{ uri: 'x', text: readFileSync(join(__dirname, '..', 'fixtures', 'examples', 'jobs.alfred.jsonl'), 'utf8'), mode: 'log' }], { title: 'jobs', version: 1 });

describe('a log spread over days', () => {
  it('twelve jobs over three days: every job spans at least 120 px and its events stand apart', () => {
    const data = log(12, 10, { gap: 6 * H });
    const { lanes, x } = firstView(data);
    assert.equal(lanes.length, 12);
    for (const lane of lanes) {
      assert.ok(x(lane, lane.job.end) - x(lane, lane.job.start) >= 120, `${lane.job.id}: ${x(lane, lane.job.end) - x(lane, lane.job.start)} px`);
      const retries = lane.job.marks.filter((m) => m.kind === 'retry').map((m) => x(lane, m.at));
      for (let i = 1; i < retries.length; i++) assert.ok(retries[i]! - retries[i - 1]! >= 20, 'retries 9 s apart are 20 px apart or more');
    }
  });

  it('on the clock axis the idle hours collapse into marked breaks: every job ten times wider', () => {
    const data = log(12, 10, { gap: 6 * H });
    const { view, scale, lanes, x } = firstView(data, 'clock');
    assert.equal(view.axis.breaks.length, 11, 'one break between each two jobs');
    assert.equal(breaksInView(scale).length, 11);
    // Drawn to scale, the same log gives each job under 3 px: that is what the breaks are for.
    const plain = makeScale(view.range, WIDTH);
    for (const lane of lanes) {
      const before = plain.x(lane.job.end) - plain.x(lane.job.start);
      const after = x(lane, lane.job.end) - x(lane, lane.job.start);
      assert.ok(before < 3 && after >= 12 && after >= 100 * before, `${before} px → ${after} px`);
    }
  });

  it('the example log: three breaks of 26 h, 11 h and 9 h, each job in its own stretch', () => {
    const { view, scale, lanes, x } = firstView(example(), 'clock');
    // 13:03:52 → next day 15:20:00; 15:25:06 → 02:00:00; 02:10:10 → 10:45:31 (the file's event_times).
    assert.deepEqual(breaksInView(scale).map((b) => b.label), ['26 h', '11 h', '9 h']);
    assert.equal(view.mode, 'clock', 'on a tie the clock wins');
    const long = lanes.filter((l) => l.job.end - l.job.start >= 60_000);
    assert.equal(long.length, 3);
    for (const lane of long) assert.ok(x(lane, lane.job.end) - x(lane, lane.job.start) >= 60, lane.job.id);
  });

  it('tick labels are true UTC: each names the time at its own x', () => {
    for (const data of [example(), log(12, 10, { gap: 6 * H })]) {
      const { scale } = firstView(data, 'clock');
      const labelled = ticks(scale).filter((t) => t.label);
      assert.ok(labelled.length >= 4, labelled.map((t) => t.label).join(' | '));
      for (const t of labelled) {
        const iso = new Date(t.at).toISOString();
        const d = new Date(t.at);
        const date = `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} `;
        assert.match(t.label, new RegExp(`^(${date})?${iso.slice(11, 16)}(:${iso.slice(17, 19)})?$`), `${t.label} at ${iso}`);
        assert.ok(Math.abs(scale.timeAt(scale.x(t.at)) - t.at) < 1);
      }
      // Each day's first label carries its date.
      const days = new Set(labelled.map((t) => new Date(t.at).toISOString().slice(0, 10)));
      assert.equal(labelled.filter((t) => /^[A-Z][a-z]{2} \d/.test(t.label)).length, days.size - 1);
    }
  });

  it('between breaks the axis is to scale: gaps under ten minutes are never collapsed', () => {
    const times = [T0, T0 + 2 * 60_000, T0 + 6 * 60_000, T0 + 9.9 * 60_000, T0 + 30 * H, T0 + 30 * H + 60_000];
    const axis = makeAxis(times);
    assert.equal(axis.breaks.length, 1);
    const u = times.map((t) => axis.u(t));
    assert.ok(Math.abs((u[2]! - u[1]!) - 2 * (u[1]! - u[0]!)) < 1e-9, '4 min is twice 2 min');
    assert.ok(Math.abs((u[5]! - u[4]!) - (u[1]! - u[0]!) / 2) < 1e-9, 'one rate on both sides of the break');
    assert.ok(IDLE_MIN > 9.9 * 60_000);
    for (let i = 0; i <= 100; i++) assert.ok(Math.abs(axis.u(axis.t(i / 100)) - i / 100) < 1e-9, 'u and t are inverses');
    for (let i = 1; i < times.length; i++) assert.ok(u[i]! > u[i - 1]!, 'increasing');
    assert.deepEqual([u[0], u[5]], [0, 1]);
  });

  it('jobs that overlap in time: each lane counts from its own start, and says when that was', () => {
    const data = log(300, 10);
    const { view, lanes, x, scale } = firstView(data);
    assert.equal(view.mode, 'start');
    for (const lane of lanes) assert.equal(Math.round(x(lane, lane.job.start)), TRACK_PAD);
    for (const lane of lanes) assert.ok(x(lane, lane.job.end) - x(lane, lane.job.start) >= 120);
    assert.ok(ticks(scale).filter((t) => t.label).every((t) => /^(0|\+\d)/.test(t.label)));
    const clock = firstView(data, 'clock');
    assert.ok(clock.lanes.every((l) => clock.x(l, l.job.end) - clock.x(l, l.job.start) < 10), 'on the clock axis they are dots');
  });
});
