import assert from 'node:assert/strict';
import { logHead } from '../../src/core/features/outline';
import { describe, it } from 'node:test';
import { EVENTS } from '../../src/core/catalogue';
import { hoverAt, outline, payloadText, validate } from '../../src/core/index';
import { FRESH, accept, at } from './completion-helpers';
import { example, fixture } from './helpers';

describe('new payloads', () => {
  for (const e of EVENTS) {
    it(`${e.name}: a complete payload with fresh ids is valid`, () => {
      assert.deepEqual(validate(payloadText(e, FRESH)), []);
      assert.deepEqual(validate(payloadText(e, FRESH, 0), { mode: 'log' }), []);
    });
  }
});

describe('completion', () => {
  it('event_name: all 24 events, job events first, with title and meaning', () => {
    const { text, items } = at('{"event": {"event_name": "job_r|"}}');
    assert.equal(items.length, 24);
    assert.ok(items.every((c) => c.kind === 'event' && c.documentation));
    const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    assert.ok(sorted.slice(0, 8).every((c) => c.label.startsWith('job_')));
    const retry = items.find((c) => c.label === 'job_retry_event')!;
    assert.match(retry.detail!, /JobRetryEvent/);
    assert.equal(accept(text, retry), '{"event": {"event_name": "job_retry_event"}}');
  });

  it('a new key offers the fields this event lacks, with typed values', () => {
    const base = example('job_retry_event').replace('    "retries": 1,\n', '');
    const { text, items } = at(base.replace('"merge": false,', '"merge": false,\n    |'));
    assert.deepEqual(items.map((c) => c.label), ['retries']);
    const out = accept(text, items[0]!);
    // A retry event has retried at least once; the comma before the next member comes along.
    assert.match(out, /"merge": false,\n {4}"retries": 1,\n {4}"metadata"/);
    assert.deepEqual(validate(out).map((d) => d.code), []);
  });

  it('inside a half-typed key: replaces it, keeps an existing colon', () => {
    const { text, items } = at('{"event": {"event_name": "job_start_event", "comp|": "x"}}');
    const c = items.find((i) => i.label === 'company_name')!;
    assert.equal(accept(text, c), '{"event": {"event_name": "job_start_event", "company_name": "x"}}');
  });

  it('ids get a fresh UUID, dates and event_time the current time', () => {
    assert.equal(at('{"event_id": |}').items[0]!.insertText, '"00000000-0000-4000-8000-000000000000"');
    assert.equal(at('{"event_time": |}').items[0]!.insertText, '1717776000.5');
    assert.equal(at('{"event": {"event_name": "job_start_event", "update_date": "|"}}').items[0]!.insertText, '"2024-06-07T16:00:00Z"');
  });

  it('enumerations: stages in docs order, booleans, event types with the right one first', () => {
    const stages = at('{"event": {"event_name": "job_stage_update_event", "stage": "|"}}').items;
    assert.equal(stages.length, 16);
    assert.equal(stages[0]!.label, '"queued"');
    assert.deepEqual(at('{"event": {"event_name": "job_retry_event", "merge": |}}').items.map((c) => c.label), ['true', 'false']);
    const types = at('{"event": {"event_name": "file_done_event", "event_type": |}}').items;
    assert.equal(types.find((c) => c.preselect)?.label, 'file_event_type');
  });

  it('an empty file offers a whole payload per event; a blank log line a compact one', () => {
    const doc = at('|').items;
    assert.equal(doc.length, 24);
    assert.deepEqual(validate(accept('', doc[0]!)), []);
    const log = at(`${JSON.stringify(JSON.parse(example('job_start_event')))}\n|\n`, 'log');
    const out = accept(log.text, log.items.find((c) => c.label.startsWith('job_finished_event'))!);
    assert.equal(out.split('\n').length, 3);
    assert.deepEqual(validate(out, { mode: 'log' }), []);
  });

  it('offers nothing inside unrelated values', () => {
    assert.deepEqual(at('{"event": {"event_name": "job_retry_event", "metadata": "|"}}').items, []);
  });
});

