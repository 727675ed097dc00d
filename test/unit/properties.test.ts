import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as fc from 'fast-check';
import { parse as parseLenient } from 'jsonc-parser';
import {
  applyEdits, fixAll, fixesFor, validate,
  type Diagnostic, type DocumentMode, type Fix, type Fresh, type Position, type TextEdit,
} from '../../src/core/index';
import { FIXTURES, fixture } from './helpers';

/*
 * Property-based tests (fast-check). Every property runs with a fixed seed and a bounded number
 * of runs, so a failure reproduces exactly; fast-check prints the shrunk counterexample.
 */

/** Fixed seed and run count for every property. */
const RUN = { seed: 42, numRuns: 200 } as const;
/** The fix properties are cheap and have many rules to reach: more runs, same seed. */
const RUN_FIXES = { seed: 42, numRuns: 500 } as const;

// ---------------------------------------------------------------------------------------------
// Inputs: the example payloads

interface Example {
  name: string;
  text: string;
  value: Record<string, unknown>;
}

const EXAMPLES: Example[] = readdirSync(join(FIXTURES, 'examples'))
  .filter((f) => f.endsWith('.alfred.json'))
  .sort()
  .map((f) => {
    const text = fixture('examples', f);
    return { name: f.replace(/\.alfred\.json$/, ''), text, value: JSON.parse(text) as Record<string, unknown> };
  });

/** The records of the example log, one compact line each. */
const LOG_LINES: string[] = fixture('examples', 'jobs.alfred.jsonl').split(/\r?\n/).filter((l) => l.trim() !== '');

/** Examples that some mutations need (an alias, a stage, retries), drawn more often than the rest. */
const INTERESTING = ['file_added_to_job_event', 'job_stage_update_event', 'job_exceeded_retries_event', 'job_retry_event', 'job_failed_event'];

const anyExample = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...EXAMPLES) },
  { weight: 1, arbitrary: fc.constantFrom(...EXAMPLES.filter((e) => INTERESTING.includes(e.name))) },
);

/** Codes of the checks across a log's records; the others judge one record alone. */
const CROSS_EVENT = new Set(['duplicate-event-id', 'retries-decreasing', 'event-after-end', 'multiple-ends', 'exceeded-retries-unmarked', 'stage-before-start']);

