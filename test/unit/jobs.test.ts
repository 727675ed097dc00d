import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validate } from '../../src/core/index';
import { buildModel } from '../../src/core/jobs/model';
import { readRecords } from '../../src/core/jobs/records';
import { buildTimeline } from '../../src/core/jobs/timeline';
import { fixture } from './helpers';
import { cross, ev, log, story } from './job-events';

describe('job model', () => {
  it('orders a job by event_time whatever the file order; ties keep file order', () => {
    const shuffled = [story[3]!, story[0]!, story[6]!, story[1]!, story[5]!, story[2]!, story[4]!];
    const model = buildModel(readRecords([{ uri: 'x', text: log(...shuffled), mode: 'log' }]));
    assert.equal(model.jobs.length, 1);
    assert.deepEqual(model.jobs[0]!.events.map((r) => r.name), story.map((s) => (JSON.parse(s) as { event: { event_name: string } }).event.event_name));
    const tie = buildModel(readRecords([{ uri: 'x', text: log(ev('job_retry_event', 5, { retries: 1 }), ev('job_start_event', 5)), mode: 'log' }]));
    assert.deepEqual(tie.jobs[0]!.events.map((r) => r.name), ['job_retry_event', 'job_start_event']);
  });

  it('file events join their job through file_added_to_job_event, wherever it stands', () => {
    const fileId = 'ffffffff-0000-4000-8000-000000000001';
    const text = log(ev('file_done_event', 30, { file_id: fileId }), ev('job_create_event', 0), ev('file_added_to_job_event', 1, { file_id: fileId }), ev('file_done_event', 31));
    const model = buildModel(readRecords([{ uri: 'x', text, mode: 'log' }]));
    assert.deepEqual([...model.jobs[0]!.files.keys()], [fileId]);
    assert.equal(model.orphans.length, 1, 'a file event of an unknown file is an orphan');
  });

  it('events that name a file log entry join through file_update_event, which names both', () => {
    const fileId = 'ffffffff-0000-4000-8000-000000000002';
    const logId = 'eeeeeeee-0000-4000-8000-000000000002';
    const text = log(ev('job_create_event', 0), ev('file_added_to_job_event', 1, { file_id: fileId }), ev('file_category_create_event', 5, { file_log_id: logId }), ev('file_update_event', 6, { file_id: fileId, file_log_id: logId }));
    const model = buildModel(readRecords([{ uri: 'x', text, mode: 'log' }]));
    assert.deepEqual(model.orphans, []);
    assert.deepEqual(model.jobs[0]!.files.get(fileId)!.map((r) => r.name), ['file_category_create_event', 'file_update_event']);
  });
});

describe('cross-event rules', () => {
  it('a correct story has none', () => {
    assert.deepEqual(validate(log(...story), { mode: 'log' }), []);
  });

  it('duplicate-event-id: on the later record, related to the first', () => {
    const dup = story[4]!.replace(/"event_id":"[^"]+"/, /"event_id":"[^"]+"/.exec(story[3]!)![0]);
    const ds = cross(log(...story.slice(0, 4), dup, ...story.slice(5)));
    assert.deepEqual(ds.map((d) => [d.code, d.record, d.pointer, d.related![0]!.record]), [['duplicate-event-id', 4, '/event_id', 3]]);
    assert.equal(ds[0]!.related![0]!.range.start.line, 3);
  });

  it('retries-decreasing: a lower count after a higher one', () => {
    const ds = cross(log(...story.slice(0, 4), ev('job_retry_event', 40, { retries: 0 }), ...story.slice(5)));
    assert.deepEqual(ds.map((d) => [d.code, d.record, d.pointer, d.related![0]!.record]), [['retries-decreasing', 4, '/event/retries', 3]]);
  });

  it('multiple-ends and event-after-end', () => {
    const ds = cross(log(...story, ev('job_failed_event', 70, { retries: 2 }), ev('job_stage_update_event', 80, { stage: 'syncing' })));
    assert.deepEqual(ds.map((d) => [d.code, d.record, d.related![0]!.record]), [['multiple-ends', 7, 6], ['event-after-end', 8, 6]]);
    assert.equal(ds[0]!.severity, 'error');
  });

  it('the stage update that records the end is no event after it', () => {
    assert.deepEqual(cross(log(...story.slice(0, 5), ev('job_failed_event', 45, { retries: 2 }), ev('job_stage_update_event', 46, { stage: 'failed' }))), []);
  });

  it('exceeded-retries-unmarked: a later event still says the retries are not exceeded', () => {
    // The later retry is also after the end (the exceeded event): each rule says its part.
    const ds = cross(log(...story.slice(0, 5), ev('job_exceeded_retries_event', 50, { retries: 3 }), ev('job_retry_event', 60, { retries: 3, exceeded_retries: false })));
    assert.deepEqual(ds.map((d) => [d.code, d.pointer, d.related![0]!.record]), [['event-after-end', '/event_time', 5], ['exceeded-retries-unmarked', '/event/exceeded_retries', 5]]);
    const marked = cross(log(...story.slice(0, 4), ev('job_retry_event', 40, { retries: 3, exceeded_retries: true }), ev('job_retry_event', 50, { retries: 4 })));
    assert.deepEqual(marked.map((d) => [d.code, d.related![0]!.record]), [['exceeded-retries-unmarked', 4]]);
  });

  it('stage-before-start: before creation always, before the start unless queued', () => {
    const ds = cross(log(ev('job_stage_update_event', -10, { stage: 'queued' }), ev('job_stage_update_event', 2, { stage: 'queued' }), ev('job_stage_update_event', 3, { stage: 'downloading' }), ...story));
    assert.deepEqual(ds.map((d) => [d.code, d.record, d.related![0]!.record]), [['stage-before-start', 0, 3], ['stage-before-start', 2, 4]]);
  });

  it('each cross-event rule has a setting like every other', () => {
    const dup = story[1]!.replace(/"event_id":"[^"]+"/, /"event_id":"[^"]+"/.exec(story[0]!)![0]);
    assert.equal(validate(log(story[0]!, dup), { mode: 'log', rules: { 'duplicate-event-id': 'off' } }).length, 0);
    assert.equal(validate(log(story[0]!, dup), { mode: 'log', rules: { 'duplicate-event-id': 'error' } })[0]!.severity, 'error');
  });
});

