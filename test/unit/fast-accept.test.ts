import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkPayload } from '../../src/core/checks/check-payload';
import { fastAccept } from '../../src/core/checks/fast-accept';
import { numbersOf } from '../../src/core/checks/written';
import { parseRecord, repeatsKey } from '../../src/core/input/parse';
import { FIXTURES } from './helpers';

/*
 * fastAccept lets a record skip the whole per-record check, so it must never say yes to a record
 * that the whole check reports on. Every example payload is mutated field by field (wrong types,
 * the docs' string encodings, bad dates, UUIDs and URLs, missing and unknown members, numbers a
 * double misreads, aliases, repeated keys), with a seeded generator, and each mutant that
 * fastAccept takes is run through the whole check, which must find nothing.
 */

/** What the whole way finds in a record's text: checkPayload with its numbers as written, and repeated keys. */
function fullFindings(src: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(src);
  } catch {
    return ['json-syntax'];
  }
  if (repeatsKey(src, value)) return ['duplicate-key'];
  const numbers = numbersOf(src, () => parseRecord(src, 0, src.length).root);
  return checkPayload(value, numbers).map((f) => `${f.code} at /${f.path.join('/')}: ${f.message}`);
}

/** The quick way's yes, as checkRecordValue asks it. */
function accepts(src: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(src);
  } catch {
    return false;
  }
  return fastAccept(value, src);
}

const read = (dir: string): string[] =>
  readdirSync(join(FIXTURES, dir))
    .filter((f) => f.endsWith('.alfred.json') || f.endsWith('.alfred.jsonl'))
    .sort()
    .flatMap((f) => {
      const text = readFileSync(join(FIXTURES, dir, f), 'utf8');
      return f.endsWith('.jsonl') ? text.split(/\r?\n/).filter((l) => l.trim() !== '') : [text];
    });

const EXAMPLES = read('examples');
const ALL_FIXTURES = [...EXAMPLES, ...read('docs'), ...read('broken'), ...read('secrets')];

/** A seeded linear congruential generator: the same mutants on every machine and run. */
function generator(seed: number): { int: (n: number) => number; pick: <T>(xs: readonly T[]) => T } {
  let s = seed;
  const next = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  return { int: (n) => Math.floor(next() * n), pick: (xs) => xs[Math.floor(next() * xs.length)]! };
}

/** Number lexemes a double reads wrongly, or that are out of any field's range, or plainly fine. */
const NUMBER_TEXTS = [
  '1e400', '-1e400', '1e-400', '0.1000000000000000055', '1.0000000000000001', '9007199254740993', '9007199254740992',
  '1E2', '1e0', '-0', '0.0', '1.0', '0', '1', '2', '-1', '0.5', '3.5', '1744030800', '1744030800.0000000000001',
  '1744030800123', '946684799', '4102444801', '17440308000000000000000000000',
];

/** Replacement values by what they probe: types, the docs' string encodings, formats. */
const VALUES: readonly unknown[] = [
  null, true, false, 0, 1, -1, 0.5, 1.5, 2, 1744030800, '', ' ', 'text', [], ['a'], {}, { a: 1 },
  '1', '0', '0.5', 'true', 'false', '1744030800', 'null',
  // UUIDs
  '3f2b9c1e-8d4a-4c6b-9e2f-1a7b5c3d9e0f', '3F2B9C1E-8D4A-4C6B-9E2F-1A7B5C3D9E0F', '3f2b9c1e8d4a4c6b9e2f1a7b5c3d9e0f',
  '3f2b9c1e-8d4a-4c6b-9e2f-1a7b5c3d9e0', 'gf2b9c1e-8d4a-4c6b-9e2f-1a7b5c3d9e0f', '{3f2b9c1e-8d4a-4c6b-9e2f-1a7b5c3d9e0f}',
  '00000000-0000-0000-0000-000000000000',
  // Dates (RFC 3339 §5.6, §5.7)
  '2023-05-24T20:00:00Z', '2023-05-24T20:00:00', '2023-05-24t20:00:00z', '2023-05-24T20:00:00.123456+05:30',
  '2023-05-24 20:00:00Z', '0001-01-01T00:00:00Z', '0001-01-01T00:00:00', '2023-02-29T00:00:00Z', '2024-02-29T00:00:00Z',
  '2023-06-30T23:59:60Z', '2023-05-24T20:00:60Z', '2023-05-24T24:00:00Z', '2023-05-24T20:00:00+24:00', '2023-05-24',
  '1999-01-01T00:00:00Z', '2099-12-31T23:59:59-00:00', '2023-05-24T20:00:00.Z',
  // URLs (WHATWG URL)
  'https://example.com/a.pdf', 'http://localhost:8080/x', 'ftp://example.com/a', '//example.com/a', 'https:/example.com',
  'https://exa mple.com/', 'https://example.com/a b', 'https://user:pw@example.com/', 'https://127.1/', 'https://[::1]/',
  'https://example.com/%zz', 'https://example.com\\a', ' https://example.com/', 'https://example.com:99999/', 'https://',
  // Stages, event types, names
  'queued', 'completed', 'in_revision', 'Queued', 'job_event_type', 'file_event_type', 'job_retry_event',
  'file_add_to_job_event', 'file_added_to_job_event', 'job_stage_update_evnt',
  // Secrets and personal data (issue 14), which the whole check reports in URLs and free text, and placeholders it does not
  'https://acct.blob.core.windows.net/c/a.pdf?sv=2022-11-02&sp=r&sig=Qw7nR2kzP9xY4tLm0vB8cD3e%3D', 'https://acct.blob.core.windows.net/c/a.pdf?sv=2022-11-02&sp=r&sig=REDACTED',
  'https://svc:Tr0ub4dor-3x@files.example.net/in', 'Authorization: Bearer mF_9.B5f-4.1JqM', 'Call Dana on +44 20 7946 0958', 'Write to dana@northwind.co',
  'Write to jane@example.com or (202) 555-0143', 'Invoice 2025-0412, total 4,318.60 USD', 'password=hunter22', 'AKIAIOSFODNN7EXAMPLE', 'REDACTED',
];