/** Deterministic fresh values for fixes: unique hex UUIDs, a fixed clock. */
function freshValues(): Fresh {
  let n = 0;
  return {
    uuid: () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`,
    now: () => new Date('2024-06-07T16:00:00Z'),
  };
}

/** A unique hex UUID per index (and group), for generated logs. */
const uuidOf = (i: number, salt: number, group = 1): string => `${salt.toString(16).padStart(8, '0')}-${String(group).repeat(4)}-4111-8111-${i.toString(16).padStart(12, '0')}`;

const UUID = /^[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}$/i;

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// ---------------------------------------------------------------------------------------------
// Reference positions: line breaks are \n, \r\n and a lone \r (as VS Code counts them)

function positionOf(text: string, offset: number): Position {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      start = i + 1;
    } else if (c === '\r') {
      if (text[i + 1] === '\n') {
        // The break ends after the \n; an offset between \r and \n is still on this line.
        if (i + 2 <= offset) {
          line++;
          start = i + 2;
        }
        i++;
      } else {
        line++;
        start = i + 1;
      }
    }
  }
  return { line, character: offset - start };
}

function assertSpan(text: string, what: string, span: { offset: number; length: number; range: { start: Position; end: Position } }): void {
  const { offset, length, range } = span;
  assert.ok(Number.isInteger(offset) && Number.isInteger(length), `${what}: integer offset/length`);
  assert.ok(offset >= 0 && length >= 0 && offset + length <= text.length, `${what}: [${offset}, ${offset + length}) lies outside the text of ${text.length}`);
  assert.deepEqual(range.start, positionOf(text, offset), `${what}: range.start`);
  assert.deepEqual(range.end, positionOf(text, offset + length), `${what}: range.end`);
}

/** The non-blank lines of a log, as [start, end) without the line break. */
function recordLines(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const breaks = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = breaks.exec(text); ; m = breaks.exec(text)) {
    const end = m ? m.index : text.length;
    if (text.slice(start, end).trim() !== '') out.push({ start, end });
    if (!m) return out;
    start = m.index + m[0].length;
  }
}

function assertDiagnosticsInside(text: string, ds: readonly Diagnostic[], mode: DocumentMode = 'document'): void {
  const records = mode === 'log' ? recordLines(text.replace(/^\ufeff/, ' ')) : undefined;
  for (const d of ds) {
    const what = `${d.code} at ${d.record ?? ''}${JSON.stringify(d.pointer)}`;
    assertSpan(text, what, d);
    for (const r of d.related ?? []) if (!r.uri) assertSpan(text, `${what}, related`, r);
    // A log record's diagnostic stays on the record's line.
    if (records) {
      assert.equal(typeof d.record, 'number', `${what}: no record number in a log`);
      const line = records[d.record!];
      assert.ok(line, `${what}: no record ${d.record}`);
      assert.ok(d.offset >= line.start && d.offset + d.length <= line.end, `${what}: [${d.offset}, ${d.offset + d.length}) is not on its record's line [${line.start}, ${line.end})`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Arbitrary texts

/** Characters that make JSON (and break it), line breaks of every kind, and some non-ASCII. */
const JSON_UNIT = fc.constantFrom(
  '{', '}', '[', ']', '"', ':', ',', '\\', ' ', '\t', '\n', '\r', '\r\n', '0', '1', '9', '.', '-', '+', 'e', 'E',
  't', 'r', 'u', 'e', 'f', 'a', 'l', 's', 'n', '/', '*', 'x', 'é', '\u2028', '\ufeff', '\ud83d\ude00', '\ud800', '\u0000',
);

const EOL = fc.constantFrom('\n', '\r\n', '\r');
const INDENT = fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constant('\t'));

/** Random insertions and deletions. */
const EDITS = fc.array(
  fc.record({
    at: fc.nat(),
    del: fc.nat({ max: 4 }),
    ins: fc.oneof(fc.string({ unit: JSON_UNIT, maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 2 })),
  }),
  { minLength: 1, maxLength: 6 },
);

function mutate(text: string, edits: readonly { at: number; del: number; ins: string }[]): string {
  let out = text;
  for (const e of edits) {
    const at = e.at % (out.length + 1);
    out = out.slice(0, at) + e.ins + out.slice(at + e.del);
  }
  return out;
}

const mutated = (base: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.tuple(base, EDITS).map(([t, e]) => mutate(t, e));

/** Example payloads: pretty, compact, with any indentation and line breaks. */
const exampleText = fc.tuple(anyExample, INDENT, EOL).map(([ex, indent, eol]) => JSON.stringify(ex.value, null, indent).replace(/\n/g, eol));

/** Logs of several compact records and blank lines, with any line breaks. */
const logText = fc.tuple(fc.array(fc.constantFrom(...LOG_LINES, ''), { minLength: 1, maxLength: 8 }), EOL).map(([lines, eol]) => lines.join(eol));

/** Token soup: JSON's tokens, comments and line breaks in any order. */
const TOKENS = fc
  .array(fc.constantFrom('{', '}', '[', ']', ':', ',', '"a"', '"event"', '1', '-0.5e3', 'true', 'null', '/*', '*/', '//', ' ', '\n', '\r\n', '\r', '"', '\\'), { maxLength: 30 })
  .map((ts) => ts.join(''));

const anyText = fc.oneof(
  TOKENS,
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: JSON_UNIT, maxLength: 200 }),
  fc.json(),
  mutated(fc.json()),
  mutated(fc.tuple(fc.json(), INDENT, EOL).map(([j, indent, eol]) => JSON.stringify(JSON.parse(j), null, indent).replace(/\n/g, eol))),
  mutated(exampleText),
  mutated(logText),
  fc.tuple(fc.constantFrom('\ufeff', ''), exampleText).map(([bom, t]) => bom + t),
);

// ---------------------------------------------------------------------------------------------
// Mutations that have fixes (for properties 3 and 4)

type Json = Record<string, unknown>;

const KINDS = [
  'string-encode', 'milliseconds', 'misspell-event-name', 'alias', 'type-mismatch', 'unknown-stage', 'retry-inconsistent',
  'invalid-uuid', 'misspell-key', 'misspell-key-twice', 'unknown-key', 'drop-key', 'duplicate-key', 'empty-object',
] as const;
type Kind = (typeof KINDS)[number];

interface Mutation {
  kind: Kind;
  a: number;
  b: number;
}

const MUTATION: fc.Arbitrary<Mutation> = fc.record({ kind: fc.constantFrom(...KINDS), a: fc.nat(), b: fc.nat() });

