import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validate } from '../../src/core/index';
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