describe('hover', () => {
  const text = example('job_retry_event');
  const hover = (probe: string, delta = 1) => hoverAt(text, text.indexOf(probe) + delta);

  it('a key: type, meaning, the event it belongs to; the range is the key', () => {
    const h = hover('"retries"')!;
    assert.match(h.markdown, /\*\*retries\*\* · integer ≥ 0/);
    assert.match(h.markdown, /Field of `job_retry_event`/);
    assert.equal(text.slice(h.offset, h.offset + h.length), '"retries"');
  });

  it('event_name: what the event means and when it fires', () => {
    const h = hover('"job_retry_event"')!;
    assert.match(h.markdown, /JobRetryEvent/);
    assert.match(h.markdown, /recoverable failure/);
  });

  it('timestamps: UTC, local time and the gaps to the other timestamps', () => {
    const old = process.env.TZ;
    const h = hover('1717775165.5')!;
    process.env.TZ = old;
    assert.match(h.markdown, /2024-06-07 15:46:05\.500 UTC/);
    // Zones are whole hours or not (Asia/Kolkata +05:30, Pacific/Chatham +12:45): only the second is sure.
    assert.match(h.markdown, /Local: 2024-06-0[78] \d\d:\d\d:05\.500 \(UTC[+-]\d\d:\d\d\)/);
    assert.match(h.markdown, /6 min 5 s after creation_date/);
    const d = hover('"2024-06-07T15:40:00Z"')!;
    assert.match(d.markdown, /6 min 5 s before update_date/);
  });

  it('an unknown key says so; a docs-style stage explains the list', () => {
    const h = hoverAt('{"event": {"event_name": "job_start_event", "retries": 1}}', 46)!;
    assert.match(h.markdown, /not a field of `job_start_event`/);
    const docs = fixture('docs', 'job_stage_update_event.alfred.json');
    const s = hoverAt(docs, docs.indexOf('"processing"') + 2)!;
    assert.match(s.markdown, /Not a documented job stage/);
  });
});

describe('outline and detection', () => {
  it('a document: its members, with the event inside', () => {
    const items = outline(example('job_retry_event'));
    assert.deepEqual(items.map((i) => i.name), ['event_id', 'event_type', 'event_time', 'event']);
    assert.equal(items[3]!.children.length, 15);
  });

  it('a log: one entry per record, grouped by job, file events joined through file_added_to_job_event', () => {
    const log = fixture('examples', 'jobs.alfred.jsonl');
    const items = outline(log, 'log');
    const jobs = items.filter((i) => i.kind === 'job');
    assert.ok(jobs.length >= 3);
    const records = items.flatMap((i) => (i.kind === 'job' ? i.children : [i]));
    assert.equal(records.length, log.split('\n').filter((l) => l.trim()).length);
    const first = jobs[0]!;
    assert.ok(first.children.some((c) => c.name === 'file_done_event' || c.name.startsWith('file_')), 'file events under their job');
    for (const c of first.children) assert.ok(c.offset >= first.offset && c.offset + c.length <= first.offset + first.length);
  });
});

describe('outline of a very long log', () => {
  it('lists the first 5,000 records and says how many more there are', () => {
    const line = JSON.stringify(JSON.parse(fixture('examples', 'job_start_event.alfred.json')));
    const text = Array.from({ length: 5200 }, () => line).join('\n');
    const items = outline(text, 'log');
    const records = items.flatMap((i) => (i.kind === 'job' ? i.children : [i]));
    assert.equal(records.length, 5001);
    const last = items[items.length - 1]!;
    assert.equal(last.name, '200 more records');
    assert.equal(text.slice(last.offset, last.offset + last.length), line);
  });

  it('the same from the head read line by line, \\n or \\r\\n, blank lines and all', () => {
    const line = JSON.stringify(JSON.parse(fixture('examples', 'job_start_event.alfred.json')));
    for (const eol of ['\n', '\r\n']) {
      for (const count of [3, 5200]) {
        const text = Array.from({ length: count }, (_, i) => (i % 7 === 3 ? '  ' : line)).join(eol);
        const lines = text.split(eol);
        const { head, records } = logHead({ count: lines.length, line: (i) => lines[i]!, eol: eol.length }, 5000);
        assert.deepEqual(outline(head, 'log', records), outline(text, 'log'));
      }
    }
  });
});
