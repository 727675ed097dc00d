// SHA-256 and HMAC-SHA256 of the core (src/core/util/sha256.ts), held to the standards' own
// examples: FIPS 180-4's (NIST's "SHA256.pdf" example values and the one-million-'a' message of
// FIPS 180-2 Appendix B.3), NIST SHAVS's empty message, and RFC 4231 §4's seven HMAC-SHA-256 test
// cases. Node's own crypto is a second opinion on the padding boundaries, never the first.
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { hex, hmacSha256, sha256 } from '../../src/core/util/sha256';

const bytes = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));
const repeat = (byte: number, n: number): Uint8Array => new Uint8Array(n).fill(byte);

describe('sha256: FIPS 180-4', () => {
  it('gives the one-block example "abc"', () => {
    assert.equal(hex(sha256('abc')), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('gives the two-block example of 448 bits', () => {
    assert.equal(hex(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')), '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('gives the long example: one million "a"', () => {
    assert.equal(hex(sha256('a'.repeat(1_000_000))), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('gives the empty message of SHAVS', () => {
    assert.equal(hex(sha256('')), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes a string as its UTF-8 bytes', () => {
    assert.deepEqual(sha256('é😀'), sha256(Uint8Array.from(Buffer.from('é😀', 'utf8'))));
  });

  it('pads right at every length around the block boundaries (55, 56, 63, 64, 65 … bytes)', () => {
    for (const n of [0, 1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000]) {
      const msg = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);
      assert.equal(hex(sha256(msg)), createHash('sha256').update(msg).digest('hex'), `${n} bytes`);
    }
  });
});

describe('hmacSha256: RFC 4231 §4', () => {
  it('test case 1: a 20-byte key of 0x0b, "Hi There"', () => {
    assert.equal(hex(hmacSha256(repeat(0x0b, 20), 'Hi There')), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
  });

  it('test case 2: a key shorter than the output, "Jefe"', () => {
    assert.equal(hex(hmacSha256('Jefe', 'what do ya want for nothing?')), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('test case 3: 50 bytes of 0xdd under 20 bytes of 0xaa', () => {
    assert.equal(hex(hmacSha256(repeat(0xaa, 20), repeat(0xdd, 50))), '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe');
  });

  it('test case 4: a 25-byte key 0x01…0x19, 50 bytes of 0xcd', () => {
    assert.equal(hex(hmacSha256(bytes('0102030405060708090a0b0c0d0e0f10111213141516171819'), repeat(0xcd, 50))), '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b');
  });

  it('test case 5: truncated to 128 bits', () => {
    assert.equal(hex(hmacSha256(repeat(0x0c, 20), 'Test With Truncation')).slice(0, 32), 'a3b6167473100ee06e0c796c2955552b');
  });

  it('test case 6: a key longer than the block is hashed first', () => {
    assert.equal(hex(hmacSha256(repeat(0xaa, 131), 'Test Using Larger Than Block-Size Key - Hash Key First')), '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54');
  });

  it('test case 7: a key and data longer than the block', () => {
    const data = 'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.';
    assert.equal(hex(hmacSha256(repeat(0xaa, 131), data)), '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2');
  });

  it('agrees with Node for keys of 0, 63, 64 and 65 bytes', () => {
    for (const n of [0, 63, 64, 65]) {
      const key = repeat(0x5a, n);
      assert.equal(hex(hmacSha256(key, 'payload')), createHmac('sha256', key).update('payload').digest('hex'), `${n}-byte key`);
    }
  });
});
