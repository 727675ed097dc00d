/*
 * Numbers as written. ECMA-404 gives a JSON number no precision: `9007199254740993` is that
 * integer, though a double reads it as 9007199254740992, and `1e-400` is a small positive
 * number, though a double reads it as 0. So the numeric rules decide on the text of the number
 * (its lexeme), exactly, and messages quote it as written.
 */

/** A number's exact value: ±digits × 10^exp, digits without leading or trailing zeros ('' is zero). */
export interface Decimal {
  negative: boolean;
  digits: string;
  exp: number;
}

// JSON's number grammar, with the "+" and leading zeros that String(number) and the docs' strings may hold.
const NUMBER = /^(-)?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** The exact value of a number's text, or undefined when the text is not a number. */
export function decimalOf(text: string): Decimal | undefined {
  const m = NUMBER.exec(text);
  if (!m) return undefined;
  const frac = m[3] ?? '';
  // Zeros are trimmed by index: a regular expression such as /0*$/ tries each start in turn, and
  // a run of 300,000 zeros not at the end took it minutes (a hostile payload's single number).
  const all = m[2]! + frac;
  let first = 0;
  while (first < all.length && all.charCodeAt(first) === 48) first++;
  let last = all.length;
  while (last > first && all.charCodeAt(last - 1) === 48) last--;
  const digits = all.slice(first, last);
  const exp = Number(m[4] ?? 0) - frac.length + (all.length - last);
  return digits === '' ? { negative: false, digits, exp: 0 } : { negative: m[1] === '-', digits, exp };
}

const sign = (d: Decimal): number => (d.digits === '' ? 0 : d.negative ? -1 : 1);

/** -1, 0 or 1 as a is less than, equal to or greater than b; exact for any size and precision. */
export function compareDecimal(a: Decimal, b: Decimal): number {
  const sa = sign(a);
  const sb = sign(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  // Where the leading digit stands: the larger magnitude has it further left.
  const ma = a.digits.length + a.exp;
  const mb = b.digits.length + b.exp;
  if (ma !== mb) return ma < mb ? -sa : sa;
  const width = Math.max(a.digits.length, b.digits.length);
  const da = a.digits.padEnd(width, '0');
  const db = b.digits.padEnd(width, '0');
  return da === db ? 0 : da < db ? -sa : sa;
}

/** Whether the value is an integer: `100`, `1e2`, `1.0` and `-0` are; `1.5` and `1e-400` are not. */
export const isWhole = (d: Decimal): boolean => d.digits === '' || d.exp >= 0;

/** The value × 10^power: `scale(d, -3)` turns milliseconds into seconds, exactly. */
export const scale = (d: Decimal, power: number): Decimal => (d.digits === '' ? d : { ...d, exp: d.exp + power });

/** Whether a double reads the text as exactly its value (its shortest form has the same value). */
export function isExactDouble(text: string): boolean {
  const d = decimalOf(text);
  const n = Number(text);
  return d !== undefined && Number.isFinite(n) && compareDecimal(d, decimalOf(String(n))!) === 0;
}

/** The value written plainly (`1717775165.123`), or with an exponent when that would be long. */
export function formatDecimal(d: Decimal): string {
  if (d.digits === '') return '0';
  const minus = d.negative ? '-' : '';
  const len = d.digits.length;
  const point = len + d.exp;
  if (point > 21 || point < -5) return `${minus}${d.digits[0]}${len > 1 ? `.${d.digits.slice(1)}` : ''}e${point - 1 >= 0 ? '+' : ''}${point - 1}`;
  if (d.exp >= 0) return minus + d.digits + '0'.repeat(d.exp);
  if (point <= 0) return `${minus}0.${'0'.repeat(-point)}${d.digits}`;
  return `${minus}${d.digits.slice(0, point)}.${d.digits.slice(point)}`;
}

/** Bounds of a numeric field, inclusive (README, "Rules": out-of-range). */
export interface NumberRange {
  min: number;
  max?: number;
  whole?: boolean;
}

/** Whether a number lies in the range, exactly. */
export function inRange(d: Decimal, range: NumberRange): boolean {
  if (range.whole && !isWhole(d)) return false;
  if (compareDecimal(d, decimalOf(String(range.min))!) < 0) return false;
  return range.max === undefined || compareDecimal(d, decimalOf(String(range.max))!) <= 0;
}
