import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validate } from '../../src/core/index';
import { example } from './helpers';

/*
 * An absolute http(s) URL is what the WHATWG URL standard (https://url.spec.whatwg.org/) parses,
 * with no base, as a URL whose scheme is http or https, without a validation error: the parser
 * recovers from some mistakes silently, and a payload's reader would not know what was meant.
 *
 * Test vectors marked WPT are from web-platform-tests, url/resources/urltestdata.json
 * (https://github.com/web-platform-tests/wpt, commit 04f8022e43aeac33a2f8ca248333cb5e8571b160):
 * there, "failure" means the parser refuses the input; an input it accepts is valid here only
 * when the standard names no validation error for it (the error named beside each).
 */

const failed = example('file_failed_event');
const created = example('job_create_event');

/** The invalid-url diagnostics of a blob_url, and of the same string as an element of file_urls. */
function urlFindings(url: string): { blob: string[]; list: string[] } {
  const blob = failed.replace(/"blob_url": "[^"]*"/, `"blob_url": ${JSON.stringify(url)}`);
  const list = created.replace(/("file_urls": \[\s*)"[^"]*"/, `$1${JSON.stringify(url)}`);
  assert.notEqual(blob, failed);
  assert.notEqual(list, created);
  const pick = (text: string) => validate(text).filter((d) => d.code === 'invalid-url').map((d) => `${d.pointer} ${d.message}`);
  return { blob: pick(blob), list: pick(list) };
}

function expectValid(url: string): void {
  assert.deepEqual(urlFindings(url), { blob: [], list: [] }, url);
}

function expectInvalid(url: string, why?: RegExp): void {
  const { blob, list } = urlFindings(url);
  assert.equal(blob.length, 1, `${JSON.stringify(url)}: ${JSON.stringify(blob)}`);
  assert.equal(list.length, 1, `${JSON.stringify(url)} in file_urls: ${JSON.stringify(list)}`);
  assert.match(blob[0]!, /^\/event\/blob_url blob_url must be an absolute http\(s\) URL/);
  assert.match(list[0]!, /^\/event\/file_urls\/0 /);
  if (why) assert.match(blob[0]!, why);
}

describe('absolute http(s) URLs as the WHATWG URL standard reads them', () => {
  describe('hosts and forms that are valid', () => {
    const valid = [
      'http://127.0.0.1:10000/devstoreaccount1/docs/a.pdf', // the Azure storage emulator
      'https://localhost/docs/a.pdf',
      'https://[::1]/docs/a.pdf',
      'http://[2001:db8::7]:10000/devstoreaccount1/a.pdf',
      'http://azurite:10000/devstoreaccount1/a.pdf', // a name without a dot (a container's)
      'https://bücher.example/a.pdf', // IDN, read as xn--bcher-kva.example
      'https://example.com/scans/a%20b%C3%A9.pdf', // percent-encoding
      'https://example.com/scans/été.pdf', // non-ASCII is a URL code point
      'HTTPS://Example.COM/a.pdf',
      'https://example.com',
      'https://acct.blob.core.windows.net/c/a.pdf?sv=2021-08-06&se=2024-06-07T15%3A46%3A05Z&sig=ab%2Bc%3D#page=2',
      // WPT
      'http://f:/c',
      'http://f:0/c',
      'http://f:00000000000000/c',
      'http://[2001::1]',
      'http://[::127.0.0.1]',
      'http://[0:0:0:0:0:0:13.1.68.3]',
      'http://[2001::1]:80',
      'http://foo/abcd?efgh?ijkl',
      'http://foo/abcd#foo?bar',
      'http://ExAmPlE.CoM',
      'https://faß.ExAmPlE/',
      'http://你好你好',
      'https://x/\ufffd?\ufffd#\ufffd',
      'http://www.example2.com',
    ];
    for (const url of valid) it(JSON.stringify(url), () => expectValid(url));
  });

  describe('what the parser refuses stays an error', () => {
    const refused: [string, RegExp?][] = [
      ['http://', /it has no host/],
      ['https://exa mple.com', /holds a space/],
      ['http://[::1', /no closing "\]"/],
      ['ftp://x', /scheme is ftp:/],
      ['//x/a', /no scheme/],
      ['/relative', /not absolute/],
      ['http://256.256.256.256/', /not an IPv4 address/], // an IPv4 part above 255: IPv4-out-of-range-part, failure
      ['http://1.2.3.4.5/', /not an IPv4 address/], // IPv4-too-many-parts, failure
      ['http://example.com:65536/', /port "65536"/],
      ['', /not absolute/],
      // WPT
      ['http://f:b/c', /port "b"/],
      ['http://f: /c'],
      ['http://f:fifty-two/c'],
      ['http://f:999999/c', /port/],
      ['http://[1::2]:3:4', /port "3:4"/],
      ['http://2001::1'],
      ['http://2001::1]'],
      ['http://[]'],
      ['http://[:]'],
      ['http://example example.com', /holds a space/],
      ['http://Goo%20 goo%7C|.com'],
      ['http://GOO\u00a0\u3000goo.com'],
      ['http://\ufdd0zyx.com'],
      ['http://%ef%b7%90zyx.com'],
      ['https://\ufffd'],
      ['http://a.b.c.xn--pokxncvks'],
      ['http://192.168.0.257', /not an IPv4 address/],
      ['http://192.168.0.1 hello'],
      ['https://x x:12'],
      ['http://[www.google.com]/'],
      ['http://%25'],
      ['http://hello%00'],
      ['http://@:www.example.com'],
    ];
    for (const [url, why] of refused) it(JSON.stringify(url), () => expectInvalid(url, why));
  });

  describe('what the parser accepts only with a validation error is an error', () => {
    const forgiven: [string, RegExp, string][] = [
      ['http:///a', /exactly two slashes/, 'special-scheme-missing-following-solidus'],
      ['https:example.com/', /exactly two slashes/, 'special-scheme-missing-following-solidus (WPT)'],
      // With an http base, WPT reads this one as a path on that base: not absolute at all.
      ['http:/example.com/', /exactly two slashes/, 'special-scheme-missing-following-solidus (WPT)'],
      ['http:\\\\foo.com\\', /backslash/, 'invalid-reverse-solidus (WPT)'],
      ['http://user:pass@foo:21/bar;par?b#c', /credentials/, 'invalid-credentials (WPT)'],
      ['http://:@www.example.com', /credentials/, 'invalid-credentials (WPT)'],
      ['http://example\t.\norg', /tab or a line break/, 'invalid-URL-unit (WPT)'],
      ['http://f:21/ b ? d # e ', /blank/, 'invalid-URL-unit, trailing space (WPT)'],
      ['\u0000\u001b\u0004\u0012 http://example.com/\u001f \u000d ', /blank or a control character/, 'invalid-URL-unit, leading C0 (WPT)'],
      ['https://example.com/scans/a b.pdf', /space: write it as %20/, 'invalid-URL-unit'],
      ['https://example.com/a%zz.pdf', /"%" that is not followed/, 'invalid-URL-unit'],
      ['http://foo/path;a??e#f#g', /"#"/, 'invalid-URL-unit, a second "#" (WPT)'],
      ['http://example.com/\uD800\uD801\uDFFE\uDFFF\uFDD0?x', /U\+D800/, 'invalid-URL-unit, a lone surrogate (WPT)'],
      ['http://%30%78%63%30%2e%30%32%35%30.01', /read as 192\.168\.0\.1/, 'IPv4-non-decimal-part (WPT)'],
      ['http://０Ｘｃ０．０２５０．０１', /read as 192\.168\.0\.1/, 'IPv4-non-decimal-part, fullwidth (WPT)'],
      ['http://0x7f.1/', /read as 127\.0\.0\.1/, 'IPv4-non-decimal-part'],
      ['http://127.1/', /read as 127\.0\.0\.1/, 'not a valid IPv4-address string'],
      ['http://1.2.3.4./', /read as 1\.2\.3\.4/, 'IPv4-empty-part'],
    ];
    for (const [url, why, error] of forgiven) it(`${JSON.stringify(url)}: ${error}`, () => expectInvalid(url, why));
  });

  it('the parser itself agrees: what is valid here parses to an http(s) URL with a host', () => {
    for (const url of ['http://127.0.0.1:10000/devstoreaccount1/docs/a.pdf', 'https://localhost/docs/a.pdf', 'https://[::1]/docs/a.pdf', 'https://bücher.example/a.pdf']) {
      const u = new URL(url);
      assert.ok(/^https?:$/.test(u.protocol) && u.hostname !== '', url);
    }
    assert.equal(new URL('https://bücher.example/a.pdf').hostname, 'xn--bcher-kva.example');
  });
});
