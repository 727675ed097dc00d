import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { jsonSchema } from '../../src/core/index';
import { FIXTURES, fixture } from './helpers';

const COMMITTED = join(__dirname, '..', '..', 'schemas', 'alfred-event.schema.json');

describe('JSON Schema export', () => {
  it('matches the committed file (regenerate with `npm run schema`)', () => {
    const committed: unknown = JSON.parse(readFileSync(COMMITTED, 'utf8'));
    assert.deepEqual(committed, JSON.parse(JSON.stringify(jsonSchema())));
  });

  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const check = ajv.compile(jsonSchema());

  it('accepts every correct example, the URL verification body and every log record', () => {
    for (const f of readdirSync(join(FIXTURES, 'examples')).filter((n) => n.endsWith('.json'))) {
      assert.ok(check(JSON.parse(fixture('examples', f))), `${f}: ${ajv.errorsText(check.errors)}`);
    }
    for (const line of fixture('examples', 'jobs.alfred.jsonl').split('\n').filter((l) => l.trim())) {
      assert.ok(check(JSON.parse(line)), ajv.errorsText(check.errors));
    }
  });

  it("rejects the docs' stringly typed examples and the broken demos, as the canonical form should", () => {
    for (const f of readdirSync(join(FIXTURES, 'docs'))) assert.equal(check(JSON.parse(fixture('docs', f))), false, f);
    for (const f of ['wrong-types', 'typo-event-name', 'unknown-and-missing-fields', 'milliseconds']) {
      assert.equal(check(JSON.parse(fixture('broken', `${f}.alfred.json`))), false, f);
    }
  });

  it('names every event and documents every field', () => {
    const text = JSON.stringify(jsonSchema());
    assert.equal((text.match(/"title":"(job|file)_[a-z_]+_event"/g) ?? []).length, 24);
    const defs = (jsonSchema().$defs ?? {}) as Record<string, { description?: string }>;
    assert.ok(Object.keys(defs).length > 40);
    for (const [name, def] of Object.entries(defs)) assert.ok(def.description, `${name} has no description`);
  });
});