const EXTRA_KEYS = ['extra', 'type', 'token', 'challenge', 'event_name', '__proto__', 'constructor', 'creation_date', 'retries', 'stage', 'file_urls'];

type Json = Record<string, unknown>;

/** One mutant of a payload's text: one to three changes, each to the value or to the text. */
function mutate(base: string, rng: ReturnType<typeof generator>): string {
  const root = JSON.parse(base) as Json;
  const numbers: string[] = [];
  let textual: ((s: string) => string) | undefined;
  const steps = 1 + rng.int(3);
  for (let k = 0; k < steps; k++) {
    const event = root.event as Json | undefined;
    const inEvent = event && typeof event === 'object' && !Array.isArray(event) && rng.int(4) > 0;
    const target: Json = inEvent ? event : root;
    const keys = Object.keys(target);
    const key = keys.length > 0 ? rng.pick(keys) : 'event';
    const current = target[key];
    switch (rng.int(9)) {
      case 0:
        delete target[key];
        break;
      case 1:
        Object.defineProperty(target, rng.pick(EXTRA_KEYS), { value: rng.pick(VALUES), enumerable: true, configurable: true, writable: true });
        break;
      case 2:
        // The docs' string encoding of a number, a boolean or anything else.
        target[key] = typeof current === 'string' ? current : JSON.stringify(current);
        break;
      case 3: {
        // A number written as given, by a placeholder swapped into the text.
        const mark = `@@number${numbers.length}@@`;
        numbers.push(rng.pick(NUMBER_TEXTS));
        target[key] = mark;
        break;
      }
      case 4:
        if (Array.isArray(current)) target[key] = [...(current as unknown[]), rng.pick(VALUES)];
        else target[key] = rng.pick(VALUES);
        break;
      case 5:
        if (Array.isArray(current) && current.length > 0) current[rng.int(current.length)] = rng.pick(VALUES);
        else target[key] = rng.pick(VALUES);
        break;
      case 6:
        // Relations: the retry counters, the date order.
        if (inEvent) {
          const field = rng.pick(['exceeded_retries', 'retries', 'creation_date', 'update_date', 'event_name', 'stage']);
          const choices: Record<string, readonly unknown[]> = {
            exceeded_retries: [true, false], retries: [0, 1, 3], stage: ['queued', 'failed'],
            creation_date: ['2023-05-24T20:00:00Z', '2030-01-01T00:00:00Z', '2023-05-24T22:00:00+05:00'],
            update_date: ['2023-05-24T19:59:59Z', '2023-05-24T20:00:00Z', '2022-01-01T00:00:00Z'],
            event_name: ['job_retry_event', 'job_exceeded_retries_event', 'job_failed_event', 'file_add_to_job_event', 'job_create_event'],
          };
          if (Object.hasOwn(target, field) || rng.int(2) === 0) target[field] = rng.pick(choices[field]!);
        } else {
          root.event_time = rng.pick([1684958400, 1684872000, 1684958399.5, 946684800, 4102444800, 1577836800]);
        }
        break;
      case 7: {
        // A repeated key, with the same or another value.
        const name = key;
        const again = JSON.stringify(rng.int(2) === 0 ? current : rng.pick(VALUES)) ?? 'null';
        textual = (s) => s.replace(`"${name}":`, `"${name}":${again},"${name}":`);
        break;
      }
      default: {
        // A key written with a \u escape: the same member to JSON.parse, another text.
        const name = key;
        textual = (s) => s.replace(`"${name}":`, `"${name.replace('_', '\\u005f').replace(/^e/, '\\u0065')}":`);
        break;
      }
    }
  }
  let text = JSON.stringify(root);
  numbers.forEach((n, i) => (text = text.replace(`"@@number${i}@@"`, n)));
  return textual ? textual(text) : text;
}

