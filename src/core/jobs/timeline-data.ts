/**
 * The job timeline as plain, serialisable data: built by the core (timeline.ts), posted by the
 * extension and drawn by the preview's page. No `vscode`, no DOM. The messages that carry it
 * between the extension and the page, and their checks, are theirs: src/shared/preview-protocol.ts.
 */

/** Where a mark came from, so that a click can reveal it in the editor. */
export interface TimelineRef {
  /** The document's URI as a string (the host resolves it; the webview only echoes it). */
  uri: string;
  offset: number;
  length: number;
  /** Record index in a log (0-based over non-blank lines); absent for a single document. */
  record?: number;
}

export type MarkKind = 'create' | 'start' | 'stage' | 'retry' | 'end' | 'file' | 'other';

export type Outcome = 'finished' | 'failed' | 'invalid' | 'exceeded_retries' | 'open';

/** One event on a lane. */
export interface TimelineMark {
  /** Unique within one TimelineData; the host names the mark under the cursor by it. */
  id: string;
  kind: MarkKind;
  /** The event_name as written. */
  name: string;
  /** Milliseconds since 1970 (UTC). */
  at: number;
  /** True when the time is inferred (a retry known only from a later event's error list). */
  approximate?: boolean;
  /**
   * What the other fields do not say, in a few words ("created (its creation_date)", "file …");
   * often empty. The page builds the tooltip and accessible label from all the fields, each fact
   * once, so the label never repeats the name, time, stage, retry count, outcome or errors.
   */
  label: string;
  /** For stage updates (and any event that names one): the stage as written. */
  stage?: string;
  /** For retries: the retry count the event reports. */
  retries?: number;
  /** For retries: the error messages new at this retry. */
  errors?: string[];
  /** For end marks: how the job ended. */
  outcome?: Outcome;
  ref?: TimelineRef;
}

/** A stretch of time the job spent in one stage (from a stage update to the next, or the end). */
export interface TimelineStage {
  stage: string;
  from: number;
  to: number;
  /** The stage update that began it. */
  markId: string;
}

export interface TimelineFile {
  /** As first written: ids that differ only in letter case are one file (ids.ts). */
  fileId: string;
  marks: TimelineMark[];
}

export interface TimelineJob {
  /** The job_id as first written: ids that differ only in letter case are one job (ids.ts). */
  id: string;
  company?: string;
  start: number;
  end: number;
  outcome: Outcome;
  /** The highest retry count any of its events reports. */
  retries: number;
  /** Whether any event says the retries were exceeded. */
  exceeded: boolean;
  marks: TimelineMark[];
  stages: TimelineStage[];
  files: TimelineFile[];
}

export interface TimelineProblem {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** 0-based line in the document, for the list under the picture. */
  line: number;
  ref?: TimelineRef;
}

export interface TimelineSummary {
  jobs: number;
  events: number;
  retries: number;
  failures: number;
}

export interface TimelineData {
  /** What is shown: the document's file name. */
  title: string;
  /** The document version the data was built from; older renders are dropped. */
  version: number;
  /** The previewed document's URI, kept in the webview's state so a reload can restore the preview. */
  source?: string;
  jobs: TimelineJob[];
  /** Events that belong to no job (file events whose job is unknown, unknown events). */
  orphans: TimelineMark[];
  summary: TimelineSummary;
  /** The document's problems (the first of them, capped), shown under the picture. */
  problems: TimelineProblem[];
  /** How many problems there are in all, when `problems` holds only the first of them. */
  problemsTotal?: number;
  /** Earliest and latest time over all jobs and orphans; null when nothing has a time. */
  range: { min: number; max: number } | null;
  /**
   * Set when the jobs come in parts: this picture's number, which each `more` message after it
   * repeats (a long log's timeline is tens of MB; one message would hold the extension host).
   */
  delivery?: number;
}
