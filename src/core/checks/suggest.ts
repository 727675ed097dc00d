/**
 * "Did you mean": the known names closest to what was written, case and separators ignored
 * first, then by edit distance (with transpositions, the commonest typo).
 */
export function closest(written: string, known: readonly string[], max = 3): string[] {
  // The same misspelling recurs down a log; its answer is kept per list of names.
  let cache = memo.get(known);
  if (!cache) memo.set(known, (cache = new Map<string, string[]>()));
  const key = `${max}\u0000${written}`;
  let hit = cache.get(key);
  if (!hit) {
    if (cache.size > 1000) cache.clear();
    cache.set(key, (hit = compute(written, known, max)));
  }
  return [...hit];
}

const memo = new WeakMap<readonly string[], Map<string, string[]>>();

function compute(written: string, known: readonly string[], max: number): string[] {
  const w = normalise(written);
  const scored: { name: string; score: number }[] = [];
  for (const name of known) {
    const n = normalise(name);
    let score: number;
    if (n === w) score = 0;
    else if (w.length >= 4 && (n.includes(w) || w.includes(n))) score = 1 + Math.abs(n.length - w.length) / 100;
    else {
      const d = distance(w, n);
      if (d > Math.max(2, Math.floor(Math.max(w.length, n.length) * 0.34))) continue;
      score = d;
    }
    scored.push({ name, score });
  }
  // Code-unit order, not localeCompare: the machine's locale must not change the suggestion.
  scored.sort((a, b) => a.score - b.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return scored.slice(0, max).map((s) => s.name);
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/[-\s.]/g, '_');
}

/** Optimal-string-alignment distance; inputs are short names, so the quadratic table is cheap. */
function distance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Number.MAX_SAFE_INTEGER;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    row[0] = i;
    rows.push(row);
  }
  const r0 = rows[0]!;
  for (let j = 0; j <= b.length; j++) r0[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i]!;
    const prev = rows[i - 1]!;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row[j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}
