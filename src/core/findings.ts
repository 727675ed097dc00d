import type { JsonPath } from './pointer';

/**
 * A problem found in a JSON value, before it is placed in the text. `at` says what the range
 * covers: the value, the member's key, or (for a member that is absent) the enclosing object.
 */
export interface Finding {
  code: string;
  message: string;
  path: JsonPath;
  at: 'value' | 'key' | 'missing';
  suggestions?: string[];
  /**
   * A missing member that an unknown key most likely misspells: said once, by that key's finding,
   * unless the user's severities would hide it or make it weaker than the missing one.
   */
  absorbedBy?: Finding;
}

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own member of a parsed object (they have no prototype, but callers may pass plain ones). */
export function member(obj: JsonObject, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** The value at a path, or undefined. */
export function valueAt(root: unknown, path: JsonPath): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (typeof seg === 'number') v = Array.isArray(v) ? (v[seg] as unknown) : undefined;
    else v = isObject(v) ? member(v, seg) : undefined;
  }
  return v;
}

/** A value as it would appear in the JSON, short enough for one line of a message. */
export function preview(v: unknown): string {
  if (v === undefined) return 'nothing';
  let s: string;
  if (Array.isArray(v)) s = v.length === 0 ? '[]' : 'an array';
  else if (isObject(v)) s = 'an object';
  else if (typeof v === 'number' && !Number.isFinite(v)) s = String(v);
  else s = JSON.stringify(v) ?? typeof v;
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}

/** "the string "x"", "the number 3", …: what was found, for type errors. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v) || isObject(v)) return preview(v);
  return `the ${typeof v} ${preview(v)}`;
}
