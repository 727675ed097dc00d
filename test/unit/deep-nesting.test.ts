// A small record nested 100,000 deep at every door that takes a record's text (README "Security":
// hostile input gets a diagnostic, never a crash). Each door must refuse it on its raw text, in
// time linear in its length, before anything descends into it: the structural guard is that
// JSON.parse, after which the checks walk the value level by level, never sees the record.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  checkChunkText, diff, payloadKind, payloadMode, readValue, redactText, validate, validateStreamed, type Diagnostic, type DocumentMode,
} from '../../src/core/index';
import { checkPayload } from '../../src/core/checks/check-payload';
import { readRecords } from '../../src/core/jobs/records';
import { parseEvent, validate as libValidate } from '../../src/lib/index';

const DEPTH = 100_000;
/** The validator's documented limit: "Nesting deeper than 512 levels". */
const LIMIT = 512;
const NESTING = /^Nesting deeper than 512 levels/;
const ID = '3f1c2a4e-1b2c-4d5e-8f90-123456789abc';

const KINDS = {
  arrays: { open: '[', close: ']' },
  objects: { open: '{"a":', close: '}' },
} as const;

/** An envelope whose member `a` nests DEPTH levels of `kind`, on one line. */
function deepRecord(kind: keyof typeof KINDS): string {
  const { open, close } = KINDS[kind];
  return `{"event_id":"${ID}","event_type":"job_event_type","event":{"event_name":"job_retry_event","a":${open.repeat(DEPTH)}1${close.repeat(DEPTH)}}}`;
}

