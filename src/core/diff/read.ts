import { parseRecord } from '../input/parse';
import { LineIndex } from '../input/positions';

/** A text read as one JSON value, or where and why it is not one (line and character 1-based, as editors show them). */
export type ReadValue = { value: unknown } | { problem: string; line: number; character: number };

/**
 * One JSON value (ECMA-404) from a text, for `diff`: `JSON.parse` reads it; when it fails, the
 * tolerant parser says where and why, in the validator's words (its own message quotes the text,
 * which may be megabytes or hostile). A value JSON.parse takes is always taken, at any depth.
 */
export function readValue(text: string): ReadValue {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    const spot = parseRecord(text, 0, text.length).syntax[0];
    const at = new LineIndex(text).position(spot?.offset ?? 0);
    return { problem: spot?.message ?? 'not a JSON value', line: at.line + 1, character: at.character + 1 };
  }
}