/** A misspelling of `s`: a character dropped, two swapped or one doubled. */
function typo(s: string, a: number, b: number): string {
  if (s.length < 2) return s + 'x';
  const i = a % (s.length - 1);
  switch (b % 3) {
    case 0: return s.slice(0, i) + s.slice(i + 1);
    case 1: return s.slice(0, i) + s[i + 1]! + s[i]! + s.slice(i + 2);
    default: return s.slice(0, i) + s[i]! + s.slice(i);
  }
}

/** Rebuilds an object with `entries` in order (keeps key order, which JSON.stringify follows). */
const fromEntries = (entries: [string, unknown][]): Json => Object.fromEntries(entries);

/** The object a mutation works on: the envelope, or (usually) the inner event. */
function target(doc: Json, b: number): { get: () => Json; set: (o: Json) => void } {
  const ev = doc.event;
  if (isPlainObject(ev) && b % 3 !== 0) return { get: () => doc.event as Json, set: (o) => (doc.event = o) };
  return { get: () => doc, set: (o) => { for (const k of Object.keys(doc)) delete doc[k]; Object.assign(doc, o); } };
}

/** Marks a key to become a repeat of an existing one once serialised (JSON.stringify cannot repeat keys). */
const DUP = '\u0001DUP';

function applyMutation(doc: Json, m: Mutation, n: number): void {
  const ev = isPlainObject(doc.event) ? doc.event : undefined;
  const t = target(doc, m.b);
  const obj = t.get();
  const keys = Object.keys(obj).filter((k) => !k.includes(DUP));
  const key = keys.length > 0 ? keys[m.a % keys.length]! : undefined;
  switch (m.kind) {
    case 'string-encode': {
      const scalars = keys.filter((k) => typeof obj[k] === 'number' || typeof obj[k] === 'boolean');
      const k = scalars[m.a % Math.max(1, scalars.length)];
      if (k !== undefined) obj[k] = String(obj[k]);
      return;
    }
    case 'milliseconds': {
      const seconds = Number(doc.event_time);
      if ('event_time' in doc && Number.isFinite(seconds)) {
        const ms = Math.round(seconds * 1000);
        doc.event_time = m.b % 2 === 0 ? ms : String(ms);
      }
      return;
    }
    case 'misspell-event-name':
      if (ev && typeof ev.event_name === 'string') ev.event_name = typo(ev.event_name, m.a, m.b);
      return;
    case 'alias':
      if (ev?.event_name === 'file_added_to_job_event') ev.event_name = 'file_add_to_job_event';
      return;
    case 'type-mismatch': {
      const holder = m.b % 2 === 0 || !ev ? doc : ev;
      if (typeof holder.event_type === 'string') holder.event_type = holder.event_type === 'job_event_type' ? 'file_event_type' : 'job_event_type';
      return;
    }
    case 'unknown-stage':
      if (ev && typeof ev.stage === 'string') ev.stage = m.b % 4 === 0 ? 'processing' : typo(ev.stage, m.a, m.b);
      return;
    case 'retry-inconsistent':
      if (ev && 'exceeded_retries' in ev) {
        if (ev.event_name === 'job_exceeded_retries_event') ev.exceeded_retries = false;
        else {
          ev.exceeded_retries = true;
          ev.retries = 0;
        }
      }
      return;
    case 'invalid-uuid': {
      const ids = keys.filter((k) => typeof obj[k] === 'string' && UUID.test(obj[k]));
      const k = ids[m.a % Math.max(1, ids.length)];
      if (k !== undefined) {
        const s = obj[k] as string;
        const i = m.b % s.length;
        obj[k] = s.slice(0, i) + (s[i] === '-' ? 'q' : 'z') + s.slice(i + 1);
      }
      return;
    }
    case 'misspell-key': {
      if (key === undefined) return;
      const to = typo(key, m.a >> 3, m.b);
      if (to === key || to in obj || to === '') return;
      t.set(fromEntries(Object.entries(obj).map(([k, v]) => [k === key ? to : k, v])));
      return;
    }
    case 'misspell-key-twice': {
      // Two misspellings of one key, which is missing: both name it as the closest.
      if (key === undefined) return;
      const one = typo(key, m.a >> 3, m.b);
      const two = typo(key, (m.a >> 3) + 1, m.b + 1);
      if (one === key || two === key || one === two || one in obj || two in obj || one === '' || two === '') return;
      const entries = Object.entries(obj).map(([k, v]): [string, unknown] => [k === key ? one : k, v]);
      entries.splice(m.b % (entries.length + 1), 0, [two, clone(obj[key])]);
      t.set(fromEntries(entries));
      return;
    }
    case 'unknown-key': {
      const entries = Object.entries(obj);
      entries.splice(m.a % (entries.length + 1), 0, [`priority${n}`, m.b % 2 === 0 ? 'high' : m.b]);
      t.set(fromEntries(entries));
      return;
    }
    case 'drop-key':
      if (key !== undefined) delete obj[key];
      return;
    case 'empty-object':
      t.set({});
      return;
    case 'duplicate-key': {
      if (key === undefined) return;
      const entries = Object.entries(obj);
      const value = m.b % 2 === 0 ? clone(obj[key]) : `other ${String(m.b)}`;
      entries.splice(m.b % (entries.length + 1), 0, [`${key}${DUP}${n}`, value]);
      t.set(fromEntries(entries));
      return;
    }
  }
}

