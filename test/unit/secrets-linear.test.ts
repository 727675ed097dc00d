import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { secretSpans, validate, type StringField } from '../../src/core/index';

/*
 * No ReDoS: each pattern of the secret detectors fed a 1 MB string built against it (a start that
 * matches again and again, a long run that almost matches, separators that never close). The
 * detectors are linear, so each finishes in a moment; a quadratic one would not finish here.
 * The timeout only keeps a regression from stalling the suite, it asserts no speed.
 */

const MB = 1 << 20;
const fill = (unit: string, prefix = '', suffix = ''): string => prefix + unit.repeat(Math.ceil((MB - prefix.length - suffix.length) / unit.length)) + suffix;
const FREE: StringField = { key: 'content', pointer: '/event/content', freeText: true };

const ADVERSARIES: Record<string, string> = {
  'query: a parameter start that never ends': fill('?a=', 'https://x.example.net/p'),
  'query: sig= again and again': fill('&sig=', 'https://x.example.net/p?sv=1'),
  'query: encoded separators, level 1 and 2': fill('%26sig%3D%2526sv%253D', 'https://x.example.net/p?u='),
  'query: a name longer than any': fill('a', '?', '='),
  'query: a value with nothing that ends it': fill('b', 'https://x.example.net/p?sv=1&sig='),
  'bearer: the scheme and blanks, no token': fill(' ', 'Bearer'),
  'bearer: the scheme again and again': fill('Bearer '),
  'basic: a long base64 run': fill('QWxh', 'Basic '),
  'jwt: eyJ starts in one run': fill('-eyJ'),
  'jwt: dots': fill('eyJ.'),
  'aws: AKIA again and again': fill('AKIA'),
  'github: ghp_ with one short': fill('ghp_abc'),
  'slack: one long token': fill('a', 'xoxb-'),
  'stripe: sk_live_ again': fill('sk_live_'),
  'pem: BEGIN lines without END': fill('-----BEGIN PRIVATE KEY-----'),
  'assignment: the name and blanks, no sign': fill(' ', 'password'),
  'assignment: names again and again': fill('token='),
  'assignment: a colon and short values': fill('secret: a '),
  'assignment: quotes that open again and again': fill('token="'),
  'assignment: a quote never closed, escapes in it': fill('\\"', 'password="'),
  'assignment: angle brackets never closed': fill('token=<'),
  'assignment: a query of names again and again': fill('&api_key=', 'https://x.example.net/p?'),
  'assignment: a connection string of keys': fill('AccountKey=;'),
  'userinfo: a scheme with @ and no slash': fill('a@', 'x://'),
  'userinfo: schemes again and again': fill('a://'),
  'email: @ again and again': fill('a@'),
  'email: a long local part before one @': fill('a', '', '@b.co'),
  'email: a long domain after one @': fill('a.', 'x@'),
  'phone: digits and blanks': fill('1 '),
  'phone: + and digits': fill('+1'),
  'phone: parentheses': fill('(1) '),
  'phone: trunk-0 groups': fill('0 12 '),
  'phone: mixed separators after a +': fill('+1 2-3.'),
  'phone: words before numbers': fill('phone no. 0612 345 678 '),
  'placeholder: a long run of x': fill('x'),
};

describe('the secret detectors are linear: a 1 MB adversarial string for each pattern', () => {
  for (const [name, text] of Object.entries(ADVERSARIES)) {
    it(name, { timeout: 60_000 }, () => {
      assert.ok(text.length >= MB);
      const spans = secretSpans(text, FREE);
      // Whatever is found lies inside the text and does not overlap.
      for (let i = 0; i < spans.length; i++) {
        assert.ok(spans[i]!.start >= 0 && spans[i]!.end <= text.length && spans[i]!.start < spans[i]!.end);
        if (i > 0) assert.ok(spans[i - 1]!.end <= spans[i]!.start);
      }
    });
  }

  it('one record holding all of them, through validate()', { timeout: 120_000 }, () => {
    // The address first: a private key's BEGIN line without its END takes the rest of the string.
    const content = ['Contact dana@northwind-logistics.com', ...Object.values(ADVERSARIES).map((t) => t.slice(0, 64 * 1024))].join('\n');
    const record = JSON.stringify({ event_id: '3f2b9c1e-8d4a-4c6b-9e2f-1a7b5c3d9e0f', event_type: 'file_event_type', event_time: 1744031200, event: {
      event_name: 'file_extracted_data_create_event', event_type: 'file_event_type', company_id: '703af167-af43-4710-bcb1-3b531cbef214',
      company_name: 'Northwind Logistics', file_log_id: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a', content, provider: 'ocr',
      creation_date: '2025-04-07T13:06:00Z', update_date: '2025-04-07T13:06:00Z' } });
    assert.deepEqual(validate(record).map((d) => [d.code, d.pointer]), [['signed-url', '/event/content'], ['credential', '/event/content'], ['personal-data', '/event/content']]);
  });
});
