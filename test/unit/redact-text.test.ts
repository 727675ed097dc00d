// redactText (src/core/redact/redact-text.ts): which values change and what every other byte
// does. Ids are the values here (they need no detection): each one of the catalogue's uuid fields
// becomes its pseudonym, and the text around it must stay byte for byte. The planted corpus of
// secrets is redact.test.ts's.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, isIdPseudonym, Pseudonyms, redactText } from '../../src/core/index';
import { example } from './helpers';

const RETRY = example('job_retry_event');
const IDS = ['d4f1e5b7-f817-495b-80ac-d83ec7f00a1d', 'a4d781e7-778d-4cc4-b552-4f86a8d910ea', 'f16449ec-f01b-4732-87bd-379951e3bd69'];
const SALT = 'test-salt';

interface Payload { event_id: string; event: { job_id: string; metadata: string } }
const parse = (text: string): Payload => JSON.parse(text) as Payload;

/** `text` with each id and the user name written as their pseudonyms, and nothing else changed. */
function expected(text: string, salt = SALT): string {
  const p = new Pseudonyms(salt);
  let out = text;
  for (const id of IDS) out = out.split(id).join(p.id(id));
  return out.split('"ops.scanner"').join(JSON.stringify(p.user('ops.scanner')));
}

describe('redactText: only the redacted values change', () => {
  it('pseudonymises the ids and user_name of a pretty-printed payload, keeping its layout and key order', () => {
    const r = redactText(RETRY, { mode: 'document', salt: SALT });
    assert.equal(r.text, expected(RETRY));
    assert.equal(r.redacted, 4);
    assert.equal(r.skipped, 0);
    assert.deepEqual(Object.keys(parse(r.text)), Object.keys(parse(RETRY)));
    assert.equal(applyEdits(RETRY, r.edits), r.text, 'the edits make the text');
  });

  it('keeps CRLF line ends, a BOM, tabs and escapes in other strings', () => {
    const text = '\uFEFF' + RETRY.replace(/\n/g, '\r\n').replace(/ {2}/g, '\t').replace('Blue Ridge Freight Co.', 'Bl\\u00fce \\"Ridge\\" \\/ Freight');
    const r = redactText(text, { mode: 'document', salt: SALT });
    assert.equal(r.text, expected(text));
    assert.ok(r.text.startsWith('\uFEFF{\r\n\t"event_id"'));
  });

  it('redacts every record of a log, skips lines that are not JSON, keeps blank lines and line ends', () => {
    const compact = JSON.stringify(JSON.parse(RETRY));
    const broken = '{"event_id": "d4f1e5b7-f817-495b-80ac-d83ec7f00a1d", oops';
    const log = (record: string): string => `${record}\r\n\r\n${broken}\n   \n${record}\r${record}`;
    const r = redactText(log(compact), { mode: 'log', salt: SALT });
    assert.equal(r.text, log(expected(compact)), 'the record with a syntax error is left as it is, every line end too');
    assert.equal(r.skipped, 1);
    assert.equal(r.redacted, 12);
  });

  it('reads a pretty-printed document saved as a log as that one document', () => {
    const r = redactText(RETRY, { mode: 'log', salt: SALT });
    assert.equal(r.text, expected(RETRY));
    assert.equal(r.skipped, 0);
  });

  it('gives one id in upper and lower case one pseudonym, so the records stay linked', () => {
    const upper = RETRY.replace(IDS[1]!, IDS[1]!.toUpperCase());
    const a = parse(redactText(upper, { mode: 'document', salt: SALT }).text);
    const b = parse(redactText(RETRY, { mode: 'document', salt: SALT }).text);
    assert.equal(a.event.job_id, b.event.job_id);
  });

  it('replaces a UUID inside another string by the same pseudonym as the id field', () => {
    const text = RETRY.replace('route 12', `job ${IDS[1]!.toUpperCase()}, see ${IDS[1]}.pdf`);
    const out = parse(redactText(text, { mode: 'document', salt: SALT }).text);
    const p = new Pseudonyms(SALT).id(IDS[1]!);
    assert.equal(out.event.job_id, p);
    assert.equal(out.event.metadata, `Bills of lading and proofs of delivery, job ${p}, see ${p}.pdf`);
  });

  it('is idempotent: the output redacts to itself, under any salt', () => {
    const once = redactText(RETRY, { mode: 'document', salt: SALT }).text;
    for (const salt of [SALT, 'another']) {
      const twice = redactText(once, { mode: 'document', salt });
      assert.equal(twice.text, once);
      assert.deepEqual(twice.edits, []);
    }
  });

  it('gives the same bytes for the same salt, other pseudonyms for another', () => {
    const a = redactText(RETRY, { mode: 'document', salt: 'one' }).text;
    assert.equal(redactText(RETRY, { mode: 'document', salt: 'one' }).text, a);
    const b = redactText(RETRY, { mode: 'document', salt: 'two' }).text;
    assert.notEqual(b, a);
    assert.ok(isIdPseudonym(parse(b).event_id));
  });

  it('with `only`, changes just the value at that offset, its quotes included', () => {
    const at = RETRY.indexOf(`"${IDS[1]}"`);
    for (const offset of [at, at + 10, at + IDS[1]!.length + 1]) {
      const r = redactText(RETRY, { mode: 'document', salt: SALT, only: { offset } });
      assert.equal(r.redacted, 1);
      assert.equal(r.text, RETRY.replace(IDS[1]!, new Pseudonyms(SALT).id(IDS[1]!)));
    }
    assert.equal(redactText(RETRY, { mode: 'document', salt: SALT, only: { offset: RETRY.indexOf('"merge"') } }).redacted, 0, 'a key is no value');
  });

  it('leaves keys, numbers, other strings, and values that are not ids alone', () => {
    const text = '{"event_id": 12, "event": {"job_id": "", "stage": "a4d781e7", "x": {"job_id": "a4d781e7-778d-4cc4-b552-4f86a8d910eX"}}}';
    assert.equal(redactText(text, { mode: 'document', salt: SALT }).text, text);
  });

  it('writes a changed value as JSON.stringify writes it', () => {
    const text = '{"event_id": "\\u0064\\u0034f1e5b7-f817-495b-80ac-d83ec7f00a1d"}';
    const r = redactText(text, { mode: 'document', salt: SALT });
    assert.equal(r.text, `{"event_id": ${JSON.stringify(new Pseudonyms(SALT).id(IDS[0]!))}}`);
  });
});

describe('redactText: linear time', () => {
  it('takes a 1 MB string of near-UUIDs in well under a second', () => {
    const evil = '{"event": {"metadata": "' + 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaa'.repeat(30_000) + '"}}';
    const start = performance.now();
    redactText(evil, { mode: 'document', salt: SALT });
    assert.ok(performance.now() - start < 2000);
  });
});
