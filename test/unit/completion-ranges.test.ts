import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createScanner } from 'jsonc-parser';
import { complete, type Candidate, type DocumentMode } from '../../src/core/index';
import { FRESH, accept, at, syntaxErrors } from './completion-helpers';
import { edit, example } from './helpers';

/*
 * Completion replaces the token being typed, never a neighbour's character.
 *
 * Each text V below is valid JSON (ECMA-404). At EVERY offset o of V, the user types a partial p
 * ('' for an explicit Ctrl+Space, '"' for a key or string value started) and accepts each
 * proposal. Two things must hold for every proposal:
 *
 * 1. What it replaces lies within the partial p and the ECMA-404 token of V (string, number,
 *    true/false/null) that o is in or at the end of: no character of another token, no
 *    punctuation, no blank.
 * 2. The result has no syntax error that V did not have: V is valid, so the result is valid JSON
 *    (a log: each line is, and no line is added or lost). A proposal that cannot fit where the
 *    cursor is (in front of a value already there, between a key and its colon) is not offered.
 */

const SCALAR = new Set([7, 8, 9, 10, 11]); // jsonc-parser SyntaxKind: null, true, false, string, number

/** The token of a valid JSON text that an offset is in or at the end of, if any. */
function tokenAt(text: string, offset: number): { start: number; end: number } | undefined {
  const scanner = createScanner(text, true);
  for (let kind = scanner.scan() as number; kind !== 17; kind = scanner.scan() as number) {
    const start = scanner.getTokenOffset();
    const end = start + scanner.getTokenLength();
    if (start >= offset) return undefined;
    if (SCALAR.has(kind) && offset <= end) return { start, end };
  }
  return undefined;
}

interface Sample {
  name: string;
  text: string;
  mode?: DocumentMode;
}

const added = example('file_added_to_job_event');
const stage = example('job_stage_update_event');
const compact = (t: string): string => JSON.stringify(JSON.parse(t));
// Members left out, so that keys are proposed in both objects.
const addedShort = edit(edit(added, '    "company_name": "Northwind Logistics",\n', ''), '  "event_time": 1736843401.4,\n', '');
const addedLine = compact(addedShort);
const stageLine = compact(stage);

const SAMPLES: Sample[] = [
  { name: 'a pretty-printed payload', text: addedShort },
  { name: 'a pretty-printed payload with \\r\\n', text: edit(stage, '    "company_name": "Verde Agro Exportaciones",\n', '').replace(/\n/g, '\r\n') },
  { name: 'a one-line record of a log', text: `${stageLine}\n${addedLine}\n${stageLine}\n`, mode: 'log' },
  { name: 'an object with an empty event', text: '{"event_id": "d4f1e5b7-f817-495b-80ac-d83ec7f00a1d", "event": {}}' },
];

