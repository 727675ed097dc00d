/**
 * One source for a mark's text: the core's real buildTimeline output, drawn by the page, gives
 * each mark a tooltip (its SVG <title>, also its accessible label) that says each fact once: the
 * event's name, its time, its stage, its retry count, its outcome, each of its errors.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { buildTimeline } from '../../src/core/jobs/timeline';
import type { TimelineData, TimelineMark } from '../../src/core/jobs/timeline-data';
import { frames, launch, open } from './harness';

const EXAMPLES = join(__dirname, '..', 'fixtures', 'examples');

function real(file: string): TimelineData {
  const text = readFileSync(join(EXAMPLES, file), 'utf8');
  return buildTimeline([{ uri: `file:///examples/${file}`, text, mode: file.endsWith('.jsonl') ? 'log' : 'document' }], { title: file, version: 1 });
}

const times = (text: string, needle: string): number => text.split(needle).length - 1;

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

describe('one source for the tooltip', () => {
  for (const file of ['jobs.alfred.jsonl', 'job_retry_event.alfred.json', 'job_exceeded_retries_event.alfred.json']) {
    it(`${file}: every mark's tooltip says each fact once`, async () => {
      const data = real(file);
      const marks = new Map<string, TimelineMark>();
      for (const j of data.jobs) for (const m of [...j.marks, ...j.files.flatMap((f) => f.marks)]) marks.set(m.id, m);
      for (const m of data.orphans) marks.set(m.id, m);
      assert.ok(marks.size > 0);
      const o = await open(browser, { state: { data }, height: 4000 });
      try {
        await frames(o.page);
        const shown = await o.page.locator('.lane .mark').evaluateAll((els) =>
          els.map((e) => ({ id: e.getAttribute('data-mark-id') ?? '', title: e.querySelector('title')?.textContent ?? '', aria: e.getAttribute('aria-label') ?? '' })),
        );
        assert.equal(shown.length, marks.size, 'every mark is drawn');
        for (const { id, title, aria } of shown) {
          const m = marks.get(id)!;
          assert.equal(aria, title, 'the accessible label is the tooltip');
          const at = new Date(m.at).toISOString();
          assert.equal(times(title, m.name), 1, `the name once: ${title}`);
          assert.equal((title.match(/\d\d:\d\d:\d\d/g) ?? []).length, 1, `the time once: ${title}`);
          assert.equal(times(title, `${at.slice(0, 10)} ${at.slice(11, 19)}`), 1, `the time in UTC: ${title}`);
          if (m.stage) assert.equal(times(title, m.stage), 1, `the stage once: ${title}`);
          assert.equal((title.match(/\bretry \d/g) ?? []).length, m.kind === 'retry' ? 1 : 0, `the retry count once: ${title}`);
          assert.ok(times(title, 'outcome') <= 1, title);
          for (const e of m.errors ?? []) assert.equal(times(title, e), 1, `each error once: ${title}`);
        }
      } finally {
        await o.close();
      }
    });
  }
});
