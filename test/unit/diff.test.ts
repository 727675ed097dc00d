// The core diff (README "Comparing payloads", issue 15). Expected pointers are written out from
// RFC 6901 (§3: "/" before each reference token, "~" as ~0 and "/" as ~1), and what compares
// equal from the README's string-encoded-value rule ("120", "false" and "1653443100.00" stand for
// a number, a boolean and a timestamp where the docs type the field so).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diff, normalizedText, readValue, stringifyWritten, summarizeChanges, VOLATILE, type Change } from '../../src/core/index';
import { LCS_CELLS } from '../../src/core/diff/lcs';
import { example } from './helpers';

type Json = Record<string, unknown>;
const retry = (): Json => JSON.parse(example('job_retry_event')) as Json;
const ev = (p: Json): Json => p.event as Json;

/** The keys of every object in reverse order: the same value, written otherwise. */
function reversed(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reversed);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)]));
}

/** Retry N of the fixture's job: N retries, N error messages, its own id, time and update date. */
function retryN(n: number): Json {
  const p = retry();
  const first = (ev(p).error_messages as string[])[0]!;
  p.event_id = `d4f1e5b7-f817-495b-80ac-d83ec7f00a1${n}`;
  p.event_time = 1717775165.5 + 60 * n;
  Object.assign(ev(p), {
    retries: n,
    error_messages: Array.from({ length: n }, (_, i) => (i === 0 ? first : `retry ${i} failed`)),
    update_date: `2024-06-07T15:4${n}:05Z`,
  });
  return p;
}

describe('diff: what compares equal', () => {
  it('shuffled keys with string-encoded values compare equal, and differ under strict', () => {
    const a = retry();
    Object.assign(ev(a), { retries: '1', merge: 'false', file_count: '4' });
    a.event_time = '1717775165.50';
    const b = reversed(retry());
    assert.deepEqual(diff(a, b), []);
    assert.deepEqual(diff(b, a), []);
    const strict = diff(a, b, { strict: true });
    assert.deepEqual(strict.map((c) => c.pointer).sort(), ['/event/file_count', '/event/merge', '/event/retries', '/event_time']);
    assert.deepEqual(strict.find((c) => c.pointer === '/event/merge'), { kind: 'changed', pointer: '/event/merge', old: 'false', new: false });
  });

  it('reads strings as numbers and booleans only where the docs type the field so', () => {
    const a = retry();
    const b = retry();
    ev(a).metadata = '3';
    ev(b).metadata = 3;
    ev(a).retries = 'two'; // no number: stays a string
    assert.deepEqual(diff(a, b), [
      { kind: 'changed', pointer: '/event/metadata', old: '3', new: 3 },
      { kind: 'changed', pointer: '/event/retries', old: 'two', new: 1 },
    ]);
    // JSON's number grammar (ECMA-404 §8): " 1" and "0x1" are not numbers.
    const spaced = retry();
    ev(spaced).retries = ' 1';
    assert.deepEqual(diff(spaced, retry()), [{ kind: 'changed', pointer: '/event/retries', old: ' 1', new: 1 }]);
  });

  it('the add-to-job alias equals the documented name, but not under strict', () => {
    const payload = (name: string): Json => ({ event_type: 'file_event_type', event: { event_name: name, event_type: 'file_event_type' } });
    assert.deepEqual(diff(payload('file_add_to_job_event'), payload('file_added_to_job_event')), []);
    assert.deepEqual(diff(payload('file_add_to_job_event'), payload('file_added_to_job_event'), { strict: true }), [
      { kind: 'changed', pointer: '/event/event_name', old: 'file_add_to_job_event', new: 'file_added_to_job_event' },
    ]);
  });

  it('ignores the volatile fields by default, not under strict; ignore replaces the list', () => {
    assert.deepEqual(VOLATILE, ['/event_id', '/event_time', '/event/update_date']);
    const a = retryN(2);
    const b = retryN(2);
    b.event_id = 'another';
    b.event_time = 1;
    ev(b).update_date = '2030-01-01T00:00:00Z';
    assert.deepEqual(diff(a, b), []);
    assert.deepEqual(diff(a, b, { strict: true }).map((c) => c.pointer).sort(), ['/event/update_date', '/event_id', '/event_time']);
    assert.deepEqual(diff(a, b, { ignore: ['/event_id'] }).map((c) => c.pointer).sort(), ['/event/update_date', '/event_time']);
    // A pointer ignores everything below it; "" (RFC 6901: the whole document) ignores all.
    assert.deepEqual(diff(a, b, { ignore: ['/event', '/event_id', '/event_time'] }), []);
    assert.deepEqual(diff(1, 2, { ignore: [''] }), []);
    // RFC 6901 §4: ~1 is "/", ~0 is "~", and "~01" is "~1" (not "/").
    assert.deepEqual(diff({ 'a/b': 1, 'm~n': 1, '~1': 1, '/': 1 }, { 'a/b': 2, 'm~n': 2, '~1': 2, '/': 2 }, { ignore: ['/a~1b', '/m~0n', '/~01'] }), [
      { kind: 'changed', pointer: '/~1', old: 1, new: 2 },
    ]);
    // An array item by its index; the items after it keep theirs.
    assert.deepEqual(diff({ l: ['x', 'y', 'z'] }, { l: ['X', 'y', 'Z'] }, { ignore: ['/l/0'] }), [{ kind: 'changed', pointer: '/l/2', old: 'z', new: 'Z' }]);
  });
});

