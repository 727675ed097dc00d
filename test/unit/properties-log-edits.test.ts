import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as fc from 'fast-check';
import { applyEdits, complete, fixAll, fixesFor, validate, type Fresh } from '../../src/core/index';
import { accept, lineCount, syntaxErrors } from './completion-helpers';
import { FIXTURES, fixture } from './helpers';

/*
 * Everything the product inserts into a log stays on the record's line (README: a log holds one
 * event per line). Property-based (fast-check), with a fixed seed and a bounded number of runs.
 *
 * Generated logs: example records, some with members dropped, the event emptied, a key
 * misspelt, a value quoted, a time in milliseconds, a trailing comma or a comment; written
 * compact or with blanks, with \n, \r\n or a lone \r, and blank lines between. In them:
 * - accepting any completion, at any offset, after typing nothing, a quote, or a brace, never
 *   changes the number of lines, and leaves no syntax error the log did not have before typing;
 * - applying any quick fix of any diagnostic, "Fix all" and "Fix all" of each rule never changes
 *   the number of lines, and a record that was one valid JSON line stays one.
 */

const RUN = { seed: 42, numRuns: 150 } as const;

const RECORDS: unknown[] = [
  ...readdirSync(join(FIXTURES, 'examples')).filter((f) => f.endsWith('.alfred.json')).sort().map((f) => JSON.parse(fixture('examples', f)) as unknown),
  ...fixture('examples', 'jobs.alfred.jsonl').split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 6).map((l) => JSON.parse(l) as unknown),
];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const CHANGES = ['drop', 'drop-event-member', 'empty-event', 'misspell', 'quote', 'milliseconds', 'none'] as const;

/** One change to a record's value, chosen by `kind` and placed by `n`. */
function change(record: unknown, kind: (typeof CHANGES)[number], n: number): unknown {
  const doc = JSON.parse(JSON.stringify(record)) as Obj;
  const ev = isObj(doc.event) ? doc.event : undefined;
  const pick = (o: Obj): string | undefined => Object.keys(o)[n % Math.max(1, Object.keys(o).length)];
  switch (kind) {
    case 'drop': {
      const k = pick(doc);
      if (k !== undefined) delete doc[k];
      break;
    }
    case 'drop-event-member': {
      const k = ev && pick(ev);
      if (ev && k !== undefined) delete ev[k];
      break;
    }
    case 'empty-event':
      doc.event = {};
      break;
    case 'misspell': {
      const o = ev ?? doc;
      const k = pick(o);
      if (k === undefined || k.length < 3) break;
      return JSON.parse(JSON.stringify(doc).replace(`"${k}":`, `"${k.slice(0, 1)}${k.slice(2)}":`)) as unknown;
    }
    case 'quote': {
      const o = ev ?? doc;
      const k = Object.keys(o).find((x) => typeof o[x] === 'number' || typeof o[x] === 'boolean');
      if (k !== undefined) o[k] = String(o[k]);
      break;
    }
    case 'milliseconds':
      if (typeof doc.event_time === 'number') doc.event_time = Math.round(doc.event_time * 1000);
      break;
    case 'none':
      break;
  }
  return doc;
}

/** A record on one line: compact, or with a blank after each colon and comma. */
function line(value: unknown, spaced: boolean, syntax: number): string {
  // JSON.stringify writes no raw line break inside a string, so joining its lines is safe.
  let out = spaced ? JSON.stringify(value, null, 1).replace(/\n\s*/g, ' ') : JSON.stringify(value);
  if (syntax === 1) out = out.replace(/\}$/, ',}');
  if (syntax === 2) out = out.replace(/^\{/, '{/* note */');
  if (syntax === 3) out += ' // note';
  return out;
}

const LOG = fc
  .record({
    records: fc.array(
      fc.record({ base: fc.nat(), kind: fc.constantFrom(...CHANGES), n: fc.nat(), spaced: fc.boolean(), syntax: fc.nat({ max: 6 }) }),
      { minLength: 1, maxLength: 4 },
    ),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    blanks: fc.array(fc.constantFrom('', '  ', '\t'), { maxLength: 2 }),
    final: fc.boolean(),
  })
  .map(({ records, eol, blanks, final }) => {
    const lines = records.map((r) => line(change(RECORDS[r.base % RECORDS.length], r.kind, r.n), r.spaced, r.syntax));
    blanks.forEach((b, i) => lines.splice((i * 2) % (lines.length + 1), 0, b));
    return lines.join(eol) + (final ? eol : '');
  });

