/** Time → x on the shared axis, and the ticks that label it (UTC). Pure. */
import { clock, shortDate } from './format';

export interface Range {
  min: number;
  max: number;
}

export interface Scale {
  readonly min: number;
  readonly max: number;
  /** Width of the track in pixels, padding included. */
  readonly width: number;
  x(t: number): number;
}

/** Pixels kept free at either end, so the first and last marks are not cut in half. */
export const TRACK_PAD = 16;

/** Spans shorter than this are widened around their middle, so one event is not a zero range. */
const MIN_SPAN = 60_000;

export function makeScale(range: Range | null, width: number): Scale {
  let min = range && Number.isFinite(range.min) ? range.min : 0;
  let max = range && Number.isFinite(range.max) ? range.max : min;
  if (max < min) [min, max] = [max, min];
  if (max - min < MIN_SPAN) {
    const mid = (min + max) / 2;
    min = mid - MIN_SPAN / 2;
    max = mid + MIN_SPAN / 2;
  }
  const inner = Math.max(1, width - 2 * TRACK_PAD);
  const k = inner / (max - min);
  return { min, max, width, x: (t) => TRACK_PAD + (t - min) * k };
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

/** Round UTC times at a readable spacing; the first tick and each new day show the date. */
export function ticks(scale: Scale): Tick[] {
  const inner = scale.width - 2 * TRACK_PAD;
  const span = scale.max - scale.min;
  if (!(inner > 0) || !(span > 0)) return [];
  const pick = (minGap: number) => STEPS.find((s) => (s / span) * inner >= minGap) ?? STEPS[STEPS.length - 1]!;
  let step = pick(80);
  // Labels with seconds or a date are longer and need more room.
  if (step < M) step = pick(100);
  const out: Tick[] = [];
  let lastDay = '';
  for (let t = Math.ceil(scale.min / step) * step; t <= scale.max && out.length < 200; t += step) {
    const day = shortDate(t);
    const major = day !== lastDay;
    lastDay = day;
    let label: string;
    if (step >= D) label = day;
    else {
      const time = clock(t, step < M);
      label = major && out.length > 0 ? `${day} ${time}` : time;
    }
    out.push({ at: t, label, major: major && step < D });
  }
  return out;
}

/** A span [a, b] in pixels clipped to the track (with a little slack), or null when it is off screen. */
export function clip(a: number, b: number, width: number): [number, number] | null {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b < -4 || a > width + 4) return null;
  return [Math.round(Math.max(a, -4)), Math.round(Math.min(b, width + 4))];
}
