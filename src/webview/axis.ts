/**
 * The time axis with its idle stretches collapsed. A log spread over days is mostly waiting: drawn
 * to scale, a job of a few minutes is a dot between nights. Here the stretches where something
 * happens are drawn to one common scale, and each long stretch where nothing happens (in any lane
 * shown) becomes a narrow break, marked as one and labelled with the time it skips, as Gantt charts
 * skip non-working time. Positions run over [0, 1]; the scale maps them to pixels. Pure.
 */
import type { Range } from './scale';

/** A stretch drawn to scale, from time `from` to `to` (ms), at positions `u0`…`u1`. */
export interface Piece {
  from: number;
  to: number;
  u0: number;
  u1: number;
}

/** A collapsed idle stretch between two pieces: `to - from` ms shown in `u1 - u0` of the axis. */
export type Break = Piece;

export interface Axis {
  pieces: readonly Piece[];
  breaks: readonly Break[];
  /** Positions per millisecond where drawn to scale; Infinity when no piece has a length. */
  rate: number;
  /** Position of a time; increasing; a time inside a break falls proportionally across it. */
  u(t: number): number;
  /** The time at a position (the inverse of `u`). */
  t(u: number): number;
}

/** Spans shorter than this are widened around their middle, so one event is not a zero range. */
export const MIN_SPAN = 60_000;
/** Gaps shorter than this are always drawn to scale: a retry two minutes later is two minutes later. */
export const IDLE_MIN = 10 * 60_000;
/** The width of one break (as a share of the axis) while there are few; many share at most BREAKS_MAX. */
const BREAK = 0.06;
const BREAKS_MAX = 0.3;

/**
 * The axis for events at `times` (ms, any order; non-finite ones are ignored). A gap between
 * consecutive times collapses when it is at least IDLE_MIN long and, drawn to scale, would be
 * wider than a break; the longest gaps are judged first (each one collapsed widens the rest), so
 * a night between two busy days goes before the hour between two jobs. Deterministic: same
 * times, same axis.
 */
export function makeAxis(times: Iterable<number>): Axis {
  const ts = [...new Set([...times].filter(Number.isFinite))].sort((a, b) => a - b);
  if (ts.length === 0) return linear(0, MIN_SPAN);
  const lo = ts[0]!;
  const hi = ts[ts.length - 1]!;
  if (hi - lo < MIN_SPAN) return linearAxis(lo, hi);
  const gaps = ts.slice(1).map((t, i) => ({ i, g: t - ts[i]! }));
  gaps.sort((a, b) => b.g - a.g || a.i - b.i);
  const collapsed = new Set<number>();
  let toScale = hi - lo;
  for (const { i, g } of gaps) {
    if (g < IDLE_MIN || (g / toScale) * (1 - collapsed.size * BREAK) <= BREAK) break;
    collapsed.add(i);
    toScale -= g;
  }
  if (collapsed.size === 0) return linear(lo, hi);
  const breakWidth = toScale > 0 ? Math.min(BREAK, BREAKS_MAX / collapsed.size) : 1 / collapsed.size;
  const rate = toScale > 0 ? (1 - collapsed.size * breakWidth) / toScale : Infinity;
  const pieces: Piece[] = [];
  const breaks: Break[] = [];
  let from = lo;
  let u = 0;
  for (let i = 0; i < ts.length; i++) {
    if (i < ts.length - 1 && !collapsed.has(i)) continue;
    const to = ts[i]!;
    const u1 = Number.isFinite(rate) ? u + (to - from) * rate : u;
    pieces.push({ from, to, u0: u, u1 });
    if (i === ts.length - 1) break;
    breaks.push({ from: to, to: ts[i + 1]!, u0: u1, u1: u1 + breakWidth });
    from = ts[i + 1]!;
    u = u1 + breakWidth;
  }
  // Rounding must not leave the last time short of 1.
  pieces[pieces.length - 1]!.u1 = 1;
  return build(pieces, breaks, rate);
}

/** The axis of [min, max] drawn to scale, no break (widened to MIN_SPAN around its middle). */
export function linearAxis(min: number, max: number): Axis {
  if (!(max - min >= MIN_SPAN)) {
    const mid = Number.isFinite(min + max) ? (min + max) / 2 : 0;
    return linear(mid - MIN_SPAN / 2, mid + MIN_SPAN / 2);
  }
  return linear(min, max);
}

function linear(min: number, max: number): Axis {
  return build([{ from: min, to: max, u0: 0, u1: 1 }], [], 1 / (max - min));
}

/** Maps across a piece or break; a zero-length one maps everything to its start. */
function lerp(x: number, a0: number, a1: number, b0: number, b1: number): number {
  return a1 > a0 ? b0 + ((x - a0) / (a1 - a0)) * (b1 - b0) : b0;
}

/** The last index whose `key` is <= x, or -1. Binary search: the pieces are in order. */
function lastAtOrBefore(list: readonly Piece[], key: (p: Piece) => number, x: number): number {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (key(list[mid]!) <= x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function build(pieces: Piece[], breaks: Break[], rate: number): Axis {
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  // Outside the times it was made for (a window panned past the ends), the axis goes on to scale.
  const outsideRate = Number.isFinite(rate) ? rate : 1 / MIN_SPAN;
  return {
    pieces,
    breaks,
    rate,
    u(t) {
      if (!Number.isFinite(t)) return NaN;
      if (t < first.from) return first.u0 - (first.from - t) * outsideRate;
      if (t > last.to) return last.u1 + (t - last.to) * outsideRate;
      const i = lastAtOrBefore(pieces, (p) => p.from, t);
      const p = pieces[i]!;
      if (t <= p.to) return lerp(t, p.from, p.to, p.u0, p.u1);
      const b = breaks[i]!;
      return lerp(t, b.from, b.to, b.u0, b.u1);
    },
    t(u) {
      if (!Number.isFinite(u)) return NaN;
      if (u < first.u0) return first.from - (first.u0 - u) / outsideRate;
      if (u > last.u1) return last.to + (u - last.u1) / outsideRate;
      const i = lastAtOrBefore(pieces, (p) => p.u0, u);
      const p = pieces[i]!;
      if (u <= p.u1) return lerp(u, p.u0, p.u1, p.from, p.to);
      const b = breaks[i]!;
      return lerp(u, b.u0, b.u1, b.from, b.to);
    },
  };
}

/** The axis's whole extent in positions: what "not zoomed" shows. */
export const WHOLE: Range = { min: 0, max: 1 };
