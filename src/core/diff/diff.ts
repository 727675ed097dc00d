/*
 * The semantic diff of two payloads (README, "Comparing payloads"; issue 15): keys compared
 * without regard to order, string-encoded values read as the `string-encoded-value` rule reads
 * them, the add-to-job alias as its documented name, volatile fields ignored; array items
 * matched by a longest common subsequence (lcs.ts). Pointers are RFC 6901.
 */
import { toPointer } from '../input/pointer';
import { align } from './lcs';
import { canonical, IGNORED, Ignored, isObject, MAX_DEPTH, normalize, sortedKeys, type Reading } from './normalize';
import { stringifyWritten } from './written';

/** How `diff` reads the two values. */
export interface DiffOptions {
  /** No normalisation at all (no string-encoded values, no alias, no default ignore); keys are still compared without regard to order. */
  strict?: boolean;
  /** RFC 6901 pointers ignored, with everything below them; when absent, VOLATILE unless strict. */
  ignore?: readonly string[];
}

/** The fields each delivery of the same event changes: its id, its time, the record's last update. */
export const VOLATILE: readonly string[] = ['/event_id', '/event_time', '/event/update_date'];

/**
 * One difference: `pointer` (RFC 6901) addresses b for added and changed, a for removed. Values
 * are as read (normalised); a number no double holds is a WrittenNumber (print with stringifyWritten).
 */
export type Change =
  | { kind: 'added'; pointer: string; value: unknown }
  | { kind: 'removed'; pointer: string; value: unknown }
  | { kind: 'changed'; pointer: string; old: unknown; new: unknown };

function readingOf(options: DiffOptions = {}): Reading {
  const strict = options.strict === true;
  return { strict, ignore: Ignored.of(options.ignore ?? (strict ? [] : VOLATILE)) };
}

/**
 * The changes that turn a into b, both parsed JSON values (payloads). Added and changed come in
 * b's document order, then the removals in a's. Equal values give []. Never throws: below
 * MAX_DEPTH (500) levels values are compared whole, and arrays past 1,000 × 1,000 items are
 * paired index by index (lcs.ts). Time is linear in the size but for the LCS of arrays that differ.
 */
export function diff(a: unknown, b: unknown, options?: DiffOptions): Change[] {
  const reading = readingOf(options);
  const out: Change[] = [];
  const removed: Change[] = [];
  walk(normalize(a, reading), normalize(b, reading), [], out, removed);
  return [...out, ...removed];
}

function walk(a: unknown, b: unknown, path: (string | number)[], out: Change[], removed: Change[]): void {
  if (a === IGNORED || b === IGNORED) return;
  if (path.length >= MAX_DEPTH) {
    if (canonical(a) !== canonical(b)) out.push({ kind: 'changed', pointer: toPointer(path), old: a, new: b });
    return;
  }
  if (isObject(a) && isObject(b)) {
    for (const key of Object.keys(b)) {
      if (Object.hasOwn(a, key)) walk(a[key], b[key], [...path, key], out, removed);
      else out.push({ kind: 'added', pointer: toPointer([...path, key]), value: b[key] });
    }
    for (const key of Object.keys(a)) {
      if (!Object.hasOwn(b, key)) removed.push({ kind: 'removed', pointer: toPointer([...path, key]), value: a[key] });
    }
  } else if (Array.isArray(a) && Array.isArray(b)) {
    walkArrays(a, b, path, out, removed);
  } else if (!Object.is(a, b) && !(a === 0 && b === 0) && (typeof a !== 'object' || typeof b !== 'object' || canonical(a) !== canonical(b))) {
    out.push({ kind: 'changed', pointer: toPointer(path), old: a, new: b });
  }
}

/** Items matched by LCS; between two matches, the k-th item removed and the k-th added are one item changed in place. */
function walkArrays(a: unknown[], b: unknown[], path: (string | number)[], out: Change[], removed: Change[]): void {
  const steps = align(a.map(canonical), b.map(canonical));
  let gone: number[] = [];
  let came: number[] = [];
  const flush = (): void => {
    const paired = Math.min(gone.length, came.length);
    for (let k = 0; k < gone.length || k < came.length; k++) {
      if (k < paired) walk(a[gone[k]!], b[came[k]!], [...path, came[k]!], out, removed);
      else if (k < came.length) {
        if (b[came[k]!] !== IGNORED) out.push({ kind: 'added', pointer: toPointer([...path, came[k]!]), value: b[came[k]!] });
      } else if (a[gone[k]!] !== IGNORED) removed.push({ kind: 'removed', pointer: toPointer([...path, gone[k]!]), value: a[gone[k]!] });
    }
    gone = [];
    came = [];
  };
  for (const step of steps) {
    if (step.op === 'same') flush();
    else if (step.op === 'removed') gone.push(step.a);
    else came.push(step.b);
  }
  flush();
}

/**
 * The payload normalised as `diff` compares it (keys sorted, values as the string-encoded-value
 * rule reads them, the alias spelled as the docs do, ignored pointers dropped), pretty-printed
 * with two spaces: what the editor's diff view shows on each side. Never throws.
 */
export function normalizedText(value: unknown, options?: DiffOptions): string {
  const shown = sortedKeys(normalize(value, readingOf(options)));
  try {
    return stringifyWritten(shown, 2);
  } catch {
    // Deeper than the engine's own stack: the canonical text, on one line, still compares.
    return canonical(shown);
  }
}
