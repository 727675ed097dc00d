// Which JSON is an Alfred payload: decided by the shape of its content (src/core/input/detect.ts), the
// one decision the CLI's directory search, the editor and its large-file reader all make.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DETECT_LENGTH, modeOfName, payloadKind, payloadMode, validate, type PayloadKind } from '../../src/core/index';
import { edit, example, FIXTURES, fixture } from './helpers';

const ROOT = join(__dirname, '..', '..');
const NOT_PAYLOADS = join(FIXTURES, 'not-payloads');

/** Every payload fixture, with the kind its content is (by what the file is, not by our output). */
function payloads(): [string, string, PayloadKind][] {
  const out: [string, string, PayloadKind][] = [];
  for (const dir of ['examples', 'docs', 'broken']) {
    for (const name of readdirSync(join(FIXTURES, dir))) {
      const kind: PayloadKind = name.endsWith('.jsonl') ? 'log'
        : name.startsWith('url-verification') ? 'url-verification'
        : name.startsWith('array-of-events') ? 'event-array'
        : name.startsWith('capture') ? 'capture'
        : 'event';
      out.push([`${dir}/${name}`, fixture(dir, name), kind]);
    }
  }
  return out;
}

const retry = example('job_retry_event');
const envelope = JSON.parse(retry) as Record<string, unknown>;
const one = (value: unknown): string => JSON.stringify(value);

