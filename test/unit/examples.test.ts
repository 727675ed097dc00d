import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EVENTS } from '../../src/core/catalogue';
import { validate } from '../../src/core/index';
import { FIXTURES, codes, fixture } from './helpers';

describe('correct payloads', () => {
  for (const e of EVENTS) {
    it(`${e.name}: no diagnostic at all`, () => {
      const text = fixture('examples', `${e.name}.alfred.json`);
      assert.ok(text.includes(`"event_name": "${e.name}"`));
      assert.deepEqual(validate(text), []);
    });
  }

  it('the URL verification body is a valid document', () => {
    assert.deepEqual(validate(fixture('examples', 'url-verification.alfred.json')), []);
  });

  it('the example log of several jobs: no diagnostic', () => {
    const text = fixture('examples', 'jobs.alfred.jsonl');
    assert.ok(text.split('\n').filter((l) => l.trim()).length > 30);
    assert.deepEqual(validate(text, { mode: 'log' }), []);
  });

  it('stays clean when re-serialised compactly and with other indentation', () => {
    for (const e of EVENTS) {
      const value: unknown = JSON.parse(fixture('examples', `${e.name}.alfred.json`));
      assert.deepEqual(validate(JSON.stringify(value)), [], e.name);
      assert.deepEqual(validate(JSON.stringify(value, null, '\t').replace(/\n/g, '\r\n')), [], e.name);
    }
  });
});

describe("the docs' own examples", () => {
  const dir = join(FIXTURES, 'docs');
  const files = readdirSync(dir).filter((f) => f.endsWith('.alfred.json'));

  it('cover all 24 events', () => assert.equal(files.length, 24));

  for (const f of files) {
    it(`${f}: warnings that explain the docs' habits, never an error`, () => {
      const ds = validate(fixture('docs', f));
      assert.deepEqual(ds.filter((d) => d.severity === 'error'), []);
      const allowed = new Set(['string-encoded-value', 'invalid-uuid', 'unknown-stage', 'event-name-alias', 'date-order']);
      assert.deepEqual(codes(ds).filter((c) => !allowed.has(c)), []);
      // Every docs example writes event_time as a string with two decimals, a year before its dates.
      assert.ok(ds.some((d) => d.code === 'string-encoded-value' && d.pointer === '/event_time'));
      const text = fixture('docs', f);
      if (text.includes('"creation_date"')) assert.ok(ds.some((d) => d.code === 'date-order' && d.pointer === '/event_time' && /docs' examples/.test(d.message)));
    });
  }

  it('the seed page\'s job_retry_event: strings and non-hex ids, each on its value', () => {
    const ds = validate(fixture('docs', 'job_retry_event.alfred.json'));
    const byPointer = Object.fromEntries(ds.map((d) => [d.pointer, d.code]));
    assert.equal(byPointer['/event/merge'], 'string-encoded-value');
    assert.equal(byPointer['/event/file_count'], 'string-encoded-value');
    assert.equal(byPointer['/event/retries'], 'string-encoded-value');
    assert.equal(byPointer['/event/exceeded_retries'], 'string-encoded-value');
    assert.equal(byPointer['/event_id'], 'invalid-uuid');
    assert.equal(byPointer['/event/job_id'], 'invalid-uuid');
  });

  it('the stage "processing" of the docs is an unknown stage, a warning', () => {
    const ds = validate(fixture('docs', 'job_stage_update_event.alfred.json'));
    const stage = ds.find((d) => d.pointer === '/event/stage');
    assert.equal(stage?.code, 'unknown-stage');
    assert.equal(stage?.severity, 'warning');
  });
});
