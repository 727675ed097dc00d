import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LogSession, buildTimeline, complete, decodeUtf8, encodingDiagnostics, eventByName, fixAll, hoverAt, outline, validate } from '../../src/core/index';
import { example } from './helpers';

const retry = example('job_retry_event');

describe('syntax errors: one per mistake, naming the usual culprit', () => {
  const cases: [string, RegExp][] = [
    ['{"a": NaN}', /NaN is not JSON/],
    ['{"a": True}', /literals are lowercase/],
    ['{"a": tru}', /did you mean true/],
    ['{"a": 012}', /no leading zeros/],
    ['{"a": [1, 2', /Expected "\]"/],
    ['{"a": "abc', /Unterminated string/],
    ['{"a": 1,}', /Trailing comma/],
  ];
  for (const [text, message] of cases) {
    it(text, () => {
      const ds = validate(text);
      assert.equal(ds.length, 1, JSON.stringify(ds.map((d) => d.message)));
      assert.equal(ds[0]!.code, 'json-syntax');
      assert.match(ds[0]!.message, message);
      assert.ok(ds[0]!.length > 0, 'a squiggle that can be seen');
      assert.ok(ds[0]!.offset + ds[0]!.length <= text.length);
    });
  }

  it('an unquoted key says to quote it', () => {
    assert.match(validate('{a: 1}')[0]!.message, /Property names need double quotes/);
  });
});

describe('many problems in one record stay bounded', () => {
  it('thousands of unknown fields: the first 200 and one line for the rest', () => {
    const extra = Array.from({ length: 5000 }, (_, i) => `"x${i}": ${i}`).join(', ');
    const ds = validate(retry.replace('"merge": false,', `"merge": false, ${extra},`));
    assert.equal(ds.length, 201);
    assert.match(ds.find((d) => d.pointer === '')!.message, /4800 more problems/);
  });

  it('thousands of repeated keys: the first 200 and one line for the rest', () => {
    const dups = Array.from({ length: 3000 }, () => '"k": 1').join(', ');
    const ds = validate(`{${dups}}`).filter((d) => d.code === 'duplicate-key');
    assert.equal(ds.length, 201);
  });

  it('nesting deeper than the parser can follow: one clear diagnostic, no stack overflow', () => {
    const ds = validate('['.repeat(100_000));
    assert.equal(ds.length, 1);
    assert.match(ds[0]!.message, /Nesting deeper than/);
  });
});

describe('a repeated key is found however the text hides it from JSON.parse', () => {
  const dupes = (text: string) => validate(text, { mode: 'log', crossEvent: false }).filter((d) => d.code === 'duplicate-key').map((d) => d.pointer);
  const line = JSON.stringify(JSON.parse(retry));
  it('colons inside keys and values are not keys', () => {
    const text = line.replace('"merge":false', '"merge":false,"a:b":"c:d::e","x":["1:2",{"y:":":"}]');
    assert.deepEqual(dupes(text), []);
  });
  it('in nested objects inside arrays, and beside colons in strings', () => {
    const text = line.replace('"merge":false', '"merge":false,"x":[{"y":"1:2","y":"3"}]');
    assert.deepEqual(dupes(text), ['/event/x/0/y']);
  });
  it('when a key or its colon is written as a \\u escape', () => {
    assert.deepEqual(dupes(line.replace('"merge":false', '"merge":false,"\\u006derge":true')), ['/event/merge']);
    assert.deepEqual(dupes(line.replace('"merge":false', '"merge":false,"k\\u003a":1,"k:":2')), ['/event/k:']);
  });
});

describe('keys and names that are also JavaScript internals', () => {
  const names = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__'];
  const line = JSON.stringify(JSON.parse(retry));
  const texts = [
    line.replace('{"event_id"', `{"__proto__":{"polluted":1,"event_name":"x"},"constructor":{"prototype":{"polluted":2}},"event_id"`),
    line.replace('"merge":false', '"merge":false,"__proto__":{"polluted":3},"prototype":{"polluted":4},"x":{"__proto__":[1]}'),
    ...names.map((n) => line.replace('"job_retry_event"', JSON.stringify(n))),
    ...names.map((n) => line.replace(/"job_id":"[^"]+"/, `"job_id":${JSON.stringify(n)}`).replace(/"event_id":"[^"]+"/, `"event_id":${JSON.stringify(n)}`)),
    ...names.map((n) => line.replace('"stage"', JSON.stringify(n)).replace('"retries":1', `"retries":1,${JSON.stringify(n)}:1,${JSON.stringify(n)}:2`)),
  ];
  const log = texts.join('\n');

  it('every feature reads them as data: Object.prototype untouched, unknown names are unknown', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    for (const t of texts) {
      validate(t);
      fixAll(t, {});
      for (let at = 0; at < t.length; at += 7) {
        hoverAt(t, at);
        complete(t, at);
      }
      outline(t);
    }
    const ds = validate(log, { mode: 'log' });
    fixAll(log, { mode: 'log' });
    outline(log, 'log');
    const session = new LogSession(log, { mode: 'log' });
    assert.deepEqual(session.diagnostics(), ds);
    buildTimeline([{ uri: 'u', text: log, mode: 'log' }], { title: 't', version: 1 }, session.records());
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), before);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    for (const n of names) assert.equal(eventByName(n), undefined, n);
    // Each of those names in event_name is one unknown-event-name, not a crash or a match.
    for (const n of names) assert.ok(validate(line.replace('"job_retry_event"', JSON.stringify(n))).some((d) => d.code === 'unknown-event-name'), n);
    // A repeated "__proto__" key is found like any other.
    assert.ok(ds.some((d) => d.code === 'duplicate-key'));
  });
});

