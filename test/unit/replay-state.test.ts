// The receiver-state comparison: equal as JSON values (RFC 8259: an object is an unordered set of
// members, an array an ordered sequence), and the first difference named by an RFC 6901 pointer,
// whose escaping is checked against the RFC's own examples (§5).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeDifference, firstDifference } from '../../src/core/delivery/state';

const parse = (s: string): unknown => JSON.parse(s);

describe('replay: comparing two states', () => {
  it('ignores the order of object members, at every depth', () => {
    assert.equal(firstDifference(parse('{"a":1,"b":{"x":[1,2],"y":null}}'), parse('{"b":{"y":null,"x":[1,2]},"a":1}')), undefined);
  });

  it('compares arrays in order', () => {
    assert.deepEqual(firstDifference(parse('{"ids":["a","b"]}'), parse('{"ids":["b","a"]}')), { pointer: '/ids/0', expected: 'a', actual: 'b' });
    assert.deepEqual(firstDifference(parse('[1,2]'), parse('[1,2,3]')), { pointer: '/2', expected: undefined, actual: 3 });
    assert.deepEqual(firstDifference(parse('[1,2,3]'), parse('[1,2]')), { pointer: '/2', expected: 3, actual: undefined });
  });

  it('tells a number from a string, true from 1, null from absent, and 1.0 is 1 (RFC 8259 §6)', () => {
    assert.equal(firstDifference(parse('{"n":1}'), parse('{"n":"1"}'))?.pointer, '/n');
    assert.equal(firstDifference(parse('{"n":1}'), parse('{"n":true}'))?.pointer, '/n');
    assert.deepEqual(firstDifference(parse('{"n":null}'), parse('{}')), { pointer: '/n', expected: null, actual: undefined });
    assert.equal(firstDifference(parse('{"n":1.0}'), parse('{"n":1}')), undefined);
    assert.equal(firstDifference(parse('{"o":{}}'), parse('{"o":[]}'))?.pointer, '/o');
  });

  it('names the first difference in the expected value\'s order, then the actual value\'s extra members', () => {
    assert.equal(firstDifference(parse('{"z":1,"a":1}'), parse('{"a":2,"z":2}'))?.pointer, '/z');
    assert.deepEqual(firstDifference(parse('{"a":1}'), parse('{"a":1,"extra":[],"more":0}')), { pointer: '/extra', expected: undefined, actual: [] });
    assert.equal(firstDifference(parse('{"a":{"b":1},"c":2}'), parse('{"c":3,"a":{"b":2}}'))?.pointer, '/a/b');
  });

  it('escapes the pointer as RFC 6901 §5 does: "~" as ~0, "/" as ~1, the empty key as ""', () => {
    // The RFC's example document, each member changed in turn.
    const doc = { foo: ['bar', 'baz'], '': 0, 'a/b': 1, 'c%d': 2, 'e^f': 3, 'g|h': 4, 'i\\j': 5, 'k"l': 6, ' ': 7, 'm~n': 8 };
    const pointers: [string, string][] = [['', '/'], ['a/b', '/a~1b'], ['c%d', '/c%d'], ['e^f', '/e^f'], ['g|h', '/g|h'], ['i\\j', '/i\\j'], ['k"l', '/k"l'], [' ', '/ '], ['m~n', '/m~0n']];
    for (const [key, pointer] of pointers) {
      assert.equal(firstDifference(doc, { ...doc, [key]: 99 })?.pointer, pointer, key);
    }
    assert.equal(firstDifference(doc, { ...doc, foo: ['bar', 'qux'] })?.pointer, '/foo/1');
    assert.equal(firstDifference(1, 2)?.pointer, '');
    assert.equal(firstDifference(parse('{"~1":0}'), parse('{"~1":1}'))?.pointer, '/~01');
  });

  it('says where and how in one line', () => {
    assert.equal(describeDifference({ pointer: '/count', expected: 1, actual: 2 }), 'at /count: expected 1, got 2');
    assert.equal(describeDifference({ pointer: '', expected: [], actual: {} }), 'at the whole state: expected [], got {}');
    assert.equal(describeDifference({ pointer: '/x', expected: 'a', actual: undefined }), 'at /x: expected "a", got nothing');
  });

  it('reads a member named __proto__ as the member it is', () => {
    assert.equal(firstDifference(parse('{"__proto__":{"a":1}}'), parse('{"__proto__":{"a":2}}'))?.pointer, '/__proto__/a');
  });
});
