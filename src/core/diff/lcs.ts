/*
 * Which items of two arrays are the same item: a longest common subsequence of their canonical
 * strings, so that one message appended to error_messages is one addition, not a cascade of
 * changes at every later index. The table is (n+1)×(m+1) after the common head and tail are
 * cut; past LCS_CELLS cells the items are paired index by index instead (README, "Comparing
 * payloads": a long array changed in the middle then reads as changes from there on).
 */

/** Past this many table cells (1,000 × 1,000 items) arrays are paired index by index. */
export const LCS_CELLS = 1_000_000;

/** One step of an alignment: the same item in both, or an item only in a, or only in b. */
export type Step = { op: 'same'; a: number; b: number } | { op: 'removed'; a: number } | { op: 'added'; b: number };

/** An alignment of a and b (canonical strings of their items), in order. */
export function align(a: readonly string[], b: readonly string[]): Step[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const steps: Step[] = [];
  for (let i = 0; i < head; i++) steps.push({ op: 'same', a: i, b: i });
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  if ((n + 1) * (m + 1) > LCS_CELLS) {
    // Index by index: a pair that differs is a removal and an addition, paired by the caller.
    for (let k = 0; k < Math.max(n, m); k++) {
      if (k < n && k < m && a[head + k] === b[head + k]) steps.push({ op: 'same', a: head + k, b: head + k });
      else {
        if (k < n) steps.push({ op: 'removed', a: head + k });
        if (k < m) steps.push({ op: 'added', b: head + k });
      }
    }
  } else if (n > 0 || m > 0) {
    // lengths[i][j]: LCS of a[head+i..] and b[head+j..], so the walk below goes forwards.
    const w = m + 1;
    const lengths = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lengths[i * w + j] = a[head + i] === b[head + j] ? lengths[(i + 1) * w + j + 1]! + 1 : Math.max(lengths[(i + 1) * w + j]!, lengths[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[head + i] === b[head + j]) {
        steps.push({ op: 'same', a: head + i++, b: head + j++ });
      } else if (j < m && (i === n || lengths[i * w + j + 1]! >= lengths[(i + 1) * w + j]!)) {
        steps.push({ op: 'added', b: head + j++ });
      } else {
        steps.push({ op: 'removed', a: head + i++ });
      }
    }
  }
  for (let k = tail; k > 0; k--) steps.push({ op: 'same', a: a.length - k, b: b.length - k });
  return steps;
}
