import { createScanner, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { t } from '../l10n';
import { codePointName } from '../util/clip';
import { parseTreeCut, type Cut } from './cut-tree';
import type { JsonPath } from './pointer';

/** A span of the text with something to say about it (offsets absolute in the whole text). */
export interface Spot {
  offset: number;
  length: number;
  message: string;
}

export interface ParsedRecord {
  /** The tree, when the record parsed without a syntax error. */
  root?: Node;
  syntax: Spot[];
  duplicates: Duplicate[];
}

/**
 * Deeper than this, jsonc-parser's recursive descent could overflow the stack; no Alfred payload
 * nests beyond a handful of levels, so we refuse early with a clear message.
 */
export const MAX_DEPTH = 512;

/** Beyond this many syntax errors in one record (binary junk), the rest say nothing new. */
const MAX_SYNTAX_ERRORS = 50;

// jsonc-parser's SyntaxKind values (a const enum too): comments, line breaks and blanks are 12 to 15.
const TOKEN = { closeBrace: 2, closeBracket: 4, lineComment: 12, trivia: 15 } as const;

// Keyed by printParseErrorCode's names: jsonc-parser's codes are a const enum, not importable here.
const MESSAGES: Readonly<Record<string, () => string>> = {
  InvalidSymbol: () => t('Unexpected character: JSON values are objects, arrays, strings, numbers, true, false or null'),
  InvalidNumberFormat: () => t('Invalid number'),
  PropertyNameExpected: () => t('Expected a property name in double quotes'),
  ValueExpected: () => t('Expected a value'),
  ColonExpected: () => t('Expected a colon after the property name'),
  CommaExpected: () => t('Expected a comma between members'),
  CloseBraceExpected: () => t('Expected "}" to close the object'),
  CloseBracketExpected: () => t('Expected "]" to close the array'),
  EndOfFileExpected: () => t('Unexpected text after the end of the JSON value'),
  InvalidCommentToken: () => t('Comments are not allowed in JSON'),
  UnexpectedEndOfComment: () => t('Comments are not allowed in JSON (and this one is not closed)'),
  UnexpectedEndOfString: () => t('Unterminated string'),
  UnexpectedEndOfNumber: () => t('Incomplete number'),
  InvalidUnicode: () => t('Invalid \\u escape: expected four hexadecimal digits'),
  InvalidEscapeCharacter: () => t('Invalid escape sequence in string'),
  InvalidCharacter: () => t('Control characters (tab, newline, …) must be escaped inside a string'),
};

/**
 * Parses the record text[start, end) as strict JSON: no comments, no trailing commas. With `cut`
 * (offsets relative to `start`), the containers it names keep no insides in the tree, and so
 * no repeated keys are looked for there; the syntax errors are the whole text's all the same.
 */
export function parseRecord(text: string, start: number, end: number, cut?: Cut): ParsedRecord {
  const src = text.slice(start, end);
  const tooDeep = depthExceeded(src);
  if (tooDeep >= 0) return { syntax: [tooDeepSpot(start + tooDeep)], duplicates: [] };
  const errors: ParseError[] = [];
  const options = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };
  const root = cut ? parseTreeCut(src, errors, options, cut) : parseTree(src, errors, options);
  if (errors.length > 0 || !root) return { syntax: syntaxSpots(src, start, errors), duplicates: [] };
  return { root, syntax: [], duplicates: duplicateKeys(root, start) };
}

