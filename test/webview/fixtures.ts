/**
 * Timeline data built by hand to the contract (src/core/jobs/timeline-data.ts), so the page's tests do
 * not depend on the core's builder.
 */
import type { Outcome, TimelineData, TimelineFile, TimelineJob, TimelineMark, TimelineRef, TimelineStage } from '../../src/core/jobs/timeline-data';

export const DOC = 'file:///work/payloads/jobs.alfred.jsonl';
export const T0 = Date.UTC(2024, 5, 7, 15, 40, 0);
const S = 1000;
const M = 60 * S;

export function ref(record: number, uri = DOC): TimelineRef {
  return { uri, offset: record * 100, length: 90, record };
}

/** A job id like Alfred's: a UUID, derived from a number so tests can name it. */
export function jobId(i: number): string {
  const h = (n: number, w: number): string => (n >>> 0).toString(16).padStart(w, '0').slice(-w);
  return `${h(0x5e1a0000 + i * 2654435761, 8)}-${h(i * 40503, 4)}-4${h(i * 977, 3)}-a${h(i * 31, 3)}-${h(i * 2246822519, 8)}${h(i, 4)}`;
}

const COMPANIES = ['Blue Ridge Freight Co.', 'Northwind Health', 'Acme Insurance', 'Contoso Legal', 'Fabrikam Logistics'];
const ERRORS = [
  'OCR worker timed out after 300 s on page 14 of bol-88391.pdf',
  'Model endpoint returned 503 Service Unavailable',
  'Blob download failed: connection reset by peer',
  'Extraction exceeded the memory limit (2048 MB)',
];

function summarise(title: string, jobs: TimelineJob[], orphans: TimelineMark[], problems: TimelineData['problems'] = []): TimelineData {
  let events = orphans.length;
  let min = Infinity;
  let max = -Infinity;
  for (const j of jobs) {
    events += j.marks.length + j.files.reduce((n, f) => n + f.marks.length, 0);
    min = Math.min(min, j.start);
    max = Math.max(max, j.end);
  }
  for (const m of orphans) {
    min = Math.min(min, m.at);
    max = Math.max(max, m.at);
  }
  return {
    title,
    version: 1,
    jobs,
    orphans,
    summary: {
      jobs: jobs.length,
      events,
      retries: jobs.reduce((n, j) => n + j.retries, 0),
      failures: jobs.filter((j) => j.outcome === 'failed' || j.outcome === 'exceeded_retries' || j.outcome === 'invalid').length,
    },
    problems,
    range: min <= max ? { min, max } : null,
  };
}

/** One job_retry_event payload: created → two retries known only from its error list → retry 3 → last update. */
export function singleRetry(): TimelineData {
  const id = 'a4d781e7-778d-4cc4-b552-4f86a8d910ea';
  const uri = 'file:///work/payloads/retry.alfred.json';
  const r = (offset: number, length: number): TimelineRef => ({ uri, offset, length });
  const marks: TimelineMark[] = [
    { id: 'm0', kind: 'create', name: 'job_retry_event', at: T0, label: 'created (its creation_date)', ref: r(420, 22) },
    { id: 'm1', kind: 'retry', name: 'job_retry_event', at: T0 + 2 * M, approximate: true, label: 'no event of its own: time inferred', retries: 1, errors: [ERRORS[0]!], ref: r(300, 62) },
    { id: 'm2', kind: 'retry', name: 'job_retry_event', at: T0 + 4 * M, approximate: true, label: 'no event of its own: time inferred', retries: 2, errors: [ERRORS[1]!], ref: r(370, 50) },
    { id: 'm3', kind: 'retry', name: 'job_retry_event', at: T0 + 6 * M + 5500, label: '', retries: 3, errors: [ERRORS[2]!], ref: r(0, 16) },
    { id: 'm4', kind: 'other', name: 'job_retry_event', at: T0 + 6 * M + 5 * S, label: 'Last update (update_date)', ref: r(450, 22) },
  ];
  const job: TimelineJob = {
    id,
    company: COMPANIES[0]!,
    start: T0,
    end: T0 + 6 * M + 5500,
    outcome: 'open',
    retries: 3,
    exceeded: false,
    marks,
    stages: [],
    files: [],
  };
  const data = summarise('retry.alfred.json', [job], []);
  data.problems = [{ code: 'string-encoded-value', severity: 'warning', message: 'file_count is a number written as a string ("4")', line: 9, ref: r(210, 3) }];
  return data;
}

