/**
 * One job told step by step: created → each retry with its errors → the end or the last update,
 * with the retry count and whether the limit was exceeded. Shown for a single-job document and
 * for the job picked in a log.
 */
import type { TimelineJob, TimelineMark } from '../core/jobs/timeline-data';
import { appendAll, h, icon, primitive, s } from './dom';
import { duration, files, formatDateTime, isoDate, markDescription, outcomeText } from './format';
import * as l10n from '../core/l10n';
import { markGlyph, outcomeIcon } from './shapes';

export interface DetailContext {
  selectedId: string | null;
  /** Whether the page offers a way back to all jobs (a log, not a single payload). */
  canGoBack: boolean;
}

const finite = (n: number): boolean => Number.isFinite(n);

function stepTitle(mark: TimelineMark, job: TimelineJob): string {
  switch (mark.kind) {
    case 'create':
      return l10n.t('Created');
    case 'start':
      return l10n.t('Started');
    case 'stage': {
      const stage = mark.stage ?? job.stages.find((st) => st.markId === mark.id)?.stage;
      return stage ? l10n.t('Stage: {0}', stage) : l10n.t('Stage update');
    }
    case 'retry':
      return typeof mark.retries === 'number' ? l10n.t('Retry {0}', mark.retries) : l10n.t('Retry');
    case 'end': {
      const t = outcomeText(mark.outcome);
      return mark.outcome === 'open' || !mark.outcome ? l10n.t('Last update') : t.charAt(0).toUpperCase() + t.slice(1);
    }
    case 'file':
      return l10n.t('File event');
    default:
      return mark.label || l10n.t('Event');
  }
}

function glyph(mark: TimelineMark): SVGSVGElement {
  const svg = s('svg', { class: 'icon step-glyph', width: 16, height: 16, viewBox: '-8 -8 16 16', 'aria-hidden': 'true' });
  for (const p of markGlyph(mark)) svg.append(primitive(p));
  return svg;
}

function fact(name: string, value: string, cls = ''): HTMLElement {
  return h('div', { class: 'fact' }, h('dt', {}, name), h('dd', { class: cls || undefined }, value));
}

export function renderDetail(job: TimelineJob, ctx: DetailContext): HTMLElement {
  const section = h('section', { class: 'detail', 'aria-labelledby': 'detail-title' });
  const head = h('div', { class: 'detail-head' });
  const title = h('h2', { id: 'detail-title', class: 'detail-title' }, l10n.t('Job'), ' ', h('span', { class: 'mono' }, job.id || l10n.t('(no job id)')));
  head.append(icon(outcomeIcon(job.outcome), 20, '0 0 16 16'), title);
  head.append(h('span', { class: `outcome-pill outcome-${job.outcome}` }, outcomeText(job.outcome)));
  if (ctx.canGoBack) head.append(h('button', { class: 'link back', type: 'button', 'data-action': 'all-jobs' }, l10n.t('Show all jobs')));
  section.append(head);

  const facts = h('dl', { class: 'facts' });
  if (job.company) facts.append(fact(l10n.t('Company'), job.company));
  facts.append(fact(l10n.t('Created'), formatDateTime(job.start)));
  facts.append(fact(job.outcome === 'open' ? l10n.t('Last update') : l10n.t('Ended'), formatDateTime(job.end)));
  if (finite(job.start) && finite(job.end) && job.end > job.start) facts.append(fact(l10n.t('Duration'), duration(job.end - job.start)));
  facts.append(fact(l10n.t('Retries'), job.retries.toLocaleString('en-US')));
  facts.append(fact(l10n.t('Retry limit'), job.exceeded ? l10n.t('exceeded') : l10n.t('not exceeded'), job.exceeded ? 'exceeded' : ''));
  if (job.files.length) facts.append(fact(l10n.t('Files'), files(job.files.length)));
  section.append(facts);

  const marks = [...job.marks, ...job.files.flatMap((f) => f.marks)];
  const timed = marks.filter((m) => finite(m.at)).sort((a, b) => a.at - b.at);
  const untimed = marks.filter((m) => !finite(m.at));
  const list = h('ol', { class: 'steps', 'aria-label': l10n.t('Events of job {0}', job.id) });
  let prev: number | null = null;
  const day = finite(job.start) ? isoDate(job.start) : '';
  for (const m of [...timed, ...untimed]) {
    // The date once (in the facts above), then only the time while it stays the same day.
    const full = finite(m.at) ? formatDateTime(m.at) : l10n.t('no time');
    const time = finite(m.at) && isoDate(m.at) === day ? full.slice(11) : full;
    const delta = prev !== null && finite(m.at) && m.at > prev ? `+${duration(m.at - prev)}` : '';
    if (finite(m.at)) prev = m.at;
    const current = m.id === ctx.selectedId;
    const title = stepTitle(m, job);
    const button = h(
      'button',
      {
        type: 'button',
        class: `step-main${current ? ' current' : ''}`,
        'data-step-id': m.id,
        'aria-current': current ? 'true' : undefined,
        'aria-label': markDescription(m),
        title: m.ref ? l10n.t('{0}. Reveal in editor', full) : full,
      },
      h('span', { class: 'step-title' }, title),
      h('span', { class: 'step-name mono' }, m.name),
      h(
        'span',
        { class: `step-time${m.approximate ? ' approx' : ''}` },
        m.approximate ? `≈ ${time}` : time,
        m.approximate ? h('span', { class: 'approx-note' }, ` ${l10n.t('(approximate)')}`) : null,
        delta ? h('span', { class: 'delta' }, `  ${delta}`) : null,
      ),
    );
    const li = h('li', { class: `step step-${m.kind}${m.approximate ? ' approx' : ''}` }, glyph(m), h('div', { class: 'step-body' }, button));
    const body = li.lastElementChild as HTMLElement;
    // The step's title already says what the label may begin with ("Created" / "created (…)").
    const said = m.label.toLowerCase().startsWith(title.toLowerCase()) ? m.label.slice(title.length).trim() : m.label;
    if (said && m.label !== m.name) body.append(h('div', { class: 'step-label' }, said));
    if (m.errors?.length) body.append(appendAll(h('ul', { class: 'errors', 'aria-label': l10n.t('Error messages') }), m.errors.map((e) => h('li', {}, e))));
    list.append(li);
  }
  if (!marks.length) list.append(h('li', { class: 'step empty' }, l10n.t('This job has no events with a time.')));
  section.append(h('h3', { class: 'section-title' }, l10n.t('Sequence')), list);
  return section;
}