/** Serialises a mutated payload, turning the marked keys into real repeats. */
function serialise(doc: Json, indent: number | string, eol: string): string {
  return JSON.stringify(doc, null, indent).replace(/\\u0001DUP\d+"/g, '"').replace(/\n/g, eol);
}

/** Offsets of a text's structural characters (outside strings). */
function structure(text: string): { ch: string; at: number }[] {
  const out: { ch: string; at: number }[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if ('{}[],:'.includes(c)) out.push({ ch: c, at: i });
  }
  return out;
}

type Syntax = { kind: 'none' } | { kind: 'trailing-comma' | 'block-comment' | 'line-comment'; a: number };

const SYNTAX: fc.Arbitrary<Syntax> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Syntax>({ kind: 'none' }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('trailing-comma' as const, 'block-comment' as const, 'line-comment' as const), a: fc.nat() }) },
);

/** At most one syntax mistake with a fix: a trailing comma or a comment, at a structural place. */
function applySyntax(text: string, s: Syntax, eol: string, oneLine: boolean): string {
  if (s.kind === 'none') return text;
  const st = structure(text);
  if (s.kind === 'trailing-comma') {
    // After the last member of a non-empty object or array.
    const spots = st.filter((x) => (x.ch === '}' || x.ch === ']') && !'{[,'.includes(text.slice(0, x.at).trimEnd().slice(-1)));
    const spot = spots[s.a % Math.max(1, spots.length)];
    if (!spot) return text;
    const end = text.slice(0, spot.at).trimEnd().length;
    return text.slice(0, end) + ',' + text.slice(end);
  }
  const commas = st.filter((x) => x.ch === ',' || x.ch === '{');
  const spot = commas[s.a % Math.max(1, commas.length)];
  if (!spot) return text;
  const comment = s.kind === 'line-comment' && !oneLine ? `// note${eol}` : '/* note */';
  return text.slice(0, spot.at + 1) + comment + text.slice(spot.at + 1);
}

/** Extra blanks beside structural characters: `"a" : 1`, `[ 1 ,2 ]`, a member on its own line… */
function jitter(text: string, picks: readonly number[], eol: string, oneLine: boolean): string {
  const st = structure(text);
  if (st.length === 0) return text;
  const blanks = oneLine ? [' ', '  ', '\t'] : [' ', '\t', eol, `${eol}  `, `${eol}\t\t`];
  const at = picks.map((p) => ({ offset: st[p % st.length]!.at + ((p >> 8) % 2), ws: blanks[(p >> 9) % blanks.length]! }));
  let out = text;
  for (const x of at.sort((a, b) => b.offset - a.offset)) out = out.slice(0, x.offset) + x.ws + out.slice(x.offset);
  return out;
}

interface Case {
  mode: DocumentMode;
  text: string;
}

/** Payloads with 1 to 4 fixable problems (and maybe one syntax mistake), as a document or a log record. */
const fixable: fc.Arbitrary<Case> = fc
  .record({
    ex: anyExample,
    mutations: fc.array(MUTATION, { minLength: 1, maxLength: 4 }),
    syntax: SYNTAX,
    indent: INDENT,
    eol: EOL,
    log: fc.boolean(),
    others: fc.array(fc.constantFrom(...LOG_LINES), { maxLength: 4 }),
    at: fc.nat(),
    blanks: fc.array(fc.nat(), { maxLength: 6 }),
  })
  .map(({ ex, mutations, syntax, indent, eol, log, others, at, blanks }) => {
    const doc = clone(ex.value);
    mutations.forEach((m, i) => applyMutation(doc, m, i));
    if (!log) return { mode: 'document' as const, text: applySyntax(jitter(serialise(doc, indent, eol), blanks, eol, indent === 0), syntax, eol, indent === 0) };
    const record = applySyntax(jitter(serialise(doc, 0, eol), blanks, eol, true), syntax, eol, true);
    const lines = [...others];
    lines.splice(at % (lines.length + 1), 0, record);
    return { mode: 'log' as const, text: lines.join(eol) };
  });

