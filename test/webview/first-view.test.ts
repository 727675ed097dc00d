/**
 * The page itself: a log spread over days shows every job's story in its first view, with its
 * breaks marked; the Time select switches the axis and is remembered. And lists the input sizes
 * (a job's errors, the jobs in the picker) go into the page one by one, not spread into a call.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { TimelineData } from '../../src/core/jobs/timeline-data';
import { log } from './fixtures';
import { frames, launch, open, type Opened } from './harness';

const H = 3_600_000;
let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function withPage(data: TimelineData, run: (o: Opened) => Promise<void>): Promise<void> {
  const o = await open(browser, { state: { data }, height: 900 });
  try {
    await run(o);
    assert.deepEqual(o.pageErrors, []);
  } finally {
    await o.close();
  }
}

/** Per lane: the x span of its marks, in px. */
const spans = (o: Opened): Promise<number[]> =>
  o.page.locator('.lane-job').evaluateAll((lanes) =>
    lanes.map((lane) => {
      const xs = [...lane.querySelectorAll('.mark')].map((m) => m.getBoundingClientRect()).map((r) => r.left + r.width / 2);
      return Math.max(...xs) - Math.min(...xs);
    }),
  );

describe('a log spread over days, in the page', () => {
  const data = log(12, 10, { gap: 6 * H });

  it('first view: every job spans 100 px or more; clock time: the breaks are drawn and labelled', async () => {
    await withPage(data, async (o) => {
      const { page } = o;
      assert.equal(await page.inputValue('#axis-mode'), 'start');
      assert.match(await page.locator('.axis-label').innerText(), /since each job's start/);
      assert.ok((await spans(o)).every((w) => w >= 100), (await spans(o)).join());
      assert.match(await page.locator('.lane-meta').first().innerText(), /^Jun 7 15:40 · /, 'each lane says when it started');

      await page.selectOption('#axis-mode', 'clock');
      await frames(page);
      assert.equal((await o.saved())?.axis, 'clock');
      assert.equal(await page.locator('.axis .axis-break').count(), 11);
      assert.ok((await page.locator('.axis .break-label').allTextContents()).every((t) => t === '6 h'));
      assert.match((await page.locator('.axis .axis-break title').first().textContent()) ?? '', /^5 h 5\d min without events, not to scale$/);
      assert.ok((await spans(o)).every((w) => w >= 12));
      assert.match(await page.locator('.axis-label').innerText(), /UTC\s*2024-06-07/);

      await page.reload();
      await page.locator('.lane').first().waitFor();
      assert.equal(await page.inputValue('#axis-mode'), 'clock', 'the choice is kept');
    });
  });

  it('the export draws the same axis, breaks included', async () => {
    await withPage(data, async (o) => {
      await o.page.selectOption('#axis-mode', 'clock');
      await frames(o.page);
      await o.page.click('#export');
      const message = (await o.messages()).find((m) => m.type === 'exportSvg');
      assert.ok(message?.type === 'exportSvg');
      assert.equal((message.svg.match(/without events, not to scale/g) ?? []).length, 11);
    });
  });
});

describe('unbounded spread, in the page', () => {
  it('a mark with 200,000 errors and a picker of 200,000 jobs', async () => {
    await withPage(log(1, 10), async (o) => {
      const { page } = o;
      await page.evaluate(() => {
        const T = Date.UTC(2024, 5, 7);
        const errors = Array.from({ length: 200_000 }, (_, i) => `error ${i}`);
        const job = (i: number) => ({ id: `job-${i}`, start: T + i, end: T + i, outcome: 'open', retries: 0, exceeded: false, stages: [], files: [], marks: [{ id: `m${i}`, kind: 'create', name: 'job_create_event', at: T + i, label: '' }] });
        const one = { ...job(0), marks: [{ id: 'r', kind: 'retry', name: 'job_retry_event', at: T, label: '', retries: 1, errors }] };
        const jobs = [one, ...Array.from({ length: 199_999 }, (_, i) => job(i + 1))];
        window.postMessage({ type: 'render', data: { title: 'big', version: 2, jobs, orphans: [], summary: { jobs: jobs.length, events: jobs.length, retries: 1, failures: 0 }, problems: [], range: { min: T, max: T + 200_000 } } }, '*');
      });
      await page.locator('#job-picker option').nth(200_000).waitFor({ state: 'attached', timeout: 60_000 });
      await page.selectOption('#job-picker', 'job-0');
      await page.locator('.detail .errors li').nth(199_999).waitFor({ state: 'attached', timeout: 60_000 });
      assert.equal(await page.locator('.message .error').count(), 0, 'nothing failed');
    });
  });
});
