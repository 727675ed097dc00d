import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashIdKey } from '../../src/core/pipeline/chunk';

/*
 * The streaming engine finds repeated event_ids by a hash of each id's key (jobs/ids.ts idKey),
 * computed without making the key. Expected values: the FNV-1a test vectors (draft-eastlake-fnv,
 * 32-bit), and RFC 9562 §4's case-insensitive UUIDs.
 */

describe('id hash: FNV-1a of the id key', () => {
  it('is 32-bit FNV-1a over the code units', () => {
    assert.equal(hashIdKey('') >>> 0, 0x811c9dc5);
    assert.equal(hashIdKey('a') >>> 0, 0xe40c292c);
    assert.equal(hashIdKey('foobar') >>> 0, 0xbf9cf968);
  });

  it('reads a UUID in any letter case as one id, and any other id as written', () => {
    const lower = 'c232ab00-9414-11ec-b3c8-9e6bdeced846';
    assert.equal(hashIdKey(lower.toUpperCase()), hashIdKey(lower));
    assert.equal(hashIdKey('C232AB00-9414-11EC-b3c8-9e6bdeced846'), hashIdKey(lower));
    // Not a UUID (a letter beyond f, a name): case matters.
    assert.notEqual(hashIdKey('G232AB00-9414-11EC-B3C8-9E6BDECED846'), hashIdKey('g232ab00-9414-11ec-b3c8-9e6bdeced846'));
    assert.notEqual(hashIdKey('FOOBAR'), hashIdKey('foobar'));
  });
});
