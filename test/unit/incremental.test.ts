import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LogSession } from '../../src/core/pipeline/incremental';
import { buildTimeline, timelineSteps, validate } from '../../src/core/index';
import { fixture } from './helpers';
import { ev, log } from './job-events';

const base = fixture('examples', 'jobs.alfred.jsonl') + fixture('broken', 'mixed-log.alfred.jsonl');

/** Line edits of the kinds a user makes, drawn from a seeded generator. */
function* edits(lines: number, seed: number): Generator<{ first: number; removed: number; make: (old: string[]) => string[] }> {
  let s = seed;
  const rnd = (n: number): number => (s = (s * 1103515245 + 12345) % 2 ** 31) % n;
  for (let k = 0; k < 60; k++) {
    const first = rnd(lines);
    const kind = rnd(6);
    if (kind === 0) yield { first, removed: 1, make: (old) => [old[0]!.replace(/"retries":\d+/, '"retries":0')] };
    else if (kind === 1) yield { first, removed: 1, make: (old) => [old[0]!.replace(/"event_name":"job_[a-z_]+"/, '"event_name":"job_failed_event"')] };
    else if (kind === 2) yield { first, removed: 1, make: (old) => [old[0]!.slice(0, Math.max(1, old[0]!.length - 7))] };
    else if (kind === 3) yield { first, removed: 1, make: () => [] };
    else if (kind === 4) yield { first, removed: 1, make: (old) => [old[0]!, old[0]!] };
    else yield { first, removed: 1, make: (old) => ['', old[0]!.replace(/"event_time":(\d+)/, (_m, t: string) => `"event_time":${Number(t) + 99999}`)] };
  }
}

describe('incremental log validation', () => {
  it('is the full validation of the same text, after each of many random edits', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = base.replace(/\n/g, eol);
      const session = new LogSession(text, { mode: 'log' });
      assert.deepEqual(session.diagnostics(), validate(text, { mode: 'log' }));
      for (const e of edits(text.split(eol).length - 1, eol.length)) {
        const lines = session.text().split(eol);
        if (e.first >= lines.length - 1) continue;
        const replaced = e.make(lines.slice(e.first, e.first + e.removed));
        session.edit(e.first, e.removed, replaced, eol.length);
        const now = session.text();
        assert.equal(now, [...lines.slice(0, e.first), ...replaced, ...lines.slice(e.first + e.removed)].join(eol));
        assert.deepEqual(session.diagnostics(), validate(now, { mode: 'log' }));
      }
    }
  });

  it('checks in slices, with the same result', () => {
    const session = new LogSession(base, { mode: 'log' });
    let slices = 0;
    while (!session.step(0)) slices++;
    assert.ok(slices > 10);
    assert.deepEqual(session.diagnostics(), validate(base, { mode: 'log' }));
  });

  it('follows the rule settings like the full validation', () => {
    const rules = { 'duplicate-event-id': 'off', 'json-syntax': 'warning' } as const;
    const session = new LogSession(base, { mode: 'log', rules });
    assert.deepEqual(session.diagnostics(), validate(base, { mode: 'log', rules }));
  });
});

describe('the timeline from a session', () => {
  it('is the timeline built from the text, after edits too', () => {
    const session = new LogSession(base, { mode: 'log' });
    const lines = base.split('\n');
    session.edit(3, 1, [lines[3]!.replace(/"event_time":(\d+)/, (_m, t: string) => `"event_time":${Number(t) + 5}`)]);
    const text = session.text();
    const options = { title: 't', version: 1 };
    assert.deepEqual(buildTimeline([{ uri: 'u', text, mode: 'log' }], options, session.records()), buildTimeline([{ uri: 'u', text, mode: 'log' }], options));
  });

  it('comes in small steps on a long log, ending in the same data', () => {
    const text = Array.from({ length: 40 }, () => base).join('\n');
    const steps = timelineSteps([{ uri: 'u', text, mode: 'log' }], { title: 't', version: 1 });
    let pauses = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) pauses++;
    // The model, then 64 lanes at a time: the editor can stop between any two.
    assert.ok(pauses >= 2 + Math.floor(r.value.jobs.length / 64), `${pauses} pauses for ${r.value.jobs.length} jobs`);
    assert.deepEqual(r.value, buildTimeline([{ uri: 'u', text, mode: 'log' }], { title: 't', version: 1 }));
  });
});