// ---------------------------------------------------------------------------------------------
// Checking a fix

/** The records of a text as values, or undefined when one is not strict JSON. */
function parseRecords(text: string, mode: DocumentMode): unknown[] | undefined {
  try {
    if (mode === 'document') return [JSON.parse(text) as unknown];
    return text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
  } catch {
    return undefined;
  }
}

/** Paths (as arrays) where two JSON values differ: a key only in one, or a different leaf. */
function differences(a: unknown, b: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!Object.hasOwn(a, k) || !Object.hasOwn(b, k)) out.push([...path, k]);
      else differences(a[k], b[k], [...path, k], out);
    }
  } else if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, i) => differences(x, b[i], [...path, i], out));
  } else if (JSON.stringify(a) !== JSON.stringify(b)) out.push(path);
  return out;
}

const pathOf = (pointer: string): string[] => (pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')));
const startsWith = (p: (string | number)[], prefix: string[]): boolean => prefix.every((s, i) => String(p[i]) === s);

const sameProblem = (d: Diagnostic) => (x: Diagnostic): boolean => x.code === d.code && x.pointer === d.pointer && x.record === d.record;

function checkFix(c: Case, before: readonly Diagnostic[], d: Diagnostic, fix: Fix): void {
  const { text, mode } = c;
  const what = `${d.code} at ${d.record ?? ''}${d.pointer}, fix "${fix.title}"`;
  const edits: TextEdit[] = fix.edits;
  assert.ok(edits.length > 0, `${what}: no edits`);
  const sorted = [...edits].sort((x, y) => x.offset - y.offset);
  sorted.forEach((e, i) => {
    assert.ok(e.offset >= 0 && e.length >= 0 && e.offset + e.length <= text.length, `${what}: edit outside the text`);
    const next = sorted[i + 1];
    if (next) assert.ok(e.offset + e.length <= next.offset && e.offset !== next.offset, `${what}: overlapping edits`);
  });
  const out = applyEdits(text, edits);

  // New text breaks lines as the document does (\n, \r\n or a lone \r).
  const breaks = (t: string): Set<string> => new Set(t.match(/\r\n|\r|\n/g) ?? []);
  const ours = breaks(text);
  for (const e of edits) for (const b of breaks(e.newText)) assert.ok(ours.has(b), `${what}: inserts ${JSON.stringify(b)} into a text that breaks lines with ${JSON.stringify([...ours])}`);

  // Byte-identical before the first edit and after the last one.
  const lo = sorted[0]!.offset;
  const hi = Math.max(...sorted.map((e) => e.offset + e.length));
  assert.equal(out.slice(0, lo), text.slice(0, lo), `${what}: text before the edit changed`);
  assert.equal(out.slice(out.length - (text.length - hi)), text.slice(hi), `${what}: text after the edit changed`);

  // Valid JSON afterwards: always when it was before, and once its only syntax mistake is fixed.
  const was = parseRecords(text, mode);
  const now = parseRecords(out, mode);
  const syntaxBefore = before.filter((x) => x.code === 'json-syntax').length;
  if (was || (d.code === 'json-syntax' && syntaxBefore === 1)) assert.ok(now, `${what}: not valid JSON afterwards:\n${out}`);

  // The problem is gone (one fewer of that code at that pointer: a key may repeat twice). But a
  // fix of a repeated member (an unknown key written twice) handles one copy: the other remains.
  const after = validate(out, { mode });
  const repeated = d.code !== 'duplicate-key' && before.some((x) => x.code === 'duplicate-key' && x.record === d.record && x.pointer === d.pointer);
  if (!repeated) assert.ok(after.filter(sameProblem(d)).length < before.filter(sameProblem(d)).length, `${what}: still reported in\n${out}`);
  assert.ok(after.filter((x) => x.code === 'json-syntax').length <= syntaxBefore, `${what}: a new syntax error`);

  // Every other value unchanged: values differ only where the diagnostic points (for a renamed
  // key, also at the new name; for added members, only at members that were missing).
  if (!now) return;
  const oldValues = was ?? (mode === 'document' ? [parseLenient(text, [], { allowTrailingComma: true })] : undefined);
  if (!oldValues) return;
  assert.equal(now.length, oldValues.length, `${what}: number of records changed`);
  const record = d.record ?? 0;
  const path = pathOf(d.pointer);
  const parent = path.slice(0, -1);
  oldValues.forEach((old, i) => {
    const diffs = differences(old, now[i]);
    if (i !== record || d.code === 'json-syntax') {
      assert.deepEqual(diffs, [], `${what}: values changed in record ${i}`);
      return;
    }
    for (const p of diffs) {
      const ok =
        startsWith(p, path) ||
        (d.code === 'unknown-field' && p.length === path.length && startsWith(p, parent) && (d.suggestions ?? []).includes(String(p[p.length - 1]))) ||
        ((d.code === 'missing-field' || d.code === 'missing-envelope-field') && p.length === path.length && startsWith(p, parent) && !hasPath(old, p));
      assert.ok(ok, `${what}: value at /${p.join('/')} changed`);
    }
  });
}

function hasPath(v: unknown, p: (string | number)[]): boolean {
  let cur = v;
  for (const s of p) {
    if (!isPlainObject(cur) || !Object.hasOwn(cur, s)) return false;
    cur = cur[s];
  }
  return true;
}

// ---------------------------------------------------------------------------------------------

describe('property: validate never throws and places every diagnostic inside the text', () => {
  it('any string, as a document and as a log', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        assertDiagnosticsInside(text, validate(text));
        assertDiagnosticsInside(text, validate(text, { mode: 'log' }), 'log');
      }),
      RUN,
    );
  });

  it('any string: fixes and fix all never throw, and edit only inside the text', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom<DocumentMode>('document', 'log'), (text, mode) => {
        const inside = (what: string, edits: readonly TextEdit[]): void => {
          const sorted = [...edits].sort((x, y) => x.offset - y.offset);
          sorted.forEach((e, i) => {
            assert.ok(e.offset >= 0 && e.length >= 0 && e.offset + e.length <= text.length, `${what}: edit [${e.offset}, ${e.offset + e.length}) outside the text`);
            const next = sorted[i + 1];
            if (next) assert.ok(e.offset + e.length <= next.offset && e.offset !== next.offset, `${what}: overlapping edits`);
          });
        };
        for (const d of validate(text, { mode })) {
          for (const f of fixesFor(text, d, { mode, fresh: freshValues() })) inside(`${d.code}: ${f.title}`, f.edits);
        }
        inside('fix all', fixAll(text, { mode }));
      }),
      RUN,
    );
  });

  it('the reference positions agree with hand-counted ones', () => {
    const text = 'a\nb\r\nc\rd';
    assert.deepEqual([0, 2, 3, 4, 5, 7, 8].map((o) => positionOf(text, o)), [
      { line: 0, character: 0 }, { line: 1, character: 0 }, { line: 1, character: 1 }, { line: 1, character: 2 },
      { line: 2, character: 0 }, { line: 3, character: 0 }, { line: 3, character: 1 },
    ]);
  });
});

