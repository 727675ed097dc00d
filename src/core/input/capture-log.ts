import { t } from '../l10n';
import { isEnvelopeShaped } from './detect';
import { captureOf, NOT_CAPTURE_MEMBERS, receptionOrder } from './capture';
import { parseRecord } from './parse';
import { LineIndex } from './positions';
import { withoutBom } from './record';

/** A capture turned into a log's records, or why the text is no capture to turn. */
export type CaptureLog =
  | {
      /** One compact JSON text per payload, in reception order, without line terminators. */
      records: string[];
      /** Entries left out (no payload), by their index in `events`. */
      skipped: number[];
      /** How many payloads are not where the file had them (reception order differs from file order). */
      moved: number;
    }
  | { error: string };

/**
 * The log of a capture (README "Captures made before"): each payload's own text made compact
 * (JSON's whitespace outside strings dropped, ECMA-404 §2), nothing else changed: key order,
 * numbers as written (9007199254740993 stays so), escapes and repeated keys as they are, never
 * re-serialised. Payloads come in reception order (capture.ts receptionOrder). A text
 * that is not strict JSON, or not a capture, is refused with one sentence saying what and where
 * (line:column, 1-based), so that no broken record reaches a log.
 */
export function captureLog(text: string): CaptureLog {
  const src = withoutBom(text);
  // Only whether it is strict JSON: no tree at all (the top-level value keeps no insides).
  const syntax = parseRecord(src, 0, src.length, () => true).syntax[0];
  if (syntax) {
    const at = new LineIndex(src).position(syntax.offset);
    return { error: t('is not valid JSON at {0}:{1}: {2}', at.line + 1, at.character + 1, syntax.message) };
  }
  const capture = captureOf(src);
  if (!capture) return { error: notACapture(JSON.parse(src) as unknown) };
  const order = receptionOrder(capture);
  const records = order.map((e) => compactJson(src, e.payload!.start, e.payload!.end));
  const skipped = capture.entries.filter((e) => !e.payload).map((e) => e.index);
  let moved = 0;
  const fileOrder = capture.entries.filter((e) => e.payload);
  order.forEach((e, i) => {
    if (fileOrder[i] !== e) moved++;
  });
  return { records, skipped, moved };
}

/** What a JSON value that is no capture is instead, as the end of a sentence about the file. */
function notACapture(value: unknown): string {
  const capture = t('a capture is {"event_count": N, "events": [{"payload": {…}, "reception_date": "…"}]}');
  if (isEnvelopeShaped(value) || (Array.isArray(value) && value.some(isEnvelopeShaped))) return t('holds Alfred payloads, not a capture ({0}): validate or send it as it is', capture);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return Array.isArray(value) ? t('is not a capture: its top level is an array, and {0}', capture) : t('is not a capture: its top level is not an object, and {0}', capture);
  const obj = value as Record<string, unknown>;
  const other = NOT_CAPTURE_MEMBERS.find((key) => Object.hasOwn(obj, key));
  if (other !== undefined) return t('is not a capture: its top-level "{0}" member says it is another kind of JSON (GeoJSON, JSON Schema, OpenAPI, JSON-LD), and {1}', other, capture);
  if (!Array.isArray(obj.events)) return t('is not a capture: it has no "events" array at its top level, and {0}', capture);
  if (obj.events.length === 0) return t('is not a capture: its "events" array is empty and it has no "event_count", and {0}', capture);
  return t('is not a capture: no entry of its "events" array has a "payload" member, and {0}', capture);
}

/**
 * text[start, end) without JSON's whitespace between tokens (ECMA-404 §2: space, tab, LF, CR),
 * nothing else changed; the text is strict JSON there. Inside a string a line break can only be
 * written as an escape, so the result is one line: a log's record (capture import, the recorder).
 */
export function compactJson(text: string, start = 0, end = text.length): string {
  let out = '';
  let from = start;
  let inString = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 32 || c === 9 || c === 10 || c === 13) {
      out += text.slice(from, i);
      from = i + 1;
    }
  }
  return out + text.slice(from, end);
}
