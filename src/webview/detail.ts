/**
 * One job told step by step: created → each retry with its errors → the end or the last update,
 * with the retry count and whether the limit was exceeded. Shown for a single-job document and
 * for the job picked in a log.
 */
import type { TimelineJob, TimelineMark } from '../core/jobs/timeline-data';
import { appendAll, h, icon, primitive, s } from './dom';
import { count, duration, formatDateTime, isoDate, markDescription, outcomeText } from './format';
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
      return 'Created';
    case 'start':
      return 'Started';
    case 'stage': {
      const stage = mark.stage ?? job.stages.find((st) => st.markId === mark.id)?.stage;
      return stage ? `Stage: ${stage}` : 'Stage update';
    }
    case 'retry':
      return typeof mark.retries === 'number' ? `Retry ${mark.retries}` : 'Retry';
    case 'end': {
      const t = outcomeText(mark.outcome);
      return mark.outcome === 'open' || !mark.outcome ? 'Last update' : t.charAt(0).toUpperCase() + t.slice(1);
    }
    case 'file':
      return 'File event';
    default:
      return mark.label || 'Event';
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
  const title = h('h2', { id: 'detail-title', class: 'detail-title' }, 'Job ', h('span', { class: 'mono' }, job.id || '(no job id)'));
  head.append(icon(outcomeIcon(job.outcome), 20, '0 0 16 16'), title);
  head.append(h('span', { class: `outcome-pill outcome-${job.outcome}` }, outcomeText(job.outcome)));
  if (ctx.canGoBack) head.append(h('button', { class: 'link back', type: 'button', 'data-action': 'all-jobs' }, 'Show all jobs'));
  section.append(head);

  const facts = h('dl', { class: 'facts' });
  if (job.company) facts.append(fact('Company', job.company));
  facts.append(fact('Created', formatDateTime(job.start)));
  facts.append(fact(job.outcome === 'open' ? 'Last update' : 'Ended', formatDateTime(job.end)));
  if (finite(job.start) && finite(job.end) && job.end > job.start) facts.append(fact('Duration', duration(job.end - job.start)));
  facts.append(fact('Retries', job.retries.toLocaleString('en-US')));
  facts.append(fact('Retry limit', job.exceeded ? 'exceeded' : 'not exceeded', job.exceeded ? 'exceeded' : ''));
  if (job.files.length) facts.append(fact('Files', count(job.files.length, 'file')));
  section.append(facts);

  const marks = [...job.marks, ...job.files.flatMap((f) => f.marks)];
  const timed = marks.filter((m) => finite(m.at)).sort((a, b) => a.at - b.at);
  const untimed = marks.filter((m) => !finite(m.at));
  const list = h('ol', { class: 'steps', 'aria-label': `Events of job ${job.id}` });
  let prev: number | null = null;
  const day = finite(job.start) ? isoDate(job.start) : '';
  for (const m of [...timed, ...untimed]) {
    // The date once (in the facts above), then only the time while it stays the same day.
    const full = finite(m.at) ? formatDateTime(m.at) : 'no time';
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
        title: m.ref ? `${full}. Reveal in editor` : full,
      },
      h('span', { class: 'step-title' }, title),
      h('span', { class: 'step-name mono' }, m.name),
      h(
        'span',
        { class: `step-time${m.approximate ? ' approx' : ''}` },
        m.approximate ? `≈ ${time}` : time,
        m.approximate ? h('span', { class: 'approx-note' }, ' (approximate)') : null,
        delta ? h('span', { class: 'delta' }, `  ${delta}`) : null,
      ),
    );
    const li = h('li', { class: `step step-${m.kind}${m.approximate ? ' approx' : ''}` }, glyph(m), h('div', { class: 'step-body' }, button));
    const body = li.lastElementChild as HTMLElement;
    // The step's title already says what the label may begin with ("Created" / "created (…)").
    const said = m.label.toLowerCase().startsWith(title.toLowerCase()) ? m.label.slice(title.length).trim() : m.label;
    if (said && m.label !== m.name) body.append(h('div', { class: 'step-label' }, said));
    if (m.errors?.length) body.append(appendAll(h('ul', { class: 'errors', 'aria-label': 'Error messages' }), m.errors.map((e) => h('li', {}, e))));
    list.append(li);
  }
  if (!marks.length) list.append(h('li', { class: 'step empty' }, 'This job has no events with a time.'));
  section.append(h('h3', { class: 'section-title' }, 'Sequence'), list);
  return section;
}