const OUTCOMES: Outcome[] = ['finished', 'failed', 'finished', 'invalid', 'exceeded_retries', 'open', 'finished'];

/**
 * A log of `count` jobs; each has about `events` events: create, start, stage updates, retries, an
 * end (outcomes cycle through all five), and file events. Deterministic.
 */
export function log(count: number, events = 10, opts: { gap?: number; orphans?: number; problems?: number } = {}): TimelineData {
  const gap = opts.gap ?? 95 * S;
  const jobs: TimelineJob[] = [];
  let record = 0;
  for (let i = 0; i < count; i++) {
    const id = jobId(i);
    const outcome = OUTCOMES[i % OUTCOMES.length]!;
    const start = T0 + i * gap;
    const marks: TimelineMark[] = [];
    const stages: TimelineStage[] = [];
    const add = (m: Omit<TimelineMark, 'id' | 'ref'>): TimelineMark => {
      const mark: TimelineMark = { id: `j${i}-e${marks.length}`, ref: ref(record++), ...m };
      marks.push(mark);
      return mark;
    };
    add({ kind: 'create', name: 'job_create_event', at: start, label: '' });
    let t = start + 4 * S + (i % 3) * S;
    add({ kind: 'start', name: 'job_start_event', at: t, label: '' });
    const plan = outcome === 'invalid' ? ['queued'] : ['queued', 'downloading', 'in_progress', 'completed'].slice(0, Math.max(1, Math.min(4, events - 5)));
    const retryCount = outcome === 'exceeded_retries' ? 3 : outcome === 'failed' ? 2 : i % 4 === 1 ? 1 : 0;
    let retries = 0;
    for (const [k, stage] of plan.entries()) {
      t += 6 * S + ((i * 7 + k * 13) % 11) * S;
      const m = add({ kind: 'stage', name: 'job_stage_update_event', at: t, label: '', stage });
      stages.push({ stage, from: t, to: t, markId: m.id });
      if (stage === 'in_progress' || (plan.length === 1 && retryCount)) {
        while (retries < retryCount) {
          retries++;
          t += 9 * S + ((i + retries * 5) % 7) * S;
          add({ kind: 'retry', name: 'job_retry_event', at: t, label: '', retries, errors: [ERRORS[(i + retries) % ERRORS.length]!] });
        }
      }
    }
    t += 8 * S + (i % 5) * S;
    if (outcome !== 'open') {
      const name = { finished: 'job_finished_event', failed: 'job_failed_event', invalid: 'job_invalid_event', exceeded_retries: 'job_exceeded_retries_event' }[outcome];
      add({
        kind: 'end',
        name,
        at: t,
        label: '',
        outcome,
        ...(outcome === 'failed' ? { errors: ['Unrecoverable: the document is encrypted'] } : {}),
        ...(outcome === 'exceeded_retries' ? { retries, errors: [] } : {}),
      });
    }
    stages.forEach((st, k) => (st.to = stages[k + 1]?.from ?? t));
    const files: TimelineFile[] = [];
    const fileEvents = Math.max(0, events - marks.length);
    for (let f = 0; f < fileEvents; f++) {
      const fileIndex = f % 2;
      const file = files[fileIndex] ?? (files[fileIndex] = { fileId: `${id.slice(0, 8)}-file-${fileIndex}`, marks: [] });
      const names = ['file_added_to_job_event', 'file_status_update_event', 'file_done_event'];
      const name = outcome === 'failed' && f === fileEvents - 1 ? 'file_failed_event' : names[Math.min(names.length - 1, Math.floor(f / 2))]!;
      file.marks.push({ id: `j${i}-f${f}`, kind: 'file', name, at: start + 2 * S + ((t - start) * (f + 1)) / (fileEvents + 1), label: `file ${file.fileId}`, ref: ref(record++) });
    }
    jobs.push({
      id,
      company: COMPANIES[i % COMPANIES.length]!,
      start,
      end: t,
      outcome,
      retries,
      exceeded: outcome === 'exceeded_retries',
      marks,
      stages,
      files,
    });
  }
  const orphans: TimelineMark[] = [];
  for (let k = 0; k < (opts.orphans ?? 0); k++) {
    orphans.push({ id: `o${k}`, kind: 'other', name: 'file_move_event', at: T0 + (k + 1) * 70 * S, label: 'File moved; its job is not in this log', ref: ref(record++) });
  }
  const problems: TimelineData['problems'] = [];
  for (let k = 0; k < (opts.problems ?? 0); k++) {
    problems.push(
      k % 2
        ? { code: 'event-after-end', severity: 'warning', message: `job_stage_update_event after the job ended (job ${jobId(k)})`, line: 4 + k * 3, ref: ref(k) }
        : { code: 'invalid-uuid', severity: 'error', message: 'event_id is not 8-4-4-4-12 hexadecimal', line: 2 + k * 3, ref: ref(k) },
    );
  }
  return summarise('jobs.alfred.jsonl', jobs, orphans, problems);
}

