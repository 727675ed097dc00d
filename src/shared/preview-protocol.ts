/**
 * The messages between the timeline preview (src/editor/preview.ts) and its page (src/webview),
 * and the state the page keeps: the types both sides compile against and the one check of each
 * direction. The CLI needs none of it, so it is not in the core; it uses neither `vscode` nor the
 * DOM, so both the extension and the page script bundle it.
 *
 * Neither side trusts the other's shapes. The host checks the page's messages because the page
 * draws payload strings: a script that ran there could post anything. The page checks the host's
 * as strictly, so that a picture that breaks the contract (a builder bug, a page left open across
 * an update) is dropped whole, with a note in the page's console, rather than drawn half-way or
 * thrown on. The timeline data itself is the core's (src/core/jobs/timeline-data.ts).
 */
import type { MarkKind, Outcome, TimelineData, TimelineFile, TimelineJob, TimelineMark, TimelineProblem, TimelineRef, TimelineStage, TimelineSummary } from '../core/jobs/timeline-data';
import { array, boolean, check, finite, fitting, literal, nullable, object, oneOf, string, tagged, whole, type Checked, type Shape } from './shape';

/** Host → page. */
export type HostMessage =
  | { type: 'render'; data: TimelineData }
  /** More jobs of the picture numbered `delivery`; dropped by the page if it shows another. */
  | { type: 'more'; delivery: number; jobs: TimelineJob[] }
  /** The mark under the editor's cursor, or null. */
  | { type: 'highlight'; markId: string | null };

/** Page → host. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'reveal'; ref: TimelineRef }
  /** Two marks to compare (README "Comparing payloads in the editor"): the current one, then the one Shift+clicked. */
  | { type: 'compare'; a: TimelineRef; b: TimelineRef }
  | { type: 'exportSvg'; svg: string };

/** What the page keeps with setState, so a reload or a hidden panel comes back the same. */
export interface WebviewState {
  uri?: string;
  filter?: string;
  jobId?: string | null;
  selectedMarkId?: string | null;
  scrollTop?: number;
  /** The time axis the user chose: clock times, or time since each job's start. */
  axis?: 'clock' | 'start';
}

/** Longest URI a ref may carry, either way: a path is at most 4096 bytes on Linux (PATH_MAX). */
export const MAX_URI = 4096;
/** Largest SVG the page may hand over: a picture of 1,000 jobs is a few MB; far beyond is no picture of ours. */
export const MAX_SVG = 64 * 1024 * 1024;

// Lists from the host are not capped: a picture is as big as the log (tens of MB, sent in parts
// of a few hundred jobs), and its cost to the page is linear in its size whatever it holds.

const ref = object<TimelineRef>({ uri: string(MAX_URI), offset: whole, length: whole }, { record: whole });

const kind = oneOf<MarkKind>({ create: true, start: true, stage: true, retry: true, end: true, file: true, other: true });
const outcome = oneOf<Outcome>({ finished: true, failed: true, invalid: true, exceeded_retries: true, open: true });

// Retry counts and times come from payloads as written: any finite number, not only whole ones.
const mark = object<TimelineMark>(
  { id: string(), kind, name: string(), at: finite, label: string() },
  { approximate: boolean, stage: string(), retries: finite, errors: array(string()), outcome, ref },
);

const stage = object<TimelineStage>({ stage: string(), from: finite, to: finite, markId: string() });
const file = object<TimelineFile>({ fileId: string(), marks: array(mark) });

const job = object<TimelineJob>(
  { id: string(), start: finite, end: finite, outcome, retries: finite, exceeded: boolean, marks: array(mark), stages: array(stage), files: array(file) },
  { company: string() },
);

const problem = object<TimelineProblem>(
  { code: string(), severity: oneOf<TimelineProblem['severity']>({ error: true, warning: true, info: true }), message: string(), line: whole },
  { ref },
);

const summary = object<TimelineSummary>({ jobs: whole, events: whole, retries: finite, failures: whole });

const data = object<TimelineData>(
  {
    title: string(),
    version: whole,
    jobs: array(job),
    orphans: array(mark),
    summary,
    problems: array(problem),
    range: nullable(object<{ min: number; max: number }>({ min: finite, max: finite })),
  },
  { source: string(), problemsTotal: whole, delivery: whole },
);

const hostMessage = tagged<HostMessage>({
  render: object({ type: literal('render'), data }),
  more: object({ type: literal('more'), delivery: whole, jobs: array(job) }),
  highlight: object({ type: literal('highlight'), markId: nullable(string()) }),
});

const webviewMessage = tagged<WebviewMessage>({
  ready: object({ type: literal('ready') }),
  reveal: object({ type: literal('reveal'), ref }),
  compare: object({ type: literal('compare'), a: ref, b: ref }),
  exportSvg: object({ type: literal('exportSvg'), svg: string(MAX_SVG) }),
});

const stateFields: { [K in keyof WebviewState]-?: Shape<Exclude<WebviewState[K], undefined>> } = {
  uri: string(),
  filter: string(),
  jobId: nullable(string()),
  selectedMarkId: nullable(string()),
  scrollTop: (v) => (typeof v === 'number' && v >= 0 && Number.isFinite(v) ? undefined : ': not a position'),
  axis: oneOf<'clock' | 'start'>({ clock: true, start: true }),
};

/**
 * A message from the page, as the host receives it: `value` when it is one of WebviewMessage
 * exactly (no other key, refs of whole offsets, a URI of at most MAX_URI and an SVG of at most
 * MAX_SVG code units), else `problem` says where and why not. Never throws.
 */
export function parseWebviewMessage(raw: unknown): Checked<WebviewMessage> {
  return check(webviewMessage, raw, 'message');
}

/**
 * A message from the host, as the page receives it: `value` when it is one of HostMessage
 * exactly, down to every mark (no other key, every time a finite number, every kind and outcome
 * one the page knows), else `problem` says where and why not. Never throws.
 */
export function parseHostMessage(raw: unknown): Checked<HostMessage> {
  return check(hostMessage, raw, 'message');
}

/** The picture the host writes into the page (`<body data-state>`), checked as a `render` message's. */
export function parseTimelineData(raw: unknown): Checked<TimelineData> {
  return check(data, raw, 'data');
}

/**
 * Saved state (the page's setState, given back by VS Code to the page and to the host's panel
 * serializer): the fields of the right type, the rest dropped, as it may come from an earlier
 * version of the page. Undefined when it is no object at all.
 */
export function parseWebviewState(raw: unknown): WebviewState | undefined {
  return fitting<WebviewState>(stateFields, raw);
}
