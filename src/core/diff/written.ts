/*
 * Numbers a double cannot hold, kept as written. ECMA-404 gives a JSON number no precision, so
 * `9007199254740993` and `9007199254740992` are two numbers, though JSON.parse reads both as the
 * same double; `diff` must report that change, in strict mode too (README, "Comparing payloads").
 * The numeric rules decide on the lexeme for the same reason (checks/numbers.ts).
 */
import { createScanner } from 'jsonc-parser';
import { decimalOf, formatDecimal, isExactDouble } from '../checks/numbers';
import { parseRecord, toValue } from '../input/parse';

/** A JSON number whose value no double holds, as written. `key` is its exact value in one spelling, so equal values compare equal. */
export class WrittenNumber {
  readonly key: string;
  constructor(readonly text: string) {
    this.key = formatDecimal(decimalOf(text)!);
  }
}

// jsonc-parser's SyntaxKind.NumericLiteral and EOF (a const enum, not importable here).
const NUMERIC: number = 11;
const EOF: number = 17;

/**
 * Only a number with 16 or more digits (and dots), or an exponent of three digits, can fail to
 * round-trip through a double; without one, the text need not be scanned token by token.
 */
const MAYBE_INEXACT = /[0-9.]{16}|[eE][+-]?[0-9]{3}/;

/** Whether any number in the JSON text is one a double does not hold exactly. */
function hasInexactNumber(text: string): boolean {
  if (!MAYBE_INEXACT.test(text)) return false;
  const scanner = createScanner(text, true);
  for (let token: number = scanner.scan(); token !== EOF; token = scanner.scan()) {
    if (token === NUMERIC && !isExactDouble(scanner.getTokenValue())) return true;
  }
  return false;
}

/**
 * `parsed` (JSON.parse's value of `text`) with every number a double does not hold exactly kept
 * as a WrittenNumber; `parsed` itself when there is none, which is nearly always. A text nested
 * deeper than the tolerant parser's limit (512) keeps JSON.parse's doubles.
 */
export function withWrittenNumbers(text: string, parsed: unknown): unknown {
  if (!hasInexactNumber(text)) return parsed;
  const { root } = parseRecord(text, 0, text.length);
  if (!root) return parsed;
  return toValue(root, (node) => {
    const lexeme = text.slice(node.offset, node.offset + node.length);
    return isExactDouble(lexeme) ? node.value : new WrittenNumber(lexeme);
  });
}

/**
 * JSON.stringify for values that may hold WrittenNumbers, each printed as written (a number, not a
 * string). Throws as JSON.stringify does (a value nested past the engine's stack).
 */
export function stringifyWritten(value: unknown, space?: number): string {
  // Each WrittenNumber prints first as a string "\u0000<mark><n>", then the string is swapped for
  // the number. A payload's own string could read the same, so the mark grows until none does.
  for (let mark = 'written-number:'; ; mark += '~') {
    const numbers: string[] = [];
    const text =
      JSON.stringify(value, (_key, v: unknown) => (v instanceof WrittenNumber ? `\u0000${mark}${numbers.push(v.text) - 1}` : v), space) ?? 'null';
    if (numbers.length === 0) return text;
    const pattern = new RegExp(`"\\\\u0000${mark}([0-9]+)"`, 'g');
    const hits = text.match(pattern)?.length ?? 0;
    if (hits === numbers.length) return text.replace(pattern, (_all, n: string) => numbers[Number(n)]!);
  }
}
