import * as vscode from 'vscode';
import type { DocumentMode, EventRecord } from '../core/index';
import { buildModel } from '../core/jobs/model';
import { readRecords } from '../core/jobs/records';
import { lineSpans } from '../core/input/positions';
import { isRecordList, withoutBom } from '../core/input/record';
import { sourceText, type RecordRef } from './compare-documents';
import type { WorkspaceIndex } from './workspace-index';

/** What the search for the previous event found. */
export type Previous =
  | { found: RecordRef; job: string }
  /** `none`: the record is its job's first event; `orphan`: it names no job; `unread`: no record at that place. */
  | { found?: undefined; why: 'none' | 'orphan' | 'unread'; job?: string };

/**
 * The event of the same job just before the record `ref` names, in the order the job model puts
 * a job's events (by time, ties in file order: jobs/model.ts `inTimeOrder`). A job's own events
 * are looked for in the document and, through the workspace index, in the other payload files of
 * its workspace folder (as the cross-event checks read them); a file event's previous is the
 * previous event of the same file of the job, in this document only, since the index keeps no
 * file ids. `text` and `mode` are the document's as the user sees it.
 */
export async function previousEvent(ref: RecordRef, text: string, mode: DocumentMode, index?: WorkspaceIndex): Promise<Previous> {
  const body = withoutBom(text);
  const own = readRecords([{ uri: ref.uri.toString(), text: body, mode }], 'all');
  // The record the line is part of: a log's line is one, a capture's payload spans lines.
  const line = isRecordList(body, mode) ? lineSpans(body)[(ref.line ?? 1) - 1] : { start: 0, end: body.length };
  const target = line === undefined ? undefined : own.find((r) => r.span.start <= line.end && line.start <= r.span.end);
  if (!target) return { why: 'unread' };
  const around = index ? await index.around(ref.uri, () => false) : undefined;
  const sets = around ? [...around.sets.slice(0, around.at).map((s) => s.records), own, ...around.sets.slice(around.at).map((s) => s.records)] : [own];
  const uris = around ? [...around.sets.slice(0, around.at).map((s) => s.uri), ref.uri.toString(), ...around.sets.slice(around.at).map((s) => s.uri)] : [ref.uri.toString()];
  // One body of events in file order, as Validate Workspace reads the folder: order breaks ties.
  let order = 0;
  let copy: EventRecord | undefined;
  const all = sets.flatMap((records, source) => records.map((r) => {
    const c = { ...r, source, order: order++ };
    if (r === target) copy = c;
    return c;
  }));
  const model = buildModel(all);
  for (const job of model.jobs) {
    const lists = [job.events, ...job.files.values()];
    for (const list of lists) {
      const i = list.indexOf(copy!);
      if (i < 0) continue;
      if (i === 0) return { why: 'none', job: job.id };
      const prev = list[i - 1]!;
      const uri = vscode.Uri.parse(uris[prev.source]!);
      return { found: { uri, ...(await lineOf(uri, prev)) }, job: job.id };
    }
  }
  return { why: 'orphan' };
}

/** The 1-based line a log's record starts on; none for a payload file. */
async function lineOf(uri: vscode.Uri, r: EventRecord): Promise<{ line?: number }> {
  if (r.span.index === undefined) return {};
  const text = withoutBom((await sourceText(uri)) ?? '');
  const spans = lineSpans(text);
  // Binary search: the last line starting at or before the record.
  let lo = 0;
  let hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spans[mid]!.start <= r.span.start) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1 };
}
