import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWebviewMessage } from '../../src/editor/preview-messages';

describe("the preview page's messages", () => {
  it('takes the three it knows', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    const ref = { uri: 'file:///a.alfred.jsonl', offset: 10, length: 5, record: 2 };
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', ref }), { type: 'reveal', ref });
    assert.deepEqual(parseWebviewMessage({ type: 'exportSvg', svg: '<svg/>' }), { type: 'exportSvg', svg: '<svg/>' });
  });

  it('ignores everything else: unknown types, extra keys, wrong types, hostile values', () => {
    for (const m of [
      undefined, null, 'reveal', 42, [], {},
      { type: 'run', command: 'workbench.action.quit' },
      { type: 'ready', extra: 1 },
      { type: 'reveal' },
      { type: 'reveal', ref: { uri: 'file:///a', offset: -1, length: 1 } },
      { type: 'reveal', ref: { uri: 'file:///a', offset: 1.5, length: 1 } },
      { type: 'reveal', ref: { uri: 'file:///a', offset: 0, length: 1, extra: true } },
      { type: 'reveal', ref: { uri: 7, offset: 0, length: 1 } },
      { type: 'exportSvg', svg: 7 },
      JSON.parse('{"type":"ready","__proto__":{"polluted":true}}') as unknown,
    ]) {
      assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m));
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
