/** The page's pure parts, in plain Node: scale and ticks, lanes and filter, virtual window, keys, zoom. (The checks of what arrives: test/unit/preview-messages.test.ts.) */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentUri } from '../../src/webview/host';
import { navigate } from '../../src/webview/keyboard';
import { buildView, FILE_ROW_HEIGHT, ROW_HEIGHT } from '../../src/webview/model';
import { makeScale, ticks, TRACK_PAD } from '../../src/webview/scale';
import { exportSvg, xmlEscape, type Palette } from '../../src/webview/svg';
import { visibleLanes } from '../../src/webview/virtual';
import { MIN_WINDOW, panBy, reveal, zoomBy } from '../../src/webview/zoom';
import { formatDateTime, isoDate, markDescription } from '../../src/webview/format';
import { broken, hostile, jobId, log, navOrder, singleRetry, T0 } from './fixtures';

describe('scale and ticks', () => {
  it('maps the range onto the track inside its padding', () => {
    const s = makeScale({ min: 0, max: 600_000 }, 1000);
    assert.equal(s.x(0), TRACK_PAD);
    assert.equal(s.x(600_000), 1000 - TRACK_PAD);
  });

  it('a single instant gets a minute around it, not a zero range', () => {
    const s = makeScale({ min: T0, max: T0 }, 800);
    assert.equal(s.timeAt(800 - TRACK_PAD) - s.timeAt(TRACK_PAD), 60_000);
    assert.equal(s.x(T0), 400);
  });

  it('ticks are round UTC times, readable and not crowded; a new day carries its date', () => {
    const s = makeScale({ min: Date.UTC(2024, 5, 7, 22, 0), max: Date.UTC(2024, 5, 8, 2, 0) }, 900);
    const t = ticks(s);
    assert.ok(t.length >= 4 && t.length <= 12, `${t.length} ticks`);
    for (let i = 1; i < t.length; i++) assert.ok(s.x(t[i]!.at) - s.x(t[i - 1]!.at) >= 80);
    assert.ok(t.every((k) => k.at % (30 * 60_000) === 0));
    assert.ok(t.some((k) => k.label === 'Jun 8 00:00' && k.major), t.map((k) => k.label).join(' '));
    const short = ticks(makeScale({ min: T0, max: T0 + 20_000 }, 900));
    assert.match(short[1]!.label, /^15:[34]\d:\d\d$/, 'seconds when they matter');
    assert.deepEqual(ticks(makeScale({ min: T0, max: T0 + 30 * 86_400_000 }, 900)).map((k) => /^[A-Z][a-z]{2} \d+$/.test(k.label)), ticks(makeScale({ min: T0, max: T0 + 30 * 86_400_000 }, 900)).map(() => true));
  });

  it('times are UTC and say so; unknown times say so', () => {
    assert.equal(formatDateTime(Date.UTC(2024, 5, 7, 15, 46, 5)), '2024-06-07 15:46:05 UTC');
    assert.equal(formatDateTime(Date.UTC(2024, 5, 7, 15, 46, 5, 500)), '2024-06-07 15:46:05.500 UTC');
    assert.equal(formatDateTime(NaN), 'no time');
    assert.equal(formatDateTime(1e300), 'no time');
    // Four-digit years (RFC 3339 §5.6 date-fullyear), as the core's hovers print them.
    const year1 = new Date(0).setUTCFullYear(1, 0, 1);
    assert.equal(formatDateTime(year1), '0001-01-01 00:00:00 UTC');
    assert.equal(isoDate(year1), '0001-01-01');
    assert.match(markDescription(singleRetry().jobs[0]!.marks[1]!), /^job_retry_event, about 2024-06-07 15:42:00 UTC, no event of its own: time inferred, retry 1, 1 error: OCR/);
  });
});

describe('lanes, filter and picked job', () => {
  const data = log(20, 10, { orphans: 3 });

  it('one lane per job, taller when it has files, and one for the orphans', () => {
    const v = buildView(data, '', null);
    assert.equal(v.lanes.length, 21);
    assert.equal(v.lanes[20]!.kind, 'orphans');
    assert.equal(v.lanes[0]!.height, ROW_HEIGHT + FILE_ROW_HEIGHT);
    assert.equal(v.offsets[21], v.lanes.reduce((n, l) => n + l.height, 0));
    assert.equal(v.detail, null);
    assert.equal(v.where.get(data.jobs[3]!.marks[2]!.id), 3);
  });

  it('the filter matches id, company, event name and error text, case-insensitively', () => {
    assert.equal(buildView(data, 'NORTHWIND', null).shownJobs, 4);
    assert.equal(buildView(data, jobId(7), null).lanes.length, 1);
    assert.equal(buildView(data, 'job_invalid_event', null).shownJobs, data.jobs.filter((j) => j.outcome === 'invalid').length);
    assert.equal(buildView(data, 'memory limit', null).shownJobs, data.jobs.filter((j) => JSON.stringify(j.marks).includes('memory limit')).length);
    assert.equal(buildView(data, 'file moved', null).lanes.length, 1, 'orphans match on their own text');
  });

  it('a picked job is shown alone, in detail; a single-job document is always in detail', () => {
    const v = buildView(data, 'whatever', jobId(5));
    assert.equal(v.lanes.length, 1);
    assert.equal(v.detail?.id, jobId(5));
    assert.equal(buildView(singleRetry(), '', null).detail?.id, singleRetry().jobs[0]!.id);
    assert.equal(buildView(broken(), '', null).lanes.length, 0);
  });

  it('the axis follows what is shown', () => {
    const v = buildView(data, '', jobId(5));
    assert.deepEqual(v.range, { min: data.jobs[5]!.start, max: data.jobs[5]!.end });
  });
});

