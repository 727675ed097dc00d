/** One lane: the job's label on the left, its track (stages, marks, file events) on the right. */
import type { TimelineMark } from '../core/jobs/timeline-data';
import { extent } from '../core/util/arrays';
import { h, icon, primitive, s } from './dom';
import { events, files, jobDescription, markDescription, outcomeText, retries, startText } from './format';
import * as l10n from '../core/l10n';
import { FILE_Y, MAIN_Y, type Lane } from './model';
import { clip, type AxisMode, type BreakInView, type Scale, type Tick } from './scale';
import { breakGlyph, fitText, hiddenBadges, labelRoom, markGlyph, outcomeIcon, retryBadge, stagePaint } from './shapes';

const STAGE_H = 14;

export interface LaneContext {
  scale: Scale;
  ticks: Tick[];
  /** The collapsed idle stretches in view (axis.ts), drawn across every lane. */
  breaks: BreakInView[];
  /** The roving tab stop: the one mark reachable with Tab. */
  activeId: string | null;
  /** The current mark: the one under the editor's cursor, or the last one clicked. */
  currentId: string | null;
}

/** Crisp 1px lines sit on half pixels. */
const crisp = (x: number): number => Math.round(x) + 0.5;

export function renderLane(lane: Lane, index: number, ctx: LaneContext): HTMLElement {
  const label = lane.kind === 'job' ? jobDescription(lane.job) : l10n.t('Other events: {0} without a job', events(lane.nav.length));
  const el = h('div', { class: `lane lane-${lane.kind}`, role: 'listitem', 'aria-label': label, 'data-index': index });
  el.style.height = `${lane.height}px`;
  el.append(laneLabel(lane, ctx.scale.mode), laneTrack(lane, ctx));
  return el;
}

function laneLabel(lane: Lane, mode: AxisMode): HTMLElement {
  const box = h('div', { class: 'lane-label' });
  const main = h('div', { class: 'lane-main' });
  if (lane.kind === 'job') {
    const { job } = lane;
    main.title = `${job.id}${job.company ? `\n${job.company}` : ''}\n${outcomeText(job.outcome)}`;
    const meta: string[] = [];
    // With every lane counted from its own start, the label says when that was.
    if (mode === 'start' && Number.isFinite(job.start)) meta.push(startText(job.start));
    if (job.company) meta.push(job.company);
    if (job.retries > 0) meta.push(retries(job.retries) + (job.exceeded ? ` ${l10n.t('(limit)')}` : ''));
    main.append(
      icon(outcomeIcon(job.outcome)),
      h('div', { class: 'lane-text' }, h('span', { class: 'lane-id' }, job.id || l10n.t('(no job id)')), h('span', { class: 'lane-meta' }, meta.join(' · ') || outcomeText(job.outcome))),
    );
    main.classList.add('pick');
    main.dataset['jobId'] = job.id;
  } else {
    main.append(
      icon([{ tag: 'circle', attrs: { cx: 8, cy: 8, r: 3.5 }, fill: 'muted' }]),
      h('div', { class: 'lane-text' }, h('span', { class: 'lane-name' }, l10n.t('Other events')), h('span', { class: 'lane-meta' }, l10n.t('not linked to a job'))),
    );
  }
  box.append(main);
  if (lane.files.length) {
    const n = lane.kind === 'job' ? lane.job.files.length : 0;
    box.append(h('div', { class: 'lane-files' }, `${files(n)} · ${events(lane.files.length)}`));
  }
  return box;
}