describe('property: valid payloads stay valid however they are serialised', () => {
  it('any indentation, line breaks and key order of the envelope and the event', () => {
    const arb = anyExample.chain((ex) => {
      const top = Object.keys(ex.value);
      const inner = isPlainObject(ex.value.event) ? Object.keys(ex.value.event) : [];
      return fc.record({
        ex: fc.constant(ex),
        top: fc.shuffledSubarray(top, { minLength: top.length, maxLength: top.length }),
        inner: fc.shuffledSubarray(inner, { minLength: inner.length, maxLength: inner.length }),
        indent: INDENT,
        eol: EOL,
      });
    });
    fc.assert(
      fc.property(arb, ({ ex, top, inner, indent, eol }) => {
        const ev = ex.value.event;
        const value = Object.fromEntries(top.map((k) => [k, k === 'event' && isPlainObject(ev) ? Object.fromEntries(inner.map((j) => [j, ev[j]])) : ex.value[k]]));
        const text = JSON.stringify(value, null, indent).replace(/\n/g, eol);
        assert.deepEqual(validate(text), [], text);
        if (indent === 0) assert.deepEqual(validate(text, { mode: 'log' }), [], text);
      }),
      RUN,
    );
  });

  /** A log of compact example records, each with a fresh event_id (and, with `alone`, fresh ids throughout). */
  const generatedLog = (alone: boolean): fc.Arbitrary<string> =>
    fc
      .tuple(
        fc.array(fc.oneof(fc.constantFrom(...EXAMPLES.map((e) => e.value)), fc.constantFrom(...LOG_LINES.map((l) => JSON.parse(l) as Json))), { minLength: 1, maxLength: 12 }),
        fc.array(fc.constantFrom(0, 0, 0, 1, 2), { minLength: 13, maxLength: 13 }),
        EOL,
        fc.nat(),
      )
      .map(([records, blanks, eol, salt]) => {
        let fresh = 0;
        return records
          .map((r, i) => {
            const value = clone(r);
            if ('event_id' in value) value.event_id = uuidOf(i, salt);
            let text = JSON.stringify(value);
            // Every other id fresh too (each distinct one its own): each record is its own job and file.
            if (alone) {
              const ids = new Map<string, string>();
              text = text.replace(/"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"/g, (quoted, id: string) => {
                if (id === value.event_id) return quoted;
                if (!ids.has(id)) ids.set(id, uuidOf(fresh++, salt, 2));
                return `"${ids.get(id)!}"`;
              });
            }
            return eol.repeat(blanks[i]!) + text;
          })
          .join(eol);
      });

  it('a log of example records with fresh event ids: no per-record diagnostic', () => {
    fc.assert(
      fc.property(generatedLog(false), (text) => {
        const ds = validate(text, { mode: 'log' });
        assert.deepEqual(ds.filter((d) => !CROSS_EVENT.has(d.code)), [], text);
      }),
      RUN,
    );
  });

  it('a log of example records, each with ids of its own: no diagnostic at all', () => {
    fc.assert(
      fc.property(generatedLog(true), (text) => {
        assert.deepEqual(validate(text, { mode: 'log' }), [], text);
      }),
      RUN,
    );
  });
});

