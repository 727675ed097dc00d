/**
 * Pictures of the page in light, dark and high-contrast themes, for a person to look at
 * (/tmp/webview-shots, not committed): a single job_retry_event, a log of several jobs, a
 * 1,000-job log, a log spread over three days, a broken document. The test checks the files exist and are not empty.
 */
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { broken, log, singleRetry } from './fixtures';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { frames, launch, open, shot, SHOTS } from './harness';
import type { Theme } from './themes';

describe('screenshots', () => {
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  const zoomIn = (times: number) => async (page: Page) => {
    for (let i = 0; i < times; i++) await page.click('[data-zoom="in"]');
  };
  const cases: [string, () => ReturnType<typeof log>, { full?: boolean; height?: number; width?: number; then?: (page: Page) => Promise<void> }][] = [
    ['single-retry', singleRetry, { full: true }],
    ['log', () => log(12, 10, { orphans: 2, problems: 3 }), { full: true }],
    ['log-focused', () => log(12, 10, { gap: 20_000 }), {
      then: async (page) => {
        await page.locator('.mark').first().focus();
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
      },
    }],
    ['picked', () => log(12, 10), { full: true, then: async (page) => void (await page.selectOption('#job-picker', { index: 2 })) }],
    ['log-1000', () => log(1000, 10), {}],
    ['log-1000-zoomed', () => log(1000, 10), { then: zoomIn(6) }],
    ['broken', broken, {}],
    // A log spread over three days: first view (each job from its start), then on the clock with its breaks.
    ['days', () => log(12, 10, { gap: 6 * 3_600_000 }), {}],
    ['days-clock', () => log(12, 10, { gap: 6 * 3_600_000 }), { then: async (page) => void (await page.selectOption('#axis-mode', 'clock')) }],
    ['narrow', () => log(12, 10, { gap: 20_000, problems: 2 }), { width: 560 }],
  ];
  const themes: Theme[] = ['light', 'dark', 'hc'];
  for (const [name, make, opt] of cases) {
    for (const theme of themes) {
      it(`${name} in ${theme}`, async () => {
        const o = await open(browser, { theme, state: { data: make() }, height: opt.height ?? 720, width: opt.width ?? 1100 });
        try {
          await o.page.waitForSelector('.timeline');
          if (opt.then) await opt.then(o.page);
          await frames(o.page);
          const path = await shot(o.page, `${name}-${theme}`, opt.full);
          assert.ok(statSync(path).size > 5000, `${path} is too small to be a picture`);
          assert.deepEqual(o.pageErrors, []);
        } finally {
          await o.close();
        }
      });
    }
  }

  for (const theme of ['light', 'dark'] as const) {
    it(`the exported SVG in ${theme}`, async () => {
      const o = await open(browser, { theme, state: { data: log(12, 10, { orphans: 2, gap: 20_000 }) } });
      try {
        await o.page.click('#export');
        const message = (await o.messages()).find((m) => m.type === 'exportSvg');
        assert.ok(message?.type === 'exportSvg');
        writeFileSync(join(SHOTS, `export-${theme}.svg`), message.svg);
        const view = await o.page.context().newPage();
        await view.setContent(message.svg);
        const path = await shot(view, `export-${theme}`, true);
        assert.ok(statSync(path).size > 5000);
      } finally {
        await o.close();
      }
    });
  }
});
