/**
 * Ids that differ only in letter case. RFC 9562 §4: the hexadecimal digits of a UUID "are output
 * as lower case characters and are case insensitive on input". The vectors are the RFC's own
 * example UUIDs (Appendices A and B, §5.9 Nil, §5.10 Max), as the RFC prints them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTimeline, LogSession, outline, summarize, validate } from '../../src/core/index';
import { idKey } from '../../src/core/jobs/ids';
import { buildModel } from '../../src/core/jobs/model';
import { readRecords } from '../../src/core/jobs/records';
import { cross, ev, JOB, log, withEnvelope } from './job-events';

const RFC_9562 = [
  'C232AB00-9414-11EC-B3C8-9F6BDECED846', // A.1, version 1
  '5df41881-3aed-3515-88a7-2f4a814cf09e', // A.2, version 3
  '919108f7-52d1-4320-9bac-f847db4148a8', // A.3, version 4
  '2ed6657d-e927-568b-95e1-2665a8aea6a2', // A.4, version 5
  '1EC9414C-232A-6B00-B3C8-9F6BDECED846', // A.5, version 6
  '017F22E2-79B0-7CC3-98C4-DC0C0C07398F', // A.6, version 7
  '2489E9AD-2EE2-8E00-8EC9-32D5F69181C0', // B.1, version 8 (time-based)
  '5c146b14-3c52-8afd-938a-375d0df1fbf6', // B.2, version 8 (name-based)
  '00000000-0000-0000-0000-000000000000', // 5.9, Nil
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', // 5.10, Max
];

/** The same UUID with every other letter's case flipped. */
const mixed = (id: string): string => [...id].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join('');

const upper = RFC_9562[0]!;
const lower = upper.toLowerCase();
const doc = (text: string) => [{ uri: 'x', text, mode: 'log' as const }];

describe('ids that differ only in letter case', () => {
  it('a UUID in any case has one key, its lower-case form (RFC 9562 §4)', () => {
    for (const id of RFC_9562) {
      const canonical = id.toLowerCase();
      for (const spelt of [id, id.toUpperCase(), canonical, mixed(id)]) assert.equal(idKey(spelt), canonical, spelt);
    }
  });

  it('an id that is not a UUID is compared exactly as written', () => {
    // The docs' habit (letters beyond f), a brace-wrapped GUID, a URN, a name: none is the RFC's hex-and-hyphen form.
    for (const id of ['90123456-1234-1234-1234-1234567890kl', `{${upper}}`, `urn:uuid:${upper}`, 'Job-A', `${upper} `]) {
      assert.equal(idKey(id), id);
      assert.notEqual(idKey(id.toLowerCase()), idKey(id.toUpperCase()), id);
    }
  });

  it('duplicate-event-id: one event_id in upper and in lower case, and the message says how each was written', () => {
    const a = withEnvelope(ev('job_create_event', 0), { event_id: upper });
    const b = withEnvelope(ev('job_start_event', 5), { event_id: lower });
    const ds = cross(log(a, b));
    assert.deepEqual(ds.map((d) => [d.code, d.record, d.related![0]!.record]), [['duplicate-event-id', 1, 0]]);
    assert.ok(ds[0]!.message.includes(lower) && ds[0]!.message.includes(`written ${upper} there`), ds[0]!.message);
    assert.deepEqual(cross(log(a, withEnvelope(b, { event_id: RFC_9562[2] }))), [], 'different UUIDs are different ids');
  });

  it('a job_id upper-case in one event is one job: model, rules, timeline, outline, status bar, editor session', () => {
    const text = log(
      ev('job_create_event', 0, { job_id: upper }),
      ev('job_start_event', 5, { job_id: lower }),
      ev('job_finished_event', 60, { job_id: mixed(upper) }),
      ev('job_failed_event', 70, { job_id: lower, retries: 0 }),
    );
    assert.deepEqual(buildModel(readRecords(doc(text))).jobs.map((j) => [j.id, j.events.length]), [[upper, 4]], 'shown as first written');
    // A split job would have one end in each half: the second end shows the job is one.
    assert.deepEqual(cross(text).map((d) => [d.code, d.record, d.related![0]!.record]), [['multiple-ends', 3, 2]]);
    assert.deepEqual(buildTimeline(doc(text), { title: 't', version: 1 }).jobs.map((j) => j.id), [upper]);
    assert.deepEqual(outline(text, 'log').map((g) => [g.name, g.children.length]), [[`job ${upper}`, 4]]);
    assert.equal(summarize(text, 'log', []).jobs, 1);
    const session = new LogSession(text, { mode: 'log' });
    assert.equal(session.counts().jobs, 1);
    assert.deepEqual(session.diagnostics(), validate(text, { mode: 'log' }));
  });

  it('file_id and file_log_id: a file event joins its job whatever the case of its ids', () => {
    const fileId = RFC_9562[4]!;
    const logId = RFC_9562[5]!;
    const text = log(
      ev('job_create_event', 0),
      ev('file_added_to_job_event', 1, { file_id: fileId }),
      ev('file_done_event', 30, { file_id: fileId.toLowerCase() }),
      ev('file_category_create_event', 31, { file_log_id: logId.toLowerCase() }),
      ev('file_update_event', 32, { file_id: mixed(fileId), file_log_id: logId }),
    );
    const model = buildModel(readRecords(doc(text)));
    assert.deepEqual(model.orphans, []);
    assert.deepEqual([...model.jobs[0]!.files].map(([id, list]) => [id, list.length]), [[fileId, 3]], 'one file, shown as first written');
    assert.deepEqual(buildTimeline(doc(text), { title: 't', version: 1 }).jobs[0]!.files.map((f) => f.fileId), [fileId]);
    // The outline ties file events to a job through file_added_to_job_event only (README, "Outline").
    assert.deepEqual(outline(text, 'log').map((g) => [g.name, g.children.length]), [[`job ${JOB}`, 4], ['file_category_create_event', 0]]);
  });

  it('ids that are not UUIDs keep their case: two jobs', () => {
    const text = log(ev('job_create_event', 0, { job_id: 'Job-A' }), ev('job_start_event', 5, { job_id: 'job-a' }));
    assert.deepEqual(buildModel(readRecords(doc(text))).jobs.map((j) => j.id), ['Job-A', 'job-a']);
    assert.equal(summarize(text, 'log', []).jobs, 2);
  });
});