/** Offsets of the record a log's sample is about (its second line); all of a document. */
function offsets(s: Sample): number[] {
  if (s.mode !== 'log') return Array.from({ length: s.text.length + 1 }, (_, i) => i);
  const from = s.text.indexOf('\n') + 1;
  const to = s.text.indexOf('\n', from);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

describe('completion replaces the token being typed, never a neighbour', () => {
  for (const s of SAMPLES) {
    it(`${s.name}: every offset, typed '' or '"'`, () => {
      assert.equal(syntaxErrors(s.text, s.mode), 0, 'the sample is valid JSON');
      let accepted = 0;
      for (const o of offsets(s)) {
        const token = tokenAt(s.text, o);
        for (const p of ['', '"']) {
          const text = s.text.slice(0, o) + p + s.text.slice(o);
          const cursor = o + p.length;
          // What may be replaced, in the typed text: the partial and the token of V it is in.
          const lo = token ? token.start : o;
          const hi = token ? token.end + p.length : cursor;
          for (const c of complete(text, cursor, { mode: s.mode, fresh: FRESH })) {
            const where = `${s.name}: ${JSON.stringify(text.slice(Math.max(0, cursor - 25), cursor))}|${JSON.stringify(text.slice(cursor, cursor + 25))}, ${c.label}`;
            const replaced = text.slice(c.range.offset, c.range.offset + c.range.length);
            assert.ok(c.range.offset >= lo && c.range.offset + c.range.length <= hi, `${where}: replaces ${JSON.stringify(replaced)}`);
            assert.ok(!/[\r\n]/.test(replaced), `${where}: replaces more than a line`);
            for (const e of c.additionalEdits ?? []) assert.deepEqual({ length: e.length, newText: e.newText }, { length: 0, newText: ',' }, `${where}: an additional edit that is not a comma`);
            const out = accept(text, c);
            assert.equal(syntaxErrors(out, s.mode), 0, `${where}: gives\n${out}`);
            if (s.mode === 'log') assert.equal(out.split('\n').length, s.text.split('\n').length, `${where}: lines added`);
            accepted++;
          }
        }
      }
      assert.ok(accepted > 100, `only ${accepted} proposals accepted`);
    });
  }

  it('the field report: `"` typed after a comma, before "file_id", in a compact record', () => {
    const i = addedLine.indexOf(',"file_id"') + 1;
    const { text, items } = at(`${addedLine.slice(0, i)}"|${addedLine.slice(i)}`, 'log');
    const c = items.find((x) => x.label === 'company_name');
    assert.ok(c, 'company_name is proposed');
    assert.deepEqual(c.range, { offset: i, length: 1 });
    assert.equal(accept(text, c), addedLine.replace(',"file_id"', ',"company_name": "Example Company","file_id"'));
  });

  it('a new member after the last one, on its own line: the comma before it comes along', () => {
    const last = '"job_id": "73cac045-f288-4c5d-ab99-00f9670f8f5e"\n';
    const { text, items } = at(edit(addedShort, last, `${last}    "|\n`));
    const c = items.find((x) => x.label === 'company_name')!;
    assert.equal(accept(text, c), edit(addedShort, last, `${last.trimEnd()},\n    "company_name": "Example Company"\n`));
  });

  it('a key being renamed keeps its colon; a value being typed is replaced whole', () => {
    const { text, items } = at(addedLine.replace('"file_id"', '"fi|le_id"'), 'log');
    assert.equal(accept(text, items.find((x) => x.label === 'company_name')!), addedLine.replace('"file_id"', '"company_name"'));
    const s = at(stageLine.replace('"stage":"in_progress"', '"stage":"in_pro|gress"'), 'log');
    const done = s.items.find((x) => x.label === '"completed"');
    assert.ok(done);
    assert.equal(accept(s.text, done), stageLine.replace('"in_progress"', '"completed"'));
  });

  it('a blank document: a whole payload replaces the blanks of the cursor\'s line only (an editor completes on one line)', () => {
    const text = '\n  \r\n\n';
    for (let o = 0; o <= text.length; o++) {
      if (text[o - 1] === '\r' && text[o] === '\n') continue; // no cursor goes between \r and \n
      for (const c of complete(text, o, { fresh: FRESH })) {
        const line = /[^\r\n]*$/.exec(text.slice(0, o))![0].length;
        assert.deepEqual(c.range, { offset: o - line, length: /^[^\r\n]*/.exec(text.slice(o))![0].length + line }, `at ${o}`);
      }
    }
    assert.equal(complete(text, 3, { fresh: FRESH }).length, 24);
  });

  it('nothing in front of a value already there, between a key and its colon, or in a comment', () => {
    const none = (marked: string): Candidate[] => at(marked).items;
    assert.deepEqual(none('{"event": {"event_name": "job_retry_event", "merge": |false}}'), []);
    assert.deepEqual(none('{"event": {"event_name": "job_retry_event", "merge" |: false}}'), []);
    assert.deepEqual(none('{"event": {"event_name": "job_retry_event", /* "me| */ "merge": false}}'), []);
  });
});
