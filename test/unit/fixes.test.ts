import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../src/core/features/edits';
import { fixAll, fixesFor, type Fix } from '../../src/core/features/fixes';
import { validate, type Diagnostic, type DocumentMode } from '../../src/core/index';
import type { Fresh } from '../../src/core/features/skeleton';
import { edit, example, fixture } from './helpers';

const FRESH: Fresh = { uuid: () => '00000000-0000-4000-8000-000000000000', now: () => new Date('2024-06-07T16:00:00.500Z') };
const retry = example('job_retry_event');

/** The fixes of the one diagnostic with `code`, and that diagnostic. */
function fixesOf(text: string, code: string, mode?: DocumentMode): { d: Diagnostic; fixes: Fix[] } {
  const ds = validate(text, { mode }).filter((x) => x.code === code);
  assert.equal(ds.length, 1, `expected one ${code}, got ${ds.length}`);
  return { d: ds[0]!, fixes: fixesFor(text, ds[0]!, { mode, fresh: FRESH }) };
}

/** Applies the fix titled `title` (or the preferred one) and checks the problem is gone. */
function apply(text: string, code: string, title?: string, mode?: DocumentMode): string {
  const { d, fixes } = fixesOf(text, code, mode);
  const fix = title ? fixes.find((f) => f.title === title) : fixes.find((f) => f.isPreferred);
  assert.ok(fix, `no fix "${title ?? 'preferred'}" among ${JSON.stringify(fixes.map((f) => f.title))}`);
  const out = applyEdits(text, fix.edits);
  const after = validate(out, { mode });
  assert.ok(!after.some((x) => x.code === code && x.pointer === d.pointer), `${code} at ${d.pointer} still there`);
  assert.ok(!after.some((x) => x.code === 'json-syntax'), 'the fix broke the JSON');
  return out;
}

