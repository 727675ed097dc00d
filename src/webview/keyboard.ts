/**
 * Arrow-key moves between marks: left/right along a lane (in time order), up/down to the nearest
 * mark in time (axis time: on the "since start" axis, time since each job's start) on the next lane with marks, Home/End to a lane's ends, Ctrl+Home/End to the
 * first/last lane, PageUp/PageDown ten lanes at a time. Pure: it names the mark to focus.
 */
import type { TimelineMark } from '../core/jobs/timeline-data';
import { axisTime, type Lane, type View } from './model';

export type NavKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End' | 'PageUp' | 'PageDown';

export function isNavKey(key: string): key is NavKey {
  return ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'].includes(key);
}

/** The mark of `lane` nearest to axis time `at` (on the "since start" axis, lanes differ in origin). */
function nearest(lane: Lane, at: number): TimelineMark | undefined {
  let best: TimelineMark | undefined;
  let gap = Infinity;
  for (const m of lane.nav) {
    const d = Math.abs(axisTime(lane, m.at) - at);
    if (d < gap) [best, gap] = [m, d];
  }
  return best;
}

/** The lane `step` lanes away from `from` that has marks, or -1. */
function laneWithMarks(view: View, from: number, step: number): number {
  const n = view.lanes.length;
  let i = Math.max(0, Math.min(n - 1, from + step));
  const dir = Math.sign(step) || 1;
  while (i >= 0 && i < n && !view.lanes[i]!.nav.length) i += dir;
  return i >= 0 && i < n && i !== from ? i : -1;
}

/** Whether the key moves between lanes (and so keeps the time it started from). */
export function isVertical(key: NavKey): boolean {
  return key === 'ArrowUp' || key === 'ArrowDown' || key === 'PageUp' || key === 'PageDown';
}

/**
 * The mark a key moves to from `currentId`, or null. `anchor` is the axis time a run of up/down moves
 * started from, so that going down and back up returns to the same mark.
 */
export function navigate(view: View, currentId: string, key: NavKey, ctrl: boolean, anchor?: number): string | null {
  const laneIndex = view.where.get(currentId);
  if (laneIndex === undefined) return null;
  const lane = view.lanes[laneIndex]!;
  const pos = lane.nav.findIndex((m) => m.id === currentId);
  const current = lane.nav[pos]!;
  const vertical = (step: number): string | null => {
    const to = laneWithMarks(view, laneIndex, step);
    return to < 0 ? null : (nearest(view.lanes[to]!, anchor ?? axisTime(lane, current.at))?.id ?? null);
  };
  switch (key) {
    case 'ArrowLeft':
      return lane.nav[pos - 1]?.id ?? null;
    case 'ArrowRight':
      return lane.nav[pos + 1]?.id ?? null;
    case 'ArrowUp':
      return vertical(-1);
    case 'ArrowDown':
      return vertical(1);
    case 'PageUp':
      return vertical(-10);
    case 'PageDown':
      return vertical(10);
    case 'Home':
      if (ctrl) return view.lanes.find((l) => l.nav.length)?.nav[0]?.id ?? null;
      return lane.nav[0]?.id ?? null;
    case 'End':
      if (ctrl) {
        const last = [...view.lanes].reverse().find((l) => l.nav.length);
        return last?.nav[last.nav.length - 1]?.id ?? null;
      }
      return lane.nav[lane.nav.length - 1]?.id ?? null;
  }
}
