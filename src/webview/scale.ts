/** Time → x on the shared axis (its idle stretches collapsed), and the ticks that label it. Pure. */
import { WHOLE, linearAxis, makeAxis, type Axis, type Break } from './axis';
import { clock, duration, shortDate } from './format';

export interface Range {
  min: number;
  max: number;
}

/** How the axis reads its times: clock times (UTC), or time since each lane's own start. */
export type AxisMode = 'clock' | 'start';

export interface Scale {
  readonly axis: Axis;
  readonly mode: AxisMode;
  /** The positions shown (a part of [0, 1] when zoomed in). */
  readonly window: Range;
  /** Width of the track in pixels, padding included. */
  readonly width: number;
  /** x of an axis time (a clock time, or the time since the lane's start). */
  x(t: number): number;
  /** The axis time at x. */
  timeAt(x: number): number;
}

/** Pixels kept free at either end, so the first and last marks are not cut in half. */
export const TRACK_PAD = 16;

/**
 * The scale of `axis` (or of a plain range, drawn to scale) over `width` px, showing `window`
 * (positions along the axis; all of it when null).
 */
export function makeScale(axis: Axis | Range | null, width: number, window: Range | null = null, mode: AxisMode = 'clock'): Scale {
  const a = axis && 'pieces' in axis ? axis : axis ? linearAxis(Math.min(axis.min, axis.max), Math.max(axis.min, axis.max)) : makeAxis([]);
  const w = window && window.max > window.min ? window : WHOLE;
  const inner = Math.max(1, width - 2 * TRACK_PAD);
  const k = inner / (w.max - w.min);
  return {
    axis: a,
    mode,
    window: w,
    width,
    x: (t) => TRACK_PAD + (a.u(t) - w.min) * k,
    timeAt: (x) => a.t(w.min + (x - TRACK_PAD) / k),
  };
}

export interface Tick {
  at: number;
  label: string;
  /** The first tick of a day (its label carries the date). */
  major: boolean;
}

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const STEPS = [S, 2 * S, 5 * S, 10 * S, 15 * S, 30 * S, M, 2 * M, 5 * M, 10 * M, 15 * M, 30 * M, H, 2 * H, 3 * H, 6 * H, 12 * H, D, 2 * D, 7 * D, 14 * D, 28 * D, 91 * D, 182 * D, 364 * D];

/** Rough width of a tick label in px (11 px UI font), and the room kept between two. */
const labelWidth = (label: string): number => label.length * 6.4;
const LABEL_GAP = 10;

/**
 * Round times at a readable spacing over each stretch drawn to scale, and the start of each
 * stretch after a break unless a round time comes soon after it. Clock ticks are UTC (a clock
 * reads 15:20 all through that minute): the first label, and each label of a new day, carries the
 * date. Ticks of the "since start" axis read `+2 min`. Where labels would overlap, the dated ones
 * win, then the starts of stretches, then the rest in order; a tick left without a label keeps its
 * grid line.
 */