/** Offset of the bracket that opens level LIMIT + 1 (the texts here hold no bracket inside a string). */
function tooDeepAt(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{' || text[i] === '[') depth++;
    else if (text[i] === '}' || text[i] === ']') depth--;
    if (depth > LIMIT) return i;
  }
  return -1;
}

const shallow = (id = ID): string => `{"event_id":"${id}","event_type":"job_event_type","event":{"event_name":"job_retry_event"}}`;

/** The one nesting finding, on the record's line at the bracket past the limit. */
function assertNesting(found: readonly Diagnostic[], line: number, character: number): void {
  const nesting = found.filter((d) => d.code === 'json-syntax');
  assert.equal(nesting.length, 1, JSON.stringify(found.map((d) => d.message)));
  assert.match(nesting[0]!.message, NESTING);
  assert.deepEqual(nesting[0]!.range.start, { line, character });
  // Nothing else is said of a record too deep to check.
  assert.deepEqual(found.filter((d) => d.range.start.line === line && d.code !== 'json-syntax'), []);
}

// The structural guard: count JSON.parse calls given a too-deep text.
const realParse = JSON.parse;
let deepParses = 0;
beforeEach(() => {
  deepParses = 0;
  JSON.parse = ((text: string, reviver?: Parameters<typeof realParse>[1]) => {
    if (typeof text === 'string' && tooDeepAt(text) >= 0) deepParses++;
    return realParse(text, reviver) as unknown;
  }) as typeof JSON.parse;
});
afterEach(() => {
  JSON.parse = realParse;
});

for (const kind of ['arrays', 'objects'] as const) {
  describe(`a record nested ${DEPTH.toLocaleString('en-US')} deep (${kind}) at every door`, () => {
    const record = deepRecord(kind);
    const at = tooDeepAt(record);
    // A log: a good record, the deep one, a good record with the same event_id (which the deep one also has).
    const log = `${shallow()}\n${record}\n${shallow()}\n`;

    it('validate(): a payload document and a log line get the nesting finding, JSON.parse never reads it', () => {
      assertNesting(validate(record, { mode: 'document' }), 0, at);
      const found = validate(log, { mode: 'log' });
      assertNesting(found, 1, at);
      // The cross-event pass reads no too-deep record: the one duplicate id is between lines 1 and 3.
      const dups = found.filter((d) => d.code === 'duplicate-event-id');
      assert.deepEqual(dups.map((d) => d.range.start.line), [2]);
      assert.equal(deepParses, 0);
    });

    it('the streaming engine (per chunk and whole, with its cross-event pass) says the same', () => {
      const chunk = checkChunkText(log, { mode: 'log', first: true, whole: true });
      assertNesting(chunk.diagnostics, 1, at);
      // Three records, of which the two shallow ones are rows for the cross-event pass.
      assert.equal(chunk.records, 3);
      assert.equal(chunk.rows.count, 2);
      const [streamed] = validateStreamed([{ uri: 'x.alfred.jsonl', mode: 'log', text: log }]);
      assert.deepEqual(streamed, validate(log, { mode: 'log' }));
      const [doc] = validateStreamed([{ uri: 'x.alfred.json', mode: 'document', text: record }]);
      assertNesting(doc!, 0, at);
      assert.equal(deepParses, 0);
    });

    it('the cross-event records skip it', () => {
      const records = readRecords([{ uri: 'x', text: log, mode: 'log' }]);
      assert.deepEqual(records.map((r) => r.span.start), [0, shallow().length + 1 + record.length + 1]);
      assert.equal(deepParses, 0);
    });

    it('redact leaves it as it is, counted as skipped', () => {
      for (const mode of ['document', 'log'] as DocumentMode[]) {
        const r = redactText(mode === 'log' ? log : record, { mode, salt: 's' });
        assert.equal(r.skipped, 1, mode);
        assert.ok(r.edits.every((e) => e.offset < shallow().length || e.offset > shallow().length + record.length), mode);
      }
      assert.equal(deepParses, 0);
    });

    it("diff's readValue refuses it where the validator does", () => {
      assert.deepEqual(readValue(record), { problem: readProblem(), line: 1, character: at + 1 });
      assert.equal(deepParses, 0);
    });

    it('detection takes it for no payload, and a payload name still decides', () => {
      assert.equal(payloadKind(record, 'document'), undefined);
      assert.equal(payloadKind(log, 'log'), 'log');
      assert.equal(payloadMode('x.alfred.json', () => record, { plainJson: true }), 'document');
      assert.equal(payloadMode('x.json', () => record, { plainJson: true }), undefined);
    });

    it("the library's validate and parseEvent give the finding, as text and as bytes", () => {
      for (const body of [record, new TextEncoder().encode(record)]) {
        const found = libValidate(body);
        assert.deepEqual(found.map((f) => [f.code, f.range.start.character]), [['json-syntax', at]]);
        assert.match(found[0]!.message, NESTING);
        const parsed = parseEvent(body);
        assert.equal(parsed.ok, false);
        assert.deepEqual(parsed.findings.map((f) => f.code), ['json-syntax']);
      }
      assert.equal(deepParses, 0);
      // With the finding turned off there is still no typed body to give, and nothing throws.
      assert.equal(parseEvent(record, { rules: { 'json-syntax': 'off' } }).ok, false);
    });
  });
}

describe('values nested deep, past the text doors', () => {
  it('the secrets walk reports a credential 100,000 levels down at its own path', () => {
    let v: unknown = 'password=hunter2hunter2';
    for (let i = 0; i < DEPTH; i++) v = [v];
    const found = checkPayload({ event_id: ID, event: { event_name: 'job_retry_event', a: v } }).filter((f) => f.code === 'credential');
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]!.path, ['event', 'a', ...new Array<number>(DEPTH).fill(0)]);
  });

  it('diff of parsed values still takes any depth', () => {
    let a: unknown = 1;
    for (let i = 0; i < DEPTH; i++) a = { a };
    assert.deepEqual(diff(a, a), []);
  });
});

/** The nesting message as the validator words it. */
function readProblem(): string {
  return validate('['.repeat(LIMIT + 1), { mode: 'document' })[0]!.message;
}
