import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EVENTS, EVENT_FIELDS, JOB_STAGES, eventByName, eventField } from '../../src/core/catalogue';
import { RULES } from '../../src/core/config/rules';

describe('catalogue', () => {
  it('holds the 24 events of the README Events table: 8 job events and 16 file events', () => {
    assert.equal(EVENTS.length, 24);
    assert.equal(EVENTS.filter((e) => e.family === 'job').length, 8);
    assert.equal(EVENTS.filter((e) => e.family === 'file').length, 16);
    assert.equal(new Set(EVENTS.map((e) => e.name)).size, 24);
    for (const e of EVENTS) {
      assert.match(e.name, new RegExp(`^${e.family}_[a-z_]+_event$`), e.name);
      assert.ok(e.when.length > 10 && e.title.length > 3, e.name);
    }
  });

  it('describes every field an event lists, and lists no field twice', () => {
    for (const e of EVENTS) {
      assert.equal(new Set(e.fields).size, e.fields.length, e.name);
      for (const name of e.fields) {
        const field = eventField(name);
        assert.ok(field, `${e.name}.${name} has no dictionary entry`);
        assert.ok(field.doc.length > 5, `${name} has no meaning`);
      }
    }
  });

  it('has no dictionary entry that no event uses', () => {
    const used = new Set(EVENTS.flatMap((e) => ['event_name', 'event_type', ...e.fields]));
    assert.deepEqual(Object.keys(EVENT_FIELDS).filter((k) => !used.has(k)), []);
  });

  it('knows the add-to-job alias and the documented field lists', () => {
    assert.equal(eventByName('file_add_to_job_event')?.name, 'file_added_to_job_event');
    assert.deepEqual(eventByName('file_added_to_job_event')?.fields, ['company_id', 'company_name', 'file_id', 'job_id']);
    assert.equal(eventByName('job_retry_event')?.fields.length, 13);
    assert.equal(eventByName('file_status_update_event')?.fields.length, 13);
    assert.equal(eventByName('__proto__'), undefined);
    assert.equal(eventField('toString'), undefined);
  });

  it('lists the 16 job stages, every rule of the README rule table and the cross-event rules', () => {
    assert.equal(JOB_STAGES.length, 16);
    assert.deepEqual(RULES.map((r) => r.code), [
      'json-syntax', 'duplicate-key', 'not-an-object', 'capture-envelope', 'missing-envelope-field', 'missing-event-name',
      'unknown-event-name', 'event-name-alias', 'event-type-mismatch', 'invalid-type', 'string-encoded-value',
      'invalid-uuid', 'invalid-date', 'date-without-offset', 'unset-date', 'invalid-url', 'out-of-range', 'timestamp-in-milliseconds',
      'missing-field', 'unknown-field', 'unknown-stage', 'date-order', 'retry-inconsistent',
      // Secrets and personal data in any string (issue 14), per record like the rules above.
      'signed-url', 'credential', 'personal-data',
      // Cross-event rules (issue 4), after the single-payload rules.
      'duplicate-event-id', 'retries-decreasing', 'event-after-end', 'multiple-ends', 'exceeded-retries-unmarked', 'stage-before-start',
      // The size limit's notice (issue 12): a rule, so that every door reports it alike.
      'file-too-large',
    ]);
  });
});
