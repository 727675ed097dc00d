/**
 * Malformed host messages in the real page: each is dropped whole, with a console warning naming
 * where it breaks the contract (src/shared/preview-protocol.ts); the page stays as it was, nothing
 * escapes, and a well-formed message after them still works.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { TimelineData } from '../../src/core/jobs/timeline-data';
import { log, ref } from './fixtures';
import { frames, launch, open } from './harness';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Everything the page shows and keeps: its markup, its saved state and what it posted. */
const view = (page: Page) =>
  page.evaluate(() => ({
    html: document.body.innerHTML,
    saved: sessionStorage.getItem('vscode-webview-state'),
    posted: JSON.stringify((window as unknown as { __messages: unknown[] }).__messages),
  }));

/** A picture with more jobs than the one shown, one field of it edited: drawn, it would change the page. */
function bigger(edit: (d: Record<string, unknown> & TimelineData) => void): TimelineData {
  const d = structuredClone(log(5)) as Record<string, unknown> & TimelineData;
  edit(d);
  return d;
}
const loose = (x: object): Record<string, unknown> => x as Record<string, unknown>;

describe('malformed host messages', () => {
  it('are dropped whole: the page does not change, nothing escapes, a good message still works', async () => {
    const shown = { ...log(3), delivery: 4 };
    const o = await open(browser, { state: { data: shown }, height: 2000 });
    try {
      const { page } = o;
      // A well-formed message first: the page answers them.
      await o.send({ type: 'highlight', markId: shown.jobs[1]!.marks[1]!.id });
      await page.locator(`[data-mark-id="${shown.jobs[1]!.marks[1]!.id}"][aria-current="true"]`).waitFor();
      await frames(page);
      const before = await view(page);

      // Each kind of malformed message, with where the page's warning must say it breaks.
      const cases: [unknown, string][] = [
        [null, 'message: not an object'],
        [42, 'message: not an object'],
        [[{ type: 'render', data: log(5) }], 'message: not an object'],
        [{ type: 'nope' }, 'message.type:'],
        [{ type: 'constructor' }, 'message.type:'],
        [{ type: 'reveal', ref: ref(1) }, 'message.type:'],
        [{ type: 'render' }, 'message.data: missing'],
        [{ type: 'more', jobs: log(8).jobs.slice(3) }, 'message.delivery: missing'],
        [{ type: 'highlight', markId: 7 }, 'message.markId: not a string'],
        [{ type: 'render', data: 'x' }, 'message.data: not an object'],
        [{ type: 'render', data: bigger((d) => void (loose(d.jobs[4]!.marks[2]!)['at'] = '5')) }, 'message.data.jobs[4].marks[2].at: not a finite number'],
        [{ type: 'render', data: bigger((d) => void (d.jobs[0]!.marks[0]!.at = NaN)) }, 'message.data.jobs[0].marks[0].at: not a finite number'],
        [{ type: 'render', data: bigger((d) => void (loose(d.jobs[2]!)['outcome'] = 'weird')) }, 'message.data.jobs[2].outcome: not one of'],
        [{ type: 'render', data: bigger((d) => void (loose(d.jobs[1]!.marks[0]!.ref!)['script'] = 'x')) }, 'message.data.jobs[1].marks[0].ref.script: not expected'],
        [{ type: 'render', data: bigger((d) => void delete loose(d.summary)['events']) }, 'message.data.summary.events: missing'],
        [{ type: 'render', data: bigger((d) => void (d['problems'] = [{ message: 'half a problem' }] as never)) }, 'message.data.problems[0].code: missing'],
        // More jobs for the picture shown: one bad job drops the part, its good jobs with it.
        [{ type: 'more', delivery: 4, jobs: [...log(8).jobs.slice(3, 6), { id: 'j-x', marks: 'no' }] }, 'message.jobs[3].start: missing'],
        [{ type: 'highlight', markId: null, extra: true }, 'message.extra: not expected'],
      ];
      for (const [message] of cases) await page.evaluate((m) => window.postMessage(m, '*'), message);
      // JSON.parse makes `__proto__` an own key, which structured cloning keeps.
      await page.evaluate(() => window.postMessage(JSON.parse('{"type":"highlight","markId":null,"__proto__":{"polluted":true}}'), '*'));
      const expected = [...cases.map(([, where]) => where), 'message.__proto__: not expected'];

      await o.warned(expected.length);
      await frames(page);
      assert.deepEqual(await view(page), before, 'the page is as it was');
      assert.equal(o.warnings.length, expected.length);
      o.warnings.forEach((w, i) => assert.ok(w.includes(`dropped a message from the extension: ${expected[i]}`), `${w} should say ${expected[i]}`));
      assert.equal(await page.evaluate(() => ({} as Record<string, unknown>)['polluted']), undefined);
      assert.deepEqual(o.pageErrors, [], 'no exception escaped the page');

      // A well-formed message after them still works: the part of the picture shown, then a new picture.
      await o.send({ type: 'more', delivery: 4, jobs: log(8).jobs.slice(3, 8) });
      await page.locator('.lane').nth(7).waitFor();
      assert.equal(await page.locator('.lane').count(), 8);
      await o.send({ type: 'render', data: { ...log(2), title: 'after.alfred.jsonl' } });
      await page.locator('.title', { hasText: 'after.alfred.jsonl' }).waitFor();
      assert.equal(await page.locator('.lane').count(), 2);
      assert.deepEqual(o.pageErrors, []);
      assert.deepEqual(await o.cspViolations(), []);
    } finally {
      await o.close();
    }
  });

  it('a picture written into the page that breaks the contract is not drawn, and says why', async () => {
    const data = log(3);
    loose(data.jobs[0]!.stages[0]!)['to'] = 'later';
    const o = await open(browser, { state: { data } });
    try {
      const { page } = o;
      await o.warned(1);
      assert.match(o.warnings[0]!, /dropped the picture the extension wrote into the page: data\.jobs\[0\]\.stages\[0\]\.to: not a finite number/);
      assert.match(await page.locator('.message').innerText(), /Loading/);
      assert.equal(await page.locator('.lane').count(), 0);
      assert.deepEqual(o.pageErrors, []);
      // The host answers `ready` with a render, which draws.
      await o.send({ type: 'render', data: log(3) });
      await page.locator('.lane').nth(2).waitFor();
      assert.equal(await page.locator('.lane').count(), 3);
    } finally {
      await o.close();
    }
  });
});
