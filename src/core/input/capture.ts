import type { Node } from 'jsonc-parser';
import { parseTreeCut } from './cut-tree';
import { readDateTime } from '../checks/datetime';
import { depthExceeded, memberAt } from './parse';

/*
 * Captures made before (README "Captures made before"): the one JSON file that Alfred's demo
 * receiver (github.com/tagshelfsrl/alfred-webhook-demo-node, app.js) writes when it stops,
 * `JSON.stringify({ event_count, events: [{ payload, reception_date }] }, null, 2)`, the
 * reception_date being a JavaScript Date, so an ISO 8601 string in UTC with milliseconds
 * (2024-05-24T20:00:00.123Z). Each payload is one record of the file, as each line is of a log.
 */

/** A span of the text, UTF-16 offsets, end exclusive. */
export interface TextSpan {
  start: number;
  end: number;
}

/** One element of a capture's `events` array. */
export interface CaptureEntry {
  /** Its index in `events`: the record number of its payload. */
  index: number;
  /** The element itself (an object, or whatever was written there). */
  span: TextSpan;
  /** Whether the element is a JSON object. */
  isObject: boolean;
  /** The `payload` member's value, when there is one. */
  payload?: TextSpan;
  /** The `reception_date` member's value, when there is one; `value` as parsed (a string, or anything else). */
  date?: TextSpan & { value: unknown };
}

/** What a capture file holds, with where each part is. */
export interface Capture {
  /** `event_count`'s value, when there is one. */
  count?: TextSpan & { value: unknown };
  /** The `events` array. */
  events: TextSpan;
  entries: CaptureEntry[];
}

let last: { text: string; capture: Capture | undefined } | undefined;

/**
 * Top-level members that say a JSON object is some other format, whatever else it holds, so it
 * is never a capture (README "Captures made before"): `event` (an Alfred event envelope), `type`
 * (GeoJSON's FeatureCollection, JSON Schema, JSON-LD and Activity Streams objects), `$schema`
 * (JSON Schema), `openapi` and `swagger` (API descriptions), `@context` (JSON-LD). The demo
 * receiver writes only event_count and events; a receiver that copies it may add members of its
 * own, but none of these.
 */
export const NOT_CAPTURE_MEMBERS: readonly string[] = ['event', 'type', '$schema', 'openapi', 'swagger', '@context'];

/**
 * The capture a text holds, or undefined when it holds something else. A capture is a JSON
 * object whose `events` member is an array with an object that has a `payload` member (or an
 * empty array beside `event_count`: the file of a demo receiver that received nothing), and no
 * member of NOT_CAPTURE_MEMBERS: an event envelope, a GeoJSON FeatureCollection, a JSON Schema
 * is never a capture, whatever else it carries. Read leniently
 * (trailing commas, a missing comma), so a capture with a mistake is still one and the mistake is
 * reported in it. The last answer is kept: the doors ask about the same text several times.
 */
export function captureOf(text: string): Capture | undefined {
  if (last?.text === text) return last.capture;
  const capture = read(text);
  last = { text, capture };
  return capture;
}

function read(text: string): Capture | undefined {
  // Cheap refusals first: this runs on every document the validator sees.
  if (!text.includes('"events"') || depthExceeded(text) >= 0) return undefined;
  // Down to each entry's members' values, never inside them: a payload is read as a span here,
  // and a whole tree of a capture of tens of MB would take about nine times its size.
  const root = parseTreeCut(text, [], { allowTrailingComma: true }, (_, depth) => depth >= ENTRY_VALUE_DEPTH);
  if (root?.type !== 'object' || NOT_CAPTURE_MEMBERS.some((key) => memberAt(root, key))) return undefined;
  const events = valueOf(root, 'events');
  if (events?.type !== 'array') return undefined;
  const countNode = valueOf(root, 'event_count');
  const entries = (events.children ?? []).map((node, index): CaptureEntry => {
    const entry: CaptureEntry = { index, span: spanOf(node), isObject: node.type === 'object' };
    if (node.type !== 'object') return entry;
    const payload = valueOf(node, 'payload');
    if (payload) entry.payload = spanOf(payload);
    const date = valueOf(node, 'reception_date');
    if (date) entry.date = { ...spanOf(date), value: date.type === 'string' || date.type === 'number' || date.type === 'boolean' || date.type === 'null' ? date.value : undefined };
    return entry;
  });
  if (entries.length === 0 ? countNode === undefined : !entries.some((e) => e.payload)) return undefined;
  const capture: Capture = { events: spanOf(events), entries };
  if (countNode) capture.count = { ...spanOf(countNode), value: countNode.type === 'number' ? countNode.value : undefined };
  return capture;
}

/** The depth of an entry's member's value: the capture (1), events (2), the entry (3), its payload (4). */
const ENTRY_VALUE_DEPTH = 4;

const valueOf = (obj: Node, key: string): Node | undefined => memberAt(obj, key)?.children?.[1];
const spanOf = (node: Node): TextSpan => ({ start: node.offset, end: node.offset + node.length });

/**
 * Whether a parsed value has a capture's shape (captureOf's rule, on a value): detection reads a
 * file's head this way, and asks besides that a payload be an Alfred one (detect.ts).
 */
export function isCaptureShaped(value: unknown): value is { events: unknown[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const obj = value as Record<string, unknown>;
  if (NOT_CAPTURE_MEMBERS.some((key) => Object.hasOwn(obj, key)) || !Array.isArray(obj.events)) return false;
  const events = obj.events as unknown[];
  return events.length === 0 ? Object.hasOwn(obj, 'event_count') : events.some((e) => typeof e === 'object' && e !== null && !Array.isArray(e) && Object.hasOwn(e, 'payload'));
}

/**
 * The instant a reception_date names, to order entries by: milliseconds since 1970, then the
 * fraction's digits past the millisecond (so 20:00:00.0001Z is after 20:00:00Z); undefined when
 * it is no RFC 3339 date-time (a date without offset is read as UTC, as everywhere here).
 */
export function receptionInstant(value: unknown): { ms: number; rest: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const d = readDateTime(value);
  if (!d || d.unset) return undefined;
  const fraction = /^\.(\d+)/.exec(value.slice(19))?.[1] ?? '';
  return { ms: d.ms, rest: d.leapSecond ? '' : fraction.slice(3).replace(/0+$/, '') };
}

/**
 * The entries with a payload in reception order (README "Captures made before"): by their
 * reception_date as RFC 3339 instants (offsets applied: 22:00:00+02:00 is 20:00:00Z), stably, so
 * that equal instants keep the file's order; an entry without a readable date stays after the
 * entry before it in the file (it is sorted as if it had that entry's instant).
 */
export function receptionOrder(capture: Capture): CaptureEntry[] {
  let carried: { ms: number; rest: string } = { ms: -Infinity, rest: '' };
  const keyed = capture.entries
    .filter((e) => e.payload)
    .map((e, i) => {
      const own = receptionInstant(e.date?.value);
      if (own) carried = own;
      return { e, i, key: carried };
    });
  keyed.sort((a, b) => compareInstants(a.key, b.key) || a.i - b.i);
  return keyed.map((k) => k.e);
}

function compareInstants(a: { ms: number; rest: string }, b: { ms: number; rest: string }): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  const n = Math.max(a.rest.length, b.rest.length);
  const x = a.rest.padEnd(n, '0');
  const y = b.rest.padEnd(n, '0');
  return x < y ? -1 : x > y ? 1 : 0;
}