describe('diff: what changed', () => {
  it('retry 2 against retry 3: exactly the retries change and one added error message', () => {
    const changes = diff(retryN(2), retryN(3));
    assert.deepEqual(changes, [
      { kind: 'changed', pointer: '/event/retries', old: 2, new: 3 },
      { kind: 'added', pointer: '/event/error_messages/2', value: 'retry 2 failed' },
    ]);
    // The issue's own words for this summary.
    assert.equal(summarizeChanges(changes), 'retries 2 → 3; error_messages[2] added');
    assert.equal(summarizeChanges([]), 'no changes');
    assert.equal(summarizeChanges(diff({ '': 1, 'a/b': [0] }, { '': 2, 'a/b': [1] })), '"" 1 → 2; a/b[0] 0 → 1');
  });

  it('writes pointers as RFC 6901 does: ~ as ~0, / as ~1, indices in decimal', () => {
    assert.deepEqual(diff({ 'a/b': 1, 'm~n': [0, 1] }, { 'a/b': 2, 'm~n': [0, 2] }), [
      { kind: 'changed', pointer: '/a~1b', old: 1, new: 2 },
      { kind: 'changed', pointer: '/m~0n/1', old: 1, new: 2 },
    ]);
    assert.deepEqual(diff({ '': 1 }, {}), [{ kind: 'removed', pointer: '/', value: 1 }]);
    assert.deepEqual(diff(1, '1'), [{ kind: 'changed', pointer: '', old: 1, new: '1' }]);
  });

  it('matches array items: a removal is one removal, a change in place a change inside the item', () => {
    assert.deepEqual(diff(['a', 'b', 'c'], ['a', 'c']), [{ kind: 'removed', pointer: '/1', value: 'b' }]);
    assert.deepEqual(diff(['x', 'a', 'b'], ['a', 'b']), [{ kind: 'removed', pointer: '/0', value: 'x' }]);
    assert.deepEqual(diff([{ id: 1, n: 'a' }, { id: 2, n: 'b' }], [{ id: 1, n: 'a' }, { id: 2, n: 'B' }]), [
      { kind: 'changed', pointer: '/1/n', old: 'b', new: 'B' },
    ]);
    assert.deepEqual(diff([1, 2], [3, 2, 4]), [
      { kind: 'changed', pointer: '/0', old: 1, new: 3 },
      { kind: 'added', pointer: '/2', value: 4 },
    ]);
  });

  it('added and changed in b\'s order, then removals in a\'s', () => {
    assert.deepEqual(diff({ x: 1, y: 1, z: 1 }, { w: 0, z: 2 }), [
      { kind: 'added', pointer: '/w', value: 0 },
      { kind: 'changed', pointer: '/z', old: 1, new: 2 },
      { kind: 'removed', pointer: '/x', value: 1 },
      { kind: 'removed', pointer: '/y', value: 1 },
    ] satisfies Change[]);
  });

  it('past the LCS cap, arrays are paired index by index, as documented', () => {
    const side = Math.floor(Math.sqrt(LCS_CELLS));
    const small = Array.from({ length: 10 }, (_, i) => i);
    assert.equal(diff(small, ['new', ...small]).length, 1);
    // Both ends differ so no common head or tail is cut: the table would be (side+2)² cells.
    const big = Array.from({ length: side }, (_, i) => i);
    const changes = diff(['a', ...big, 'z'], ['b', 'new', ...big, 'y']);
    assert.equal(changes.length, side + 3);
  });
});

