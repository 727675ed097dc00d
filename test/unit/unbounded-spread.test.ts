/**
 * The kind "unbounded spread": `f(...xs)` passes every item of xs as an argument, and V8 throws
 * RangeError ("Maximum call stack size exceeded") somewhere past 100,000 arguments. Every function
 * that once spread a list whose length the input decides runs here on 200,000 items.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extent, pushAll, spliceAll } from '../../src/core/util/arrays';
import { eventByName } from '../../src/core/catalogue';
import { LogSession } from '../../src/core/pipeline/incremental';
import type { TimelineData, TimelineJob, TimelineMark } from '../../src/core/jobs/timeline-data';
import type { EventRecord } from '../../src/core/jobs/records';
import { crossCheck } from '../../src/core/jobs/rules';
import { validate } from '../../src/core/index';
import { example } from './helpers';
import { buildView } from '../../src/webview/model';
import { exportSvg, type Palette } from '../../src/webview/svg';

const N = 200_000;
const T0 = Date.UTC(2025, 0, 1, 10);

describe('unbounded spread', () => {
  it('the helpers take 200,000 items', () => {
    const xs = Array.from({ length: N }, (_, i) => (i * 7919) % N);
    assert.deepEqual(extent(xs), { min: 0, max: N - 1 });
    assert.deepEqual(extent([NaN, Infinity]), null);
    assert.equal(pushAll([1], xs).length, N + 1);
    const target = [1, 2, 3];
    spliceAll(target, 1, 1, xs);
    assert.equal(target.length, N + 2);
    assert.deepEqual([target[0], target[1], target[N], target[N + 1]], [1, xs[0], xs[N - 1], 3]);
  });

  it('a job with 200,000 events after its end: one cross-event finding each', () => {
    const finished = eventByName('job_finished_event')!;
    const stage = eventByName('job_stage_update_event')!;
    const rec = (i: number, info: typeof stage, time: number): EventRecord => ({
      source: 0, span: { start: i * 10, end: i * 10 + 9, index: i }, order: i, name: info.name, info, jobId: 'j', time, stage: 'downloading',
    });
    const records = [rec(0, finished, T0), ...Array.from({ length: N }, (_, i) => rec(i + 1, stage, T0 + 1000 + i))];
    assert.equal(crossCheck(records).filter((f) => f.code === 'event-after-end').length, N);
  });

  it("a payload's lists of 200,000 wrong items (zod merges a member's issues with one spread): 200 shown, then how many more", () => {
    const retry = JSON.parse(example('job_retry_event')) as { event: Record<string, unknown> };
    retry.event['error_messages'] = Array.from({ length: N }, (_, i) => i);
    retry.event['file_urls'] = Array.from({ length: N / 2 }, () => 'ftp://files.example.com/a.pdf');
    for (const mode of ['document', 'log'] as const) {
      const found = validate(JSON.stringify(retry), { mode });
      // Each number where a string belongs and each ftp: URL is one problem: 300,000 in all.
      assert.equal(found.length, 201, mode);
      assert.deepEqual(found.filter((d) => /not shown/.test(d.message)).map((d) => d.message), [`${N + N / 2 - 200} more problems in this record are not shown; fix the ones above first`]);
    }
  });

  it('a list of 200,000 good items with one wrong at its end: that one, at its own place', () => {
    const retry = JSON.parse(example('job_retry_event')) as { event: Record<string, unknown> };
    retry.event['error_messages'] = Array.from({ length: N }, (_, i) => (i === N - 1 ? 5 : 'timed out'));
    const found = validate(JSON.stringify(retry));
    assert.deepEqual(found.map((d) => [d.code, d.pointer]), [['invalid-type', `/event/error_messages/${N - 1}`]]);
  });

  it('200,000 lines pasted into a log at once', () => {
    // Blank lines: the splice is what is tested, not the check of each record.
    const session = new LogSession('{}\n', { mode: 'log' });
    session.edit(0, 0, Array.from({ length: N }, () => ''));
    assert.equal(session.text().split('\n').length, N + 2);
  });

  it('a timeline job with 200,000 file events: the filter and the SVG export', () => {
    const marks: TimelineMark[] = Array.from({ length: N }, (_, i) => ({ id: `f${i}`, kind: 'file', name: 'file_update_event', at: T0 + i * 10, label: 'file' }));
    const job: TimelineJob = {
      id: 'job-1', start: T0, end: T0 + N * 10, outcome: 'open', retries: 0, exceeded: false,
      marks: [{ id: 'c', kind: 'create', name: 'job_create_event', at: T0, label: 'created' }],
      stages: [], files: [{ fileId: 'file-1', marks }],
    };
    const data: TimelineData = { title: 'big', version: 1, jobs: [job], orphans: [], summary: { jobs: 1, events: N + 1, retries: 0, failures: 0 }, problems: [], range: { min: T0, max: job.end } };
    const view = buildView(data, 'file_update', null);
    assert.equal(view.shownJobs, 1);
    const palette = Object.fromEntries(['red', 'green', 'yellow', 'blue', 'orange', 'purple', 'fg', 'muted', 'bg', 'font', 'mono'].map((k) => [k, '#000'])) as Palette;
    const svg = exportSvg(data, view, palette, { width: 1000, labelWidth: 200 });
    assert.match(svg, /stroke-dasharray="2 2"/, 'the file row is drawn across its events');
  });
});