describe('virtual window', () => {
  const offsets = Array.from({ length: 1001 }, (_, i) => i * 50);
  it('only the lanes meeting the viewport, and a few more', () => {
    assert.deepEqual(visibleLanes(offsets, 0, 700, 4), [0, 19]);
    assert.deepEqual(visibleLanes(offsets, 25_000, 25_700, 4), [496, 519]);
    assert.deepEqual(visibleLanes(offsets, 49_800, 50_500, 4), [992, 1000]);
    assert.deepEqual(visibleLanes(offsets, 60_000, 61_000, 4), [0, 0]);
    assert.deepEqual(visibleLanes([0], 0, 700), [0, 0]);
  });
});

describe('keyboard paths', () => {
  const data = log(5, 10);
  const view = buildView(data, '', null);
  const order = navOrder(data.jobs[0]!);
  it('left/right in time order, Home/End, up/down to the nearest in time, Ctrl+End to the very last', () => {
    assert.equal(navigate(view, order[0]!.id, 'ArrowRight', false), order[1]!.id);
    assert.equal(navigate(view, order[0]!.id, 'ArrowLeft', false), null);
    assert.equal(navigate(view, order[1]!.id, 'End', false), order[order.length - 1]!.id);
    assert.equal(navigate(view, order[3]!.id, 'Home', false), order[0]!.id);
    assert.equal(navigate(view, order[0]!.id, 'ArrowUp', false), null);
    const down = navigate(view, order[0]!.id, 'ArrowDown', false)!;
    assert.equal(view.where.get(down), 1);
    assert.equal(navigate(view, down, 'ArrowUp', false, order[0]!.at), order[0]!.id, 'back up to where it started');
    const last = navOrder(data.jobs[4]!);
    assert.equal(navigate(view, order[0]!.id, 'End', true), last[last.length - 1]!.id);
    assert.equal(view.where.get(navigate(view, order[0]!.id, 'PageDown', false)!), 4);
  });
});

describe('zoom', () => {
  const full = { min: 0, max: 1_000_000 };
  it('zooms around an anchor that stays put, within bounds, and back out to "everything"', () => {
    const z = zoomBy(full, full, 0.5, 250_000)!;
    assert.deepEqual(z, { min: 125_000, max: 625_000 });
    assert.equal(zoomBy(z, full, 4, 0), null);
    assert.equal(zoomBy({ min: 0, max: 5000 }, full, 0.1, 0)!.max, MIN_WINDOW);
    assert.deepEqual(zoomBy(full, full, 0.5, 990_000), { min: 495_000, max: 995_000 }, 'the anchor keeps its place');
    assert.deepEqual(zoomBy({ min: 400_000, max: 1_000_000 }, full, 0.5, 2_000_000), { min: 700_000, max: 1_000_000 }, 'an anchor outside is clamped');
  });
  it('pans inside the range and reveals a time off screen', () => {
    assert.deepEqual(panBy({ min: 0, max: 100 }, full, -50), { min: 0, max: 100 });
    assert.deepEqual(panBy({ min: 0, max: 100 }, full, 50), { min: 50, max: 150 });
    const r = reveal({ min: 0, max: 100_000 }, full, 500_000);
    assert.ok(r.min < 500_000 && r.max > 500_000);
    const same = { min: 0, max: 100_000 };
    assert.equal(reveal(same, full, 50_000), same);
  });
});

describe('the document a picture is of', () => {
  it('the document URI is read from the refs', () => {
    assert.equal(documentUri(singleRetry()), 'file:///work/payloads/retry.alfred.json');
    assert.equal(documentUri(broken()), 'file:///work/payloads/jobs.alfred.jsonl');
  });
});

describe('SVG export text', () => {
  const palette: Palette = { red: 'red', green: 'green', yellow: 'yellow', blue: 'blue', orange: 'orange', purple: 'purple', fg: '#000', muted: '#777', bg: '#fff', font: '"A" <b>', mono: 'monospace' };
  it('escapes markup and drops characters XML cannot hold', () => {
    assert.equal(xmlEscape(`<a href="x">&'`), '&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
    assert.equal(xmlEscape('a\u0000b\uD800c\uD83D\uDE00'), 'a\uFFFDb\uFFFDc\uD83D\uDE00');
  });
  it('a hostile log exports without one raw tag from the payload', () => {
    const data = hostile();
    const svg = exportSvg(data, buildView(data, '', null), palette, { width: 1000, labelWidth: 240 });
    const tags = [...svg.matchAll(/<([a-zA-Z]+)/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(tags)].sort(), ['circle', 'g', 'line', 'path', 'rect', 'svg', 'text', 'title']);
    assert.doesNotMatch(svg, /\s(on\w+|href|xlink:href|style)="|<script/i);
    assert.match(svg, /font-family="&quot;A&quot; &lt;b&gt;"/);
  });
});
