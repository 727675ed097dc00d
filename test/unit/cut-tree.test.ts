// The cut tree (input/cut-tree.ts) is jsonc-parser's parseTree with some containers' insides left
// out: compared here with parseTree itself, node for node, on sound and broken JSON.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { parseTreeCut } from '../../src/core/input/cut-tree';

/** A tree as plain data, without parent links; cut below `depth` containers (none by default). */
function plain(node: Node | undefined, depth = Infinity, at = 1): unknown {
  if (!node) return undefined;
  const { type, offset, length, colonOffset } = node;
  const value: unknown = node.value;
  const out: Record<string, unknown> = { type, offset, length };
  if (colonOffset !== undefined) out.colonOffset = colonOffset;
  if (value !== undefined) out.value = value;
  const container = type === 'object' || type === 'array';
  const deeper = container ? at + 1 : at;
  if (node.children) out.children = container && at >= depth ? [] : node.children.map((c) => plain(c, depth, deeper));
  return out;
}

const TEXTS = [
  '{"event_count": 2, "events": [{"payload": {"a": [1, {"b": null}], "a": true}, "reception_date": "x"}, 7, [], {}]}',
  '  [1, "two", {"three": [3, 3.0e0, -0]}, null, false]  ',
  // Broken: a trailing comma, a missing comma, a missing value, an unclosed object and array, junk after.
  '{"events": [{"payload": {"a": 1,}, "r": 2,}],}',
  '{"a": 1 "b": {"c": [1 2]}}',
  '{"a": , "b": {"c": }}',
  '{"events": [{"payload": {"a": {"b": [1, 2',
  '{"a": 1} {"b": 2}',
  '',
];

describe('the cut tree', () => {
  for (const allowTrailingComma of [false, true]) {
    it(`uncut, it is parseTree's tree with parseTree's errors (allowTrailingComma ${allowTrailingComma})`, () => {
      for (const text of TEXTS) {
        const want: ParseError[] = [];
        const got: ParseError[] = [];
        const tree = parseTree(text, want, { allowTrailingComma });
        assert.deepEqual(plain(parseTreeCut(text, got, { allowTrailingComma }, () => false)), plain(tree), text);
        assert.deepEqual(got, want, text);
      }
    });
  }

  it('cut at a depth, it is the same tree with nothing below that depth, and the errors of the whole text', () => {
    for (const text of TEXTS) {
      for (const depth of [1, 2, 3, 4]) {
        const want: ParseError[] = [];
        const got: ParseError[] = [];
        const tree = parseTree(text, want, { allowTrailingComma: true });
        assert.deepEqual(plain(parseTreeCut(text, got, { allowTrailingComma: true }, (_, d) => d >= depth)), plain(tree, depth), `${depth}: ${text}`);
        assert.deepEqual(got, want, text);
      }
    }
  });

  it('cut at chosen offsets, only those containers lose their insides', () => {
    const text = TEXTS[0]!;
    const payload = text.indexOf('{"a"');
    const tree = parseTreeCut(text, [], {}, (offset) => offset === payload);
    const cut = tree!.children![1]!.children![1]!.children![0]!.children![0]!.children![1]!;
    assert.deepEqual([cut.type, cut.offset, cut.length, cut.children], ['object', payload, '{"a": [1, {"b": null}], "a": true}'.length, []]);
    // The entry's other member, after the cut payload, is still there.
    assert.equal(tree!.children![1]!.children![1]!.children![0]!.children![1]!.children![1]!.value, 'x');
  });
});