function syntaxSpots(src: string, start: number, errors: ParseError[]): Spot[] {
  // Only JSON's own whitespace (ECMA-404) makes an empty document; a lone no-break space is a mistake.
  if (/^[ \t\n\r]*$/.test(src)) return [{ offset: start, length: 0, message: t('The document is empty: expected a JSON object') }];
  const spots: Spot[] = [];
  const end = src.trimEnd().length;
  // The comments so far: the parser skips them as blanks, so a mistake after one (the comma
  // before it, a missing value) is still its own mistake, and is told at its own place.
  const comments: Span[] = [];
  let covered = -1;
  let told = 0;
  let more = 0;
  let overflow: ParseError | undefined;
  for (const raw of errors) {
    // jsonc-parser reports an unclosed block comment that ends the text ("{/*") one character
    // longer than the text: kept inside the record, its squiggle does not reach the next line.
    const e = { ...raw, length: Math.max(0, Math.min(raw.length, src.length - raw.offset)) };
    const comment = isComment(e);
    if (comment) comments.push({ offset: e.offset, end: e.offset + e.length });
    // jsonc-parser often reports one mistake several times (a trailing comma: "property name
    // expected" and "value expected"; NaN: "invalid symbol", then "value expected" at the next
    // brace; an unclosed string, then everything missing at the end). An error with nothing but
    // blanks since the last one, or at the very end after one, is its echo. A comment is no
    // echo, and nothing echoes a comment.
    if (!comment && (e.offset <= covered || (told > 0 && (blankBetween(src, covered, e.offset, comments) || e.offset >= end)))) continue;
    if (!comment) {
      covered = e.offset + e.length;
      told++;
    }
    if (spots.length >= MAX_SYNTAX_ERRORS) {
      // Past the cap the errors are only counted (up to a bound, as junk may hold millions), so
      // that the last spot can say how many it stands for.
      if (more++ === 0) overflow = e;
      if (more > MAX_COUNTED) break;
      continue;
    }
    const comma = trailingComma(src, e, comments);
    if (comma >= 0) {
      spots.push({ offset: start + comma, length: 1, message: t('Trailing comma: JSON allows no comma before a closing bracket') });
      continue;
    }
    // A zero-width error at the end of the text would be an invisible squiggle: mark the last character.
    const at = e.length === 0 && e.offset >= end && end > 0 ? { offset: end - 1, length: 1 } : { offset: e.offset, length: e.length };
    spots.push({ offset: start + at.offset, length: at.length, message: explain(src, e) });
  }
  if (overflow) {
    const count = more > MAX_COUNTED ? t('More than {0} more syntax errors follow', MAX_COUNTED.toLocaleString('en-US')) : more === 1 ? t('1 more syntax error follows') : t('{0} more syntax errors follow', more);
    spots.push({ offset: start + overflow.offset, length: overflow.length, message: t('{0}; fix the ones above first', count) });
  }
  return spots.sort((a, b) => a.offset - b.offset);
}

/** How many syntax errors past the listed ones are counted for the last spot's message. */
const MAX_COUNTED = 10_000;

const isComment = (e: ParseError): boolean => {
  const code = printParseErrorCode(e.error);
  return code === 'InvalidCommentToken' || code === 'UnexpectedEndOfComment';
};

interface Span {
  offset: number;
  end: number;
}

/** Whether src[from, to) holds nothing but blanks and comments (an echo's gap). */
function blankBetween(src: string, from: number, to: number, comments: readonly Span[]): boolean {
  if (from < 0) return false;
  return skipBack(src, to - 1, comments) < from;
}

/** The last index at or before `i` that is neither a blank nor inside a comment, or -1. */
function skipBack(src: string, i: number, comments: readonly Span[]): number {
  while (i >= 0) {
    if (/\s/.test(src[i]!)) {
      i--;
      continue;
    }
    const c = comments.find((x) => i >= x.offset && i < x.end);
    if (!c) return i;
    i = c.offset - 1;
  }
  return i;
}

/** A message for a syntax error, naming the usual culprit where the text shows it. */
function explain(src: string, e: ParseError): string {
  const code = printParseErrorCode(e.error);
  const token = src.slice(e.offset, e.offset + e.length);
  if (code === 'InvalidSymbol') {
    const blank = foreignBlank(token);
    if (blank) return t('{0} is not JSON whitespace: between tokens JSON allows only space, tab, line feed and carriage return (ECMA-404)', blank);
    if (/^(True|False|TRUE|FALSE|Null|NULL|None)$/.test(token)) return t('"{0}" is not JSON: the literals are lowercase true, false and null', token);
    if (/^(NaN|Infinity|undefined)$/.test(token)) return t('{0} is not JSON: write a number, or null', token);
    const literal = ['true', 'false', 'null'].find((l) => token.length > 0 && l.startsWith(token) && l !== token);
    if (literal) return t('Incomplete literal "{0}": did you mean {1}?', token, literal);
    if (token.startsWith("'")) return t('Strings and property names need double quotes in JSON');
    if (/^[A-Za-z_$][\w$]*$/.test(token) && /^\s*:/.test(src.slice(e.offset + e.length))) return t('Property names need double quotes in JSON: write "{0}"', token);
  }
  if (code === 'InvalidCommentToken' && token.startsWith('/*') && (token.length < 4 || !token.endsWith('*/'))) return MESSAGES.UnexpectedEndOfComment!();
  if (code === 'InvalidCommentToken' && token.startsWith('//') && /[}\]]/.test(token)) {
    return t('Comments are not allowed in JSON (and a // comment runs to the end of the line, hiding the brackets after it)');
  }
  if (code === 'CommaExpected' && /(^|[^\d.])0$/.test(src.slice(0, e.offset).trimEnd()) && /^\d/.test(token)) {
    return t('Numbers in JSON have no leading zeros');
  }
  return MESSAGES[code]?.() ?? code;
}

