import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validate } from '../../src/core/index';
import { example, marked } from './helpers';

const compact = (name: string): string => JSON.stringify(JSON.parse(example(name)));
const start = compact('job_start_event');
const finished = compact('job_finished_event');

// These lines repeat one event on purpose; the cross-event rules (a repeated event_id) have their own tests.
const perRecord = { mode: 'log', crossEvent: false } as const;

describe('logs (JSONL)', () => {
  it('counts records over non-blank lines and reports positions in the whole file', () => {
    const bad = start.replace('"job_start_event"', '"job_start_evnt"');
    const text = `${start}\n\n   \n${finished}\n${bad}\n`;
    const ds = validate(text, perRecord);
    assert.equal(ds.length, 1);
    assert.equal(ds[0]!.code, 'unknown-event-name');
    assert.equal(ds[0]!.record, 2);
    assert.equal(ds[0]!.pointer, '/event/event_name');
    assert.equal(ds[0]!.range.start.line, 4);
    assert.equal(ds[0]!.range.start.character, bad.indexOf('"job_start_evnt"'));
    assert.equal(text.slice(ds[0]!.offset, ds[0]!.offset + ds[0]!.length), '"job_start_evnt"');
  });

  it('a syntax error in one line does not stop the others from being checked', () => {
    const lines = [start, '{"event_id": "x",', '[1, 2]', finished.replace('"job_finished_event"', '"nope_event"'), '', start.replace(/"job_id":"[^"]+"/, '"job_id":"oops"')];
    const ds = validate(lines.join('\n'), perRecord);
    assert.deepEqual(ds.map((d) => [d.record, d.code, d.range.start.line]), [
      [1, 'json-syntax', 1],
      [2, 'not-an-object', 2],
      [3, 'unknown-event-name', 3],
      [4, 'invalid-uuid', 5],
    ]);
  });

  it('CRLF line endings: same records, columns and lines', () => {
    const lf = validate(`${start}\n${start.replace('"job_start_event"', '"x_event"')}\n`, perRecord);
    const crlf = validate(`${start}\r\n${start.replace('"job_start_event"', '"x_event"')}\r\n`, perRecord);
    assert.deepEqual(crlf.map((d) => [d.record, d.range]), lf.map((d) => [d.record, d.range]));
    assert.equal(crlf[0]!.range.start.line, 1);
  });

  it('an empty log or one of blank lines is fine', () => {
    assert.deepEqual(validate('', { mode: 'log' }), []);
    assert.deepEqual(validate('\n \n\t\n', { mode: 'log' }), []);
  });

  it('a pretty-printed document saved as a log: one diagnostic that says so, not one per line', () => {
    const ds = validate(example('job_start_event'), { mode: 'log' });
    assert.deepEqual(ds.map((d) => [d.code, d.range.start.line, d.record]), [['json-syntax', 0, 0]]);
    assert.match(ds[0]!.message, /one pretty-printed JSON document/);
  });

  it('record is absent on single documents', () => {
    const ds = validate(start.replace('"job_start_event"', '"x_event"'));
    assert.equal(ds.length, 1);
    assert.equal('record' in ds[0]!, false);
  });
});

describe('positions', () => {
  it('UTF-16 columns after emoji and other astral characters', () => {
    const text = example('job_retry_event').replace('"user_name": "ops.scanner"', '"user_name": "📄🚚 ops"').replace('"retries": 1', '"retries": ⟪-1⟫');
    const { text: plain, spans } = marked(text);
    const ds = validate(plain);
    assert.equal(ds.length, 1);
    const line = plain.split('\n')[ds[0]!.range.start.line]!;
    assert.equal(ds[0]!.range.start.character, line.indexOf('-1'));
    assert.equal(ds[0]!.offset, spans[0]!.offset);
    // On the emoji's own line, a problem after the emoji counts two code units per emoji.
    const emoji = validate(plain.replace('"📄🚚 ops"', '"📄🚚", "x": 1').replace('⟪', ''));
    const unknown = emoji.find((d) => d.code === 'unknown-field')!;
    assert.equal(unknown.range.start.character, '    "user_name": "📄🚚", '.length);
    assert.equal(unknown.range.start.character, 25); // 23 code points, 25 UTF-16 code units
  });

  it('a BOM keeps offsets and is not an error', () => {
    const text = '\ufeff' + example('job_start_event');
    assert.deepEqual(validate(text), []);
    const ds = validate(text.replace('"job_start_event"', '"x_event"'));
    assert.equal(text.replace('"job_start_event"', '"x_event"').slice(ds[0]!.offset, ds[0]!.offset + ds[0]!.length), '"x_event"');
  });

  it('ranges end exclusive on the same line for a value', () => {
    const ds = validate(example('job_start_event').replace(/"job_id": "[^"]+"/, '"job_id": "abc"'));
    assert.equal(ds[0]!.range.end.character - ds[0]!.range.start.character, '"abc"'.length);
    assert.equal(ds[0]!.range.end.line, ds[0]!.range.start.line);
  });
});
