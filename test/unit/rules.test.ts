import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validate } from '../../src/core/index';
import { codes, edit, example, expectAt, marked } from './helpers';

const retry = example('job_retry_event');
const stage = example('job_stage_update_event');
const tag = example('file_change_tag_event');

describe('rules: each fires at its pointer and range, and nothing else fires', () => {
  it('json-syntax: a trailing comma, on the comma', () => {
    const ds = expectAt(edit(retry, '"update_date": "2024-06-07T15:46:05Z"', '"update_date": "2024-06-07T15:46:05Z"⟪,⟫'), 'json-syntax', '');
    assert.equal(ds.length, 1);
    assert.match(ds[0]!.message, /Trailing comma/);
  });

  it('json-syntax: a comment and a missing comma, each at its place', () => {
    const text = edit(edit(retry, '"merge": false,', '⟪// why⟫\n    "merge": false,'),
      '"retries": 1,\n    "exceeded_retries"', '"retries": 1\n    ⟪"exceeded_retries"⟫');
    const ds = expectAt(text, 'json-syntax', '');
    assert.match(ds[0]!.message, /Comments are not allowed/);
    assert.match(ds[1]!.message, /Expected a comma/);
  });

  it('json-syntax: an empty document, and whitespace only', () => {
    for (const text of ['', '  \n\t ']) {
      const ds = validate(text);
      assert.deepEqual(codes(ds), ['json-syntax']);
      assert.match(ds[0]!.message, /empty/);
    }
  });

  it('duplicate-key: on the second key, with its pointer', () => {
    const ds = expectAt(edit(retry, '"merge": false,', '"merge": false,\n    ⟪"merge"⟫: true,'), 'duplicate-key', '/event/merge');
    assert.deepEqual(codes(ds), ['duplicate-key']);
  });

  it('not-an-object: an array, a string, null', () => {
    for (const v of ['[1, 2]', '"job_retry_event"', 'null', '42']) {
      const ds = expectAt(`⟪${v}⟫`, 'not-an-object', '');
      assert.equal(ds.length, 1);
    }
  });

  it('missing-envelope-field: on the opening brace, naming the member', () => {
    const text = edit(retry, '  "event_id": "d4f1e5b7-f817-495b-80ac-d83ec7f00a1d",\n', '');
    const ds = expectAt('⟪{⟫' + text.slice(1), 'missing-envelope-field', '/event_id');
    assert.deepEqual(codes(ds), ['missing-envelope-field']);
    assert.equal(ds[0]!.severity, 'error');
  });

  it('missing-envelope-field: a bare object lacks all four, and nothing else is said', () => {
    const all = validate('{}');
    assert.deepEqual(all.map((d) => d.pointer), ['/event_id', '/event_type', '/event_time', '/event']);
    assert.ok(all.every((d) => d.code === 'missing-envelope-field' && d.offset === 0 && d.length === 1));
  });

  it('missing-event-name: on the event object, and no field warnings follow', () => {
    const text = edit(retry, '    "event_name": "job_retry_event",\n', '');
    const ds = expectAt(edit(text, '"event": {', '"event": ⟪{⟫'), 'missing-event-name', '/event/event_name');
    assert.deepEqual(codes(ds), ['missing-event-name']);
  });

  it('unknown-event-name: suggests the closest name, and no field warnings follow', () => {
    const ds = expectAt(edit(retry, '"job_retry_event"', '⟪"job_retry_evnt"⟫'), 'unknown-event-name', '/event/event_name');
    assert.deepEqual(codes(ds), ['unknown-event-name']);
    assert.match(ds[0]!.message, /did you mean "job_retry_event"/);
    assert.equal(ds[0]!.suggestions?.[0], 'job_retry_event');
  });

  it('unknown-event-name: casing is forgiven in the suggestion', () => {
    const ds = validate(edit(retry, '"job_retry_event"', '"JobRetryEvent"'));
    assert.equal(ds[0]?.suggestions?.[0], 'job_retry_event');
  });

  it('unknown-event-name: realtime channel names say what they are', () => {
    const ds = expectAt(edit(retry, '"job_retry_event"', '⟪"job_event"⟫'), 'unknown-event-name', '/event/event_name');
    assert.match(ds[0]!.message, /realtime/);
  });

  it('event-name-alias: the SDK spelling is information only', () => {
    const text = edit(example('file_added_to_job_event'), '"file_added_to_job_event"', '⟪"file_add_to_job_event"⟫');
    const ds = expectAt(text, 'event-name-alias', '/event/event_name');
    assert.deepEqual(codes(ds), ['event-name-alias']);
    assert.equal(ds[0]!.severity, 'info');
  });

  it('event-type-mismatch: the inner type differs from the family', () => {
    const text = edit(retry, '    "event_type": "job_event_type",\n    "job_id"', '    "event_type": ⟪"file_event_type"⟫,\n    "job_id"');
    const ds = expectAt(text, 'event-type-mismatch', '/event/event_type');
    assert.deepEqual(codes(ds), ['event-type-mismatch']);
    assert.deepEqual(ds[0]!.suggestions, ['job_event_type']);
  });

  it('event-type-mismatch: both types of the wrong family, each reported', () => {
    const text = edit(edit(retry, '"event_type": "job_event_type",\n  "event_time"', '"event_type": ⟪"file_event_type"⟫,\n  "event_time"'),
      '    "event_type": "job_event_type",\n    "job_id"', '    "event_type": ⟪"file_event_type"⟫,\n    "job_id"');
    expectAt(text, 'event-type-mismatch', ['/event_type', '/event/event_type']);
  });

  it('event-type-mismatch: a realtime name as event_type says so', () => {
    const ds = expectAt(edit(retry, '"event_type": "job_event_type",\n  "event_time"', '"event_type": ⟪"job_event"⟫,\n  "event_time"'), 'event-type-mismatch', '/event_type');
    assert.match(ds[0]!.message, /realtime/);
  });

  it('invalid-type: an object where a string belongs, a string that is no number', () => {
    const text = edit(edit(retry, '"user_name": "ops.scanner"', '"user_name": ⟪{ "first": "ops" }⟫'), '"file_count": 4', '"file_count": ⟪"four"⟫');
    const ds = expectAt(text, 'invalid-type', ['/event/user_name', '/event/file_count']);
    assert.deepEqual(codes(ds), ['invalid-type', 'invalid-type']);
    assert.match(ds[1]!.message, /file_count must be a whole number ≥ 0 in job_retry_event, found the string "four"/);
  });

  it('invalid-type: an element of error_messages that is not a string, on that element', () => {
    const text = edit(retry, '"OCR worker timed out after 300 s on page 14 of bol-88391.pdf"', '"OCR worker timed out", ⟪42⟫');
    expectAt(text, 'invalid-type', '/event/error_messages/1');
  });

  it('string-encoded-value: numbers, booleans and event_time written as strings', () => {
    const text = edit(edit(edit(retry, '"retries": 1', '"retries": ⟪"1"⟫'), '"merge": false', '"merge": ⟪"false"⟫'),
      '"event_time": 1717775165.5', '"event_time": ⟪"1717775165.50"⟫');
    const ds = expectAt(text, 'string-encoded-value', ['/event_time', '/event/merge', '/event/retries']);
    assert.ok(ds.every((d) => d.severity === 'warning'));
    assert.equal(ds.length, 3);
  });

  it('string-encoded-value with a bad value: both problems, on the same value', () => {
    const ds = expectAt(edit(retry, '"retries": 1', '"retries": ⟪"-1"⟫'), 'string-encoded-value', '/event/retries');
    assert.deepEqual(codes(ds), ['string-encoded-value', 'out-of-range']);
  });

  it('invalid-uuid: a warning on the id', () => {
    const ds = expectAt(edit(retry, '"a4d781e7-778d-4cc4-b552-4f86a8d910ea"', '⟪"90123456-1234-1234-1234-1234567890kl"⟫'), 'invalid-uuid', '/event/job_id');
    assert.deepEqual(codes(ds), ['invalid-uuid']);
    assert.equal(ds[0]!.severity, 'warning');
  });

  it('invalid-date: not ISO 8601, and an impossible day', () => {
    const text = edit(edit(retry, '"2024-06-07T15:40:00Z"', '⟪"07/06/2024 15:40"⟫'), '"2024-06-07T15:46:05Z"', '⟪"2024-02-30T10:00:00Z"⟫');
    const ds = expectAt(text, 'invalid-date', ['/event/creation_date', '/event/update_date']);
    assert.deepEqual(codes(ds), ['invalid-date', 'invalid-date']);
  });

  it('invalid-date: offsets and fractions are ISO 8601 too', () => {
    const text = edit(edit(retry, '"2024-06-07T15:40:00Z"', '"2024-06-07T17:40:00.250+02:00"'), '"2024-06-07T15:46:05Z"', '"2024-06-07T15:46:05.5Z"');
    assert.deepEqual(validate(text), []);
  });

  it('invalid-url: not http(s), and not absolute', () => {
    const text = edit(retry, '"https://alfredstorage.blob.core.windows.net/uploads/blue-ridge-freight/2024/06/07/pod-88391.jpg"', '⟪"ftp://files.example.com/pod.jpg"⟫, ⟪"/uploads/pod.jpg"⟫');
    expectAt(text, 'invalid-url', ['/event/file_urls/2', '/event/file_urls/3']);
  });

  it('out-of-range: a negative count, a fractional count, a score above 1', () => {
    const text = edit(edit(retry, '"retries": 1', '"retries": ⟪-1⟫'), '"file_count": 4', '"file_count": ⟪2.5⟫');
    const ds = expectAt(text, 'out-of-range', ['/event/file_count', '/event/retries']);
    assert.equal(ds.find((d) => d.pointer === '/event/retries')?.message, 'retries must be a whole number ≥ 0 in job_retry_event, found -1');
    expectAt(edit(tag, '"classification_score": 0.64', '"classification_score": ⟪1.2⟫'), 'out-of-range', '/event/classification_score');
  });

  it('out-of-range: an event_time that is no plausible Unix time', () => {
    for (const t of ['12', '-1717775165', '99999999999999999']) {
      expectAt(edit(retry, '"event_time": 1717775165.5', `"event_time": ⟪${t}⟫`), 'out-of-range', '/event_time');
    }
  });

  it('timestamp-in-milliseconds: a warning, not out-of-range', () => {
    const ds = expectAt(edit(retry, '"event_time": 1717775165.5', '"event_time": ⟪1717775165500⟫'), 'timestamp-in-milliseconds', '/event_time');
    assert.deepEqual(codes(ds), ['timestamp-in-milliseconds']);
    assert.match(ds[0]!.message, /1717775165\.5/);
  });

  it('missing-field: on the event\'s opening brace, naming the member', () => {
    const text = edit(edit(retry, '    "retries": 1,\n', ''), '"event": {', '"event": ⟪{⟫');
    const ds = expectAt(text, 'missing-field', '/event/retries');
    assert.deepEqual(codes(ds), ['missing-field']);
    assert.match(ds[0]!.message, /retries/);
  });

  it('unknown-field: on the key, with the closest absent name and the events that have it', () => {
    const start = example('job_start_event');
    const company = /\n {4}"company_name": "[^"]+",/.exec(start)![0];
    const text = edit(start, company, '\n    ⟪"retries"⟫: 2,\n    ⟪"Company_Nme"⟫: "y",\n    ⟪"job_idd"⟫: "z",');
    const ds = expectAt(text, 'unknown-field', ['/event/retries', '/event/Company_Nme', '/event/job_idd']);
    assert.equal(ds.length, 3, 'the missing company_name is said by the misspelt key');
    assert.match(ds.find((d) => d.pointer === '/event/retries')!.message, /belongs to job_exceeded_retries_event/);
    assert.equal(ds.find((d) => d.pointer === '/event/Company_Nme')!.suggestions?.[0], 'company_name');
    // job_id is there already: renaming job_idd to it would only make a duplicate.
    assert.equal(ds.find((d) => d.pointer === '/event/job_idd')!.suggestions, undefined);
  });

  it('unknown-field: a misspelt key is one problem, not an unknown plus a missing field', () => {
    const ds = expectAt(edit(retry, '"company_name"', '⟪"compnay_name"⟫'), 'unknown-field', '/event/compnay_name');
    assert.deepEqual(codes(ds), ['unknown-field']);
    assert.match(ds[0]!.message, /did you mean "company_name", which is missing\?/);
  });

  it('a misspelt envelope member is still an error: a warning never hides it', () => {
    const text = edit(retry, '"event": {', '"evnt": {');
    assert.deepEqual(codes(validate(text)), ['missing-envelope-field', 'unknown-field']);
    const quiet = validate(edit(retry, '"company_name"', '"compnay_name"'), { rules: { 'unknown-field': 'off' } });
    assert.deepEqual(codes(quiet), ['missing-field'], 'with unknown-field off, the missing field is said');
  });

  it('a repeated event_name: the duplicate alone, since which event it is depends on the parser', () => {
    const text = edit(retry, '"event_name": "job_retry_event",', '"event_name": "job_retry_event",\n    "event_name": "file_done_event",');
    assert.deepEqual(codes(validate(text)), ['duplicate-key']);
  });

  it('unknown-event-name: aliases count as near misses, an event type says what it is', () => {
    const add = validate(edit(example('file_added_to_job_event'), '"file_added_to_job_event"', '"file_add_to_job"'));
    assert.equal(add[0]!.suggestions?.[0], 'file_added_to_job_event');
    const type = validate(edit(retry, '"job_retry_event"', '"job_event_type"'));
    assert.match(type[0]!.message, /is an event_type value/);
  });

  it('unknown-field: on the envelope too', () => {
    const ds = expectAt(edit(retry, '"event_time"', '⟪"delivery"⟫: 1,\n  "event_time"'), 'unknown-field', '/delivery');
    assert.deepEqual(codes(ds), ['unknown-field']);
  });

  it('unknown-stage: a warning with the closest stage', () => {
    const ds = expectAt(edit(stage, /"stage": "[a-z_]+"/.exec(stage)![0], '"stage": ⟪"in-progress"⟫'), 'unknown-stage', '/event/stage');
    assert.equal(ds[0]!.suggestions?.[0], 'in_progress');
    assert.equal(ds.length, 1);
  });

  it('date-order: update_date before creation_date, on update_date', () => {
    const ds = expectAt(edit(retry, '"2024-06-07T15:46:05Z"', '⟪"2024-06-07T15:00:00Z"⟫'), 'date-order', '/event/update_date');
    assert.deepEqual(codes(ds), ['date-order']);
  });

  it('retry-inconsistent: exceeded_retries false in job_exceeded_retries_event', () => {
    const ex = example('job_exceeded_retries_event');
    expectAt(edit(ex, '"exceeded_retries": true', '"exceeded_retries": ⟪false⟫'), 'retry-inconsistent', '/event/exceeded_retries');
  });

  it('retry-inconsistent: exceeded_retries true after 0 retries, strings read as the docs mean them', () => {
    const text = edit(edit(example('job_failed_event'), /"retries": \d+/.exec(example('job_failed_event'))![0], '"retries": "0"'),
      /"exceeded_retries": (true|false)/.exec(example('job_failed_event'))![0], '"exceeded_retries": ⟪"true"⟫');
    const ds = expectAt(text, 'retry-inconsistent', '/event/exceeded_retries');
    assert.deepEqual(codes(ds).sort(), ['retry-inconsistent', 'string-encoded-value', 'string-encoded-value']);
  });

  it('the URL verification body: unknown and missing members are reported', () => {
    // The misspelt key names the fix; the missing challenge stays an error, which a warning must not hide.
    const typo = expectAt('{"type": "url_verification", "token": "t", ⟪"chalenge"⟫: "c"}', 'unknown-field', '/chalenge');
    assert.deepEqual(codes(typo), ['missing-envelope-field', 'unknown-field']);
    assert.equal(typo[1]!.suggestions?.[0], 'challenge');
    assert.deepEqual(codes(validate('{"type": "url_verification", "token": "t", "chalenge": "c"}', { rules: { 'missing-envelope-field': 'warning' } })), ['unknown-field']);
    // Without its token or challenge the receiver cannot answer: an error, like a missing envelope member.
    const lacking = expectAt('⟪{⟫"type": "url_verification", "challenge": "c", "extra": 1}', 'missing-envelope-field', '/token');
    assert.deepEqual(codes(lacking), ['missing-envelope-field', 'unknown-field']);
    assert.equal(lacking[0]!.message, 'Missing envelope member "token" (a string) in the URL verification body');
  });

  it('the URL verification body with a misspelt or missing type: one diagnostic, not an event flood', () => {
    const typo = expectAt('{"token": "t", "challenge": "c", "type": ⟪"url_verificaton"⟫}', 'invalid-type', '/type');
    assert.deepEqual(codes(typo), ['invalid-type']);
    assert.deepEqual(typo[0]!.suggestions, ['url_verification']);
    assert.deepEqual(codes(validate('{"token": "t", "challenge": "c"}')), ['missing-envelope-field']);
  });

  it('__proto__ and constructor keys are plain unknown fields and pollute nothing', () => {
    const text = edit(retry, '"merge": false,', '"merge": false,\n    ⟪"__proto__"⟫: { "polluted": true },\n    ⟪"constructor"⟫: 1,');
    expectAt(text, 'unknown-field', ['/event/__proto__', '/event/constructor']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getOwnPropertyNames(Object.prototype).includes('polluted'), false);
  });

  it('markers helper: strips markers and reports their spans', () => {
    assert.deepEqual(marked('a⟪bc⟫d'), { text: 'abcd', spans: [{ offset: 1, length: 2 }] });
  });
});