describe('quick fixes', () => {
  it('string-encoded-value: drops the quotes, keeps the digits', () => {
    const text = edit(retry, '"event_time": 1717775165.5', '"event_time": "1717775165.50"');
    assert.equal(apply(text, 'string-encoded-value'), edit(retry, '"event_time": 1717775165.5', '"event_time": 1717775165.50'));
    const bool = edit(retry, '"merge": false', '"merge": "false"');
    assert.equal(apply(bool, 'string-encoded-value'), retry);
  });

  it('timestamp-in-milliseconds: divides by 1000, also when written as a string', () => {
    assert.equal(apply(edit(retry, '1717775165.5', '1717775165500'), 'timestamp-in-milliseconds'), retry);
    const quoted = edit(retry, '1717775165.5', '"1717775165500"');
    assert.deepEqual(applyEdits(quoted, fixAll(quoted)), retry);
  });

  it('unknown-event-name: the closest names, the first preferred', () => {
    const text = edit(retry, '"job_retry_event"', '"job_retry_evnt"');
    const { fixes } = fixesOf(text, 'unknown-event-name');
    assert.equal(fixes[0]!.title, 'Change to "job_retry_event"');
    assert.equal(fixes[0]!.isPreferred, true);
    assert.equal(apply(text, 'unknown-event-name'), retry);
  });

  it('event-name-alias and event-type-mismatch: to the documented value', () => {
    const add = example('file_added_to_job_event');
    assert.equal(apply(edit(add, '"file_added_to_job_event"', '"file_add_to_job_event"'), 'event-name-alias'), add);
    const text = edit(retry, '    "event_type": "job_event_type",\n    "job_id"', '    "event_type": "file_event_type",\n    "job_id"');
    assert.equal(apply(text, 'event-type-mismatch'), retry);
  });

  it('unknown-field: rename to the closest known field, or remove it', () => {
    const text = edit(retry, '"company_name"', '"compnay_name"');
    assert.equal(apply(text, 'unknown-field'), retry);
    const extra = edit(retry, '"merge": false,\n', '"merge": false,\n    "priority": "high",\n');
    assert.equal(apply(extra, 'unknown-field', 'Remove "priority"'), retry);
    const first = edit(retry, '"event_id"', '"x": 1,\n  "event_id"');
    assert.equal(apply(first, 'unknown-field', 'Remove "x"'), retry);
  });

  it('missing-field: inserts the member in documented order, indented like its siblings', () => {
    const text = edit(retry, '    "retries": 1,\n', '');
    const out = apply(text, 'missing-field');
    assert.equal(out, edit(retry, '    "retries": 1,\n', '    "retries": 1,\n'));
    const last = edit(retry, ',\n    "update_date": "2024-06-07T15:46:05Z"', '');
    assert.equal(apply(last, 'missing-field'), edit(retry, '"update_date": "2024-06-07T15:46:05Z"', '"update_date": "2024-06-07T16:00:00Z"'));
  });

  it('missing-field: all missing at once, each with a typed placeholder, valid afterwards', () => {
    const text = edit(edit(edit(retry, '    "retries": 1,\n', ''), '    "company_id": "f16449ec-f01b-4732-87bd-379951e3bd69",\n', ''), '    "merge": false,\n', '');
    const ds = validate(text).filter((d) => d.code === 'missing-field');
    assert.equal(ds.length, 3);
    const all = fixesFor(text, ds[0]!, { fresh: FRESH }).find((f) => f.title === 'Add all 3 missing fields');
    assert.ok(all);
    const out = applyEdits(text, all.edits);
    assert.deepEqual(validate(out), []);
    assert.match(out, /"merge": false,\n {4}"metadata"/);
    assert.match(out, /"company_id": "00000000-0000-4000-8000-000000000000",\n {4}"company_name"/);
  });

  it('missing-field in a one-line log record stays on one line, compact', () => {
    const line = JSON.stringify(JSON.parse(example('job_start_event')));
    const broken = line.replace(/,"company_name":"[^"]+"/, '');
    const text = `${line}\n${broken}\n`;
    const out = apply(text, 'missing-field', undefined, 'log');
    assert.equal(out.split('\n').length, 3);
    assert.match(out.split('\n')[1]!, /"company_id":"[^"]+","company_name":"Example Company","job_id"/);
  });

  it('missing-envelope-field: adds event_id with a fresh UUID', () => {
    const text = edit(retry, '  "event_id": "d4f1e5b7-f817-495b-80ac-d83ec7f00a1d",\n', '');
    const out = apply(text, 'missing-envelope-field');
    assert.match(out, /^\{\n {2}"event_id": "00000000-0000-4000-8000-000000000000",\n {2}"event_type"/);
  });

  it('invalid-uuid: a new random UUID', () => {
    const text = edit(retry, '"a4d781e7-778d-4cc4-b552-4f86a8d910ea"', '"90123456-1234-1234-1234-1234567890kl"');
    assert.equal(apply(text, 'invalid-uuid', 'Replace with a new random UUID'), edit(retry, 'a4d781e7-778d-4cc4-b552-4f86a8d910ea', '00000000-0000-4000-8000-000000000000'));
  });

  it('unknown-stage and retry-inconsistent: to the suggested value', () => {
    const stage = example('job_stage_update_event');
    const current = /"stage": "([a-z_]+)"/.exec(stage)![1]!;
    const typo = stage.replace(`"${current}"`, '"in-progress"');
    assert.match(apply(typo, 'unknown-stage'), /"stage": "in_progress"/);
    const ex = example('job_exceeded_retries_event');
    assert.equal(apply(edit(ex, '"exceeded_retries": true', '"exceeded_retries": false'), 'retry-inconsistent'), ex);
  });

  it('json-syntax: removes a trailing comma and a comment, nothing else', () => {
    const text = edit(retry, '"2024-06-07T15:46:05Z"', '"2024-06-07T15:46:05Z",');
    assert.equal(apply(text, 'json-syntax'), retry);
    const missingComma = edit(retry, '"retries": 1,', '"retries": 1');
    assert.deepEqual(fixesOf(missingComma, 'json-syntax').fixes, []);
  });

  it('duplicate-key: removes the repeated member', () => {
    const text = edit(retry, '"merge": false,\n', '"merge": false,\n    "merge": true,\n');
    assert.equal(apply(text, 'duplicate-key', 'Remove this repeated member'), retry);
  });

  it("fix all: the docs' example loses every string encoding and keeps everything else", () => {
    const docs = fixture('docs', 'job_retry_event.alfred.json');
    const out = applyEdits(docs, fixAll(docs));
    const left = validate(out);
    assert.deepEqual([...new Set(left.map((d) => d.code))].sort(), ['date-order', 'invalid-uuid']);
    assert.deepEqual(fixAll(out), [], 'a second run changes nothing');
    assert.equal(out.split('\n').length, docs.split('\n').length);
    assert.match(out, /"retries": 2,/);
  });

  it('fixes in a log are placed on their own record', () => {
    const a = JSON.stringify(JSON.parse(example('job_start_event')));
    const b = a.replace('"job_start_event"', '"job_start_evnt"');
    const text = `${a}\n\n${b}\n`;
    const out = apply(text, 'unknown-event-name', undefined, 'log');
    assert.equal(out, `${a}\n\n${a}\n`);
  });
});

describe('Fix all under the effective rules', () => {
  // README "Settings": a rule set to off reports nothing, so Fix all has nothing of it to fix.
  const quoted = retry.replace('"retries": 1', '"retries": "1"').replace('"job_retry_event"', '"job_retry_event"');
  const both = quoted.replace('"event_time": 1717775165.5', '"event_time": 1717775165500');

  it('a safe rule switched off is left as it is; the others are fixed', () => {
    assert.equal(fixAll(both).length, 2, 'both safe fixes under the defaults');
    const out = applyEdits(both, fixAll(both, { rules: { 'timestamp-in-milliseconds': 'off' } }));
    assert.match(out, /"event_time": 1717775165500/);
    assert.match(out, /"retries": 1,/);
  });

  it('a rule asked for by name but switched off is not fixed either', () => {
    assert.deepEqual(fixAll(quoted, { only: 'string-encoded-value', rules: { 'string-encoded-value': 'off' } }), []);
    assert.equal(fixAll(quoted, { only: 'string-encoded-value', rules: { 'string-encoded-value': 'info' } }).length, 1);
  });
});
