/**
 * The page's side of the conversation with the extension: typed posts, the saved state, and a
 * check of every message that arrives (the page trusts the host's shape no more than the host
 * trusts the page's).
 */
import type {
  HostMessage,
  MarkKind,
  Outcome,
  TimelineData,
  TimelineJob,
  TimelineMark,
  TimelineProblem,
  TimelineRef,
  WebviewMessage,
  WebviewState,
} from '../core/jobs/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface Host {
  post(message: WebviewMessage): void;
  getState(): WebviewState | undefined;
  setState(state: WebviewState): void;
}

/** The VS Code API, or a stand-in that does nothing when the page is opened outside VS Code. */
export function connectHost(): Host {
  let api: VsCodeApi | undefined;
  try {
    api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  } catch {
    api = undefined;
  }
  return {
    post: (message) => api?.postMessage(message),
    getState: () => asState(api?.getState()),
    setState: (state) => api?.setState(state),
  };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The saved state, keeping only the fields of the right type. */
export function asState(x: unknown): WebviewState | undefined {
  if (!isObject(x)) return undefined;
  const state: WebviewState = {};
  if (typeof x['uri'] === 'string') state.uri = x['uri'];
  if (typeof x['filter'] === 'string') state.filter = x['filter'];
  if (typeof x['jobId'] === 'string' || x['jobId'] === null) state.jobId = x['jobId'];
  if (typeof x['selectedMarkId'] === 'string' || x['selectedMarkId'] === null) state.selectedMarkId = x['selectedMarkId'];
  if (x['axis'] === 'clock' || x['axis'] === 'start') state.axis = x['axis'];
  if (typeof x['scrollTop'] === 'number' && Number.isFinite(x['scrollTop'])) state.scrollTop = Math.max(0, x['scrollTop']);
  return state;
}

const KINDS = new Set(['create', 'start', 'stage', 'retry', 'end', 'file', 'other']);
const OUTCOMES = new Set(['finished', 'failed', 'invalid', 'exceeded_retries', 'open']);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : NaN);
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isObject) : []);

function asRef(v: unknown): TimelineRef | undefined {
  if (!isObject(v) || typeof v['uri'] !== 'string') return undefined;
  const ref: TimelineRef = { uri: v['uri'], offset: num(v['offset']) || 0, length: num(v['length']) || 0 };
  if (typeof v['record'] === 'number') ref.record = v['record'];
  return ref;
}

function asMark(m: Record<string, unknown>, prefix: string, i: number): TimelineMark {
  const mark: TimelineMark = {
    id: typeof m['id'] === 'string' ? m['id'] : `mark-${prefix}${i}`,
    kind: (KINDS.has(str(m['kind'])) ? m['kind'] : 'other') as MarkKind,
    name: str(m['name']),
    at: num(m['at']),
    label: str(m['label']),
  };
  if (m['approximate'] === true) mark.approximate = true;
  if (typeof m['stage'] === 'string') mark.stage = m['stage'];
  if (typeof m['retries'] === 'number') mark.retries = m['retries'];
  if (Array.isArray(m['errors'])) mark.errors = m['errors'].map(str);
  if (OUTCOMES.has(str(m['outcome']))) mark.outcome = m['outcome'] as Outcome;
  const ref = asRef(m['ref']);
  if (ref) mark.ref = ref;
  return mark;
}

/** Reads lists of marks; a mark without an id gets one unique within the message (`prefix`). */
function markReader(prefix: string): (v: unknown) => TimelineMark[] {
  let n = 0;
  return (v) => list(v).map((m) => asMark(m, prefix, n++));
}

/** The jobs of a picture or of one of its later parts, checked as asData checks them. */
export function asJobs(v: unknown, marks = markReader('')): TimelineJob[] {
  return list(v).map((j) => {
    const job: TimelineJob = {
      id: str(j['id']),
      start: num(j['start']),
      end: num(j['end']),
      outcome: (OUTCOMES.has(str(j['outcome'])) ? j['outcome'] : 'open') as Outcome,
      retries: Number.isFinite(num(j['retries'])) ? num(j['retries']) : 0,
      exceeded: j['exceeded'] === true,
      marks: marks(j['marks']),
      stages: list(j['stages']).map((st) => ({ stage: str(st['stage']), from: num(st['from']), to: num(st['to']), markId: str(st['markId']) })),
      files: list(j['files']).map((f) => ({ fileId: str(f['fileId']), marks: marks(f['marks']) })),
    };
    if (typeof j['company'] === 'string' && j['company']) job.company = j['company'];
    return job;
  });
}

/**
 * Timeline data with every field the page reads of the type it expects, so that a half-built or
 * older payload draws what it can instead of throwing. Times that are not numbers become NaN,
 * which the renderers skip.
 */
export function asData(x: unknown): TimelineData | null {
  if (!isObject(x)) return null;
  const marks = markReader('');
  const jobs = asJobs(x['jobs'], marks);
  const summary = isObject(x['summary']) ? x['summary'] : {};
  const count = (v: unknown): number => (Number.isFinite(num(v)) ? num(v) : 0);
  const r = x['range'];
  const range = isObject(r) && Number.isFinite(num(r['min'])) && Number.isFinite(num(r['max'])) ? { min: num(r['min']), max: num(r['max']) } : null;
  const problems: TimelineProblem[] = list(x['problems']).map((p) => {
    const severity = str(p['severity']);
    const problem: TimelineProblem = {
      code: str(p['code']),
      severity: severity === 'warning' || severity === 'info' ? severity : 'error',
      message: str(p['message']),
      line: num(p['line']),
    };
    const ref = asRef(p['ref']);
    if (ref) problem.ref = ref;
    return problem;
  });
  return {
    title: str(x['title']),
    version: count(x['version']),
    jobs,
    orphans: marks(x['orphans']),
    summary: { jobs: count(summary['jobs']), events: count(summary['events']), retries: count(summary['retries']), failures: count(summary['failures']) },
    problems,
    ...(Number.isSafeInteger(x['problemsTotal']) && (x['problemsTotal'] as number) > problems.length ? { problemsTotal: x['problemsTotal'] as number } : {}),
    range,
    ...(typeof x['delivery'] === 'number' ? { delivery: x['delivery'] } : {}),
  };
}

/** Parts read so far: marks without an id in a later part get ids no earlier part has. */
let parts = 0;

export function asHostMessage(x: unknown): HostMessage | null {
  if (!isObject(x)) return null;
  if (x['type'] === 'render') {
    const data = asData(x['data']);
    return data ? { type: 'render', data } : null;
  }
  if (x['type'] === 'more' && typeof x['delivery'] === 'number' && Array.isArray(x['jobs'])) {
    return { type: 'more', delivery: x['delivery'], jobs: asJobs(x['jobs'], markReader(`part${++parts}-`)) };
  }
  if (x['type'] === 'highlight' && (typeof x['markId'] === 'string' || x['markId'] === null)) {
    return { type: 'highlight', markId: x['markId'] };
  }
  return null;
}

/** The document a timeline was drawn from: its `source`, else as far as the refs say. */
export function documentUri(data: TimelineData): string | undefined {
  if (typeof data.source === 'string') return data.source;
  for (const j of data.jobs) for (const m of j.marks) if (m.ref?.uri) return m.ref.uri;
  for (const m of data.orphans) if (m.ref?.uri) return m.ref.uri;
  for (const p of data.problems) if (p.ref?.uri) return p.ref.uri;
  return undefined;
}
