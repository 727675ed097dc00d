import { t, type Diagnostic } from '../core/index';
import type { Output } from './output';
import { summarize, type CheckedFile, type Summary } from './results';

/**
 * One line per diagnostic, `file:line:col  severity  code  message`, then a summary line.
 * Lines and columns are 1-based because that is what terminals (VS Code's included) turn
 * into links; the core's positions are 0-based.
 */
export function formatText(files: readonly CheckedFile[]): string {
  const lines: string[] = [];
  for (const file of files) {
    for (const d of file.diagnostics) lines.push(textLine(file, d));
  }
  lines.push(summaryLine(summarize(files)));
  return lines.join('\n') + '\n';
}

/** The same text as formatText, written a line at a time. */
export async function writeText(files: readonly CheckedFile[], out: Output): Promise<void> {
  for (const file of files) {
    for (const d of file.diagnostics) await out.put(textLine(file, d) + '\n');
  }
  await out.put(summaryLine(summarize(files)) + '\n');
}

/** `file:line:col  severity  code  message`, 1-based, and ` (see file:line:col)` for a related place. */
export function textLine(file: CheckedFile, d: Diagnostic): string {
  const { line, character } = d.range.start;
  // The related place (the earlier event of a cross-event rule) as a clickable location too.
  const rel = d.related?.[0];
  const see = rel ? t(' (see {0})', `${rel.uri ?? file.display}:${rel.range.start.line + 1}:${rel.range.start.character + 1}`) : '';
  return `${file.display}:${line + 1}:${character + 1}  ${d.severity}  ${d.code}  ${oneLine(d.message)}${see}`;
}

/** `3 problems (1 error, 2 warnings, 0 infos) in 2 files`, or `No problems in 2 files`. */
export function summaryLine(s: Summary): string {
  // Each count is a message of its own, singular and plural, so that a language can word both.
  const files = s.files === 1 ? t('1 file') : t('{0} files', s.files);
  const total = s.errors + s.warnings + s.infos;
  if (total === 0) return t('No problems in {0}', files);
  const errors = s.errors === 1 ? t('1 error') : t('{0} errors', s.errors);
  const warnings = s.warnings === 1 ? t('1 warning') : t('{0} warnings', s.warnings);
  const infos = s.infos === 1 ? t('1 info') : t('{0} infos', s.infos);
  const problems = total === 1 ? t('1 problem') : t('{0} problems', total);
  return t('{0} ({1}, {2}, {3}) in {4}', problems, errors, warnings, infos, files);
}

// A message spanning lines would break the one-line-per-problem contract that greps and
// problem matchers rely on.
function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ');
}
