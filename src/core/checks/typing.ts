import { createScanner } from 'jsonc-parser';

// jsonc-parser's SyntaxKind and ScanError are const enums, not importable under isolatedModules:
// these are their values (jsonc-parser 3, lib/umd/main.d.ts).
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const CLOSE_BRACKET = 4;
const COMMA = 5;
const COLON = 6;
const NULL = 7;
const TRUE = 8;
const FALSE = 9;
const STRING = 10;
const NUMBER = 11;
const LINE_COMMENT = 12;
const BLOCK_COMMENT = 13;
const LINE_BREAK = 14;
const TRIVIA = 15;
const UNKNOWN = 16;
const EOF = 17;
const END_OF_STRING_ERROR = 2;
const END_OF_COMMENT_ERROR = 1;

interface Token {
  kind: number;
  start: number;
  end: number;
  /** A string or block comment that has its closing quote or `*\/`. */
  closed: boolean;
}

/** What follows the text a completion replaces, past blanks and comments. */
export type Follow = 'end' | 'close' | 'comma' | 'colon' | 'key' | 'other';

/**
 * The text being typed at a cursor, for completion. `range` is what an accepted completion
 * replaces: the string or bare word the cursor is in or at the end of, never a character of a
 * neighbouring token, or nothing (an insertion at the cursor).
 *
 * The scanner cannot always tell where the typed token ends: in `,""file_id":1`, where the user
 * typed the first quote, it reads `""` as one string. A closing quote belongs to the string only
 * when what follows it on its line can follow a complete string (`:` `,` `}` `]`, a comment, the
 * line's end); otherwise it opens the next token, and the range stops at the cursor.
 */
export interface Typing {
  /** Offsets relative to the text given. */
  range: { offset: number; length: number };
  inComment: boolean;
  /**
   * What comes before the range, comments aside: `{`, a comma, a colon, the end of a member's
   * value (a new member after it needs a comma), something else, or nothing.
   */
  before: 'open' | 'comma' | 'colon' | 'member' | 'other' | 'none';
  /** Where `before` is 'member': the offset right after that member's value, where a comma goes. */
  memberEnd: number;
  follow: Follow;
}

/** The text being typed at `offset` of a record's text (JSON with comments allowed). */
export function typingAt(text: string, offset: number): Typing {
  const tokens = tokensOf(text, offset);
  const i = tokens.findIndex((t) => contains(t, offset));
  const at = i >= 0 ? tokens[i] : undefined;
  const inComment = at !== undefined && (at.kind === LINE_COMMENT || at.kind === BLOCK_COMMENT);
  let range = { offset, length: 0 };
  if (at && !inComment) {
    const end = at.kind !== STRING || (at.closed && ownsClosingQuote(text, at.end)) ? at.end : offset;
    range = { offset: at.start, length: end - at.start };
  }
  // Every token listed starts before the cursor: without one holding it, the last is before it.
  const prevAt = (i >= 0 ? i : tokens.length) - 1;
  const significant = (j: number): number => {
    while (j >= 0 && (tokens[j]!.kind === LINE_COMMENT || tokens[j]!.kind === BLOCK_COMMENT)) j--;
    return j;
  };
  const p = significant(prevAt);
  const prev = p >= 0 ? tokens[p] : undefined;
  const before = !prev ? 'none' : prev.kind === OPEN_BRACE ? 'open' : prev.kind === COMMA ? 'comma' : prev.kind === COLON ? 'colon' : endsMember(prev, tokens[significant(p - 1)]) ? 'member' : 'other';
  return {
    range,
    inComment,
    before,
    memberEnd: prev?.end ?? 0,
    follow: followOf(text, range.offset + range.length),
  };
}

/** The tokens up to the one that holds `offset` (blanks and line breaks left out, comments kept). */
function tokensOf(text: string, offset: number): Token[] {
  const scanner = createScanner(text, false);
  // Plain numbers, as the constants above are.
  const next = (): number => scanner.scan();
  const out: Token[] = [];
  for (let kind = next(); kind !== EOF; kind = next()) {
    if (kind === TRIVIA || kind === LINE_BREAK) continue;
    const start = scanner.getTokenOffset();
    if (start >= offset) break;
    const error = scanner.getTokenError() as number;
    const closed = kind === STRING ? error !== END_OF_STRING_ERROR : kind === BLOCK_COMMENT ? error !== END_OF_COMMENT_ERROR : true;
    out.push({ kind, start, end: start + scanner.getTokenLength(), closed });
  }
  return out;
}

/** Whether the cursor is in a token: after its first character, up to its end (inside a closed comment, before its end). */
function contains(t: Token, offset: number): boolean {
  if (t.kind === BLOCK_COMMENT && t.closed) return t.start < offset && offset < t.end;
  const typed = t.kind === STRING || t.kind === NUMBER || t.kind === TRUE || t.kind === FALSE || t.kind === NULL || t.kind === UNKNOWN;
  return (typed || t.kind === LINE_COMMENT || t.kind === BLOCK_COMMENT) && t.start < offset && offset <= t.end;
}

/** After a string's closing quote, on its line: what may follow a complete string, or nothing. */
function ownsClosingQuote(text: string, end: number): boolean {
  return /^[ \t]*(?:[:,}\]/\r\n]|$)/.test(text.slice(end, end + 256));
}

/** A token that ends a member's value: a number or literal, a closing bracket, or a string after a colon. */
function endsMember(t: Token, before: Token | undefined): boolean {
  if (t.kind === NUMBER || t.kind === TRUE || t.kind === FALSE || t.kind === NULL || t.kind === CLOSE_BRACE || t.kind === CLOSE_BRACKET) return true;
  return t.kind === STRING && before?.kind === COLON;
}

const BLANKS_AND_COMMENTS = /(?:\s+|\/\/[^\r\n]*|\/\*[\s\S]*?\*\/)*/y;
const KEY_AHEAD = /"(?:[^"\\\r\n]|\\.)*"\s*:/y;

function followOf(text: string, from: number): Follow {
  BLANKS_AND_COMMENTS.lastIndex = from;
  BLANKS_AND_COMMENTS.exec(text);
  const i = BLANKS_AND_COMMENTS.lastIndex;
  const c = text[i];
  if (c === undefined) return 'end';
  if (c === '}' || c === ']') return 'close';
  if (c === ',') return 'comma';
  if (c === ':') return 'colon';
  KEY_AHEAD.lastIndex = i;
  return c === '"' && KEY_AHEAD.test(text) ? 'key' : 'other';
}