describe('fast acceptance never hides a finding', () => {
  it('accepts no fixture that the whole check reports on, and accepts the clean examples', () => {
    let accepted = 0;
    for (const src of ALL_FIXTURES) {
      if (!accepts(src)) continue;
      accepted++;
      assert.deepEqual(fullFindings(src), [], src.slice(0, 200));
    }
    // Not a no-op: every example the whole check passes, the quick one passes too (they are canonical).
    const clean = EXAMPLES.filter((src) => fullFindings(src).length === 0);
    assert.ok(clean.length >= 24, `only ${clean.length} clean examples`);
    for (const src of clean) assert.ok(accepts(src) || !src.includes('"event"'), `a clean example is not accepted: ${src.slice(0, 200)}`);
    assert.ok(accepted >= 24);
  });

  it('accepts no mutant of an example that the whole check reports on (seeded, thousands of records)', () => {
    const rng = generator(20261130);
    const bases = EXAMPLES.filter((src) => src.includes('"event"'));
    let accepted = 0;
    let rejected = 0;
    for (let i = 0; i < 20_000; i++) {
      const src = mutate(rng.pick(bases), rng);
      if (!accepts(src)) {
        rejected++;
        continue;
      }
      accepted++;
      assert.deepEqual(fullFindings(src), [], `accepted, yet the whole check reports on: ${src}`);
    }
    // Both answers occur: the mutants reach the quick path's yes as well as its "not sure".
    assert.ok(accepted > 500 && rejected > 5000, `accepted ${accepted}, rejected ${rejected}`);
    if (process.env.FAST_ACCEPT_STATS) console.log({ accepted, rejected });
  });

  it('is not sure of each kind of mistake', () => {
    // One line, as in a log, so that the changes below can be written as replacements.
    const job = JSON.stringify(JSON.parse(EXAMPLES.find((s) => s.includes('"job_retry_event"') && !s.includes('\n{'))!));
    assert.ok(accepts(job));
    const cases: Record<string, string> = {
      'a string-encoded number': job.replace(/"retries":(\d+)/, '"retries":"$1"'),
      'a number a double misreads': job.replace(/"event_time":[0-9.]+/, '"event_time":1744030800.0000000000001'),
      'an exponent out of range': job.replace(/"event_time":[0-9.]+/, '"event_time":1e400'),
      'a date without an offset': job.replace(/"creation_date":"([^"]+?)(Z|[+-]\d\d:\d\d)"/, '"creation_date":"$1"'),
      'a misspelt event name': job.replace(/"event_name":"job_retry_event"/, '"event_name":"job_retry_evnt"'),
      'an unknown key': job.replace('"event":{', '"event":{"extra":1,'),
      'a repeated key': job.replace('"event":{', '"event":{"retries":1,'),
      'a key with an escape': job.replace('"retries"', '"retrie\\u0073"'),
      'a bad UUID': job.replace(/"job_id":"[0-9a-f]/, '"job_id":"g'),
      'a URL with a space': job.replace(/"file_urls":\["https:\/\//, '"file_urls":["https://a b/'),
      'retries exceeded in a retry event': job.replace('"exceeded_retries":false', '"exceeded_retries":true'),
    };
    const added = JSON.stringify(JSON.parse(EXAMPLES.find((s) => s.includes('"file_added_to_job_event"'))!));
    assert.ok(accepts(added));
    cases['the SDK\'s alias of an event name'] = added.replace('"file_added_to_job_event"', '"file_add_to_job_event"');
    for (const [what, src] of Object.entries(cases)) {
      assert.notEqual(src, job, what);
      assert.equal(accepts(src), false, what);
    }
  });
});
