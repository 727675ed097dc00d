/**
 * "Export as SVG": the current picture (every lane the filter keeps, not only those on screen) as
 * one standalone SVG document, with the theme's colours written in as values. Every text and
 * attribute is XML-escaped; the document has no script, no link, no external reference. Pure.
 */
import type { TimelineData, TimelineMark } from '../core/jobs/timeline-data';
import { extent } from '../core/util/arrays';
import { duration, events, failures, files, formatDateTime, jobDescription, jobs, markDescription, outcomeText, retries, startText } from './format';
import * as l10n from '../core/l10n';
import { FILE_Y, MAIN_Y, type View } from './model';
import { breakLabelFits, breaksInView, clip, makeScale, ticks, TRACK_PAD, type Range } from './scale';
import { breakGlyph, fitText, hiddenBadges, labelRoom, textWidth, markGlyph, outcomeIcon, retryBadge, stagePaint, type Paint, type Primitive } from './shapes';

export type Palette = Record<Exclude<Paint, 'none'>, string> & { font: string; mono: string };

/** Characters XML 1.0 does not allow at all (controls, lone surrogates, U+FFFE/U+FFFF). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlEscape(value: string | number): string {
  return String(value)
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => ` ${k}="${xmlEscape(v!)}"`)
    .join('');
}

function el(tag: string, a: Record<string, string | number | undefined>, text?: string): string {
  return text === undefined ? `<${tag}${attrs(a)}/>` : `<${tag}${attrs(a)}>${xmlEscape(text)}</${tag}>`;
}

function paint(p: Paint | undefined, palette: Palette): string | undefined {
  if (p === undefined) return undefined;
  return p === 'none' ? 'none' : palette[p];
}

function prim(p: Primitive, palette: Palette): string {
  return el(p.tag, { ...p.attrs, fill: paint(p.fill, palette) ?? (p.tag === 'path' ? 'none' : undefined), stroke: paint(p.stroke, palette) }, p.text);
}

function mark(m: TimelineMark, x: number, y: number, palette: Palette, kind = m.kind, withBadge = true): string {
  if (!Number.isFinite(x)) return '';
  const badge = withBadge ? retryBadge(m) : null;
  return (
    `<g${attrs({ transform: `translate(${Math.round(x)} ${y})`, opacity: m.approximate ? 0.85 : undefined })}>` +
    el('title', {}, markDescription(m)) +
    markGlyph(m, kind).map((p) => prim(p, palette)).join('') +
    (badge ? prim(badge, palette) : '') +
    '</g>'
  );
}

export interface ExportOptions {
  width: number;
  labelWidth: number;
  /** The part of the axis shown when zoomed (positions along it, axis.ts); all of it otherwise. */
  range?: Range | null;
}