export function ticks(scale: Scale): Tick[] {
  const inner = scale.width - 2 * TRACK_PAD;
  const wspan = scale.window.max - scale.window.min;
  if (!(inner > 0) || !(wspan > 0)) return [];
  const pxPerMs = Number.isFinite(scale.axis.rate) ? (scale.axis.rate / wspan) * inner : Infinity;
  const pick = (minGap: number) => STEPS.find((s) => s * pxPerMs >= minGap) ?? STEPS[STEPS.length - 1]!;
  let step = pick(80);
  // Labels with seconds or a date are longer and need more room.
  if (step < M) step = pick(100);
  const lo = scale.timeAt(TRACK_PAD);
  const hi = scale.timeAt(scale.width - TRACK_PAD);
  const out: (Tick & { rank: number })[] = [];
  let lastDay = '';
  const add = (t: number, round: boolean): void => {
    const day = scale.mode === 'clock' ? shortDate(t) : '';
    const major = scale.mode === 'clock' && step < D && day !== lastDay;
    let label: string;
    if (scale.mode === 'start') label = t <= 0 ? '0' : `+${duration(t)}`;
    else if (step >= D && round) label = day;
    else label = (major && out.length > 0 ? `${day} ` : '') + clock(t, step < M);
    lastDay = day;
    out.push({ at: t, label, major, rank: major ? 2 : round ? 0 : 1 });
  };
  scale.axis.pieces.forEach((p, i) => {
    const from = Math.max(p.from, lo);
    const to = Math.min(p.to, hi);
    if (from > to) return;
    const first = Math.ceil(from / step) * step;
    if (first > to || (i > 0 && from === p.from && scale.x(first) - scale.x(from) > 48)) add(from, false);
    for (let t = first; t <= to && out.length < 200; t += step) add(t, true);
  });
  // Labels are placed by rank, each where it does not run into one placed before; a plain round
  // time does not run across a break either (a date or a stretch's start may).
  const taken: [number, number][] = [];
  const bands = breaksInView(scale).map((b): [number, number] => [b.x1 - 2, b.x2 + 2]);
  const order = out.map((_, i) => i).sort((a, b) => out[b]!.rank - out[a]!.rank || a - b);
  for (const i of order) {
    const t = out[i]!;
    const x1 = scale.x(t.at);
    const x2 = x1 + 4 + labelWidth(t.label) + LABEL_GAP;
    const hits = ([a, b]: [number, number]): boolean => x1 < b && x2 > a;
    if (taken.some(hits) || (t.rank === 0 && bands.some(([a, b]) => x1 + 4 < b && x2 - LABEL_GAP > a))) t.label = '';
    else taken.push([x1, x2]);
  }
  return out.map(({ at, label, major }) => ({ at, label, major }));
}

/** Whether a break's label (centred on it) fits between the tick labels shown. */
export function breakLabelFits(b: BreakInView, tks: readonly Tick[], scale: Scale): boolean {
  const w = labelWidth(b.label) * (10 / 11);
  const mid = (b.x1 + b.x2) / 2;
  if (w > b.x2 - b.x1 + 8) return false;
  return tks.every((t) => {
    if (!t.label) return true;
    const x = scale.x(t.at) + 4;
    return x > mid + w / 2 + 3 || x + labelWidth(t.label) < mid - w / 2 - 3;
  });
}

export interface BreakInView {
  x1: number;
  x2: number;
  /** The idle time it stands for (ms), and that time in a word or two (`26 h`) for its label. */
  skipped: number;
  label: string;
  brk: Break;
}

/** The breaks in view, each with its x span and the time it skips. */
export function breaksInView(scale: Scale): BreakInView[] {
  const out: BreakInView[] = [];
  for (const brk of scale.axis.breaks) {
    const x1 = scale.x(brk.from);
    const x2 = scale.x(brk.to);
    if (x2 < 0 || x1 > scale.width) continue;
    out.push({ x1, x2, skipped: brk.to - brk.from, label: roughDuration(brk.to - brk.from), brk });
  }
  return out;
}

/** `40 min`, `26 h`, `3 d`: a break's length rounded to its largest unit (its tooltip is exact). */
export function roughDuration(ms: number): string {
  const minutes = Math.round(ms / M);
  if (ms < H) return `${minutes} min`;
  if (ms < 2 * D) return `${Math.round(ms / H)} h`;
  return `${Math.round(ms / D)} d`;
}

/** The narrowest zoom window, in axis positions: a few seconds where the axis is to scale. */
export function minWindow(axis: Axis): number {
  return Number.isFinite(axis.rate) ? Math.min(1, 4000 * axis.rate) : 0.02;
}

/** A span [a, b] in pixels clipped to the track (with a little slack), or null when it is off screen. */
export function clip(a: number, b: number, width: number): [number, number] | null {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b < -4 || a > width + 4) return null;
  return [Math.round(Math.max(a, -4)), Math.round(Math.min(b, width + 4))];
}
