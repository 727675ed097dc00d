/*
 * Base64 and base64url to Latin-1 text (RFC 4648 §4, §5), for looking inside a Basic credential
 * and a JWT's header. The core has no Buffer (web build), and `atob` refuses base64url.
 */

const VALUES = new Int8Array(128).fill(-1);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;
// Both alphabets: `+` `/` (base64) and `-` `_` (base64url) are 62 and 63.
VALUES[0x2b] = 62;
VALUES[0x2d] = 62;
VALUES[0x2f] = 63;
VALUES[0x5f] = 63;

/**
 * The bytes `text` encodes, as a string of code units 0–255, or undefined when it holds a
 * character of neither alphabet or leaves a lone character at the end; `=` padding is optional.
 * Reads at most `max` characters of input.
 */
export function decodeBase64(text: string, max = 4096): string | undefined {
  let t = text.length > max ? text.slice(0, max - (max % 4)) : text;
  let pad = t.length;
  while (pad > 0 && t[pad - 1] === '=') pad--;
  if (t.length - pad > 2) return undefined;
  t = t.slice(0, pad);
  if (t.length % 4 === 1) return undefined;
  let out = '';
  let bits = 0;
  let acc = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    const v = c < 128 ? VALUES[c]! : -1;
    if (v < 0) return undefined;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((acc >> bits) & 0xff);
    }
  }
  return out;
}
