import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RULES, effectiveSeverity, validate } from '../../src/core/index';
import { fixture } from './helpers';

const docs = fixture('docs', 'job_retry_event.alfred.json');

describe('rule severities', () => {
  it('default to the README rule table', () => {
    const expected: Record<string, string> = {
      'json-syntax': 'error', 'event-name-alias': 'info', 'string-encoded-value': 'warning', 'invalid-uuid': 'warning',
      'timestamp-in-milliseconds': 'warning', 'missing-field': 'warning', 'unknown-field': 'warning', 'unknown-stage': 'warning',
      'date-order': 'warning', 'retry-inconsistent': 'warning', 'out-of-range': 'error', 'invalid-type': 'error',
    };
    for (const [code, severity] of Object.entries(expected)) assert.equal(effectiveSeverity(code, undefined), severity, code);
    assert.equal(RULES.filter((r) => r.defaultSeverity === 'error').length, 12);
  });

  it('can be raised, lowered or switched off per rule', () => {
    const base = validate(docs);
    assert.ok(base.some((d) => d.code === 'invalid-uuid'));
    const off = validate(docs, { rules: { 'invalid-uuid': 'off' } });
    assert.equal(off.filter((d) => d.code === 'invalid-uuid').length, 0);
    assert.equal(off.length, base.filter((d) => d.code !== 'invalid-uuid').length);
    const raised = validate(docs, { rules: { 'string-encoded-value': 'error', 'invalid-uuid': 'info' } });
    assert.ok(raised.filter((d) => d.code === 'string-encoded-value').every((d) => d.severity === 'error'));
    assert.ok(raised.filter((d) => d.code === 'invalid-uuid').every((d) => d.severity === 'info'));
  });

  it('an override of one rule leaves the others at their default', () => {
    const ds = validate(docs, { rules: { 'unknown-stage': 'error' } });
    assert.ok(ds.every((d) => d.severity === 'warning'));
  });
});
