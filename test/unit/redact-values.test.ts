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
});
