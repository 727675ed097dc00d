// The scenarios a keybinding names for the editor's replay (README "Replaying a log against your
// receiver": `"scenarios": ["in-order", "duplicates"]`, each key optional): run in the documented
// order, and a list that names none or names no scenario is said, not run as nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SCENARIOS } from '../../src/core/index';
import { namedScenarios } from '../../src/editor/replay-args';

describe("the scenarios a keybinding's arguments name", () => {
  it('run in the order the README lists them, whatever order they are named in', () => {
    assert.deepEqual(namedScenarios(['redelivery', 'in-order']), { scenarios: ['in-order', 'redelivery'] });
  });
  it('an empty list is an error naming the scenarios there are', () => {
    const none = namedScenarios([]);
    assert.ok('error' in none);
    for (const s of SCENARIOS) assert.ok(none.error.includes(s), s);
  });
  it('an unknown name is an error naming it', () => {
    const unknown = namedScenarios(['in-order', 'sideways']);
    assert.ok('error' in unknown && unknown.error.includes('sideways'));
  });
});