describe('timeline data', () => {
  it('a log: lanes per job with stages, retries with their new errors, and the end', () => {
    const data = buildTimeline([{ uri: 'file:///log', text: log(...story), mode: 'log' }], { title: 'log', version: 1 });
    assert.deepEqual(data.summary, { jobs: 1, events: 7, retries: 2, failures: 0 });
    const job = data.jobs[0]!;
    assert.equal(job.outcome, 'finished');
    assert.deepEqual(job.marks.map((m) => m.kind), ['create', 'start', 'stage', 'retry', 'retry', 'stage', 'end']);
    assert.deepEqual(job.marks.filter((m) => m.kind === 'retry').map((m) => m.errors), [['timeout'], ['model unavailable']]);
    assert.deepEqual(job.stages.map((s) => [s.stage, (s.to - s.from) / 1000]), [['downloading', 40], ['completed', 10]]);
    assert.equal(job.marks[3]!.ref?.record, 3);
  });

  it('one job_retry_event: created, each retry with its error (times inferred), last update', () => {
    const one = ev('job_retry_event', 600, { retries: 3, error_messages: ['a', 'b', 'c'] });
    const data = buildTimeline([{ uri: 'file:///one', text: one, mode: 'document' }], { title: 'one', version: 1 });
    const marks = data.jobs[0]!.marks;
    assert.deepEqual(marks.map((m) => [m.kind, m.approximate ?? false, m.errors ?? []]), [
      ['create', false, []],
      ['retry', true, ['a']],
      ['retry', true, ['b']],
      ['retry', false, ['c']],
    ]);
    assert.ok(marks.every((m, i) => i === 0 || m.at > marks[i - 1]!.at), 'in time order');
    assert.equal(data.jobs[0]!.retries, 3);
  });

  it('the example log: every job with a true end, file events under their job', () => {
    const data = buildTimeline([{ uri: 'x', text: fixture('examples', 'jobs.alfred.jsonl'), mode: 'log' }], { title: 'jobs', version: 1 });
    assert.deepEqual(data.jobs.map((j) => j.outcome).sort(), ['exceeded_retries', 'finished', 'finished', 'invalid']);
    assert.ok(data.jobs.some((j) => j.files.length > 0));
    // Category and extracted-data events name only a file log entry, which this log ties to no file.
    assert.ok(data.orphans.every((m) => /^file_(category|extracted)/.test(m.name)), data.orphans.map((m) => m.name).join());
    assert.ok(data.range && data.range.min < data.range.max);
  });

  it('nothing parsable: an empty timeline, not an error', () => {
    const data = buildTimeline([{ uri: 'x', text: '{"a": ', mode: 'document' }], { title: 'x', version: 3 });
    assert.deepEqual([data.jobs, data.orphans, data.range, data.version], [[], [], null, 3]);
  });
});
