import type { Diagnostic, DocumentMode, Severity } from '../core/index';

/** One file the CLI checked, with everything the three report formats need. */
export interface CheckedFile {
  /**
   * The path as printed in text and JSON reports: relative to the working directory with `/`
   * when the file lies inside it (so VS Code's terminal links resolve), else as the user gave it.
   */
  display: string;
  /**
   * The same relative path when the file lies inside the working directory, else undefined.
   * SARIF needs to know which case it is: a relative URI against `%SRCROOT%` or an absolute one.
   */
  relative: string | undefined;
  /** Absolute file-system path. */
  absolute: string;
  mode: DocumentMode;
  diagnostics: Diagnostic[];
}

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
}

export function summarize(files: readonly CheckedFile[]): Summary {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const file of files) {
    for (const d of file.diagnostics) counts[d.severity] += 1;
  }
  return { files: files.length, errors: counts.error, warnings: counts.warning, infos: counts.info };
}

/** Exit status of `validate` (README, "Command line": exit status): only error-severity diagnostics fail the run. */
export function exitStatus(files: readonly CheckedFile[]): 0 | 1 {
  return summarize(files).errors > 0 ? 1 : 0;
}
