import { parse } from 'jsonc-parser';
import { EVENT_TYPES } from '../catalogue';
import { isObject, member } from '../checks/findings';
import { isCaptureShaped } from './capture';
import { depthExceeded } from './parse';
import { hasContent, withoutBom } from './record';
import type { DocumentMode } from '../types';

/**
 * What a text holds, by its shape (README "Command line" and "In the editor", detection):
 * - `event`: one event envelope, the body of one webhook delivery;
 * - `url-verification`: the body Alfred posts when a webhook URL is registered;
 * - `event-array`: a JSON array of envelopes, which no webhook sends (each body is one event);
 * - `capture`: what Alfred's demo receiver saves, `{"event_count", "events": [{"payload",
 *   "reception_date"}]}` (input/capture.ts), with at least one payload that is one of the above;
 * - `log`: one of the above per line (`.jsonl`, `.ndjson`).
 */
export type PayloadKind = 'event' | 'url-verification' | 'event-array' | 'capture' | 'log';

/**
 * How much of a text detection reads, in UTF-16 code units. An envelope's members and its
 * event's name come first in every payload Alfred sends; reading more would only cost time on
 * every JSON file opened or searched.
 */
export const DETECT_LENGTH = 65_536;

/** A log is recognised by one of its first non-blank lines: the very first may be broken. */
const LOG_LINES = 16;

const ENVELOPE_SCALARS = ['event_id', 'event_type', 'event_time'];

/**
 * The kind of payload a text holds, or undefined when it is other JSON (a JSON Schema or an
 * OpenAPI document describing Alfred events, package.json, settings, GeoJSON, …) or not JSON.
 *
 * Decided by shape, not by key names found anywhere: the members must stand where an envelope
 * has them (see isEnvelopeShaped). Only the first DETECT_LENGTH code units are read, parsed
 * leniently (comments, trailing commas, a missing comma, a cut-off end), so a payload with
 * mistakes is still one. A `log` text is read one line at a time; a `document` text as one value.
 */
export function payloadKind(text: string, mode: DocumentMode): PayloadKind | undefined {
  const head = withoutBom(text.slice(0, DETECT_LENGTH));
  if (mode === 'document') return kindOf(lenient(head));
  let lines = 0;
  for (const line of head.split(/\r\n|\r|\n/)) {
    if (!hasContent(line)) continue;
    if (kindOf(lenient(line)) !== undefined) return 'log';
    if (++lines === LOG_LINES) break;
  }
  return undefined;
}

/** The kind of one parsed JSON value (a document, or one record of a log). */
function kindOf(value: unknown): Exclude<PayloadKind, 'log'> | undefined {
  if (isEnvelopeShaped(value)) return 'event';
  if (isUrlVerificationShaped(value)) return 'url-verification';
  if (Array.isArray(value) && value.some(isEnvelopeShaped)) return 'event-array';
  // A capture of anything else (another service's events saved the same way) is not ours.
  if (isCaptureShaped(value) && value.events.some((e) => isObject(e) && isPayloadShaped(member(e, 'payload')))) return 'capture';
  return undefined;
}

/**
 * The shape of an Alfred event envelope (README "What it checks"): an object whose `event` member
 * is an object naming the event (`event_name`, or the `event_type` "job_event_type" /
 * "file_event_type" inside or outside it), beside at least one of `event_id`, `event_type` and
 * `event_time` as plain values. A JSON Schema or OpenAPI document has these names one level down
 * (under `properties`) and objects where an envelope has plain values, so it is not taken for
 * one; a payload with wrong values, missing members or typos still is.
 */
export function isEnvelopeShaped(value: unknown): boolean {
  if (!isObject(value)) return false;
  const ev = member(value, 'event');
  if (!isObject(ev)) return false;
  const present = ENVELOPE_SCALARS.map((k) => member(value, k)).filter((v) => v !== undefined);
  if (present.length === 0 || !present.every(isPlain)) return false;
  const name = member(ev, 'event_name');
  return name !== undefined ? isPlain(name) : isFamily(member(ev, 'event_type')) || isFamily(member(value, 'event_type'));
}

const isPayloadShaped = (v: unknown): boolean => isEnvelopeShaped(v) || isUrlVerificationShaped(v);

/** The URL verification body: `type` "url_verification" with its `challenge` or `token` string. */
function isUrlVerificationShaped(value: unknown): boolean {
  if (!isObject(value) || member(value, 'type') !== 'url_verification') return false;
  return typeof member(value, 'challenge') === 'string' || typeof member(value, 'token') === 'string';
}

const isPlain = (v: unknown): boolean => v === null || typeof v !== 'object';
const isFamily = (v: unknown): boolean => typeof v === 'string' && EVENT_TYPES.includes(v);

/** As much of a JSON value as the text holds, whatever its mistakes; undefined for none. */
function lenient(src: string): unknown {
  // jsonc-parser descends recursively; a payload never nests this deep.
  if (depthExceeded(src) >= 0) return undefined;
  return parse(src, [], { allowTrailingComma: true });
}

/** How a file is read by its name: `.jsonl` and `.ndjson` files are logs, the rest documents. */
export function modeOfName(path: string): DocumentMode {
  return /\.(?:jsonl|ndjson)$/i.test(path) ? 'log' : 'document';
}

/** The names of payload files and logs (README "Command line"), whatever their content. */
export function isPayloadName(path: string): boolean {
  return /\.(?:alfred\.json|alfred-event\.json|alfred\.jsonl|alfred\.ndjson)$/i.test(path);
}

/** Plain JSON names that may hold payloads: their content decides (see payloadKind). */
export function isPlainJsonName(path: string): boolean {
  return /\.(?:json|jsonl|ndjson)$/i.test(path);
}

export interface DetectOptions {
  /**
   * Whether content decides for plain JSON: the CLI's default (off with `--no-detect`), the
   * editor's `alfredEvents.detection.plainJson`.
   */
  plainJson: boolean;
  /**
   * How to read the text when something other than its name says so: the editor's JSON or
   * JSON Lines language. Content then decides whatever the name (an untitled JSON document).
   */
  mode?: DocumentMode;
}

/**
 * The one decision of whether a file is an Alfred payload to check, and how to read it; undefined
 * when it is not ours. Payload names (`*.alfred.json`, …) are ours whatever they hold; plain JSON
 * is ours when detection is on and its content has a payload's shape (payloadKind). `head` gives
 * the start of the text (DETECT_LENGTH code units are enough) and is called only when content decides.
 */
export function payloadMode(name: string, head: () => string, options: DetectOptions): DocumentMode | undefined {
  if (isPayloadName(name)) return modeOfName(name);
  if (!options.plainJson || (options.mode === undefined && !isPlainJsonName(name))) return undefined;
  const mode = options.mode ?? modeOfName(name);
  return payloadKind(head(), mode) === undefined ? undefined : mode;
}
