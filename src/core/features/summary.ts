import { idKey } from '../jobs/ids';
import { captureSpans, recordSpans } from '../input/record';
import type { Diagnostic, DocumentMode } from '../types';

export interface Summary {
  /** Records (a document is one). */
  records: number;
  /** Distinct job_id values (a UUID in any letter case is one: ids.ts). */
  jobs: number;
  recordsWithErrors: number;
  /** The event_name of a single document. */
  eventName?: string;
  /** The document is a capture: its records are its payloads (README "Captures made before"). */
  capture?: boolean;
}

// A scan, not a parse: the status bar must stay cheap on a log of 100,000 lines.
const JOB_ID = /"job_id"\s*:\s*"([^"\\]*)"/g;
const EVENT_NAME = /"event_name"\s*:\s*"([^"\\]*)"/;

/** Counts for the status bar, from the text and the diagnostics already computed for it. */
export function summarize(text: string, mode: DocumentMode, diagnostics: readonly Diagnostic[]): Summary {
  const jobs = new Set<string>();
  for (const m of text.matchAll(JOB_ID)) jobs.add(idKey(m[1]!));
  const withErrors = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.record ?? 0));
  const out: Summary = { records: recordSpans(text, mode).length, jobs: jobs.size, recordsWithErrors: withErrors.size };
  if (mode === 'document' && captureSpans(text)) out.capture = true;
  else if (mode === 'document') {
    const name = EVENT_NAME.exec(text)?.[1];
    if (name !== undefined) out.eventName = name;
  }
  return out;
}