export function exportSvg(data: TimelineData, view: View, palette: Palette, opts: ExportOptions): string {
  const width = Math.max(640, Math.round(opts.width));
  const label = opts.labelWidth;
  const scale = makeScale(view.axis, width - label, opts.range ?? null, view.mode);
  const tks = ticks(scale);
  const top = 92;
  const height = top + (view.offsets[view.offsets.length - 1] ?? 0) + 16;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg"${attrs({ width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': palette.font, 'font-size': 12 })}>`,
  );
  out.push(el('title', {}, l10n.t('Job timeline: {0}', data.title)));
  out.push(el('rect', { x: 0, y: 0, width, height, fill: palette.bg }));
  out.push(el('text', { x: 16, y: 26, fill: palette.fg, 'font-size': 14, 'font-weight': 600 }, fitText(data.title, width - 32, 14)));
  const s = data.summary;
  const summary = [jobs(s.jobs), events(s.events), retries(s.retries), failures(s.failures)];
  if (view.shownJobs !== data.jobs.length) summary.push(l10n.t('showing {0}', view.shownJobs.toLocaleString('en-US')));
  out.push(el('text', { x: 16, y: 46, fill: palette.muted, 'font-size': 12 }, summary.join(' · ')));

  // Axis: tick labels over the track, the time zone in the label column.
  const axisY = 76;
  const zone = view.mode === 'start' ? l10n.t("since each job's start") : view.range ? `UTC · ${formatDateTime(scale.timeAt(TRACK_PAD)).slice(0, 10)}` : '';
  if (zone) out.push(el('text', { x: 16, y: axisY, fill: palette.muted, 'font-size': 11 }, zone));
  out.push(el('line', { x1: 0, x2: width, y1: axisY + 8.5, y2: axisY + 8.5, stroke: palette.fg, 'stroke-opacity': 0.25 }));
  const tickX = (t: { at: number }): number => label + Math.round(scale.x(t.at)) + 0.5;
  for (const t of tks) out.push(el('line', { x1: tickX(t), x2: tickX(t), y1: axisY - 12, y2: height - 16, stroke: palette.fg, 'stroke-opacity': t.major ? 0.16 : 0.08 }));
  // The collapsed idle stretches: a band over the grid of every lane (under the labels: a date may
  // run across one), the break mark and what it skips.
  const breaks = breaksInView(scale);
  for (const b of breaks) out.push(el('rect', { x: label + b.x1, y: axisY - 14, width: Math.max(1, b.x2 - b.x1), height: height - axisY - 2, fill: palette.bg }));
  for (const t of tks) {
    const x = tickX(t);
    if (t.label && x + 4 + textWidth(t.label) <= width) out.push(el('text', { x: x + 4, y: axisY, fill: t.major ? palette.fg : palette.muted, 'font-size': 11, 'font-weight': t.major ? 600 : undefined }, t.label));
  }
  for (const b of breaks) {
    const x1 = label + b.x1;
    const w = Math.max(1, b.x2 - b.x1);
    out.push(`<g>${el('title', {}, l10n.t('{0} without events, not to scale', duration(b.skipped)))}`);
    out.push(breakGlyph(x1 + w / 2, axisY + 8).map((d) => el('path', { d, fill: 'none', stroke: palette.muted, 'stroke-width': 1.2 })).join(''));
    if (breakLabelFits(b, tks, scale)) out.push(el('text', { x: x1 + w / 2, y: axisY, fill: palette.muted, 'font-size': 10, 'text-anchor': 'middle' }, b.label));
    out.push('</g>');
  }

  view.lanes.forEach((lane, i) => {
    const y0 = top + view.offsets[i]!;
    out.push(`<g${attrs({ transform: `translate(0 ${y0})` })}>`);
    if (lane.kind === 'job') {
      const { job } = lane;
      out.push(el('title', {}, jobDescription(job)));
      out.push(`<g transform="translate(12 ${MAIN_Y - 8 - 6})">${outcomeIcon(job.outcome).map((p) => prim(p, palette)).join('')}</g>`);
      out.push(el('text', { x: 36, y: 18, fill: palette.fg, 'font-family': palette.mono, 'font-size': 12 }, fitText(job.id, label - 48, 12)));
      const start = view.mode === 'start' && Number.isFinite(job.start) ? startText(job.start) : '';
      const meta = [start, job.company ?? '', job.retries ? retries(job.retries) : outcomeText(job.outcome)].filter(Boolean).join(' · ');
      out.push(el('text', { x: 36, y: 33, fill: palette.muted, 'font-size': 11 }, fitText(meta, label - 48)));
      if (lane.files.length) out.push(el('text', { x: 36, y: FILE_Y + 4, fill: palette.muted, 'font-size': 10 }, files(job.files.length)));
    } else {
      out.push(el('text', { x: 36, y: 26, fill: palette.fg, 'font-size': 12 }, l10n.t('Other events')));
    }
    out.push(`<g transform="translate(${label} 0)">`);
    const X = (t: number): number => scale.x(t - lane.origin);
    if (lane.kind === 'job') {
      const { job } = lane;
      const overMarks = lane.main.filter((m) => m.kind !== 'stage').map((m) => X(m.at));
      const span = clip(X(job.start), X(job.end), scale.width);
      if (span) out.push(el('line', { x1: span[0], x2: span[1], y1: MAIN_Y + 0.5, y2: MAIN_Y + 0.5, stroke: palette.muted, 'stroke-opacity': 0.7 }));
      for (const st of job.stages) {
        const seg = clip(X(st.from), X(Number.isFinite(st.to) ? st.to : st.from), scale.width);
        if (!seg) continue;
        const x1 = seg[0];
        const w = Math.max(2, seg[1] - x1);
        const c = palette[stagePaint(st.stage) as Exclude<Paint, 'none'>];
        out.push(el('rect', { x: x1 + 0.5, y: MAIN_Y - 6.5, width: w - 1, height: 13, rx: 2, fill: c, 'fill-opacity': 0.22, stroke: c, 'stroke-opacity': 0.6 }));
        const from = Math.max(x1, 0) + 5;
        const text = fitText(st.stage, labelRoom(from, seg[1] - 4, overMarks));
        if (text) out.push(el('text', { x: from, y: MAIN_Y + 4, fill: palette.fg, 'font-size': 11 }, text));
      }
      if (lane.files.length) {
        const xs = extent(lane.files.map((m) => X(m.at)));
        const row = xs ? clip(xs.min, xs.max, scale.width) : null;
        if (row) out.push(el('line', { x1: row[0], x2: row[1], y1: FILE_Y + 0.5, y2: FILE_Y + 0.5, stroke: palette.muted, 'stroke-opacity': 0.5, 'stroke-dasharray': '2 2' }));
      }
    } else {
      out.push(el('line', { x1: 0, x2: scale.width, y1: MAIN_Y + 0.5, y2: MAIN_Y + 0.5, stroke: palette.muted, 'stroke-opacity': 0.5, 'stroke-dasharray': '2 2' }));
    }
    for (const b of breaks) {
      if (lane.kind === 'job' && lane.job.start - lane.origin < b.brk.from && lane.job.end - lane.origin > b.brk.to) {
        out.push(el('rect', { x: b.x1, y: MAIN_Y - 8, width: Math.max(1, b.x2 - b.x1), height: 16, fill: palette.bg }));
        out.push(breakGlyph((b.x1 + b.x2) / 2, MAIN_Y).map((d) => el('path', { d, fill: 'none', stroke: palette.muted, 'stroke-width': 1.2 })).join(''));
      }
    }
    const noBadge = hiddenBadges(lane.main, (m) => X(m.at));
    for (const m of lane.main) if (Math.abs(X(m.at) - scale.width / 2) <= scale.width / 2 + 8) out.push(mark(m, X(m.at), MAIN_Y, palette, m.kind, !noBadge.has(m.id)));
    for (const m of lane.files) if (Math.abs(X(m.at) - scale.width / 2) <= scale.width / 2 + 8) out.push(mark(m, X(m.at), FILE_Y, palette, 'file'));
    out.push('</g>');
    out.push(el('line', { x1: 0, x2: width, y1: lane.height - 0.5, y2: lane.height - 0.5, stroke: palette.fg, 'stroke-opacity': 0.1 }));
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('\n');
}
