/*
 * The kind "an implausible event_time is not built on": an event_time in milliseconds, or
 * outside 2000-2100, gets its own rule (timestamp-in-milliseconds, out-of-range) and is then not
 * guessed at, as an invalid date is not (README, "Dates"; "one mistake gives one diagnostic").
 * date-order, the job rules and the timeline read such an event's time from its dates instead.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTimeline, validate } from '../../src/core/index';
import { T0, ev, log, withEnvelope } from './job-events';

const codes = (text: string, mode: 'log' | 'document' = 'log'): string[] => validate(text, { mode }).map((d) => d.code);

describe('an implausible event_time is not built on', () => {
  it('a stage update timed in milliseconds between a start and an end: only timestamp-in-milliseconds', () => {
    const text = log(ev('job_start_event', 0), withEnvelope(ev('job_stage_update_event', 2, { stage: 'downloading' }), { event_time: (T0 + 2) * 1000 }), ev('job_finished_event', 10));
    assert.deepEqual(codes(text), ['timestamp-in-milliseconds']);
  });

  it('retries 1, 2, 3 with the second timed in milliseconds: no retries-decreasing', () => {
    const text = log(
      ev('job_retry_event', 10, { retries: 1 }),
      withEnvelope(ev('job_retry_event', 20, { retries: 2 }), { event_time: (T0 + 20) * 1000 }),
      ev('job_retry_event', 30, { retries: 3 }),
    );
    assert.deepEqual(codes(text), ['timestamp-in-milliseconds']);
  });

  it('event_time 0 on a payload: out-of-range, and no date-order against its creation_date', () => {
    assert.deepEqual(codes(withEnvelope(ev('job_finished_event', 10), { event_time: 0 }), 'document'), ['out-of-range']);
  });

  it('event_time 0 on a stage update after the start: out-of-range, and no stage-before-start', () => {
    const text = log(ev('job_create_event', 0), ev('job_start_event', 5), withEnvelope(ev('job_stage_update_event', 8, { stage: 'downloading' }), { event_time: 0 }));
    assert.deepEqual(codes(text), ['out-of-range']);
  });

  it('the timeline places the millisecond event by its update_date, inside the job', () => {
    const text = log(ev('job_start_event', 0), withEnvelope(ev('job_stage_update_event', 2, { stage: 'downloading' }), { event_time: (T0 + 2) * 1000 }), ev('job_finished_event', 10));
    const data = buildTimeline([{ uri: 'a', text, mode: 'log' }], { title: 'a', version: 1 });
    assert.equal(data.jobs.length, 1);
    // From the job's creation_date (ev() writes T0 - 60 s) to its end at T0 + 10 s: nothing in year 56,000.
    assert.deepEqual(data.range, { min: (T0 - 60) * 1000, max: (T0 + 10) * 1000 });
  });
});
