/**
 * The timeline page in headless chromium: what it draws for a single payload and a log, and how it
 * answers clicks, keys, the host's messages, reloads and exports.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { TimelineData } from '../../src/core/jobs/timeline-data';
import type { WebviewMessage } from '../../src/shared/preview-protocol';
import { broken, jobId, log, navOrder, singleRetry } from './fixtures';
import { frames, launch, open, type Opened } from './harness';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function withPage(data: TimelineData | undefined, run: (o: Opened) => Promise<void>, opts: Parameters<typeof open>[1] = {}): Promise<void> {
  const o = await open(browser, { state: data ? { data } : {}, ...opts });
  try {
    await run(o);
    assert.deepEqual(o.pageErrors, [], 'no exception escaped the page');
    assert.deepEqual(await o.cspViolations(), [], 'no CSP violation');
  } finally {
    await o.close();
  }
}

const reveals = async (o: Opened): Promise<Extract<WebviewMessage, { type: 'reveal' }>[]> =>
  (await o.messages()).filter((m): m is Extract<WebviewMessage, { type: 'reveal' }> => m.type === 'reveal');

describe('a single job_retry_event', () => {
  it('draws one lane with its marks and the step-by-step detail', async () => {
    const data = singleRetry();
    await withPage(data, async ({ page }) => {
      assert.equal(await page.locator('.lane').count(), 1);
      assert.equal(await page.locator('.lane .mark').count(), 5);
      assert.equal(await page.locator('.lane .mark-retry').count(), 3);
      assert.deepEqual(await page.locator('.lane .retry-count').allTextContents(), ['1', '2', '3']);
      const detail = page.locator('.detail');
      assert.match(await detail.locator('.detail-title').innerText(), /a4d781e7-778d-4cc4-b552-4f86a8d910ea/);
      assert.deepEqual(await detail.locator('.step-title').allTextContents(), ['Created', 'Retry 1', 'Retry 2', 'Last update (update_date)', 'Retry 3']);
      assert.equal(await detail.locator('.step-time.approx').count(), 2, 'the two inferred retries say they are approximate');
      assert.match(await detail.locator('.step-time.approx').first().innerText(), /≈ .*approximate/);
      assert.deepEqual(await detail.locator('.errors li').allTextContents(), [data.jobs[0]!.marks[1]!.errors![0], data.jobs[0]!.marks[2]!.errors![0], data.jobs[0]!.marks[3]!.errors![0]]);
      const facts = await detail.locator('.facts').innerText();
      assert.match(facts, /Retries\s+3/);
      assert.match(facts, /Retry limit\s+not exceeded/);
      assert.equal(await page.locator('#filter').isVisible(), false, 'no filter for one job');
      assert.equal(await page.locator('.problem').count(), 1);
    });
  });

  it('every mark has an accessible label naming event, time and details', async () => {
    await withPage(singleRetry(), async ({ page }) => {
      const labels = await page.locator('.lane .mark').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
      assert.equal(labels.length, 5);
      for (const l of labels) assert.match(l, /job_retry_event, .*2024-06-07 15:\d\d:\d\d/);
      assert.ok(labels.some((l) => /about .*time inferred, retry 1, 1 error: OCR worker timed out/.test(l)), labels.join('\n'));
      assert.equal(await page.locator('.lanes').getAttribute('role'), 'list');
      assert.equal(await page.locator('.lane').getAttribute('role'), 'listitem');
      assert.match((await page.locator('.lane').getAttribute('aria-label')) ?? '', /Job a4d781e7.*3 retries/);
    });
  });
});

describe('a log of several jobs', () => {
  const data = log(12, 10, { orphans: 2, problems: 3 });
  const events = data.jobs.reduce((n, j) => n + j.marks.length + j.files.reduce((k, f) => k + f.marks.length, 0), 0);

  it('draws a lane per job, an "Other events" lane, every mark, the summary and the problems', async () => {
    await withPage(data, async ({ page }) => {
      assert.equal(await page.locator('.lane-job').count(), 12);
      assert.equal(await page.locator('.lane-orphans').count(), 1);
      assert.equal(await page.locator('.lane .mark').count(), events + 2);
      assert.equal(await page.locator('.lane .mark-end').count(), data.jobs.filter((j) => j.outcome !== 'open').length);
      assert.ok((await page.locator('.stage-bar').count()) > 12);
      const summary = await page.locator('.summary').innerText();
      assert.match(summary, /12\s+jobs/);
      assert.match(summary, new RegExp(`${data.summary.events}\\s+events`));
      assert.match(summary, new RegExp(`${data.summary.failures}\\s+failures`));
      assert.equal(await page.locator('.problem').count(), 3);
      assert.equal(await page.locator('#job-picker option').count(), 13);
      assert.ok((await page.locator('.axis .tick-label').count()) >= 3, 'a time axis with labels');
      assert.equal(await page.locator('.detail').count(), 0, 'no detail until a job is picked');
    });
  });

  it('a click on a mark posts reveal with its ref and makes it current', async () => {
    const data = log(12, 10, { gap: 20_000 });
    await withPage(data, async (o) => {
      const target = data.jobs[1]!.marks.find((m) => m.kind === 'retry')!;
      const mark = o.page.locator(`[data-mark-id="${target.id}"]`);
      await mark.click();
      assert.deepEqual(await reveals(o), [{ type: 'reveal', ref: target.ref }]);
      assert.equal(await mark.getAttribute('aria-current'), 'true');
    });
  });

  it('Shift+click on a second mark posts compare with the current mark and the clicked one; alone, it is a click', async () => {
    const data = log(12, 10, { gap: 20_000 });
    await withPage(data, async (o) => {
      const [first, second] = data.jobs[1]!.marks;
      // Nothing current yet: a Shift+click is a plain click, which reveals the mark and makes it current.
      await o.page.locator(`[data-mark-id="${first!.id}"]`).click({ modifiers: ['Shift'] });
      assert.deepEqual(await reveals(o), [{ type: 'reveal', ref: first!.ref }]);
      await o.page.locator(`[data-mark-id="${second!.id}"]`).click({ modifiers: ['Shift'] });
      const compares = (await o.messages()).filter((m) => m.type === 'compare');
      assert.deepEqual(compares, [{ type: 'compare', a: first!.ref, b: second!.ref }]);
      assert.equal((await reveals(o)).length, 1, 'the compare is no reveal');
    });
  });

  it('arrow keys move focus along a lane and between lanes; Enter and Space reveal', async () => {
    await withPage(data, async (o) => {
      const { page } = o;
      const first = navOrder(data.jobs[0]!);
      const second = navOrder(data.jobs[1]!);
      const focused = (): Promise<string | null> => page.evaluate(() => document.activeElement?.getAttribute('data-mark-id') ?? null);
      assert.equal(await page.locator('.lanes [tabindex="0"]').count(), 1, 'one tab stop for the whole picture');
      await page.locator('#job-picker').focus();
      // Past the zoom buttons, the next tab stop is the picture's one mark.
      for (let i = 0; i < 5 && !(await focused()); i++) await page.keyboard.press('Tab');
      assert.equal(await focused(), first[0]!.id, 'Tab from the controls reaches the first mark');
      await page.keyboard.press('ArrowRight');
      assert.equal(await focused(), first[1]!.id);
      await page.keyboard.press('End');
      assert.equal(await focused(), first[first.length - 1]!.id);
      await page.keyboard.press('Home');
      assert.equal(await focused(), first[0]!.id);
      await page.keyboard.press('ArrowDown');
      const nearest = [...second].sort((a, b) => Math.abs(a.at - first[0]!.at) - Math.abs(b.at - first[0]!.at))[0]!;
      assert.equal(await focused(), nearest.id, 'down goes to the nearest mark in time on the next lane');
      await page.keyboard.press('ArrowUp');
      assert.equal(await focused(), first[0]!.id);
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press(' ');
      assert.deepEqual(await reveals(o), [
        { type: 'reveal', ref: first[0]!.ref },
        { type: 'reveal', ref: first[1]!.ref },
      ]);
      assert.equal(await page.locator('.lanes [tabindex="0"]').count(), 1, 'still one tab stop');
      const ring = await page.locator(`[data-mark-id="${first[1]!.id}"] .ring`).evaluate((el) => getComputedStyle(el).visibility);
      assert.equal(ring, 'visible', 'a visible focus ring');
    });
  });

  it('a highlight from the host marks the mark and scrolls its lane into view', async () => {
    await withPage(data, async (o) => {
      const target = data.jobs[11]!.marks[3]!;
      await o.send({ type: 'highlight', markId: target.id });
      const mark = o.page.locator(`[data-mark-id="${target.id}"]`);
      await mark.waitFor();
      assert.equal(await mark.getAttribute('aria-current'), 'true');
      assert.match((await mark.getAttribute('class')) ?? '', /\bcurrent\b/);
      assert.ok(await mark.isVisible());
      const box = (await mark.boundingBox())!;
      assert.ok(box.y >= 0 && box.y + box.height <= 720, `in the viewport (y=${box.y})`);
      await o.send({ type: 'highlight', markId: null });
      assert.equal(await o.page.locator('[aria-current="true"]').count(), 0);
      assert.equal((await reveals(o)).length, 0, 'a highlight does not bounce back as a reveal');
    });
  });

  it('the filter keeps the jobs whose id, company, event name or error matches', async () => {
    await withPage(data, async ({ page }) => {
      await page.fill('#filter', 'contoso');
      await frames(page);
      assert.equal(await page.locator('.lane').count(), data.jobs.filter((j) => j.company === 'Contoso Legal').length);
      await page.fill('#filter', 'job_exceeded_retries_event');
      await frames(page);
      assert.equal(await page.locator('.lane').count(), data.jobs.filter((j) => j.outcome === 'exceeded_retries').length);
      await page.fill('#filter', '503 service');
      await frames(page);
      const with503 = data.jobs.filter((j) => j.marks.some((m) => m.errors?.some((e) => e.includes('503')))).length;
      assert.ok(with503 > 0);
      assert.equal(await page.locator('.lane').count(), with503);
      assert.match(await page.locator('.shown').innerText(), new RegExp(`${with503} of 12 jobs`));
      await page.fill('#filter', jobId(4).slice(0, 13));
      await frames(page);
      assert.deepEqual(await page.locator('.lane-id').allTextContents(), [jobId(4)]);
      await page.fill('#filter', 'no such thing');
      await frames(page);
      assert.equal(await page.locator('.lane').count(), 0);
      assert.match(await page.locator('.message').innerText(), /No jobs match/);
      await page.locator('#filter').press('Escape');
      await frames(page);
      assert.equal(await page.locator('.lane').count(), 13);
    });
  });

  it('the job picker shows one job in detail, and "Show all jobs" comes back', async () => {
    await withPage(data, async ({ page }) => {
      await page.selectOption('#job-picker', jobId(4));
      assert.equal(await page.locator('.lane').count(), 1);
      assert.match(await page.locator('.detail-title').innerText(), new RegExp(jobId(4)));
      await page.click('[data-action="all-jobs"]');
      assert.equal(await page.locator('.lane').count(), 13);
      assert.equal(await page.locator('.detail').count(), 0);
    });
  });

  it('zoom in, pan and fit', async () => {
    await withPage(log(12, 10, { gap: 20_000 }), async ({ page }) => {
      const ticks = (): Promise<string[]> => page.locator('.axis .tick-label').allTextContents();
      const before = await ticks();
      await page.click('[data-zoom="in"]');
      await frames(page);
      assert.notDeepEqual(await ticks(), before);
      assert.match((await page.locator('[data-zoom="fit"]').getAttribute('aria-label')) ?? '', /zoomed 2\.0×/);
      const zoomed = await ticks();
      await page.mouse.move(700, 400);
      await page.mouse.wheel(0, 200);
      await page.keyboard.down('Shift');
      await page.mouse.wheel(0, 300);
      await page.keyboard.up('Shift');
      await frames(page);
      assert.notDeepEqual(await ticks(), zoomed, 'shift+wheel pans');
      await page.click('[data-zoom="fit"]');
      await frames(page);
      assert.deepEqual(await ticks(), before);
    });
  });
});

describe('state', () => {
  const data = log(12, 10, { orphans: 1 });

  it('filter, picked job, current mark and scroll survive a re-render and a reload', async () => {
    await withPage(
      data,
      async (o) => {
        const { page } = o;
        await page.fill('#filter', 'acme');
        await frames(page);
        const target = data.jobs[2]!.marks[2]!;
        await page.locator(`[data-mark-id="${target.id}"]`).click();
        const saved = await o.saved();
        assert.equal(saved?.filter, 'acme');
        assert.equal(saved?.selectedMarkId, target.id);
        assert.equal(saved?.uri, data.jobs[0]!.marks[0]!.ref!.uri);

        // The host sends a new version (the user typed): everything stays.
        await o.send({ type: 'render', data: { ...log(12, 10, { orphans: 1 }), version: 2 } });
        await page.locator(`[data-mark-id="${target.id}"][aria-current="true"]`).waitFor();
        assert.equal(await page.inputValue('#filter'), 'acme');
        assert.equal(await page.locator('.lane').count(), data.jobs.filter((j) => j.company === 'Acme Insurance').length);

        await page.reload();
        await page.locator(`[data-mark-id="${target.id}"][aria-current="true"]`).waitFor();
        assert.equal(await page.inputValue('#filter'), 'acme');
        assert.equal(await page.locator('.lane').count(), data.jobs.filter((j) => j.company === 'Acme Insurance').length);
      },
      { height: 400 },
    );
  });

  it('the picked job and the scroll position come back after a reload', async () => {
    await withPage(log(300, 10), async (o) => {
      const { page } = o;
      await page.evaluate(() => window.scrollTo(0, 5000));
      await frames(page);
      assert.equal((await o.saved())?.scrollTop, 5000);
      await page.reload();
      await page.locator('.lane').first().waitFor();
      assert.equal(await page.evaluate(() => window.scrollY), 5000);
      await page.selectOption('#job-picker', jobId(7));
      await page.reload();
      await page.locator('.detail').waitFor();
      assert.equal(await page.inputValue('#job-picker'), jobId(7));
    });
  });

  it('state saved for another document is not applied', async () => {
    await withPage(data, async ({ page }) => {
      assert.equal(await page.inputValue('#filter'), '');
      assert.equal(await page.locator('.lane').count(), 13);
    }, { saved: { uri: 'file:///elsewhere.alfred.jsonl', filter: 'acme' }, state: { uri: data.jobs[0]!.marks[0]!.ref!.uri, data } });
  });

  it('a render of another document starts afresh', async () => {
    await withPage(data, async (o) => {
      await o.page.fill('#filter', 'acme');
      await frames(o.page);
      await o.send({ type: 'render', data: singleRetry() });
      await o.page.locator('.detail').waitFor();
      assert.equal(await o.page.inputValue('#filter'), '');
      assert.equal((await o.saved())?.uri, 'file:///work/payloads/retry.alfred.json');
    });
  });
});

describe('scale', () => {
  it('1,000 jobs × 10 events: only the lanes in view are in the DOM, and scrolling brings later jobs', async () => {
    const data = log(1000, 10);
    await withPage(data, async ({ page }) => {
      const lanes = await page.locator('.lane').count();
      assert.ok(lanes > 5 && lanes < 40, `${lanes} lane elements`);
      assert.ok((await page.locator('.mark').count()) < 500);
      const height = await page.locator('.lanes').evaluate((el) => el.getBoundingClientRect().height);
      assert.ok(height > 1000 * 40, 'the spacer is as tall as all lanes');
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await frames(page);
      await page.locator('.lane-id', { hasText: jobId(999) }).waitFor();
      assert.ok((await page.locator('.lane').count()) < 100);
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
      await frames(page);
      const ids = await page.locator('.lane-id').allTextContents();
      assert.ok(ids.includes(jobId(500)) || ids.includes(jobId(501)) || ids.includes(jobId(499)), 'the middle of the log');
    });
  });

  it('keyboard and highlight reach lanes that are not drawn yet', async () => {
    const data = log(1000, 10);
    await withPage(data, async (o) => {
      const target = data.jobs[900]!.marks[1]!;
      await o.send({ type: 'highlight', markId: target.id });
      await o.page.locator(`[data-mark-id="${target.id}"][aria-current="true"]`).waitFor();
      await o.page.locator(`[data-mark-id="${target.id}"]`).focus();
      await o.page.keyboard.press('PageDown');
      const id = await o.page.evaluate(() => document.activeElement?.getAttribute('data-mark-id'));
      assert.match(id ?? '', /^j910-/);
    });
  });

  it('a render of 1,000 jobs takes well under a second, and filtering them too', async () => {
    const data = log(1000, 10);
    await withPage(undefined, async (o) => {
      const ms = await o.page.evaluate(async (d) => {
        const t = performance.now();
        window.postMessage({ type: 'render', data: d }, '*');
        await new Promise((r) => setTimeout(r, 0));
        return performance.now() - t;
      }, data);
      await o.page.locator('.lane').first().waitFor();
      assert.ok(ms < 1000, `${Math.round(ms)} ms`);
      const t = Date.now();
      await o.page.fill('#filter', 'northwind');
      await frames(o.page);
      assert.ok(Date.now() - t < 1000);
      assert.equal(await o.page.locator('.shown').innerText(), '200 of 1,000 jobs');
    });
  });
});

describe('export', () => {
  it('posts a standalone SVG of every filtered job that parses and holds no script', async () => {
    const data = log(300, 10, { orphans: 2 });
    await withPage(data, async (o) => {
      await o.page.fill('#filter', 'northwind');
      await frames(o.page);
      await o.page.click('#export');
      const message = (await o.messages()).find((m) => m.type === 'exportSvg');
      assert.ok(message && message.type === 'exportSvg');
      const parsed = await o.page.evaluate((svg) => {
        const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          root: doc.documentElement.nodeName,
          scripts: doc.querySelectorAll('script, foreignObject').length,
          handlers: [...doc.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on|href$/i.test(a.name))).length,
          text: doc.documentElement.textContent ?? '',
          fills: [...new Set([...doc.querySelectorAll('[fill]')].map((e) => e.getAttribute('fill')))],
        };
      }, message.svg);
      assert.equal(parsed.error, null);
      assert.equal(parsed.root, 'svg');
      assert.equal(parsed.scripts, 0);
      assert.equal(parsed.handlers, 0);
      const northwind = data.jobs.filter((j) => j.company === 'Northwind Health');
      assert.equal(northwind.length, 60);
      for (const j of northwind) assert.ok(parsed.text.includes(j.id.slice(0, 20)), `${j.id} is in the export`);
      assert.ok(!parsed.text.includes(data.jobs[0]!.id.slice(0, 20)), 'a filtered-out job is not');
      assert.ok(!message.svg.includes('var(--'), 'colours are values, not variables');
      assert.ok(parsed.fills.includes('#1f1f1f'), 'the dark theme background is written in');
    });
  });
});

describe('invalid and partial input', () => {
  it('a list of problems cut at its first ones says how many it leaves out', async () => {
    const data = { ...broken(), problemsTotal: 1234 };
    await withPage(data, async (o) => {
      assert.equal(await o.page.locator('.problem').count(), 3);
      assert.equal(await o.page.locator('#problems-title .count-badge').innerText(), '1,234');
      assert.equal(await o.page.locator('.problem-more').innerText(), '1,231 more problems not listed here, only the first 3: all 1,234 are in the Problems panel');
    });
    await withPage(broken(), async (o) => {
      assert.equal(await o.page.locator('.problem').count(), 3);
      assert.equal(await o.page.locator('.problem-more').count(), 0, 'a whole list says nothing more');
    });
  });

  it('no jobs: says so plainly and lists the problems, which reveal their place', async () => {
    const data = broken();
    await withPage(data, async (o) => {
      assert.match(await o.page.locator('.message').innerText(), /No job events in this document/);
      assert.equal(await o.page.locator('.problem').count(), 3);
      assert.equal(await o.page.locator('button.problem').count(), 2, 'a problem with no place is not a button');
      await o.page.locator('button.problem').nth(1).click();
      assert.deepEqual(await reveals(o), [{ type: 'reveal', ref: data.problems[1]!.ref }]);
      assert.equal(await o.page.locator('.chart').isVisible(), false);
    });
  });

  it('a picture in parts: later jobs are added, parts of an older picture are dropped', async () => {
    const all = log(12, 4);
    await withPage({ ...all, jobs: all.jobs.slice(0, 5), delivery: 7 }, async (o) => {
      const { page } = o;
      const options = () => page.locator('#job-picker option').count();
      const before = await options();
      await o.send({ type: 'more', delivery: 6, jobs: all.jobs.slice(5, 8) });
      await o.send({ type: 'more', delivery: 7, jobs: all.jobs.slice(5, 12) });
      await page.locator('.lane-id', { hasText: all.jobs[11]!.id.slice(0, 8) }).first().waitFor();
      assert.equal(await options(), before + 7, 'the seven jobs of the right part, not the three of the stale one');
      assert.equal(await page.locator('.lane').count(), 12);
      // A mark of a later part answers clicks like any other.
      await page.locator(`[data-mark-id="${all.jobs[9]!.marks[1]!.id}"]`).click();
      assert.ok((await o.messages()).some((m) => m.type === 'reveal'));
    }, { height: 2000 });
  });

  it('before any data: a loading line, and ready is posted', async () => {
    await withPage(undefined, async (o) => {
      assert.match(await o.page.locator('.message').innerText(), /Loading/);
      assert.deepEqual((await o.messages()).map((m) => m.type), ['ready']);
    });
  });
});

describe('in Spanish (README "Languages")', () => {
  const es = JSON.parse(readFileSync(join(__dirname, '../../l10n/bundle.l10n.es.json'), 'utf8')) as Record<string, string>;

  it("the page speaks the bundle the host wrote into it; event names, ids and the payload's words stay as written", async () => {
    const data = singleRetry();
    await withPage(data, async ({ page }) => {
      assert.equal(await page.locator('html').getAttribute('lang'), 'es');
      const detail = page.locator('.detail');
      // The fourth title is the host's label of the mark (a fixture here): the page draws it as given.
      assert.deepEqual(await detail.locator('.step-title').allTextContents(), ['Creado', 'Reintento 1', 'Reintento 2', 'Last update (update_date)', 'Reintento 3']);
      assert.match(await detail.locator('.detail-title').innerText(), /^Trabajo a4d781e7-778d-4cc4-b552-4f86a8d910ea/);
      const facts = await detail.locator('.facts').innerText();
      assert.match(facts, /Reintentos\s+3/);
      assert.match(facts, /Límite de reintentos\s+no superado/);
      assert.match(await detail.locator('.step-time.approx').first().innerText(), /≈ .*\(aproximada\)/);
      assert.deepEqual(await detail.locator('.step-name').allTextContents(), data.jobs[0]!.marks.map((m) => m.name));
      assert.equal(await page.locator('.section-title').first().textContent(), 'Secuencia');
      assert.equal(await page.locator('#filter').getAttribute('placeholder'), 'Filtrar por trabajo, empresa, evento o error');
      assert.match(await page.locator('.summary').innerText(), /1\s+trabajo\b.*\b3\s+reintentos/s);
    }, { messages: es, lang: 'es' });
  });

  it('English when the host writes no bundle, or one that is not all strings', async () => {
    await withPage(singleRetry(), async ({ page }) => {
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      assert.equal(await page.locator('.detail .step-title').first().innerText(), 'Created');
    }, { messages: { Created: 5 } as unknown as Record<string, string> });
  });
});
