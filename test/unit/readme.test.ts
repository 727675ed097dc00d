import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { RULES } from '../../src/core/config/rules';
import { EVENTS } from '../../src/core/catalogue';
import { README, updateReadme } from '../../scripts/readme-tables';

describe('README', () => {
  const text = readFileSync(README, 'utf8');

  it('its event and rule tables are what the catalogue says (regenerate with `npm run readme`)', () => {
    assert.equal(text, updateReadme(text));
  });

  it('names every rule with an anchor and every event', () => {
    for (const r of RULES) assert.ok(text.includes(`<a id="rule-${r.code}"></a>\`${r.code}\``), r.code);
    for (const e of EVENTS) assert.ok(text.includes(`\`${e.name}\``), e.name);
  });

  it('starts with the two commands that do everything on a fresh machine', () => {
    const block = /```sh\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
    assert.match(block, /^npm ci && npm run demo /m);
    assert.match(block, /^npm ci && npm test/m);
  });
});