/** Blanks that look like whitespace but are none in JSON, by the names users know them by. */
const BLANK_NAMES: Readonly<Record<number, () => string>> = {
  0x0b: () => t('vertical tab'), 0x0c: () => t('form feed'), 0x85: () => t('next line'), 0xa0: () => t('no-break space'), 0x1680: () => t('Ogham space mark'),
  0x2007: () => t('figure space'), 0x200b: () => t('zero width space'), 0x2028: () => t('line separator'), 0x2029: () => t('paragraph separator'),
  0x202f: () => t('narrow no-break space'), 0x205f: () => t('medium mathematical space'), 0x3000: () => t('ideographic space'), 0xfeff: () => t('byte order mark'),
};

/** `U+00A0 (no-break space)` when the token starts with a character that is blank outside JSON, else undefined. */
function foreignBlank(token: string): string | undefined {
  // The scanner reads a blank it does not know together with what follows it ("\u00a01").
  const c = token.codePointAt(0);
  if (c === undefined) return undefined;
  const name = BLANK_NAMES[c]?.() ?? (/\s/.test(String.fromCodePoint(c)) ? t('a space character') : undefined);
  return name && `${codePointName(c)} (${name})`;
}

/** Offset of the comma when the error sits on a `}` or `]` that follows one (blanks and comments between), else -1. */
function trailingComma(src: string, e: ParseError, comments: readonly Span[]): number {
  const code = printParseErrorCode(e.error);
  if (code !== 'PropertyNameExpected' && code !== 'ValueExpected') return -1;
  const c = src[e.offset];
  if (c !== '}' && c !== ']') return -1;
  const i = skipBack(src, e.offset - 1, comments);
  return src[i] === ',' ? i : -1;
}

/**
 * Whether the comma at `at` is a trailing one: the next thing after it, past blanks and
 * comments, closes an object or array. For the quick fix that removes it.
 */
export function isTrailingComma(src: string, at: number): boolean {
  if (src[at] !== ',') return false;
  const scanner = createScanner(src, false);
  scanner.setPosition(at + 1);
  let token: number = scanner.scan();
  while (token >= TOKEN.lineComment && token <= TOKEN.trivia) token = scanner.scan();
  return token === TOKEN.closeBrace || token === TOKEN.closeBracket;
}

/**
 * Offset where nesting first exceeds MAX_DEPTH, or -1. Brackets inside strings do not count.
 * Linear in the text and recursion-free, so every door runs it on a record's raw text before
 * anything that descends into the value (README "Security", hostile input). A text holding no
 * more than MAX_DEPTH opening brackets in all cannot nest deeper: two native searches say so for
 * the usual record, at a twentieth of JSON.parse's cost, before the scan character by character.
 */
export function depthExceeded(src: string): number {
  if (!opensMoreThan(src, MAX_DEPTH)) return -1;
  return scan(src).tooDeep;
}

/** Whether `src` holds more than `n` characters `{` and `[` in all, strings included. */
function opensMoreThan(src: string, n: number): boolean {
  let count = 0;
  for (let i = src.indexOf('{'); i >= 0; i = src.indexOf('{', i + 1)) if (++count > n) return true;
  for (let i = src.indexOf('['); i >= 0; i = src.indexOf('[', i + 1)) if (++count > n) return true;
  return false;
}

/** The json-syntax finding of a record nested too deep, at the bracket (absolute offset) that goes past MAX_DEPTH. */
export function tooDeepSpot(offset: number): Spot {
  return { offset, length: 1, message: t('Nesting deeper than {0} levels: not an Alfred payload, and too deep to check', MAX_DEPTH) };
}

/**
 * One pass over a record's text, outside strings: where nesting first gets too deep, and how
 * many keys the text holds (strings followed by a colon). JSON.parse keeps one value per
 * repeated key, so fewer keys in its result than in the text means a repeated key.
 */
export function scan(src: string): { tooDeep: number; keys: number } {
  let depth = 0;
  let keys = 0;
  let inString = false;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) {
        inString = false;
        let j = i + 1;
        while (j < src.length && isBlank(src.charCodeAt(j))) j++;
        if (src.charCodeAt(j) === 58 /* : */) keys++;
      }
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > MAX_DEPTH) return { tooDeep: i, keys };
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return { tooDeep: -1, keys };
}

const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * Whether the text of a record that JSON.parse read into `value` repeats a key, which JSON.parse
 * hides. In JSON a colon outside a string separates a key from its value, so the text's colons
 * are its keys plus the colons inside its strings: when the value accounts for fewer, a key was
 * repeated. An escape (\u003a) would hide a colon from the text, so texts with \u escapes are
 * counted with the full scan instead.
 */
export function repeatsKey(src: string, value: unknown): boolean {
  if (src.includes('\\u')) return scan(src).keys !== keysAndColons(value).keys;
  const { keys, inStrings } = keysAndColons(value);
  return colonsIn(src) !== keys + inStrings;
}

