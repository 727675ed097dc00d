import type { Diagnostic } from '../core/index';
import { Streamed, writeJson, type Output } from './output';
import { summarize, type CheckedFile, type Summary } from './results';

/** A diagnostic as the README's "Command line" section (`--format json`) prints it: the core's fields minus offsets and suggestions. */
export type JsonDiagnostic = Pick<Diagnostic, 'code' | 'severity' | 'message' | 'pointer' | 'record' | 'range'>;

export interface JsonReport {
  files: { file: string; diagnostics: JsonDiagnostic[] }[];
  summary: Summary;
}

/**
 * Builds the `--format json` object of the README's "Command line" section. The keys are copied one by one rather than spread so that a
 * field the core adds later cannot leak into a format other tools parse.
 */
export function jsonReport(files: readonly CheckedFile[]): JsonReport {
  return {
    files: files.map((file) => ({ file: file.display, diagnostics: file.diagnostics.map(jsonDiagnostic) })),
    summary: summarize(files),
  };
}

function jsonDiagnostic(d: Diagnostic): JsonDiagnostic {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    pointer: d.pointer,
    // `record` locates a problem among a log's records or a capture's payloads (its index in
    // `events`); a single document has none, nor has a capture's own member.
    ...(d.record !== undefined ? { record: d.record } : {}),
    range: {
      start: { line: d.range.start.line, character: d.range.start.character },
      end: { line: d.range.end.line, character: d.range.end.character },
    },
  };
}

export function formatJson(files: readonly CheckedFile[]): string {
  return JSON.stringify(jsonReport(files), null, 2) + '\n';
}

/** The same text as formatJson, written a diagnostic at a time. */
export async function writeJsonReport(files: readonly CheckedFile[], out: Output): Promise<void> {
  const each = function* (file: CheckedFile): Generator<JsonDiagnostic> {
    for (const d of file.diagnostics) yield jsonDiagnostic(d);
  };
  await writeJson(out, { files: new Streamed(files.map((file) => ({ file: file.display, diagnostics: new Streamed(each(file)) }))), summary: summarize(files) });
  await out.put('\n');
}