/** An offset an editor can put the cursor at: never between \r and \n. */
function cursor(text: string, n: number): number {
  const o = n % (text.length + 1);
  return text[o - 1] === '\r' && text[o] === '\n' ? o - 1 : o;
}

function fresh(): Fresh {
  let n = 0;
  return { uuid: () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`, now: () => new Date('2024-06-07T16:00:00Z') };
}

/** The lines of a log that are one valid JSON text each, by index. */
function validLines(text: string): Set<number> {
  const out = new Set<number>();
  text.split(/\r\n|\r|\n/).forEach((l, i) => {
    if (l.trim() !== '' && syntaxErrors(l) === 0) out.add(i);
  });
  return out;
}

describe('property: what the product inserts into a log stays on the record\'s line', () => {
  it('any completion at any offset, after typing nothing, a quote or a brace', () => {
    let accepted = 0;
    const kinds = new Set<string>();
    fc.assert(
      fc.property(LOG, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (log, spots) => {
        for (const n of spots) {
          const o = cursor(log, n);
          for (const typed of ['', '"', '{']) {
            const text = log.slice(0, o) + typed + log.slice(o);
            const at = o + typed.length;
            for (const c of complete(text, at, { mode: 'log', fresh: fresh() })) {
              const out = accept(text, c);
              const where = `${JSON.stringify(text.slice(Math.max(0, at - 30), at))}|${JSON.stringify(text.slice(at, at + 30))}, ${c.label}`;
              assert.equal(lineCount(out), lineCount(text), `${where}: lines changed:\n${out}`);
              // Typing a brace starts something new; nothing or a quote starts a token that the
              // completion finishes, so the log is as sound as before the user typed.
              if (typed !== '{') assert.ok(syntaxErrors(out, 'log') <= syntaxErrors(log, 'log'), `${where}: a new syntax error:\n${out}`);
              accepted++;
              kinds.add(c.kind);
            }
          }
        }
      }),
      RUN,
    );
    assert.ok(accepted > 1000, `only ${accepted} completions accepted`);
    // Whole payloads on blank lines, members with their values, values alone: all were tried.
    assert.deepEqual([...kinds].sort(), ['event', 'payload', 'property', 'value']);
  });

  it('any quick fix of any diagnostic, fix all, and fix all of each rule', () => {
    let applied = 0;
    const codes = new Set<string>();
    fc.assert(
      fc.property(LOG, (log) => {
        const lines = lineCount(log);
        const valid = validLines(log);
        const check = (what: string, out: string): void => {
          assert.equal(lineCount(out), lines, `${what}: lines changed:\n${out}`);
          const now = validLines(out);
          for (const i of valid) assert.ok(now.has(i), `${what}: line ${i} is no longer one valid JSON text:\n${out}`);
          applied++;
        };
        const ds = validate(log, { mode: 'log' });
        for (const d of ds) {
          for (const f of fixesFor(log, d, { mode: 'log', fresh: fresh() })) {
            codes.add(d.code);
            check(`${d.code} at ${d.record ?? ''}${d.pointer}: ${f.title}`, applyEdits(log, f.edits));
          }
        }
        check('fix all', applyEdits(log, fixAll(log, { mode: 'log', fresh: fresh() })));
        for (const code of new Set(ds.map((d) => d.code))) check(`fix all ${code}`, applyEdits(log, fixAll(log, { mode: 'log', only: code, fresh: fresh() })));
      }),
      RUN,
    );
    assert.ok(applied > 500, `only ${applied} fixes applied`);
    for (const code of ['missing-field', 'missing-envelope-field', 'unknown-field', 'string-encoded-value', 'timestamp-in-milliseconds', 'json-syntax']) {
      assert.ok(codes.has(code), `no fix of ${code} was applied`);
    }
  });
});
