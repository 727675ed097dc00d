import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { secretSpans, validate, type SecretSpan } from '../../src/core/index';
import { FIXTURES } from './helpers';

/*
 * The planted corpus (test/fixtures/secrets/, README there): each planted value is found at its
 * pointer with its rule, exactly (the span is the value), and no lookalike is taken, neither by
 * the detectors nor by validate(). The manifest was written by hand from what each standard or
 * vendor documents, not from this code's output.
 */

interface Entry { file: string; line: number; pointer: string; rule?: string; value: string }
const DIR = join(FIXTURES, 'secrets');
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as { planted: Entry[]; lookalikes: Entry[] };
const text = (file: string): string => readFileSync(join(DIR, file), 'utf8');

/** The JSON value of one record of a file: the document, or a log's line (1-based). */
function record(file: string, line: number): unknown {
  return JSON.parse(file.endsWith('.jsonl') ? text(file).split('\n')[line - 1]! : text(file));
}

/** The string at an RFC 6901 pointer. */
function at(root: unknown, pointer: string): string {
  let v = root;
  for (const seg of pointer.split('/').slice(1)) v = (v as Record<string, unknown>)[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
  assert.equal(typeof v, 'string', pointer);
  return v as string;
}

/** Free text as the catalogue says (kind text or text-list), for the entries of the corpus. */
const FREE = /^\/event\/(metadata|content|description|error_messages\/\d+|user_name|name|value|company_name|tag_name|blob_name|file_name|new_file_directory)$/;

function spansAt(e: Entry): { value: string; spans: SecretSpan[] } {
  const value = at(record(e.file, e.line), e.pointer);
  const key = e.pointer.split('/').pop()!;
  return { value, spans: secretSpans(value, { key: /^\d+$/.test(key) ? '' : key, pointer: e.pointer, freeText: FREE.test(e.pointer) }) };
}

describe('the planted corpus', () => {
  it('has a dozen and more planted values of every rule, and as many lookalikes', () => {
    assert.ok(manifest.planted.length >= 12 && manifest.lookalikes.length >= manifest.planted.length - 2);
    assert.deepEqual([...new Set(manifest.planted.map((e) => e.rule))].sort(), ['credential', 'personal-data', 'signed-url']);
  });

  for (const e of manifest.planted) {
    it(`${e.rule} ${e.pointer} in ${e.file}:${e.line}: the span is the planted value`, () => {
      const { value, spans } = spansAt(e);
      const hits = spans.filter((s) => value.slice(s.start, s.end) === e.value);
      assert.equal(hits.length, 1, `${JSON.stringify(e.value)} not one span of ${JSON.stringify(spans.map((s) => value.slice(s.start, s.end)))}`);
      assert.equal(hits[0]!.rule, e.rule);
    });
  }

  for (const e of manifest.lookalikes) {
    it(`lookalike ${JSON.stringify(e.value).slice(0, 40)} at ${e.pointer} in ${e.file}:${e.line}: not flagged`, () => {
      const { value, spans } = spansAt(e);
      const from = value.indexOf(e.value);
      assert.ok(from >= 0);
      const to = from + e.value.length;
      assert.deepEqual(spans.filter((s) => s.start < to && s.end > from).map((s) => value.slice(s.start, s.end)), []);
    });
  }

  it('validate() reports each planted pointer with its rule, on its line, and nothing at a lookalike\'s pointer that holds only lookalikes', () => {
    for (const file of [...new Set(manifest.planted.map((e) => e.file))]) {
      const ds = validate(text(file), { mode: file.endsWith('.jsonl') ? 'log' : 'document' });
      const got = new Set(ds.map((d) => `${d.range.start.line + 1} ${d.pointer} ${d.code}`));
      const want = new Set(manifest.planted.filter((e) => e.file === file).map((e) => `${e.line} ${e.pointer} ${e.rule}`));
      assert.deepEqual([...got].sort(), [...want].sort(), file);
      for (const l of manifest.lookalikes.filter((e) => e.file === file && ![...want].some((w) => w.startsWith(`${e.line} ${e.pointer} `)))) {
        assert.ok(!ds.some((d) => d.pointer === l.pointer && d.range.start.line + 1 === l.line), `${l.pointer} flagged`);
      }
    }
  });
});
