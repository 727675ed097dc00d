/*
 * The query parameters of the URLs in a string, also of a URL that sits percent-encoded in
 * another URL's query (a viewer link `?u=https%3A%2F%2F…%3Fsv%3D…%26sig%3D…`), or encoded twice.
 * Linear: one pass of a regular expression whose every match is bounded, then one pass over the
 * matches, each value's scan ending where the next parameter of its level begins.
 */

/** One `name=value` of a query: the name as written, the value's offsets in the string. */
export interface Param {
  name: string;
  /** The name in lower case, for the clouds' names matched case-insensitively. */
  lower: string;
  start: number;
  end: number;
}

// A separator, a name of at most 64 characters, an equals sign; each of the three at encoding
// level 0 (`?` `&` `=`), 1 (`%3F` `%26` `%3D`) or 2 (`%253F` `%2526` `%253D`). The name's class
// holds no separator, so each match is bounded and the scan is linear.
const PARAM = /(\?|&|%3[Ff]|%26|%253[Ff]|%2526)([A-Za-z0-9_.~-]{1,64})(=|%3[Dd]|%253[Dd])/g;

const level = (token: string): number => (token.length === 1 ? 0 : token.length === 3 ? 1 : 2);

/**
 * The queries of `s`, each a list of parameters: a `?` (at its encoding level) starts a query, and
 * `&` continues the latest one of its level if no white space came between. A value ends at the
 * next separator of its level or of a level below, at the next parameter of such a level, or at a
 * character no URL holds unencoded.
 */
export function queriesIn(s: string): Param[][] {
  const found: { at: number; lv: number; sep: string; name: string; start: number }[] = [];
  PARAM.lastIndex = 0;
  for (let m = PARAM.exec(s); m; m = PARAM.exec(s)) {
    const lv = level(m[1]!);
    if (level(m[3]!) !== lv) continue;
    found.push({ at: m.index, lv, sep: m[1]!, name: m[2]!, start: m.index + m[0].length });
  }
  // Each value's scan stops at the next parameter of its level or below: the scans of one level
  // cover disjoint stretches, so the whole is linear even in "?a=?a=?a=…".
  const limit = new Array<number>(found.length);
  const next = [s.length, s.length, s.length];
  for (let k = found.length - 1; k >= 0; k--) {
    const f = found[k]!;
    limit[k] = next[f.lv]!;
    for (let l = f.lv; l < 3; l++) next[l] = f.at;
  }
  const queries: Param[][] = [];
  const open: (Param[] | undefined)[] = [undefined, undefined, undefined];
  let scanned = 0;
  let lastSpace = -1;
  for (let k = 0; k < found.length; k++) {
    const f = found[k]!;
    for (; scanned < f.at; scanned++) if (isSpace(s.charCodeAt(scanned))) lastSpace = scanned;
    const param: Param = { name: f.name, lower: f.name.toLowerCase(), start: f.start, end: valueEnd(s, f.start, limit[k]!, f.lv) };
    const current = open[f.lv];
    const upper = f.sep.toUpperCase();
    const continues = upper !== '?' && upper !== '%3F' && upper !== '%253F';
    if (continues && current && current[current.length - 1]!.end >= lastSpace) current.push(param);
    else {
      const q = [param];
      queries.push(q);
      open[f.lv] = q;
    }
  }
  return queries;
}

/** Where a value that starts at `i` ends, at encoding level `lv`, at `limit` at the latest. */
function valueEnd(s: string, i: number, limit: number, lv: number): number {
  let j = i;
  for (; j < limit; j++) {
    const c = s.charCodeAt(j);
    if (STOP[c] === 1) break;
    if (c === 0x25 /* % */ && lv > 0 && endsEncoded(s, j, lv)) break;
  }
  // A sentence may end right after a URL.
  while (j > i && (s[j - 1] === '.' || s[j - 1] === ',')) j--;
  return j;
}

/** `%26` or `%23` ends a value of level 1; `%2526`, `%2523`, `%26`, `%23` one of level 2. */
function endsEncoded(s: string, j: number, lv: number): boolean {
  const three = s.slice(j, j + 3).toUpperCase();
  if (three === '%26' || three === '%23') return true;
  if (lv < 2) return false;
  const five = s.slice(j, j + 5).toUpperCase();
  return five === '%2526' || five === '%2523';
}

// What ends a value at any level: a raw separator, white space, quotes and brackets, which no
// signature or key holds unencoded (base64 and hex values, credential scopes with `/`).
const STOP = new Uint8Array(128);
for (const c of '&#"\'<>()[]{}|\\^` \t\r\n\f\v') STOP[c.charCodeAt(0)] = 1;

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0;
}
