// Pseudonyms of ids and user names (src/core/redact/pseudonym.ts). The expected values are built
// here from RFC 9562 §5.8's layout of a version-8 UUID and Node's own HMAC-SHA256 (RFC 2104), not
// from our output: custom_a is the HMAC's first 48 bits, then version 8, custom_b the marker 0xeda,
// the variant 0b10, custom_c the HMAC's next bits.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { isIdPseudonym, isUserPseudonym, Pseudonyms } from '../../src/core/index';

const UUID = 'c232ab00-9414-11ec-b3c8-9e6bdeced846';

/** RFC 9562 §5.8 from the bits of HMAC-SHA256(salt, message). */
function expectedV8(salt: string, message: string): string {
  const h = createHmac('sha256', salt).update(message).digest();
  const bits = (from: number, n: number): bigint => (BigInt('0x' + h.toString('hex')) >> BigInt(256 - from - n)) & ((1n << BigInt(n)) - 1n);
  // custom_a: 48 bits; then 4 bits version (8); custom_b: 12 bits (0xeda); 2 bits variant (0b10); custom_c: 62 bits.
  const value = (bits(0, 48) << 80n) | (8n << 76n) | (0xedan << 64n) | (2n << 62n) | bits(50, 62);
  const hex = value.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

describe('id pseudonyms', () => {
  it('are RFC 9562 version-8 UUIDs with the variant 10 and the marker 8eda, made of HMAC-SHA256(salt, id)', () => {
    const p = new Pseudonyms('salt-1').id(UUID);
    assert.match(p, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(p.slice(14, 18), '8eda');
    // The bits between version and marker, and the variant's, are where the standard puts them.
    assert.equal(p, expectedV8('salt-1', UUID));
  });

  it('give ids that differ only in case one pseudonym (RFC 9562 §4), and other ids as written', () => {
    const p = new Pseudonyms('s');
    assert.equal(p.id(UUID.toUpperCase()), p.id(UUID));
    assert.equal(p.id('C232AB00-9414-11ec-B3C8-9e6bdeced846'), p.id(UUID));
    // The docs' ids with letters beyond f are no UUIDs: the rules compare them as written.
    assert.notEqual(p.id('90123456-1234-1234-1234-1234567890KL'), p.id('90123456-1234-1234-1234-1234567890kl'));
    assert.equal(p.id('90123456-1234-1234-1234-1234567890kl'), expectedV8('s', '90123456-1234-1234-1234-1234567890kl'));
  });

  it('are the same under the same salt, in another instance too, and differ under another', () => {
    assert.equal(new Pseudonyms('a').id(UUID), new Pseudonyms('a').id(UUID));
    assert.notEqual(new Pseudonyms('a').id(UUID), new Pseudonyms('b').id(UUID));
    assert.notEqual(new Pseudonyms('a').id(UUID), new Pseudonyms('a').id('0f8fad5b-d9cb-469f-a165-70867728950e'));
  });

  it('are recognised, in any case, and never pseudonymised again', () => {
    const p = new Pseudonyms('a');
    const once = p.id(UUID);
    assert.ok(isIdPseudonym(once));
    assert.ok(isIdPseudonym(once.toUpperCase()));
    assert.equal(p.id(once), once);
    assert.equal(new Pseudonyms('other').id(once), once);
    assert.equal(p.id(''), '');
    // A real v4 UUID, and a v8 one with another third group, are ids, not pseudonyms.
    assert.ok(!isIdPseudonym(UUID));
    assert.ok(!isIdPseudonym('c232ab00-9414-8edb-b3c8-9e6bdeced846'));
    assert.ok(!isIdPseudonym('c232ab00-9414-8eda-c3c8-9e6bdeced846'), 'variant 110 is not RFC 9562\'s');
  });

  it('stay the same past the memo of recent ones', () => {
    const p = new Pseudonyms('m');
    const first = p.id(UUID);
    for (let i = 0; i < 5000; i++) p.id(`0f8fad5b-d9cb-469f-a165-${String(i).padStart(12, '0')}`);
    assert.equal(p.id(UUID), first);
  });
});

describe('user-name pseudonyms', () => {
  it('are user- and the first 8 hexadecimal digits of HMAC-SHA256(salt, "user_name:" + name)', () => {
    const expected = 'user-' + createHmac('sha256', 'k').update('user_name:jane.doe').digest('hex').slice(0, 8);
    assert.equal(new Pseudonyms('k').user('jane.doe'), expected);
  });

  it('keep case apart, are recognised, and are left as they are', () => {
    const p = new Pseudonyms('k');
    assert.notEqual(p.user('Jane'), p.user('jane'));
    const once = p.user('jane');
    assert.ok(isUserPseudonym(once));
    assert.equal(p.user(once), once);
    assert.ok(!isUserPseudonym('user-jane'));
    assert.equal(p.user(''), '');
  });
});