function laneTrack(lane: Lane, ctx: LaneContext): SVGSVGElement {
  const { scale } = ctx;
  // On the "since start" axis each lane counts from its own origin.
  const X = (t: number): number => scale.x(t - lane.origin);
  const svg = s('svg', { class: 'track', width: scale.width, height: lane.height, role: 'group', 'aria-label': 'Events' });
  for (const t of ctx.ticks) {
    const x = crisp(scale.x(t.at));
    svg.append(s('line', { class: t.major ? 'grid major' : 'grid', x1: x, x2: x, y1: 0, y2: lane.height }));
  }
  if (lane.kind === 'job') {
    const { job } = lane;
    const overMarks = lane.main.filter((m) => m.kind !== 'stage').map((m) => X(m.at));
    const span = clip(X(job.start), X(job.end), scale.width);
    if (span) svg.append(s('line', { class: 'baseline', x1: span[0], x2: Math.max(span[1], span[0] + 1), y1: MAIN_Y + 0.5, y2: MAIN_Y + 0.5 }));
    for (const st of job.stages) {
      const seg = clip(X(st.from), X(Number.isFinite(st.to) ? st.to : st.from), scale.width);
      if (!seg) continue;
      const [x1, x2] = seg;
      const w = Math.max(2, x2 - x1);
      const paint = stagePaint(st.stage);
      const g = s('g', { class: 'stage' });
      g.append(s('rect', { class: `stage-bar f-${paint} s-${paint}`, x: x1 + 0.5, y: MAIN_Y - STAGE_H / 2 + 0.5, width: w - 1, height: STAGE_H - 1, rx: 2 }));
      // The label starts where the segment comes into view, and must clear the stage mark.
      const from = Math.max(x1, 0) + 5;
      const text = fitText(st.stage, labelRoom(from, x2 - 4, overMarks));
      if (text) g.append(s('text', { class: 'stage-label', x: from, y: MAIN_Y + 4 }, text));
      g.append(s('title', {}, `Stage ${st.stage}`));
      svg.append(g);
    }
    if (lane.files.length) {
      const xs = extent(lane.files.map((m) => X(m.at)));
      const row = xs ? clip(xs.min, xs.max, scale.width) : null;
      if (row) svg.append(s('line', { class: 'file-line', x1: row[0], x2: Math.max(row[1], row[0] + 1), y1: FILE_Y + 0.5, y2: FILE_Y + 0.5 }));
    }
  } else {
    svg.append(s('line', { class: 'file-line', x1: 0, x2: scale.width, y1: MAIN_Y + 0.5, y2: MAIN_Y + 0.5 }));
  }
  for (const b of ctx.breaks) {
    svg.append(s('rect', { class: 'break-band', x: b.x1, y: 0, width: Math.max(1, b.x2 - b.x1), height: lane.height }));
    // A job that goes on across the break shows where its line is cut.
    if (lane.kind === 'job' && lane.job.start - lane.origin < b.brk.from && lane.job.end - lane.origin > b.brk.to) {
      for (const d of breakGlyph((b.x1 + b.x2) / 2, MAIN_Y)) svg.append(s('path', { class: 'break-glyph', d }));
    }
  }
  const shown = (x: number): boolean => x >= -8 && x <= scale.width + 8;
  const noBadge = hiddenBadges(lane.main, (m) => X(m.at));
  for (const m of lane.main) {
    const x = X(m.at);
    if (shown(x)) svg.append(markElement(m, x, MAIN_Y, ctx, m.kind, !noBadge.has(m.id)));
  }
  for (const m of lane.files) {
    const x = X(m.at);
    if (shown(x)) svg.append(markElement(m, x, FILE_Y, ctx, 'file'));
  }
  return svg;
}

export function markElement(mark: TimelineMark, x: number, y: number, ctx: LaneContext, kind = mark.kind, withBadge = true): SVGGElement | Text {
  if (!Number.isFinite(x)) return document.createTextNode('');
  const description = markDescription(mark);
  const classes = ['mark', `mark-${kind}`];
  if (mark.approximate) classes.push('approx');
  if (mark.id === ctx.currentId) classes.push('current');
  const g = s('g', {
    class: classes.join(' '),
    transform: `translate(${Math.round(x)} ${y})`,
    role: 'button',
    tabindex: mark.id === ctx.activeId ? 0 : -1,
    'aria-label': description,
    'aria-current': mark.id === ctx.currentId ? 'true' : undefined,
    'data-mark-id': mark.id,
  });
  g.append(s('title', {}, description));
  const r = kind === 'file' ? 5 : 8;
  g.append(s('rect', { class: 'hit', x: -r, y: -r, width: 2 * r, height: 2 * r }));
  g.append(s('circle', { class: 'halo', r }));
  g.append(s('circle', { class: 'ring', r }));
  for (const p of markGlyph(mark, kind)) g.append(primitive(p));
  const badge = withBadge ? retryBadge(mark) : null;
  if (badge) g.append(primitive(badge, 'retry-count'));
  return g;
}
