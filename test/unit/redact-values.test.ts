// Redaction of one free-text value (README, "Redacting"): each kind of secret becomes its
// placeholder, and none of it is left beside the placeholder. Expected outputs are the README's
// rules applied by hand: a phone keeps its punctuation with every digit 0; a credential's value
// becomes REDACTED, a quoted one to its closing quote, in a URL's query to the next `&`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactText } from '../../src/core/index';

/** `value` as the one error message of a payload, redacted, and redacted again (which must change nothing). */
function redacted(value: string): string {
  const doc = JSON.stringify({ event_name: 'job_failed_event', event: { error_messages: [value] } });
  const once = redactText(doc, { mode: 'document', salt: 's' }).text;
  assert.equal(redactText(once, { mode: 'document', salt: 's' }).text, once, `a second redaction of ${value} changes nothing`);
  return (JSON.parse(once) as { event: { error_messages: string[] } }).event.error_messages[0]!;
}

describe('redaction of a value, whole', () => {
  it('phones in any E.164 grouping become all zeros, punctuation kept', () => {
    const cases: [string, string][] = [
      ['tel. +54 9 11 4567-8901', 'tel. +00 0 00 0000-0000'],
      ['+1 646 213-4480 (cell)', '+0 000 000-0000 (cell)'],
      ['+44 (0) 7911 123456', '+00 (0) 0000 000000'],
      ['+49 151 23456789', '+00 000 00000000'],
      ['+55 11 91234-5678', '+00 00 00000-0000'],
    ];
    for (const [value, expected] of cases) assert.equal(redacted(value), expected, value);
  });

  it('a credential\'s value is replaced whole: to its closing quote, to a blank, in a URL query to the next &', () => {
    const cases: [string, string][] = [
      ['password=Tr0ub4dor&3x', 'password=REDACTED'],
      ['{"password": "Tr0ub4dor&3x"}', '{"password": "REDACTED"}'],
      ['password="correct horse battery staple" for etl', 'password="REDACTED" for etl'],
      ['api_key=abc123&def456', 'api_key=REDACTED'],
      ['password=P@ss;w0rd! rejected', 'password=REDACTED rejected'],
      ['password: correct-horse-battery', 'password: REDACTED'],
      ['X-Api-Key: 8f3kQz1Lx0Vb7NwYt2Rm5Ps9Hc4Ud6Ja', 'X-Api-Key: REDACTED'],
      ['aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key=REDACTED'],
      ['AccountName=nwstore01;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;EndpointSuffix=core.windows.net', 'AccountName=nwstore01;AccountKey=REDACTED;EndpointSuffix=core.windows.net'],
      ['callback https://hooks.northwind-logistics.com/alfred?token=Kx9mQ2zLp4Rt&src=alfred', 'callback https://hooks.northwind-logistics.com/alfred?token=REDACTED&src=alfred'],
    ];
    for (const [value, expected] of cases) assert.equal(redacted(value), expected, value);
  });

  it('placeholders stay as they are; an address in angle brackets is an address', () => {
    for (const value of ['AKIAIOSFODNN7EXAMPLE', 'api_key=YOUR_API_KEY', 'password=<your password>', 'password=changeme']) assert.equal(redacted(value), value);
    assert.equal(redacted('<dana.whitfield@northwind-logistics.com>'), '<redacted@example.com>');
  });
});