describe('property: a quick fix removes its problem and changes nothing else', () => {
  it('every fix of every diagnostic of a payload with fixable problems', () => {
    let fixed = 0;
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(fixable, (c) => {
        const before = validate(c.text, { mode: c.mode });
        for (const d of before) {
          const fixes = fixesFor(c.text, d, { mode: c.mode, fresh: freshValues() });
          for (const fix of fixes) {
            checkFix(c, before, d, fix);
            fixed++;
            seen.set(d.code, (seen.get(d.code) ?? 0) + 1);
          }
        }
      }),
      RUN_FIXES,
    );
    // The generator does reach the rules with fixes.
    assert.ok(fixed > 200, `only ${fixed} fixes checked`);
    for (const code of ['string-encoded-value', 'timestamp-in-milliseconds', 'unknown-event-name', 'event-name-alias', 'event-type-mismatch', 'unknown-stage', 'retry-inconsistent', 'invalid-uuid', 'unknown-field', 'duplicate-key', 'missing-field', 'missing-envelope-field', 'json-syntax']) {
      assert.ok(seen.has(code), `no fix of ${code} was checked`);
    }
  });
});

describe('property: fix all is idempotent', () => {
  it('on strict JSON: fixing all, then fixing all again, changes nothing more', () => {
    fc.assert(
      fc.property(fixable, ({ text, mode }) => {
        fc.pre(parseRecords(text, mode) !== undefined);
        const once = applyEdits(text, fixAll(text, { mode }));
        const again = applyEdits(once, fixAll(once, { mode }));
        assert.equal(again, once, `from\n${text}`);
      }),
      RUN_FIXES,
    );
  });

  it('fixing all of one rule (the editor\'s "Fix all …" of a diagnostic) fixes some and breaks nothing', () => {
    fc.assert(
      fc.property(fixable, ({ text, mode }) => {
        const before = validate(text, { mode });
        const count = (ds: readonly Diagnostic[], code: string): number => ds.filter((d) => d.code === code).length;
        for (const code of new Set(before.map((d) => d.code))) {
          const edits = fixAll(text, { mode, only: code, fresh: freshValues() });
          const sorted = [...edits].sort((x, y) => x.offset - y.offset);
          sorted.forEach((e, i) => {
            const next = sorted[i + 1];
            if (next) assert.ok(e.offset + e.length <= next.offset && e.offset !== next.offset, `${code}: overlapping edits`);
          });
          const out = applyEdits(text, edits);
          const after = validate(out, { mode });
          // (Not with repeated keys: a fix of a repeated member handles one copy, and may leave
          // the problem to the other.)
          const repeats = code !== 'duplicate-key' && count(before, 'duplicate-key') > 0;
          const hadFix = !repeats && before.some((d) => d.code === code && fixesFor(text, d, { mode, fresh: freshValues() }).length > 0);
          // Some problem gone (a rename may uncover others of the rule, so not fewer in all).
          const gone = before.some((d) => d.code === code && after.filter(sameProblem(d)).length < before.filter(sameProblem(d)).length);
          if (hadFix) assert.ok(gone, `${code}: none fixed in\n${out}`);
          if (parseRecords(text, mode)) assert.ok(parseRecords(out, mode), `${code}: not valid JSON afterwards:\n${out}`);
          // (Fixing a syntax mistake shows the problems it hid: those are not new.)
          for (const worse of code === 'json-syntax' ? [] : ['json-syntax', 'duplicate-key']) {
            assert.ok(count(after, worse) <= count(before, worse), `${code}: a new ${worse} in\n${out}`);
          }
        }
      }),
      RUN_FIXES,
    );
  });

  it('with a syntax mistake, which hides every other problem of its record: a second round ends it', () => {
    fc.assert(
      fc.property(fixable, ({ text, mode }) => {
        const once = applyEdits(text, fixAll(text, { mode }));
        const twice = applyEdits(once, fixAll(once, { mode }));
        const thrice = applyEdits(twice, fixAll(twice, { mode }));
        assert.equal(thrice, twice, `from\n${text}`);
      }),
      RUN_FIXES,
    );
  });
});

