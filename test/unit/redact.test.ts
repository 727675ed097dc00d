// Redaction of the planted corpus (test/fixtures/secrets/, its README and manifest.json): after
// redactText, no planted value is left in any form a reader could recover it from, the output is
// still JSON / JSONL (ECMA-404: every record parses) with the same records, keys and key order,
// the cross-event findings sit on the same records, and a second redaction changes nothing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CROSS_EVENT_RULES, redactText, secretSpans, validate, type DocumentMode } from '../../src/core/index';
import { FIXTURES } from './helpers';

interface Entry { file: string; line: number; pointer: string; rule?: string; value: string }
const DIR = join(FIXTURES, 'secrets');
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as { planted: Entry[]; lookalikes: Entry[] };
const FILES = [...new Set([...manifest.planted, ...manifest.lookalikes].map((e) => e.file))];
const read = (file: string): string => readFileSync(join(DIR, file), 'utf8');
const modeOf = (file: string): DocumentMode => (file.endsWith('.jsonl') ? 'log' : 'document');
// A log whose job stories break every cross-event rule (test/fixtures/broken), with the planted
// log's records after it: its findings must stay where they were.
const STORY = readFileSync(join(FIXTURES, 'broken', 'job-story.alfred.jsonl'), 'utf8');
const MIXED = STORY + read('leaky.alfred.jsonl');
const SECRET_RULES = new Set(['signed-url', 'credential', 'personal-data']);

/** Every form a planted value could be read back from: as written, percent-decoded (once or twice), percent-encoded, JSON-escaped. */
function forms(value: string): string[] {
  const out = new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]);
  for (let v = value, i = 0; i < 2; i++) {
    try {
      v = decodeURIComponent(v);
    } catch {
      break;
    }
    out.add(v);
    out.add(JSON.stringify(v).slice(1, -1));
  }
  return [...out].filter((f) => f.length >= 6);
}

/** The records of a text: the document, or each non-blank line of a log, parsed (throws if one is no JSON). */
function records(text: string, mode: DocumentMode): unknown[] {
  return mode === 'log' ? text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown) : [JSON.parse(text)];
}

/** A value's shape: its keys in order and its non-string values, strings as their type. */
function shape(v: unknown): unknown {
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return v.map(shape);
  if (v && typeof v === 'object') return Object.entries(v).map(([k, x]) => [k, shape(x)]);
  return v;
}