/** Strings that try to become markup, script, URLs or template code. */
export const HOSTILE = [
  '<img src=x onerror="window.__pwned=1;alert(1)">',
  '</script><script>window.__pwned=2;alert(2)</script>',
  'javascript:window.__pwned=3;alert(3)',
  "{{constructor.constructor('window.__pwned=4;alert(4)')()}}",
  '" onmouseover="window.__pwned=5" x="',
  "' autofocus onfocus='window.__pwned=6' '",
  '<svg onload="window.__pwned=7"><a href="javascript:alert(7)">x</a></svg>',
  '${window.__pwned=8}',
  '&lt;b&gt;entity&amp;&#60;script&#62;\u0000\u0007\uD800',
];

/** A log whose every payload string is hostile. */
export function hostile(): TimelineData {
  const data = log(3, 10, { orphans: 1, problems: 2 });
  let k = 0;
  const next = (): string => HOSTILE[k++ % HOSTILE.length]!;
  data.title = next();
  for (const job of data.jobs) {
    job.id = next();
    job.company = next();
    for (const m of job.marks) {
      m.name = next();
      m.label = next();
      if (m.errors) m.errors = [next(), next()];
      if (m.ref) m.ref.uri = 'javascript:window.__pwned=9';
    }
    for (const st of job.stages) st.stage = next();
    for (const f of job.files) {
      f.fileId = next();
      for (const m of f.marks) m.name = next();
    }
  }
  for (const m of data.orphans) {
    m.name = next();
    m.label = next();
  }
  for (const p of data.problems) {
    p.message = next();
    p.code = next();
  }
  return data;
}

/** No jobs at all: a document whose every line failed to parse. */
export function broken(): TimelineData {
  return {
    title: 'broken.alfred.jsonl',
    version: 3,
    jobs: [],
    orphans: [],
    summary: { jobs: 0, events: 0, retries: 0, failures: 0 },
    problems: [
      { code: 'json-syntax', severity: 'error', message: 'Expected "}" but found end of text', line: 0, ref: { uri: DOC, offset: 40, length: 1, record: 0 } },
      { code: 'not-an-object', severity: 'error', message: 'A record must be a JSON object; this is an array', line: 1, ref: { uri: DOC, offset: 41, length: 2, record: 1 } },
      { code: 'unknown-field', severity: 'warning', message: 'Unknown field "job_idd"; did you mean "job_id"?', line: 2 },
    ],
    range: null,
  };
}

/** A job's marks in the order the keyboard walks them: by time, file events included. */
export function navOrder(job: TimelineJob): TimelineMark[] {
  return [...job.marks, ...job.files.flatMap((f) => f.marks)].filter((m) => Number.isFinite(m.at)).sort((a, b) => a.at - b.at);
}