describe('diff: any JSON value', () => {
  it('never throws: deep nesting, __proto__, odd numbers', () => {
    let deepA: unknown = 1;
    let deepB: unknown = 2;
    for (let i = 0; i < 100_000; i++) {
      deepA = [deepA];
      deepB = { k: deepB };
    }
    assert.equal(diff(deepA, deepA).length, 0);
    assert.equal(diff(deepA, deepB).length, 1);
    assert.equal(typeof normalizedText(deepB), 'string');
    const proto = JSON.parse('{"__proto__": {"x": 1}}') as unknown;
    assert.deepEqual(diff(proto, JSON.parse('{"__proto__": {"x": 2}}')), [{ kind: 'changed', pointer: '/__proto__/x', old: 1, new: 2 }]);
    assert.deepEqual(diff(proto, {}), [{ kind: 'removed', pointer: '/__proto__', value: { x: 1 } }]);
    assert.deepEqual(diff(0, -0), []);
    assert.deepEqual(diff(null, {}), [{ kind: 'changed', pointer: '', old: null, new: {} }]);
  });
});

describe('diff: numbers as written', () => {
  // ECMA-404 §8 gives a number no precision: it is the decimal its digits write. 2^53 + 1 =
  // 9007199254740993 and 2^53 = 9007199254740992 are two numbers, though a double holds only the
  // second; 1e400 and 2e400 are two numbers, though a double reads both as Infinity.
  const value = (text: string): unknown => {
    const read = readValue(text);
    assert.ok('value' in read, text);
    return read.value;
  };
  const changes = (a: string, b: string, strict = false): string =>
    stringifyWritten(diff(value(a), value(b), { strict }));

  it('numbers that differ only past a double\'s precision differ, normalised and strict', () => {
    for (const strict of [false, true]) {
      assert.equal(changes('{"n": 9007199254740993}', '{"n": 9007199254740992}', strict), '[{"kind":"changed","pointer":"/n","old":9007199254740993,"new":9007199254740992}]');
      assert.equal(changes('{"n": 1e400}', '{"n": 2e400}', strict), '[{"kind":"changed","pointer":"/n","old":1e400,"new":2e400}]');
      assert.equal(changes('{"n": 1e-400}', '{"n": 0}', strict), '[{"kind":"changed","pointer":"/n","old":1e-400,"new":0}]');
      assert.equal(changes('[0.1000000000000000055511151231257827]', '[0.1]', strict), '[{"kind":"changed","pointer":"/0","old":0.1000000000000000055511151231257827,"new":0.1}]');
    }
  });

  it('one number written two ways is one number', () => {
    for (const strict of [false, true]) {
      assert.equal(changes('{"n": 90071992547409930e-1}', '{"n": 9007199254740993}', strict), '[]');
      assert.equal(changes('{"n": 1E400}', '{"n": 10e+399}', strict), '[]');
      assert.equal(changes('[1.0, 1e2, -0]', '[1, 100, 0]', strict), '[]');
    }
  });

  it('a string-encoded number in a numeric field is the number it writes, at any size', () => {
    const p = (retries: string): string => `{"event": {"event_name": "job_retry_event", "retries": ${retries}}}`;
    assert.equal(changes(p('"9007199254740993"'), p('9007199254740993')), '[]');
    assert.equal(changes(p('"9007199254740993"'), p('9007199254740992')), '[{"kind":"changed","pointer":"/event/retries","old":9007199254740993,"new":9007199254740992}]');
    assert.equal(changes(p('"9007199254740993"'), p('9007199254740993'), true), '[{"kind":"changed","pointer":"/event/retries","old":"9007199254740993","new":9007199254740993}]');
  });

  it('the normalised text and the summary print such numbers as written', () => {
    assert.equal(normalizedText(value('{"b": 9007199254740993, "a": [1e400]}')), '{\n  "a": [\n    1e400\n  ],\n  "b": 9007199254740993\n}');
    assert.equal(summarizeChanges(diff(value('{"n": 9007199254740993}'), value('{"n": 9007199254740992}'))), 'n 9007199254740993 → 9007199254740992');
  });

  it('a payload string that looks like the printer\'s placeholder stays a string', () => {
    const hostile = ['\u0000written-number:0', '\u0000written-number:~0', '\u0000written-number:~~0'];
    const v = value(`{"s": ${JSON.stringify(hostile)}, "n": 9007199254740993}`);
    assert.equal(stringifyWritten(v), `{"s":${JSON.stringify(hostile)},"n":9007199254740993}`);
  });

  it('reports the keys a side repeats, by pointer, line and character', () => {
    assert.deepEqual(readValue('{"a": 1,\n "b": {"c": 1, "c": 2}}'), { value: { a: 1, b: { c: 2 } }, repeated: [{ pointer: '/b/c', line: 2, character: 16 }] });
    assert.deepEqual(readValue('{"a": "x:y"}'), { value: { a: 'x:y' }, repeated: [] });
  });
});

