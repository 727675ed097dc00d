/** The page's fixed frame: heading, summary, controls, legend, and the places the parts go. */
import type { MarkKind, TimelineData, TimelineMark } from '../core/jobs/timeline-data';
import type { WebviewState } from '../shared/preview-protocol';
import { appendAll, h, icon, primitive, s } from './dom';
import { events, failures, jobs, retries } from './format';
import * as l10n from '../core/l10n';
import { pickedJob, type View } from './model';
import { markGlyph } from './shapes';

export interface Skeleton {
  root: HTMLElement;
  title: HTMLElement;
  summary: HTMLElement;
  controls: HTMLElement;
  filter: HTMLInputElement;
  pickerBox: HTMLElement;
  picker: HTMLSelectElement;
  axisMode: HTMLSelectElement;
  shown: HTMLElement;
  exportButton: HTMLButtonElement;
  zoom: HTMLElement;
  legend: HTMLElement;
  message: HTMLElement;
  chart: HTMLElement;
  axisCorner: HTMLElement;
  axisLabel: HTMLElement;
  axisTrack: HTMLElement;
  lanes: HTMLElement;
  detail: HTMLElement;
  problems: HTMLElement;
}

const SEARCH_ICON = 'M10.02 10.73a4.5 4.5 0 1 1 .7-.7l3.64 3.62-.71.71-3.63-3.63zM6.5 10a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7z';
const EXPORT_ICON = 'M8 1.5v8.3M4.8 6.6 8 9.8l3.2-3.2M2.5 10.5v3h11v-3';
const LENS = 'M6.5 2.5a4 4 0 1 1 0 8 4 4 0 0 1 0-8zM9.4 9.4l4.1 4.1';
const ZOOM_ICONS: Record<'in' | 'out' | 'fit', string> = {
  in: `${LENS}M4.5 6.5h4M6.5 4.5v4`,
  out: `${LENS}M4.5 6.5h4`,
  fit: 'M2.5 5.5v-3h3M10.5 2.5h3v3M13.5 10.5v3h-3M5.5 13.5h-3v-3',
};

function zoomButton(kind: 'in' | 'out' | 'fit', label: string, hint: string): HTMLButtonElement {
  return h(
    'button',
    { type: 'button', class: 'icon-button', 'data-zoom': kind, 'aria-label': label, title: `${label} (${hint})` },
    icon([{ tag: 'path', attrs: { d: ZOOM_ICONS[kind], 'stroke-width': 1.2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }, fill: 'none', stroke: 'fg' }]),
  );
}

function legendItem(kind: MarkKind, text: string, extra: Partial<TimelineMark> = {}): HTMLElement {
  const mark: TimelineMark = { id: '', kind, name: '', at: 0, label: '', ...extra };
  const svg = s('svg', { class: 'icon', width: 16, height: 16, viewBox: '-8 -8 16 16', 'aria-hidden': 'true' });
  for (const p of markGlyph(mark)) svg.append(primitive(p));
  return h('li', {}, svg, text);
}

/** Legend entries for what this document has (a single retry payload needs no "invalid"). */
export function legendItems(data: TimelineData): HTMLElement[] {
  const kinds = new Set<string>();
  const marks = [...data.orphans, ...data.jobs.flatMap((j) => [...j.marks, ...j.files.flatMap((f) => f.marks)])];
  for (const m of marks) {
    kinds.add(m.kind === 'end' ? `end:${m.outcome ?? 'open'}` : m.kind);
    if (m.kind === 'retry' && m.approximate) kinds.add('approx');
  }
  for (const j of data.jobs) {
    if (j.stages.length) kinds.add('stage-bar');
    if (j.outcome === 'open') kinds.add('end:open');
  }
  const items: [string, () => HTMLElement][] = [
    ['create', () => legendItem('create', l10n.t('created'))],
    ['start', () => legendItem('start', l10n.t('started'))],
    ['stage-bar', () => h('li', {}, s('svg', { class: 'icon', width: 22, height: 16, viewBox: '0 0 22 16', 'aria-hidden': 'true' }, s('rect', { class: 'stage-bar f-blue s-blue', x: 1.5, y: 4.5, width: 19, height: 7, rx: 2 })), l10n.t('stage'))],
    ['retry', () => legendItem('retry', l10n.t('retry (its count above)'), { retries: 1 })],
    ['approx', () => legendItem('retry', l10n.t('time inferred'), { approximate: true })],
    ['end:finished', () => legendItem('end', l10n.t('finished'), { outcome: 'finished' })],
    ['end:failed', () => legendItem('end', l10n.t('failed'), { outcome: 'failed' })],
    ['end:invalid', () => legendItem('end', l10n.t('invalid'), { outcome: 'invalid' })],
    ['end:exceeded_retries', () => legendItem('end', l10n.t('exceeded retries'), { outcome: 'exceeded_retries' })],
    ['end:open', () => legendItem('end', l10n.t('no end yet'), { outcome: 'open' })],
    ['file', () => legendItem('file', l10n.t('file event'), { name: 'file_update_event' })],
    ['other', () => legendItem('other', l10n.t('other event'))],
  ];
  return items.filter(([key]) => kinds.has(key)).map(([, make]) => make());
}

