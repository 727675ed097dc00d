/**
 * A small checker for values that cross a trust boundary: the messages between the extension and
 * the timeline preview's page. The page script carries it too, which is why it is not zod: zod/mini
 * would add about 23 KB (minified) to a page script of about 52 KB for what a hundred lines do.
 *
 * A shape answers `undefined` when a value fits and otherwise where and why it does not
 * (`.jobs[3].at: not a finite number`). A value that fits costs no string; lists are checked in a
 * loop, never by recursion per item or by spreading them, so a picture of 100,000 marks is one
 * linear pass. Objects are strict: a key the type does not name is a misfit, which also rejects
 * an own `__proto__` key as JSON.parse makes one.
 */

/** Where and why a value does not fit (a path from the value checked, then `: reason`), or undefined. */
export type Misfit = string | undefined;

export interface Shape<T> {
  (value: unknown): Misfit;
  /** Never set: it carries T, so that a shape of one type is not taken for another's. */
  readonly __type?: T;
}

/** The checked value, or where and why it does not fit. */
export type Checked<T> = { value: T; problem?: undefined } | { value?: undefined; problem: string };

/** Checks `value` against `shape`; `what` names the value in the problem ("message"). */
export function check<T>(shape: Shape<T>, value: unknown, what: string): Checked<T> {
  const misfit = shape(value);
  return misfit === undefined ? { value: value as T } : { problem: what + misfit };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A key as it goes into a problem: a hostile key may be megabytes long. */
const keyText = (key: string): string => (key.length > 40 ? `${key.slice(0, 40)}…` : key);

/** A string of at most `max` UTF-16 code units. */
export const string = (max = Infinity): Shape<string> => (v) =>
  typeof v !== 'string' ? ': not a string' : v.length > max ? `: longer than ${max} characters` : undefined;

export const boolean: Shape<boolean> = (v) => (typeof v === 'boolean' ? undefined : ': not true or false');

/** Any number but NaN and the infinities (which JSON, the messages' wire format, cannot carry). */
export const finite: Shape<number> = (v) => (typeof v === 'number' && Number.isFinite(v) ? undefined : ': not a finite number');

/** A count, index or offset: a safe integer, 0 or more. */
export const whole: Shape<number> = (v) => (Number.isSafeInteger(v) && (v as number) >= 0 ? undefined : ': not a whole number of 0 or more');

/** One of some strings. Given as a record so that the compiler sees every member of `T` listed. */
export function oneOf<T extends string>(members: Readonly<Record<T, true>>): Shape<T> {
  const names = Object.keys(members).join(', ');
  return (v) => (typeof v === 'string' && Object.hasOwn(members, v) ? undefined : `: not one of ${names}`);
}

export const literal = <const T extends string>(value: T): Shape<T> => (v) => (v === value ? undefined : `: not "${value}"`);

export const nullable = <T>(shape: Shape<T>): Shape<T | null> => (v) => (v === null ? undefined : shape(v));

/** A list of at most `max` items, each of `item`'s shape. */
export function array<T>(item: Shape<T>, max = Infinity): Shape<T[]> {
  return (v) => {
    if (!Array.isArray(v)) return ': not a list';
    if (v.length > max) return `: more than ${max} items`;
    for (let i = 0; i < v.length; i++) {
      const misfit = item(v[i]);
      if (misfit !== undefined) return `[${i}]${misfit}`;
    }
    return undefined;
  };
}

type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];
type RequiredKeys<T> = Exclude<keyof T, OptionalKeys<T>>;
type Fields<T> = { [K in RequiredKeys<T>]-?: Shape<T[K]> };
type OptionalFields<T> = { [K in OptionalKeys<T>]-?: Shape<Exclude<T[K], undefined>> };

/**
 * An object of exactly T's keys: `required` names T's required keys and `optional` its optional
 * ones, every one of them (the compiler checks both lists against T), so the shape cannot drift
 * from the interface. An optional key may be absent or undefined; any other key is a misfit.
 */
export function object<T extends object>(required: Fields<T>, ...optional: [OptionalKeys<T>] extends [never] ? [] : [OptionalFields<T>]): Shape<T> {
  const must = Object.entries<Shape<unknown>>(required as Record<string, Shape<unknown>>);
  const may = (optional[0] ?? {}) as Record<string, Shape<unknown>>;
  return (v) => {
    if (!isRecord(v)) return ': not an object';
    for (const [key, shape] of must) {
      if (!Object.hasOwn(v, key)) return `.${key}: missing`;
      const misfit = shape(v[key]);
      if (misfit !== undefined) return `.${key}${misfit}`;
    }
    for (const key of Object.keys(v)) {
      if (Object.hasOwn(required, key)) continue;
      if (!Object.hasOwn(may, key)) return `.${keyText(key)}: not expected`;
      const value = v[key];
      const misfit = value === undefined ? undefined : may[key]!(value);
      if (misfit !== undefined) return `.${key}${misfit}`;
    }
    return undefined;
  };
}

/**
 * One of several objects told apart by their `type`: every type of the union M has its shape
 * (the compiler checks the list), and an unknown type is a misfit, `constructor` or `__proto__`
 * included.
 */
export function tagged<M extends { type: string }>(cases: { [K in M['type']]: Shape<Extract<M, { type: K }>> }): Shape<M> {
  const types = Object.keys(cases).join(', ');
  const shapes = cases as Record<string, Shape<unknown>>;
  return (v) => {
    if (!isRecord(v)) return ': not an object';
    const type = Object.hasOwn(v, 'type') ? v['type'] : undefined;
    return typeof type === 'string' && Object.hasOwn(shapes, type) ? shapes[type]!(v) : `.type: not one of ${types}`;
  };
}

/**
 * The fields of `value` that fit their shapes, the rest left out: for state saved by an earlier
 * version of the page, where one stale field should not cost the others.
 */
export function fitting<T extends object>(fields: { [K in keyof T]-?: Shape<Exclude<T[K], undefined>> }, value: unknown): T | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, shape] of Object.entries<Shape<unknown>>(fields as Record<string, Shape<unknown>>)) {
    if (Object.hasOwn(value, key) && shape(value[key]) === undefined) out[key] = value[key];
  }
  return out as T;
}
