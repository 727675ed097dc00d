/**
 * Array helpers for lists whose length the input decides (a log's records, a job's events, a
 * payload's array items). `xs.push(...ys)`, `Math.min(...xs)` and `a.splice(i, n, ...ys)` pass
 * every item as an argument of one call, and JavaScript engines refuse calls with more than
 * about 100,000 arguments (V8 throws `RangeError: Maximum call stack size exceeded`): these take
 * any length.
 */

/** Appends each item of `items` to `target`; returns `target`. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** `target.splice(start, removed, ...items)` for any number of items, in place. */
export function spliceAll<T>(target: T[], start: number, removed: number, items: readonly T[]): void {
  const tail = target.slice(start + removed);
  target.length = start;
  pushAll(target, items);
  pushAll(target, tail);
}

/** The least and the greatest finite value of `values`; null when none is finite. */
export function extent(values: Iterable<number>): { min: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : null;
}