export function buildSkeleton(): Skeleton {
  const title = h('h1', { class: 'title', id: 'timeline-title' });
  const summary = h('div', { class: 'summary', role: 'group', 'aria-label': l10n.t('Summary') });
  const filter = h('input', {
    id: 'filter',
    class: 'filter',
    type: 'text',
    spellcheck: 'false',
    autocomplete: 'off',
    placeholder: l10n.t('Filter by job, company, event or error'),
    'aria-label': l10n.t('Filter jobs by id, company, event name or error text'),
  });
  const picker = h('select', { id: 'job-picker', class: 'picker' });
  const pickerBox = h('div', { class: 'picker-box' }, h('label', { for: 'job-picker' }, l10n.t('Job')), picker);
  const axisMode = h(
    'select',
    { id: 'axis-mode', class: 'picker axis-mode', title: l10n.t("Clock time lines the jobs up as they happened; since start lines up each job's story from its beginning") },
    h('option', { value: 'clock' }, l10n.t('Clock time (UTC)')),
    h('option', { value: 'start' }, l10n.t("Since each job's start")),
  );
  const axisBox = h('div', { class: 'picker-box' }, h('label', { for: 'axis-mode' }, l10n.t('Time')), axisMode);
  const shown = h('span', { class: 'shown', 'aria-live': 'polite' });
  const exportButton = h(
    'button',
    { type: 'button', class: 'button secondary', id: 'export', title: l10n.t('Save the picture (all jobs the filter keeps) as an SVG file') },
    icon([{ tag: 'path', attrs: { d: EXPORT_ICON, 'stroke-width': 1.2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }, fill: 'none', stroke: 'fg' }]),
    l10n.t('Export as SVG'),
  );
  const filterBox = h('div', { class: 'filter-box' }, icon([{ tag: 'path', attrs: { d: SEARCH_ICON }, fill: 'muted' }]), filter);
  const zoom = h(
    'div',
    { class: 'zoom', role: 'group', 'aria-label': l10n.t('Zoom the time axis') },
    zoomButton('out', l10n.t('Zoom out'), l10n.t('Ctrl+wheel or {0}', '−')),
    zoomButton('in', l10n.t('Zoom in'), l10n.t('Ctrl+wheel or {0}', '+')),
    zoomButton('fit', l10n.t('Show the whole time range'), '0'),
  );
  const controls = h('div', { class: 'controls', role: 'group', 'aria-label': l10n.t('Timeline controls') }, filterBox, pickerBox, axisBox, shown);
  const legendEl = h('ul', { class: 'legend', 'aria-label': l10n.t('Legend') });
  const message = h('div', { class: 'message', role: 'status' });
  const axisLabel = h('span', { class: 'axis-label' });
  const axisCorner = h('div', { class: 'axis-corner' }, axisLabel, zoom);
  const axisTrack = h('div', { class: 'axis-track', 'aria-hidden': 'true' });
  const help = h(
    'p',
    { id: 'lanes-help', class: 'visually-hidden' },
    l10n.t('Each job is a list item; its events are buttons. Left and right arrows move between events of a job, up and down between jobs, Home and End to its first and last. Enter or Space shows the event in the editor. Plus and minus zoom the time axis, 0 shows all of it.'),
  );
  const lanes = h('div', { class: 'lanes', role: 'list', 'aria-label': l10n.t('Jobs'), 'aria-describedby': 'lanes-help' });
  const chart = h('section', { class: 'chart', 'aria-label': l10n.t('Job timeline') }, h('div', { class: 'axis' }, axisCorner, axisTrack), help, lanes);
  const detail = h('div', { class: 'detail-host' });
  const problems = h('div', { class: 'problems-host' });
  const root = h(
    'main',
    { class: 'timeline', 'aria-labelledby': 'timeline-title' },
    h('header', { class: 'top' }, h('div', { class: 'heading' }, title, summary, h('span', { class: 'spacer' }), exportButton), controls, legendEl),
    message,
    chart,
    detail,
    problems,
  );
  return { root, title, summary, controls, filter, pickerBox, picker, axisMode, shown, exportButton, zoom, legend: legendEl, message, chart, axisCorner, axisLabel, axisTrack, lanes, detail, problems };
}

/** The counts beside the title: jobs, events, retries, failures. */
export function renderSummary(ui: Skeleton, data: TimelineData): void {
  // The number stands out: the count's first word when the language puts it first, as en and es do.
  const stat = (n: number, counted: (n: number) => string, cls = ''): HTMLElement => {
    const [value, ...word] = counted(n).split(' ');
    return h('span', { class: `stat${cls && n > 0 ? ` ${cls}` : ''}` }, h('span', { class: 'stat-value' }, value ?? ''), ` ${word.join(' ')}`);
  };
  const sum = data.summary;
  ui.summary.replaceChildren(
    stat(sum.jobs, jobs),
    stat(sum.events, events),
    stat(sum.retries, retries, 'warn'),
    stat(sum.failures, failures, 'bad'),
  );
}

/** The job picker (all jobs, or those the filter keeps) and the "12 of 1,000 jobs" count. */
export function renderPicker(ui: Skeleton, data: TimelineData, view: View, state: WebviewState): void {
  const { picker, shown } = ui;
  const picked = pickedJob(data, state.jobId)?.id ?? '';
  const options = [h('option', { value: '' }, l10n.t('All jobs ({0})', data.jobs.length.toLocaleString('en-US')))];
  const listed = state.filter && !picked ? view.lanes.flatMap((l) => (l.kind === 'job' ? [l.job] : [])) : data.jobs;
  for (const job of listed) options.push(h('option', { value: job.id }, job.company ? `${job.id} — ${job.company}` : job.id));
  picker.replaceChildren();
  appendAll(picker, options);
  picker.value = picked;
  const all = data.jobs.length;
  shown.textContent = picked || all <= 1 ? '' : view.shownJobs === all ? jobs(all) : l10n.t('{0} of {1}', view.shownJobs.toLocaleString('en-US'), jobs(all));
}