describe('redact: the planted corpus', () => {
  for (const file of FILES) {
    describe(file, () => {
      const mode = modeOf(file);
      const before = read(file);
      const once = redactText(before, { mode, salt: 'corpus' });

      it('leaves none of the planted values, in any form, anywhere in the output', () => {
        for (const e of manifest.planted.filter((p) => p.file === file)) {
          for (const f of forms(e.value)) assert.ok(!once.text.includes(f), `${e.rule} ${e.pointer}: ${JSON.stringify(f)} is still there`);
        }
      });

      it('gives valid JSON with the same records, keys and key order, and numbers as they were', () => {
        const a = records(before, mode);
        const b = records(once.text, mode);
        assert.equal(b.length, a.length);
        assert.deepEqual(b.map(shape), a.map(shape));
        assert.equal(once.skipped, 0);
      });

      it('leaves nothing for the rules to find, and the lookalikes where they were unless they were ids', () => {
        assert.deepEqual(validate(once.text, { mode }).filter((d) => SECRET_RULES.has(d.code)).map((d) => `${d.range.start.line + 1} ${d.pointer} ${d.code}`), []);
        for (const l of manifest.lookalikes.filter((x) => x.file === file && !/^[0-9a-f]{8}-/.test(x.value) && x.pointer !== '/event/user_name')) {
          assert.ok(once.text.includes(l.value), `lookalike ${JSON.stringify(l.value)} was changed`);
        }
      });

      it('keeps every signed URL a valid URL (WHATWG), its other parameters as they were', () => {
        const a = records(before, mode);
        const b = records(once.text, mode);
        for (const e of manifest.planted.filter((p) => p.file === file && p.rule === 'signed-url')) {
          const get = (root: unknown): string => e.pointer.split('/').slice(1).reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], root) as string;
          const index = mode === 'log' ? before.split('\n').slice(0, e.line - 1).filter((l) => l.trim() !== '').length : 0;
          const was = new URL(get(a[index]));
          const now = new URL(get(b[index]));
          // A UUID in the path (the file's id) is that id's pseudonym; the rest of the path stays.
          const ids = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
          assert.equal(now.origin + now.pathname.replace(ids, 'ID'), was.origin + was.pathname.replace(ids, 'ID'));
          for (const id of now.pathname.match(ids) ?? []) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-8eda-/);
          assert.deepEqual([...now.searchParams.keys()], [...was.searchParams.keys()], 'the same parameters in the same order');
          for (const [k, v] of now.searchParams) if (v !== was.searchParams.get(k)) assert.match(v, /REDACTED/, `${k} changed to ${v}`);
        }
      });

      it('is idempotent: a second redaction, under any salt, gives the same bytes', () => {
        assert.equal(redactText(once.text, { mode, salt: 'corpus' }).text, once.text);
        assert.deepEqual(redactText(once.text, { mode, salt: 'another' }).edits, []);
      });

      it('gives the same bytes for the same salt, other pseudonyms for another', () => {
        assert.equal(redactText(before, { mode, salt: 'corpus' }).text, once.text);
        if (file !== 'handshake.alfred.json') assert.notEqual(redactText(before, { mode, salt: 'other' }).text, once.text);
      });
    });
  }

  it('replaces each kind by its placeholder, which the detection takes for one', () => {
    const field = (pointer: string) => ({ key: pointer.split('/').pop()!, pointer, freeText: true });
    const leaky = redactText(read('leaky.alfred.jsonl'), { mode: 'log', salt: 'k' }).text.split('\n');
    const content = (JSON.parse(leaky[4]!) as { event: { content: string } }).event.content;
    assert.ok(content.includes('redacted@example.com'), content);
    assert.ok(content.includes('(000) 000-0000'), 'a phone keeps its shape, every digit 0');
    assert.ok(content.includes('Basic REDACTED'));
    const errors = (JSON.parse(leaky[3]!) as { event: { error_messages: string[] } }).event.error_messages;
    assert.ok(errors[0]!.includes('Bearer REDACTED'), errors[0]);
    assert.ok(errors[2]!.includes('+00 00 0000 0000'), errors[2]);
    for (const v of [content, ...errors]) assert.deepEqual(secretSpans(v, field('/event/content')), []);
    const handshake = JSON.parse(redactText(read('handshake.alfred.json'), { mode: 'document', salt: 'k' }).text) as { token: string };
    assert.equal(handshake.token, 'REDACTED');
  });

  it('keeps the cross-event findings on the same records, with the same links', () => {
    const where = (text: string): string[] =>
      validate(text, { mode: 'log' })
        .filter((d) => CROSS_EVENT_RULES.has(d.code))
        .map((d) => `${d.range.start.line} ${d.code} ${d.pointer} → ${(d.related ?? []).map((r) => r.range.start.line).join(',')}`)
        .sort();
    const before = where(MIXED);
    assert.ok(before.length >= 6, before.join('\n'));
    for (const code of ['duplicate-event-id', 'retries-decreasing', 'event-after-end', 'multiple-ends', 'exceeded-retries-unmarked', 'stage-before-start']) {
      assert.ok(before.some((w) => w.includes(` ${code} `)), code);
    }
    const after = redactText(MIXED, { mode: 'log', salt: 'story' }).text;
    assert.deepEqual(where(after), before);
    // Every other finding too, but for the secrets, which are gone.
    const rest = (text: string): string[] => validate(text, { mode: 'log' }).filter((d) => !SECRET_RULES.has(d.code)).map((d) => `${d.range.start.line} ${d.code} ${d.pointer}`);
    assert.deepEqual(rest(after), rest(MIXED));
  });

  it('keeps a pretty-printed payload pretty and CRLF line ends CRLF', () => {
    const crlf = read('file-done-sas.alfred.json').replace(/\r?\n/g, '\r\n');
    const out = redactText(crlf, { mode: 'document', salt: 'k' }).text;
    assert.equal(out.split('\r\n').length, crlf.split('\r\n').length);
    assert.ok(!/[^\r]\n/.test(out));
    assert.deepEqual(out.split('\r\n').map((l) => /^\s*/.exec(l)![0]), crlf.split('\r\n').map((l) => /^\s*/.exec(l)![0]), 'the same indentation on every line');
    const log = read('leaky.alfred.jsonl').replace(/\n/g, '\r\n');
    assert.equal(redactText(log, { mode: 'log', salt: 'k' }).text, redactText(read('leaky.alfred.jsonl'), { mode: 'log', salt: 'k' }).text.replace(/\n/g, '\r\n'));
  });
});
