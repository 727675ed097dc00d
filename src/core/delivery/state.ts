/**
 * The receiver's own JSON view of its state, read after each replay scenario and compared with
 * the state after the first in-order run (README "Replaying a log as a contract test"): an
 * idempotent receiver ends where it started whatever the order and however often an event came.
 */
import { isObject } from '../checks/findings';
import { toPointer } from '../input/pointer';
import { clip } from '../util/clip';
import { answered, type DeliveryOutcome } from './transport';
import { t } from '../l10n';

/** Where two JSON values first differ: an RFC 6901 pointer and the value on each side (undefined: absent). */
export interface Difference {
  pointer: string;
  expected: unknown;
  actual: unknown;
}

/**
 * The first place where `actual` differs from `expected`, or undefined when they are equal as
 * JSON values (RFC 8259): objects equal with their members in any order, arrays element by
 * element in order, numbers by value (1.0 is 1), and no type equal to another (1 is not "1").
 * "First" is in the document order of `expected`, then `actual`'s members that `expected` lacks,
 * in `actual`'s order; an array's extra elements come after the shared ones.
 */
export function firstDifference(expected: unknown, actual: unknown, path: (string | number)[] = []): Difference | undefined {
  const differs = (): Difference => ({ pointer: toPointer(path), expected, actual });
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual)) return differs();
    const shared = Math.min(expected.length, actual.length);
    for (let i = 0; i < shared; i++) {
      const d = firstDifference(expected[i], actual[i], [...path, i]);
      if (d) return d;
    }
    if (expected.length === actual.length) return undefined;
    return { pointer: toPointer([...path, shared]), expected: expected[shared], actual: actual[shared] };
  }
  if (isObject(expected) || isObject(actual)) {
    if (!isObject(expected) || !isObject(actual)) return differs();
    for (const key of Object.keys(expected)) {
      if (!Object.hasOwn(actual, key)) return { pointer: toPointer([...path, key]), expected: expected[key], actual: undefined };
      const d = firstDifference(expected[key], actual[key], [...path, key]);
      if (d) return d;
    }
    for (const key of Object.keys(actual)) {
      if (!Object.hasOwn(expected, key)) return { pointer: toPointer([...path, key]), expected: undefined, actual: actual[key] };
    }
    return undefined;
  }
  return expected === actual ? undefined : differs();
}

/** A state read: the parsed JSON, or why it could not be had (one sentence). */
export type StateRead = { value: unknown } | { error: string };

/** Reads the answer to a GET of the state URL: a 2xx whose whole body is JSON. */
export function readState(outcome: DeliveryOutcome): StateRead {
  if (!answered(outcome)) return { error: t('the state URL gave no answer: {0}', outcome.message) };
  if (outcome.status < 200 || outcome.status > 299) return { error: t('the state URL answered HTTP {0}', statusLine(outcome.status, outcome.statusText)) };
  if (outcome.truncated) return { error: t('the state is larger than the 1 MB read of an answer; serve a smaller view of it') };
  try {
    return { value: JSON.parse(outcome.body) as unknown };
  } catch {
    return { error: t('the state URL answered a body that is not JSON ({0})', clip(JSON.stringify(outcome.body), 80)) };
  }
}

/** `500 Internal Server Error`, or only the number when the reason phrase is empty (HTTP/2 has none). */
export function statusLine(status: number, statusText: string): string {
  return statusText ? `${status} ${statusText}` : String(status);
}

/** A value as a message shows it: JSON, cut, or "nothing" for an absent member. */
export function shown(value: unknown): string {
  return value === undefined ? t('nothing') : clip(JSON.stringify(value), 80);
}

/** Says where and how the state differs: `at /jobs/0/count: expected 1, got 2`. */
export function describeDifference(d: Difference): string {
  return t('at {0}: expected {1}, got {2}', d.pointer === '' ? t('the whole state') : d.pointer, shown(d.expected), shown(d.actual));
}