describe('the record of a line', () => {
  it('numbers the non-blank lines, before and after an edit', () => {
    const text = 'a\n\n  \nb\nc';
    const session = new LogSession(text, { mode: 'log' });
    session.step();
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((l) => session.recordOfLine(l)), [0, undefined, undefined, 1, 2, undefined]);
    session.edit(1, 1, ['x']);
    assert.deepEqual([0, 1, 2, 3, 4].map((l) => session.recordOfLine(l)), [0, 1, undefined, 2, 3]);
  });
});

describe('a session read line by line', () => {
  it('reports what a session of the text reports, with \\n and \\r\\n breaks', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = base.split('\n').join(eol);
      const lines = text.split(eol);
      const fromLines = new LogSession({ count: lines.length, line: (i) => lines[i]!, eol: eol.length }, { mode: 'log' });
      assert.deepEqual(fromLines.diagnostics(), new LogSession(text, { mode: 'log' }).diagnostics());
      assert.equal(fromLines.text(), text.replace(/\r\n/g, eol));
    }
  });
});

describe('a log growing at its end, as a recording grows', () => {
  const jobId = (k: number): string => `bbbbbbbb-0000-4000-8000-${String(k).padStart(12, '0')}`;
  /** Five events of job k, its story complete. */
  const jobLines = (k: number): string[] => [
    ev('job_create_event', k * 100, { job_id: jobId(k) }),
    ev('job_start_event', k * 100 + 5, { job_id: jobId(k) }),
    ev('job_stage_update_event', k * 100 + 10, { job_id: jobId(k), stage: 'completed' }),
    ev('job_finished_event', k * 100 + 20, { job_id: jobId(k) }),
    ev('job_stage_update_event', k * 100 + 30, { job_id: jobId(k), stage: 'finished' }),
  ];
  /** What the editor hands over when a line is appended to a file ending in a line break: the empty last line becomes the record and a new empty line. */
  const append = (session: LogSession, line: string): void => {
    const count = session.text().split('\n').length;
    session.edit(count - 1, 1, [line, '']);
  };

  it('checks only the appended record, and reports what a full validation of the whole log reports', () => {
    const text = log(...Array.from({ length: 400 }, (_, k) => jobLines(k)).flat());
    const session = new LogSession(text, { mode: 'log' });
    session.step();
    assert.equal(session.recordsChecked, 2000);
    const [created] = jobLines(400);
    append(session, created!);
    assert.equal(session.recordsChecked, 2001);
    assert.deepEqual(session.diagnostics(), validate(session.text(), { mode: 'log' }));
    // A redelivery is evidence: the same body again is a duplicate-event-id on the new line only.
    append(session, created!);
    assert.equal(session.recordsChecked, 2002);
    const found = session.diagnostics();
    assert.deepEqual(found, validate(session.text(), { mode: 'log' }));
    assert.deepEqual(found.filter((d) => d.code === 'duplicate-event-id').map((d) => d.range.start.line), [2001]);
    // A line that is not JSON is a json-syntax error on that line; the records before it keep theirs.
    append(session, '{"event_id": ');
    assert.equal(session.recordsChecked, 2003);
    assert.deepEqual(session.diagnostics(), validate(session.text(), { mode: 'log' }));
    assert.ok(session.diagnostics().some((d) => d.code === 'json-syntax' && d.range.start.line === 2002));
  });
});
