/*
 * A payload as `diff` compares it (README, "Comparing payloads"): the values the docs write as
 * strings read as the `string-encoded-value` rule reads them (the field's kind in the catalogue,
 * `KINDS[kind].decode`), the event name's alias spelled as the docs do, the ignored pointers
 * dropped. Key order is kept here (changes are reported in document order); `canonical` sorts.
 */
import { ENVELOPE_FIELDS, KINDS, eventByName, eventField, type FieldInfo } from '../catalogue';
import { isExactDouble } from '../checks/numbers';
import type { JsonPath } from '../input/pointer';
import { WrittenNumber } from './written';

/** How a value is read: `strict` reads nothing, `ignore` holds the ignored pointers as a tree. */
export interface Reading {
  strict: boolean;
  ignore: Ignored;
}

/** The ignored pointers as a tree of reference tokens, so that a member is looked up, not its pointer built. */
export class Ignored {
  here = false;
  readonly below = new Map<string, Ignored>();

  /** From RFC 6901 pointers: "" is the whole value; in a token ~1 is "/" and ~0 is "~", in that order (§4). */
  static of(pointers: readonly string[]): Ignored {
    const root = new Ignored();
    for (const pointer of pointers) {
      let node = root;
      for (const token of pointer === '' ? [] : pointer.slice(1).split('/')) {
        const name = token.replace(/~1/g, '/').replace(/~0/g, '~');
        let next = node.below.get(name);
        if (!next) node.below.set(name, (next = new Ignored()));
        node = next;
      }
      node.here = true;
    }
    return root;
  }
}

/**
 * Past this depth values are not walked member by member but compared whole, by `canonical`,
 * which loops instead of recursing: a hostile payload nested a million deep must not overflow
 * the stack (the contract: `diff` never throws on any JSON value).
 */
export const MAX_DEPTH = 500;

/** Marks an array item at an ignored pointer: the item's index is kept so later items keep theirs. */
export const IGNORED: unique symbol = Symbol('ignored');

/** Sets a member as JSON.parse does: an own data property, also when the key is "__proto__". */
function setMember(o: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

/** An object member by member: not null, an array, or a number kept as written. */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof WrittenNumber);

/** The catalogue's field at a path of an envelope, as the checks find it (check-payload.ts). */
function fieldAt(path: JsonPath): FieldInfo | undefined {
  if (path.length === 1) return typeof path[0] === 'string' && Object.hasOwn(ENVELOPE_FIELDS, path[0]) ? ENVELOPE_FIELDS[path[0]] : undefined;
  if (path.length === 2 && path[0] === 'event' && typeof path[1] === 'string') return eventField(path[1]);
  return undefined;
}

/** A leaf as read: `"3"` as 3 and `"false"` as false where the field is a number or boolean; the alias as its event's name. */
function readLeaf(value: unknown, path: JsonPath): unknown {
  if (typeof value !== 'string') return value;
  if (path.length === 2 && path[0] === 'event' && path[1] === 'event_name') return eventByName(value)?.name ?? value;
  const field = fieldAt(path);
  const decoded = field ? KINDS[field.kind].decode?.(value) : undefined;
  if (decoded === undefined) return value;
  // "9007199254740993" is read as the number it writes, as a number written so is (written.ts).
  return typeof decoded === 'number' && !isExactDouble(value) ? new WrittenNumber(value) : decoded;
}

/**
 * The value read as `diff` compares it, the same shape as `value` (object members at ignored
 * pointers dropped, array items at ignored pointers `IGNORED`, the whole value too when "" is
 * ignored). A `"__proto__"` member stays a member. Below `MAX_DEPTH` the value is returned as it is.
 */
export function normalize(value: unknown, reading: Reading): unknown {
  return reading.ignore.here ? IGNORED : read(value, reading, [], reading.ignore);
}

/** `value` at `path`, where `ignored` is the tree of ignored pointers below it (if any are). */
function read(value: unknown, reading: Reading, path: JsonPath, ignored: Ignored | undefined): unknown {
  if (path.length >= MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    return value.map((item, i) => {
      const below = ignored?.below.get(String(i));
      return below?.here ? IGNORED : read(item, reading, [...path, i], below);
    });
  }
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const below = ignored?.below.get(key);
      if (!below?.here) setMember(out, key, read(value[key], reading, [...path, key], below));
    }
    return out;
  }
  return reading.strict ? value : readLeaf(value, path);
}

/**
 * One string per value such that two values compare equal exactly when their strings do: keys
 * sorted, numbers as JSON writes them (0 and -0 alike), those no double holds by their exact value. A loop with its own stack, so any depth.
 */
export function canonical(value: unknown): string {
  let out = '';
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v instanceof Text) {
      out += v.text;
    } else if (v instanceof WrittenNumber) {
      out += v.key;
    } else if (v === IGNORED) {
      out += '~';
    } else if (Array.isArray(v)) {
      out += '[';
      stack.push(CLOSE_ARRAY);
      for (let i = v.length - 1; i >= 0; i--) {
        stack.push(v[i]);
        if (i > 0) stack.push(COMMA);
      }
    } else if (isObject(v)) {
      out += '{';
      stack.push(CLOSE_OBJECT);
      const keys = Object.keys(v).sort();
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push(v[keys[i]!]);
        stack.push(new Text(JSON.stringify(keys[i]) + ':'));
        if (i > 0) stack.push(COMMA);
      }
    } else {
      out += v === undefined ? 'null' : (JSON.stringify(v) ?? 'null');
    }
  }
  return out;
}

/** Punctuation on `canonical`'s stack, told apart from the values by its class. */
class Text {
  constructor(readonly text: string) {}
}
const COMMA = new Text(',');
const CLOSE_ARRAY = new Text(']');
const CLOSE_OBJECT = new Text('}');

/** The value with keys sorted, for printing: what the editor's diff view shows (iterative, so any depth). */
export function sortedKeys(value: unknown): unknown {
  const root: Record<string, unknown> = { v: value === IGNORED ? null : value };
  const stack: [Record<string | number, unknown>, string | number][] = [[root, 'v']];
  while (stack.length > 0) {
    const [parent, key] = stack.pop()!;
    const v = parent[key];
    if (Array.isArray(v)) {
      const copy = v.filter((item) => item !== IGNORED);
      setMember(parent, String(key), copy);
      for (let i = 0; i < copy.length; i++) stack.push([copy as unknown as Record<number, unknown>, i]);
    } else if (isObject(v)) {
      const copy: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) setMember(copy, k, v[k]);
      setMember(parent, String(key), copy);
      for (const k of Object.keys(copy)) stack.push([copy, k]);
    }
  }
  return root.v;
}