describe('payload detection by shape', () => {
  it('real JSON that is not a payload is not taken for one', () => {
    const others: [string, string][] = readdirSync(NOT_PAYLOADS).map((n) => [n, readFileSync(join(NOT_PAYLOADS, n), 'utf8')]);
    // The schema the README tells users to commit, describing every event with its fields.
    others.push(['alfred-event.schema.json', readFileSync(join(ROOT, 'schemas', 'alfred-event.schema.json'), 'utf8')]);
    assert.ok(others.length >= 10);
    for (const [name, text] of others) {
      assert.equal(payloadKind(text, modeOfName(name)), undefined, name);
      assert.equal(payloadMode(name, () => text, { plainJson: true }), undefined, name);
      // In the editor, whatever the language says.
      assert.equal(payloadMode(name, () => text, { plainJson: true, mode: 'document' }), undefined, name);
    }
  });

  it('every payload is one, mistakes and all: examples, the docs\' own, the broken ones', () => {
    const all = payloads();
    assert.ok(all.length >= 50);
    for (const [name, text, kind] of all) assert.equal(payloadKind(text, kind === 'log' ? 'log' : 'document'), kind, name);
  });

  it('a payload saved as plain .json or .jsonl is checked, read as its name says', () => {
    for (const [name, text, kind] of payloads()) {
      const plain = name.replace(/\.alfred\.(jsonl?)$/, '.$1');
      const mode = kind === 'log' ? 'log' : 'document';
      assert.equal(payloadMode(plain, () => text, { plainJson: true }), mode, plain);
      // Detection off: plain JSON is left alone, payload names are still ours.
      assert.equal(payloadMode(plain, () => text, { plainJson: false }), undefined, plain);
      assert.equal(payloadMode(name, () => '', { plainJson: false }), mode, name);
    }
  });

  it('payload names are ours whatever they hold; other names only when the editor says JSON', () => {
    assert.equal(payloadMode('a/b.alfred.json', () => '[1]', { plainJson: true }), 'document');
    assert.equal(payloadMode('B.ALFRED-EVENT.JSON', () => '', { plainJson: true }), 'document');
    assert.equal(payloadMode('x.alfred.ndjson', () => '', { plainJson: true }), 'log');
    assert.equal(payloadMode('notes.txt', () => retry, { plainJson: true }), undefined);
    assert.equal(payloadMode('Untitled-1', () => retry, { plainJson: true, mode: 'document' }), 'document');
    assert.equal(payloadMode('x.json', () => one(envelope), { plainJson: true, mode: 'log' }), 'log');
  });

  it('the envelope\'s members must stand where an envelope has them', () => {
    const cases: [string, unknown, PayloadKind | undefined][] = [
      ['the envelope', envelope, 'event'],
      ['event_name alone', { event_name: 'job_retry_event' }, undefined],
      ['an event object with nothing beside it', { event: { event_name: 'job_retry_event' } }, undefined],
      ['event_id and a named event', { event_id: 'x', event: { event_name: 'job_retry_event' } }, 'event'],
      ['a misspelt event_name, wrong types inside', { event_id: 1, event_time: 'soon', event: { event_name: 'job_retry_evnt', retries: '-1' } }, 'event'],
      ['no event_name, but the family', { event_type: 'file_event_type', event: { file_id: 'x' } }, 'event'],
      ['no event_name, no family', { event_id: 'x', event: { file_id: 'x' } }, undefined],
      ['event is not an object', { event_id: 'x', event_type: 'job_event_type', event: 'job_retry_event' }, undefined],
      ['the envelope\'s keys flattened, as a log line of a receiver', { event_id: 'x', event_type: 'job_event_type', event_name: 'job_retry_event' }, undefined],
      ['descriptions where values belong', { event_id: { type: 'string' }, event: { event_name: { type: 'string' } } }, undefined],
      ['a description of event_name alone', { event_id: 'x', event: { event_name: { const: 'job_retry_event' } } }, undefined],
      ['the envelope one level down', { properties: envelope }, undefined],
      ['the envelope as a string', { body: one(envelope) }, undefined],
      ['url verification', { token: 't', challenge: 'c', type: 'url_verification' }, 'url-verification'],
      ['url verification without token', { challenge: 'c', type: 'url_verification' }, 'url-verification'],
      ['a challenge alone', { challenge: 'c' }, undefined],
      ['a type alone', { type: 'url_verification' }, undefined],
      ['an array of envelopes', [envelope, envelope], 'event-array'],
      ['an array holding one envelope among other values', [1, envelope], 'event-array'],
      ['an array of other objects', [{ type: 'Feature' }], undefined],
      ['an empty array', [], undefined],
      ['an empty object', {}, undefined],
      ['null', null, undefined],
    ];
    for (const [what, value, kind] of cases) assert.equal(payloadKind(one(value), 'document'), kind, what);
  });

  it('reads what a payload with mistakes holds: comments, trailing commas, a missing comma, a cut-off end, a BOM', () => {
    const commented = `// saved from the log\n${edit(retry, '"update_date": "2024-06-07T15:46:05Z"\n  }', '"update_date": "2024-06-07T15:46:05Z",\n  },')}`;
    assert.equal(payloadKind(commented, 'document'), 'event');
    assert.equal(payloadKind(edit(retry, '"job_event_type",\n  "event_time"', '"job_event_type"\n  "event_time"'), 'document'), 'event');
    assert.equal(payloadKind(retry.slice(0, retry.indexOf('"merge"')), 'document'), 'event');
    assert.equal(payloadKind('\ufeff' + retry, 'document'), 'event');
  });

  it('looks at the first DETECT_LENGTH code units only, and never fails on what it finds there', () => {
    const padded = one({ padding: 'x'.repeat(DETECT_LENGTH), ...envelope });
    assert.equal(payloadKind(padded, 'document'), undefined);
    assert.equal(payloadKind(one({ ...envelope, padding: 'x'.repeat(DETECT_LENGTH) }), 'document'), 'event');
    for (const hostile of ['['.repeat(100_000), '{"a":'.repeat(100_000), '\u0000\u0000', '', '   ', 'not json', '"event"']) {
      assert.equal(payloadKind(hostile, 'document'), undefined);
      assert.equal(payloadKind(hostile, 'log'), undefined);
    }
  });

  it('a log is known by one of its first lines: the first may be broken, blank lines do not count', () => {
    const line = one(envelope);
    assert.equal(payloadKind(`{"event_id": "x",\n\n\n${line}\n`, 'log'), 'log');
    assert.equal(payloadKind(`${line}\r\n${line}\r\n`, 'log'), 'log');
    assert.equal(payloadKind(one({ type: 'url_verification', challenge: 'c' }), 'log'), 'log');
    assert.equal(payloadKind(`${one({ level: 'info' })}\n`.repeat(16) + line, 'log'), undefined);
    assert.equal(payloadKind(`${one({ level: 'info' })}\n`.repeat(15) + line, 'log'), 'log');
    // A pretty-printed payload saved as a log is still one (and gets its own diagnostic).
    assert.equal(payloadKind(retry, 'log'), undefined);
  });
});

describe('an array of events', () => {
  it('gets one finding on the array: each body is one event, a log holds one per line', () => {
    const ds = validate(one([envelope, { ...envelope, event_id: '6a3c2f1e-1d2b-4c5d-8e9f-0a1b2c3d4e5f' }]), { mode: 'document' });
    assert.deepEqual(ds.map((d) => [d.code, d.offset, d.pointer]), [['not-an-object', 0, '']]);
    assert.match(ds[0]!.message, /an array of 2 events: each webhook body is a single event envelope, and a log \(\.alfred\.jsonl\) holds one per line/);
  });

  it('says how many of the values are events, and on a log line too', () => {
    const [mixed] = validate(one([1, envelope]), { mode: 'document' });
    assert.match(mixed!.message, /an array of 2 values, 1 of them events/);
    const [line] = validate(`${one(envelope)}\n${one([envelope])}\n`, { mode: 'log' });
    assert.equal(line!.code, 'not-an-object');
    assert.equal(line!.record, 1);
    assert.match(line!.message, /an array of 1 event:/);
  });

  it('an array of other values keeps the plain word', () => {
    const [d] = validate('[1, 2]', { mode: 'document' });
    assert.match(d!.message, /^Expected a JSON object \(an Alfred event envelope\), found /);
  });
});
