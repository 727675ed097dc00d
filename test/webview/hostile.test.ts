/**
 * Payload strings that try to become markup, script, URLs or template code show as text and run
 * nothing: not when they arrive in the page's data-state attribute, not in a render message, not
 * on hover, focus or click, not in the exported SVG.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { HOSTILE, hostile } from './fixtures';
import { frames, launch, open, shot, type Opened } from './harness';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function assertInert(o: Opened): Promise<void> {
  const { page } = o;
  // Poke everything a handler could hang on.
  for (const mark of await page.locator('.mark').all()) await mark.hover({ force: true });
  await page.locator('.mark').first().focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await frames(page);
  const report = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    images: document.querySelectorAll('img, image, iframe, object, embed, foreignObject').length,
    scripts: [...document.querySelectorAll('script')].map((s) => s.getAttribute('src') ?? 'inline'),
    handlers: [...document.querySelectorAll('*')].flatMap((e) =>
      [...e.attributes]
        .filter((a) => /^on/i.test(a.name) || /^(href|src|xlink:href|style|srcdoc|formaction)$/i.test(a.name))
        // The page's own: its stylesheet and script, and lane positions set through CSSOM.
        .filter((a) => !(e.nodeName === 'LINK' && a.name === 'href') && !(e.nodeName === 'SCRIPT' && a.name === 'src'))
        .filter((a) => !(a.name === 'style' && /^((height|top): \d+px; ?)+$/.test(a.value)))
        .map((a) => `${e.nodeName} ${a.name}="${a.value}"`),
    ),
    links: document.querySelectorAll('a, area, base, form, meta[http-equiv="refresh"]').length,
  }));
  assert.equal(report.pwned, undefined, 'no payload script ran');
  assert.equal(report.images, 0, 'no element a payload could have opened');
  assert.equal(report.scripts.length, 1, `only the page's own script: ${report.scripts.join(', ')}`);
  assert.match(report.scripts[0]!, /webview\.js$/);
  assert.deepEqual(report.handlers, [], 'no handler, URL or style attribute on any element');
  assert.equal(report.links, 0);
  assert.deepEqual(o.dialogs, [], 'no alert');
  assert.deepEqual(o.pageErrors, []);
  assert.deepEqual(await o.cspViolations(), []);
}

async function pageText(page: Page): Promise<string> {
  // Text nodes (SVG titles included) and accessible labels: everywhere a payload string may show.
  return page.evaluate(() => [document.body.textContent ?? '', ...[...document.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label') ?? '')].join('\n'));
}

describe('hostile payload strings', () => {
  it('in the initial data-state: shown as text, nothing runs', async () => {
    const data = hostile();
    const o = await open(browser, { theme: 'dark', state: { data, filter: HOSTILE[1]!.slice(0, 0) } });
    try {
      assert.equal(await o.page.locator('.title').textContent(), data.title);
      assert.deepEqual(await o.page.locator('.lane-id').allTextContents(), data.jobs.map((j) => j.id));
      const text = await pageText(o.page);
      for (const h of HOSTILE.slice(0, 8)) assert.ok(text.includes(h.replaceAll('\u0000', '')), `shown as text: ${h}`);
      await assertInert(o);
      await shot(o.page, 'hostile-dark', true);
    } finally {
      await o.close();
    }
  });

  it('in a render message, the detail view, the filter and the tooltips: still text', async () => {
    const data = hostile();
    const o = await open(browser, { theme: 'light' });
    try {
      await o.send({ type: 'render', data });
      await o.page.locator('.lane').first().waitFor();
      await o.page.selectOption('#job-picker', data.jobs[1]!.id);
      await o.page.locator('.detail').waitFor();
      const errors = await o.page.locator('.errors li').allTextContents();
      assert.ok(errors.length > 0 && errors.every((e) => HOSTILE.includes(e)), errors.join('\n'));
      const titles = await o.page.locator('.mark title').allTextContents();
      assert.ok(titles.some((t) => t.includes('<img src=x onerror=')), 'tooltips carry the text as text');
      await o.page.click('[data-action="all-jobs"]');
      await o.page.fill('#filter', HOSTILE[0]!);
      await frames(o.page);
      assert.ok((await o.page.locator('.lane').count()) >= 1, 'the filter matches hostile text literally');
      await o.page.fill('#filter', '');
      await frames(o.page);
      await o.page.locator('.mark').first().click();
      await assertInert(o);
      // The reveal carries the ref as the host sent it; the host validates it (the page never navigates).
      const reveal = (await o.messages()).find((m) => m.type === 'reveal');
      assert.ok(reveal);
      assert.equal(await o.page.evaluate(() => location.protocol), 'file:');
    } finally {
      await o.close();
    }
  });

  it('in the exported SVG: escaped, parses, no script or handler', async () => {
    const o = await open(browser, { state: { data: hostile() } });
    try {
      await o.page.click('#export');
      const message = (await o.messages()).find((m) => m.type === 'exportSvg');
      assert.ok(message?.type === 'exportSvg');
      const parsed = await o.page.evaluate((svg) => {
        const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          elements: [...new Set([...doc.querySelectorAll('*')].map((e) => e.nodeName))].sort(),
          attributes: [...new Set([...doc.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name)))].sort(),
          text: doc.documentElement.textContent ?? '',
        };
      }, message.svg);
      assert.equal(parsed.error, null);
      assert.deepEqual(
        parsed.elements.filter((n) => !['circle', 'g', 'line', 'path', 'rect', 'svg', 'text', 'title'].includes(n)),
        [],
        'only drawing elements',
      );
      assert.deepEqual(parsed.attributes.filter((a) => /^on|href|src|style/i.test(a)), []);
      assert.ok(parsed.text.includes('</script><script>window.__pwned=2;alert(2)</script>'), 'the text survives as text');
      await assertInert(o);
    } finally {
      await o.close();
    }
  });
});
