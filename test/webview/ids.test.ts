/**
 * Ids that differ only in letter case, on the page: a job picked under one spelling of its UUID
 * stays picked when the log comes to spell it another way (RFC 9562 §4: UUIDs are
 * case-insensitive on input).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildView, pickedJob } from '../../src/webview/model';
import { jobId, log } from './fixtures';

describe('ids that differ only in letter case', () => {
  const data = log(6);
  const id = jobId(3);

  it('the picked job is found by its id in any case', () => {
    for (const kept of [id, id.toUpperCase(), id.toLowerCase()]) {
      assert.equal(pickedJob(data, kept)?.id, id, kept);
      const view = buildView(data, '', kept);
      assert.deepEqual([view.lanes.length, view.detail?.id], [1, id], kept);
    }
  });

  it('another UUID picks its own job; an id that is not a UUID is matched exactly as written', () => {
    assert.equal(pickedJob(data, jobId(4).toUpperCase())?.id, jobId(4));
    assert.equal(pickedJob(data, 'no-such-job'), undefined);
    const named = { ...data, jobs: data.jobs.map((j, i) => (i === 0 ? { ...j, id: 'Job-A' } : j)) };
    assert.equal(pickedJob(named, 'job-a'), undefined);
    assert.equal(pickedJob(named, 'Job-A')?.id, 'Job-A');
  });
});