describe('regressions found by these properties', () => {
  const retry = EXAMPLES.find((e) => e.name === 'job_retry_event')!.text;

  it('"Add all missing fields" into an empty object: one edit, valid JSON, every member there', () => {
    for (const text of ['{}', '{ }', '{\n}', '{\r\n}', '{"event_id": "x", "event": {}}']) {
      const d = validate(text).find((x) => x.code === 'missing-envelope-field' || x.code === 'missing-event-name')!;
      const all = fixesFor(text, d, { fresh: freshValues() }).find((f) => f.title.startsWith('Add all'));
      assert.ok(all, text);
      assert.equal(all.edits.length, 1, text);
      const out = applyEdits(text, all.edits);
      const value = JSON.parse(out) as Json;
      for (const k of ['event_id', 'event_type', 'event_time', 'event']) assert.ok(k in value, `${text} -> ${out}`);
    }
    assert.equal(
      // (The first fresh id goes to the fix of one member, the second to this one.)
      applyEdits('{\n}', fixesFor('{\n}', validate('{\n}')[0]!, { fresh: freshValues() })[1]!.edits),
      '{\n  "event_id": "00000000-0000-4000-8000-000000000002",\n  "event_type": "job_event_type",\n  "event_time": 1717776000,\n  "event": {}\n}',
    );
  });

  it('an unclosed comment at the very end: the syntax error stays inside the text and on its line', () => {
    for (const text of ['/*', '{/*', '{"a": 1}/*']) {
      const [d] = validate(text);
      assert.equal(d?.code, 'json-syntax');
      assert.equal(d.offset + d.length, text.length, text);
    }
    const log = `${LOG_LINES[0]!}\n{/*\n${LOG_LINES[1]!}`;
    const d = validate(log, { mode: 'log' }).find((x) => x.code === 'json-syntax')!;
    assert.deepEqual([d.record, d.offset, d.length, d.range.end], [1, LOG_LINES[0]!.length + 2, 2, { line: 1, character: 3 }]);
  });

  it('fix all of unknown-field does not rename two misspellings to one key', () => {
    const text = retry.replace('"company_name": "Blue Ridge Freight Co."', '"compnay_name": "Blue Ridge Freight Co.",\n    "company_nme": "x"');
    const out = applyEdits(text, fixAll(text, { only: 'unknown-field' }));
    assert.deepEqual(validate(out).map((d) => [d.code, d.pointer]), [['unknown-field', '/event/company_nme']]);
    assert.ok(out.includes('"company_name": "Blue Ridge Freight Co."'));
  });

  it('a fix in a file that breaks lines with a lone \\r inserts \\r', () => {
    const text = retry.replace('    "retries": 1,\n', '').replace(/\n/g, '\r');
    const d = validate(text).find((x) => x.code === 'missing-field')!;
    const out = applyEdits(text, fixesFor(text, d)[0]!.edits);
    assert.equal(out, retry.replace(/\n/g, '\r'));
  });
});
