import * as vscode from 'vscode';
import { readRecords } from '../core/jobs/records';
import { lineSpans } from '../core/input/positions';
import { withoutBom } from '../core/input/record';
import type { DocumentMode } from '../core/types';
import type { RecordRef } from './compare-documents';

/** Records offered for one log: a Quick Pick would not show more in any useful way. */
const MAX_PICKS = 5000;

/** The records of a log or a capture as Quick Pick items: "line 40" (where it starts), its event and job. */
export function recordPicks(uri: vscode.Uri, text: string, mode: DocumentMode = 'log'): (vscode.QuickPickItem & { ref: RecordRef })[] {
  const body = withoutBom(text);
  const starts = lineSpans(body).map((l) => l.start);
  const out: (vscode.QuickPickItem & { ref: RecordRef })[] = [];
  let line = 0;
  // In file order (a capture's payloads are read in reception order), so the line only moves forward.
  const records = readRecords([{ uri: uri.toString(), text: body, mode }], 'all').sort((a, b) => a.span.start - b.span.start);
  for (const r of records) {
    if (out.length >= MAX_PICKS) break;
    while (line + 1 < starts.length && starts[line + 1]! <= r.span.start) line++;
    out.push({
      label: vscode.l10n.t('line {0}', line + 1),
      description: r.name || undefined,
      detail: r.jobId ? vscode.l10n.t('job {0}', r.jobId) : undefined,
      ref: { uri, line: line + 1 },
    });
  }
  return out;
}