/** How many colons a text holds. */
export function colonsIn(s: string): number {
  let n = 0;
  for (let i = s.indexOf(':'); i >= 0; i = s.indexOf(':', i + 1)) n++;
  return n;
}

/**
 * Counts keys and the colons inside strings of a parsed value. Run on every record of a log, so
 * written for speed: strings are counted where they are met rather than pushed, and most hold no colon.
 */
function keysAndColons(value: unknown): { keys: number; inStrings: number } {
  let keys = 0;
  let inStrings = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.includes(':')) inStrings += colonsIn(v);
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push(v[i]);
    } else if (typeof v === 'object' && v !== null) {
      for (const k of Object.keys(v)) {
        keys++;
        if (k.includes(':')) inStrings += colonsIn(k);
        const x = (v as Record<string, unknown>)[k];
        if (typeof x === 'string') {
          if (x.includes(':')) inStrings += colonsIn(x);
        } else if (typeof x === 'object' && x !== null) stack.push(x);
      }
    }
  }
  return { keys, inStrings };
}

/** A repeated key: where it is, its pointer, and where it first occurs (the message is the caller's). */
export interface Duplicate extends Spot {
  path: (string | number)[];
  firstOffset: number;
}

function duplicateKeys(root: Node, start: number): Duplicate[] {
  const out: Duplicate[] = [];
  const stack: { node: Node; path: (string | number)[] }[] = [{ node: root, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    const children = node.children ?? [];
    if (node.type === 'object') {
      const seen = new Map<string, Node>();
      for (const prop of children) {
        const [key, value] = prop.children ?? [];
        if (!key) continue;
        const name = String(key.value);
        const first = seen.get(name);
        if (first) {
          out.push({ offset: start + key.offset, length: key.length, path: [...path, name], firstOffset: start + first.offset, message: '' });
        } else seen.set(name, key);
        if (value && (value.type === 'object' || value.type === 'array')) stack.push({ node: value, path: [...path, name] });
      }
    } else if (node.type === 'array') {
      children.forEach((c, i) => {
        if (c.type === 'object' || c.type === 'array') stack.push({ node: c, path: [...path, i] });
      });
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/**
 * The JSON value of a tree. Objects have no prototype, so keys such as `__proto__` stay plain
 * data and nothing reaches Object.prototype. A repeated key takes its last value, as JSON.parse does.
 * `number`, when given, makes the value of each number node (diff keeps those a double cannot
 * hold as written); otherwise a number is the parser's double. Recursive: trees come from
 * parseRecord, which refuses nesting past MAX_DEPTH.
 */
export function toValue(node: Node, number?: (node: Node) => unknown): unknown {
  switch (node.type) {
    case 'object': {
      const obj = Object.create(null) as Record<string, unknown>;
      for (const prop of node.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (key && value) obj[String(key.value)] = toValue(value, number);
      }
      return obj;
    }
    case 'array':
      return (node.children ?? []).map((item) => toValue(item, number));
    case 'number':
      return number ? number(node) : (node.value as unknown);
    default:
      return node.value as unknown;
  }
}

/** The members of an object node as key and value nodes, in order; a member the parser could not finish is left out. */
export function membersOf(obj: Node): [key: Node, value: Node][] {
  const out: [Node, Node][] = [];
  for (const prop of obj.children ?? []) {
    const [key, value] = prop.children ?? [];
    if (key && value) out.push([key, value]);
  }
  return out;
}

/** The property node (key and value) for a member, the last one when a key is repeated. */
export function memberAt(obj: Node, key: string): Node | undefined {
  let index = memberIndex.get(obj);
  if (!index) {
    // Built once per object: with thousands of members, a scan per look-up would be quadratic.
    index = new Map();
    for (const prop of obj.children ?? []) {
      const k = prop.children?.[0]?.value as unknown;
      if (typeof k === 'string') index.set(k, prop);
    }
    memberIndex.set(obj, index);
  }
  return index.get(key);
}

const memberIndex = new WeakMap<Node, Map<string, Node>>();

/** The value node at a path, or undefined where the path leaves the tree. */
export function nodeAt(root: Node, path: JsonPath): Node | undefined {
  let node: Node | undefined = root;
  for (const seg of path) {
    if (!node) return undefined;
    if (node.type === 'object' && typeof seg === 'string') node = memberAt(node, seg)?.children?.[1];
    else if (node.type === 'array' && typeof seg === 'number') node = node.children?.[seg];
    else return undefined;
  }
  return node;
}

/** The node at a path or, where the path leaves the tree, its nearest existing ancestor. */
export function deepestNode(root: Node, path: JsonPath): Node {
  for (let n = path.length; n >= 0; n--) {
    const node = nodeAt(root, path.slice(0, n));
    if (node) return node;
  }
  return root;
}
