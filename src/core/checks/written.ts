import type { Node } from 'jsonc-parser';
import { ENVELOPE_FIELDS, EVENT_FIELDS, KINDS, type FieldInfo } from '../catalogue';
import type { NumberSource } from './findings';
import { isExactDouble } from './numbers';
import { nodeAt } from '../input/parse';
import type { JsonPath } from '../input/pointer';

/*
 * A record's numbers as written. JSON.parse gives doubles, which is what nearly every record
 * needs; the text of a number is asked for only for a message that quotes it, and for the
 * numeric fields whose text a double may misread. Either builds the record's tree, once.
 */

const numeric = (table: Readonly<Record<string, FieldInfo>>): string[] => Object.keys(table).filter((k) => KINDS[table[k]!.kind].range);

/** Where the rules judge numbers: event_time, and the event's counts and scores. */
const NUMERIC_PATHS: readonly JsonPath[] = [...numeric(ENVELOPE_FIELDS).map((k) => [k]), ...numeric(EVENT_FIELDS).map((k) => ['event', k])];
export const NUMERIC_KEYS: readonly string[] = [...new Set(NUMERIC_PATHS.map((p) => p[p.length - 1] as string))];

/**
 * The numbers of a record (src, its text) as written. `root` gives its tree, offsets relative
 * to src, and is asked only when a number's text is needed.
 */
export function numbersOf(src: string, root: () => Node | undefined): NumberSource {
  return new WrittenNumbers(src, root);
}

/** A class rather than a literal with a getter and closures: one is made for every record of a log. */
class WrittenNumbers implements NumberSource {
  private found: JsonPath[] | undefined;

  constructor(private readonly src: string, private readonly root: () => Node | undefined) {}

  text(path: JsonPath): string | undefined {
    const tree = this.root();
    const node = tree && nodeAt(tree, path);
    return node?.type === 'number' ? this.of(node) : undefined;
  }

  get misread(): readonly JsonPath[] {
    if (!this.found) {
      const tree = mayMisread(this.src) ? this.root() : undefined;
      this.found = tree ? NUMERIC_PATHS.filter((p) => {
        const node = nodeAt(tree, p);
        return node?.type === 'number' && !isExactDouble(this.of(node));
      }) : [];
    }
    return this.found;
  }

  private of(node: Node): string {
    return this.src.slice(node.offset, node.offset + node.length);
  }
}

/**
 * Whether the record's text `src`, which holds no `\u` escape, writes every member named one of
 * `keys` (numeric fields) with at most 15 digits and dots and no exponent: then a double reads
 * each exactly, and numbersOf(src, …).misread is empty for a record whose only numeric members
 * are those. As mayMisread, but for the named keys only, found with indexOf: a key can be
 * written only as itself when no \u escape is in the text, and every place the key's text occurs
 * is looked at, in strings too, which can only ask for the closer look more often.
 */
export function writtenExactly(src: string, keys: readonly string[]): boolean {
  for (const key of keys) {
    const quoted = `"${key}"`;
    for (let at = src.indexOf(quoted); at >= 0; at = src.indexOf(quoted, at + quoted.length)) {
      let i = skipBlanks(src, at + quoted.length);
      if (src.charCodeAt(i) !== 58) continue; // not a key: no colon follows
      i = skipBlanks(src, i + 1);
      if (src.charCodeAt(i) === 45) i++; // a minus
      const first = i;
      for (let c = src.charCodeAt(i); (c >= 48 && c <= 57) || c === 46; c = src.charCodeAt(++i));
      const next = src.charCodeAt(i);
      if (i - first >= 16 || next === 101 || next === 69) return false;
    }
  }
  return true;
}

/** The index of the first character at or after `i` that is not JSON whitespace. */
function skipBlanks(src: string, i: number): number {
  for (let c = src.charCodeAt(i); c === 32 || c === 9 || c === 10 || c === 13; c = src.charCodeAt(++i));
  return i;
}

/** A numeric key, its colon, and the start of its number: the digits and dots, and an exponent's `e`. */
const NUMERIC_MEMBER = new RegExp(`"(?:${NUMERIC_KEYS.join('|')})"[ \\t\\r\\n]*:[ \\t\\r\\n]*-?([0-9.]*)([eE]?)`, 'g');

/**
 * Whether a numeric field may be written so that a double misreads it: with an exponent, or
 * with 16 digits or more (up to 15 significant digits, a double keeps a decimal exactly; a dot
 * counted as a digit only asks for a closer look more often). One regular-expression pass over
 * the text, so that the usual record needs no tree; a key written with a \u escape is not found
 * so, and such a text always gets the closer look.
 */
function mayMisread(src: string): boolean {
  if (src.includes('\\u')) return true;
  NUMERIC_MEMBER.lastIndex = 0;
  for (let m = NUMERIC_MEMBER.exec(src); m; m = NUMERIC_MEMBER.exec(src)) {
    if (m[2] || m[1]!.length >= 16) return true;
  }
  return false;
}

