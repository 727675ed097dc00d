import type { Node } from 'jsonc-parser';
import { ENVELOPE_FIELDS, EVENT_FIELDS, KINDS, type FieldInfo } from './catalogue';
import type { NumberSource } from './findings';
import { isExactDouble } from './numbers';
import { nodeAt } from './parse';
import type { JsonPath } from './pointer';

/*
 * A record's numbers as written. JSON.parse gives doubles, which is what nearly every record
 * needs; the text of a number is asked for only for a message that quotes it, and for the
 * numeric fields whose text a double may misread. Either builds the record's tree, once.
 */

const numeric = (table: Readonly<Record<string, FieldInfo>>): string[] => Object.keys(table).filter((k) => KINDS[table[k]!.kind].range);

/** Where the rules judge numbers: event_time, and the event's counts and scores. */
const NUMERIC_PATHS: readonly JsonPath[] = [...numeric(ENVELOPE_FIELDS).map((k) => [k]), ...numeric(EVENT_FIELDS).map((k) => ['event', k])];
const NUMERIC_KEYS = [...new Set(NUMERIC_PATHS.map((p) => p[p.length - 1] as string))];

/**
 * The numbers of a record (src, its text) as written. `root` gives its tree, offsets relative
 * to src, and is asked only when a number's text is needed.
 */
export function numbersOf(src: string, root: () => Node | undefined): NumberSource {
  let misread: JsonPath[] | undefined;
  const text = (node: Node): string => src.slice(node.offset, node.offset + node.length);
  return {
    text(path) {
      const tree = root();
      const node = tree && nodeAt(tree, path);
      return node?.type === 'number' ? text(node) : undefined;
    },
    get misread() {
      if (!misread) {
        const tree = mayMisread(src) ? root() : undefined;
        misread = tree ? NUMERIC_PATHS.filter((p) => {
          const node = nodeAt(tree, p);
          return node?.type === 'number' && !isExactDouble(text(node));
        }) : [];
      }
      return misread;
    },
  };
}

/**
 * Whether a numeric field may be written so that a double misreads it: with an exponent, or
 * with 16 digits or more (up to 15 significant digits, a double keeps a decimal exactly). A
 * look at the text after each numeric key, so that the usual record needs no tree; a key
 * written with a \u escape is not found so, and such a text always gets the closer look.
 */
function mayMisread(src: string): boolean {
  if (src.includes('\\u')) return true;
  for (const key of NUMERIC_KEYS) {
    const quoted = `"${key}"`;
    for (let i = src.indexOf(quoted); i >= 0; i = src.indexOf(quoted, i + 1)) {
      let j = i + quoted.length;
      while (isBlank(src.charCodeAt(j))) j++;
      if (src[j] !== ':') continue;
      j++;
      while (isBlank(src.charCodeAt(j))) j++;
      const token = /^-?[\d.]*(?:[eE][+-]?\d*)?/.exec(src.slice(j, j + 400))![0];
      if (/[eE]/.test(token) || token.replace(/\D/g, '').length >= 16) return true;
    }
  }
  return false;
}

const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