describe('normalizedText', () => {
  it('is the payload as diff reads it: keys sorted, values read, the alias spelled as the docs do, ignored pointers dropped', () => {
    const p = { event_id: 'x', event: { retries: '2', event_name: 'file_add_to_job_event', error_messages: ['b', 'a'] }, event_time: '1717775165.50' };
    assert.equal(normalizedText(p), JSON.stringify({ event: { error_messages: ['b', 'a'], event_name: 'file_added_to_job_event', retries: 2 } }, null, 2));
    assert.equal(normalizedText(p, { strict: true }), JSON.stringify({
      event: { error_messages: ['b', 'a'], event_name: 'file_add_to_job_event', retries: '2' }, event_id: 'x', event_time: '1717775165.50',
    }, null, 2));
    // "__proto__" is a member name like any other (ECMA-404), kept as JSON.parse keeps it.
    assert.equal(normalizedText(JSON.parse('{"__proto__": {"b": 1, "a": [{"d": 0, "c": 0}]}}')), '{\n  "__proto__": {\n    "a": [\n      {\n        "c": 0,\n        "d": 0\n      }\n    ],\n    "b": 1\n  }\n}');
    assert.equal(normalizedText(p, { ignore: ['/event/error_messages/0'] }), JSON.stringify({
      event: { error_messages: ['a'], event_name: 'file_added_to_job_event', retries: 2 }, event_id: 'x', event_time: 1717775165.5,
    }, null, 2));
  });
});

describe('diff: property', () => {
  /** The keys of every object in an order drawn from `seed` (mulberry32 and Fisher–Yates). */
  function shuffledKeys(v: unknown, seed: number): unknown {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = Math.imul(s ^ (s >>> 15), 1 | s);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const walk = (x: unknown): unknown => {
      if (Array.isArray(x)) return x.map(walk);
      if (x === null || typeof x !== 'object') return x;
      const entries = Object.entries(x);
      for (let i = entries.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [entries[i], entries[j]] = [entries[j]!, entries[i]!];
      }
      const out: Record<string, unknown> = {};
      for (const [k, y] of entries) Object.defineProperty(out, k, { value: walk(y), enumerable: true, writable: true, configurable: true });
      return out;
    };
    return walk(v);
  }

  it('any reordering of the keys of any JSON value compares equal, normalised and strict', async () => {
    const fc = await import('fast-check');
    // Payload-shaped values too, so that the catalogue's fields and the alias are reached.
    const payloadLike = fc.record({ event_id: fc.jsonValue(), event_time: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string()), event: fc.dictionary(fc.constantFrom('retries', 'merge', 'event_name', 'error_messages', 'x'), fc.jsonValue()) });
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), payloadLike), fc.integer(), (value, seed) => {
        const other = shuffledKeys(value, seed);
        assert.deepEqual(diff(value, other), []);
        assert.deepEqual(diff(value, other, { strict: true }), []);
        assert.equal(normalizedText(value), normalizedText(other));
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