describe('numbers and strings beyond the ordinary', () => {
  const line = JSON.stringify(JSON.parse(retry));
  const codes = (t: string) => validate(t).map((d) => `${d.code} ${d.pointer}`);
  it('1e400 and 30-digit integers are whole numbers (no double holds them); -0 is zero', () => {
    assert.deepEqual(codes(line.replace('"retries":1', '"retries":1e400')), []);
    assert.deepEqual(codes(line.replace('"retries":1', '"retries":123456789012345678901234567890')), []);
    assert.deepEqual(codes(line.replace(/"event_time":[\d.]+/, '"event_time":1e400')), ['out-of-range /event_time']);
    assert.deepEqual(codes(line.replace('"retries":1', '"retries":-0')), []);
  });
  it('a 50 MB line: checked, the problem after it found where it is', () => {
    const big = 'x'.repeat(50 * 1024 * 1024);
    const text = line.replace('"metadata":', `"metadata":"${big}","metadatta":`);
    const ds = validate(text, { mode: 'log' });
    assert.deepEqual(ds.map((d) => [d.code, d.offset]), [['unknown-field', text.indexOf('"metadatta"')]]);
  });
  it('lone surrogates, raw or escaped, are text like any other', () => {
    assert.deepEqual(codes(line.replace('"metadata":"', '"metadata":"\ud800\\udfff')), []);
  });
  it('nested envelopes and realtime names: one finding each, at their key or value', () => {
    assert.deepEqual(codes(line.replace('"merge":false', `"merge":false,"inner":${line}`)), ['unknown-field /event/inner']);
    assert.deepEqual(codes(line.replace('"job_retry_event"', '"invoice_paid_event"')), ['unknown-event-name /event/event_name']);
  });
});

describe('line endings', () => {
  const line = JSON.stringify(JSON.parse(retry));
  it('\\n, \\r\\n and a lone \\r each end a line, as in VS Code', () => {
    const broken = line.replace('"retries":1', '"retries":"1"');
    const text = [line.replace(/"event_id":"[^"]+"/, '"event_id":"00000000-0000-4000-8000-000000000001"'), broken].join('\r\n') + '\r' + broken.replace(/"event_id":"[^"]+"/, '"event_id":"00000000-0000-4000-8000-000000000003"') + '\n';
    const ds = validate(text, { mode: 'log' }).filter((d) => d.code === 'string-encoded-value');
    assert.deepEqual(ds.map((d) => d.range.start), [
      { line: 1, character: broken.indexOf('"1"') },
      { line: 2, character: broken.indexOf('"1"') },
    ]);
  });
});

describe('invalid UTF-8', () => {
  it('is found where TextDecoder puts its U+FFFD, for any bytes (seeded)', () => {
    let seed = 11;
    const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let round = 0; round < 300; round++) {
      // Mostly ASCII and well-formed sequences, with stray and truncated bytes among them.
      const bytes = Buffer.concat(Array.from({ length: 40 }, () => {
        const k = random(10);
        if (k < 5) return Buffer.from('a{"é€😀'.slice(0, 1 + random(4)));
        if (k < 8) return Buffer.from([0x80 + random(128)]);
        return Buffer.from('😀€é').subarray(0, random(9));
      }));
      const { text, invalid } = decodeUtf8(bytes);
      const expected = [...text].reduce<number[]>((at, c, i, all) => {
        const offset = all.slice(0, i).join('').length;
        return c === '\uFFFD' ? [...at, offset] : at;
      }, []);
      assert.deepEqual(invalid.map((x) => x.offset), expected, bytes.toString('hex'));
    }
  });
  it('a BOM is not counted, and each bad sequence is one diagnostic on its character', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":\n"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const { text, invalid } = decodeUtf8(bytes);
    const [d] = encodingDiagnostics(text, invalid);
    assert.deepEqual([d!.code, d!.range.start, text[d!.offset]], ['json-syntax', { line: 1, character: 1 }, '\uFFFD']);
    assert.match(d!.message, /0xC3/);
  });
});
