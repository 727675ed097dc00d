/**
 * Zooming and panning the shared axis. Zoom (Ctrl+wheel, the +/− buttons, + and − on a focused
 * mark) brings one stretch up to seconds, and pan (Shift+wheel, a horizontal wheel) moves along
 * it. Pure: ranges in, range out, in any unit (the page uses positions along the axis, axis.ts).
 */
import type { Range } from './scale';

/** The narrowest window when none is given: a few seconds (in ms) across the whole width. */
export const MIN_WINDOW = 4000;

function clampInto(min: number, span: number, full: Range): Range {
  const fullSpan = full.max - full.min;
  if (span >= fullSpan) return { min: full.min, max: full.max };
  const lo = Math.min(Math.max(min, full.min), full.max - span);
  return { min: lo, max: lo + span };
}

/**
 * The window after zooming by `factor` (< 1 zooms in) around the time `anchor`, which stays at the
 * same place on screen. Null when it covers everything (no zoom).
 */
export function zoomBy(current: Range, full: Range, factor: number, anchor: number, minSpan = MIN_WINDOW): Range | null {
  const span = current.max - current.min;
  const next = Math.max(minSpan, span * factor);
  if (next >= full.max - full.min) return null;
  const a = Number.isFinite(anchor) ? Math.min(Math.max(anchor, current.min), current.max) : (current.min + current.max) / 2;
  const min = a - ((a - current.min) / span) * next;
  return clampInto(min, next, full);
}

/** The window moved by `dt` milliseconds, kept inside the full range. */
export function panBy(current: Range, full: Range, dt: number): Range {
  return clampInto(current.min + dt, current.max - current.min, full);
}

/** The window moved just enough to show `t` (with a margin), or unchanged if it is shown. */
export function reveal(current: Range, full: Range, t: number): Range {
  const span = current.max - current.min;
  const margin = span * 0.1;
  if (t >= current.min + margin && t <= current.max - margin) return current;
  return clampInto(t - span / 2, span, full);
}
