/**
 * Virtual scrolling: which lanes meet the viewport. Only those (and a few either side) are in the
 * DOM, so a log of 1,000 jobs costs the same as one of 30. Pure.
 */

/** Index of the lane whose band holds `y` (clamped). Binary search over the offsets. */
export function laneAt(offsets: number[], y: number): number {
  const n = offsets.length - 1;
  if (n <= 0) return 0;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The lanes [start, end) that meet the band [top, bottom], with `overscan` more each side. */
export function visibleLanes(offsets: number[], top: number, bottom: number, overscan = 4): [number, number] {
  const n = offsets.length - 1;
  if (n <= 0 || bottom < 0 || top > offsets[n]!) return [0, 0];
  const first = laneAt(offsets, Math.max(0, top));
  const last = laneAt(offsets, Math.max(0, bottom));
  return [Math.max(0, first - overscan), Math.min(n, last + 1 + overscan)];
}
