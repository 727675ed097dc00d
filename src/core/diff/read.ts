import { depthExceeded, parseRecord, repeatsKey, tooDeepSpot, type Spot } from '../input/parse';
import { toPointer } from '../input/pointer';
import { LineIndex } from '../input/positions';
import { withWrittenNumbers } from './written';

/** Where a key repeats in the text (line and character 1-based), and its RFC 6901 pointer: only the last value is compared. */
export interface RepeatedKey {
  pointer: string;
  line: number;
  character: number;
}

/**
 * A text read as one JSON value, with the keys it repeats (each object keeps the last value, as
 * JSON.parse does), or where and why it is not one (line and character 1-based, as editors show them).
 */
export type ReadValue = { value: unknown; repeated: RepeatedKey[] } | { problem: string; line: number; character: number };

/**
 * One JSON value (ECMA-404) from a text, for `diff`: `JSON.parse` reads it, but numbers a double
 * cannot hold are kept as written (WrittenNumber, written.ts), so that they compare as the
 * numbers they are. When JSON.parse fails, the tolerant parser says where and why, in the
 * validator's words (its own message quotes the text, which may be megabytes or hostile). A text
 * nested deeper than the validator's limit (input/parse.ts MAX_DEPTH, 512) is refused as the
 * validator refuses it, before JSON.parse: comparing such a value costs its depth times its size.
 */
export function readValue(text: string): ReadValue {
  const deep = depthExceeded(text);
  if (deep >= 0) return problemAt(text, tooDeepSpot(deep));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    return problemAt(text, parseRecord(text, 0, text.length).syntax[0]);
  }
  return { value: withWrittenNumbers(text, parsed), repeated: repeatedKeys(text, parsed) };
}

function problemAt(text: string, spot: Spot | undefined): ReadValue {
  const at = new LineIndex(text).position(spot?.offset ?? 0);
  return { problem: spot?.message ?? 'not a JSON value', line: at.line + 1, character: at.character + 1 };
}

/** The repeated keys of a text JSON.parse took, found by the tolerant parser only when the cheap count says there is one. */
function repeatedKeys(text: string, parsed: unknown): RepeatedKey[] {
  if (!repeatsKey(text, parsed)) return [];
  const lines = new LineIndex(text);
  return parseRecord(text, 0, text.length).duplicates.map((d) => {
    const at = lines.position(d.offset);
    return { pointer: toPointer(d.path), line: at.line + 1, character: at.character + 1 };
  });
}
