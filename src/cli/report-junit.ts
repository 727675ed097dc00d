import { junitXml, type Diagnostic, type JunitCase, type JunitSuite } from '../core/index';
import type { Output } from './output';
import { textLine } from './report-text';
import type { CheckedFile } from './results';

/** Every case's classname: CI systems group by it, and the file is already in each name. */
const CLASSNAME = 'alfred-events.validate';

/**
 * `validate --format junit` (README "Command line"): a `<testsuite>` per file, in the order of
 * the text report. Each error or warning is a failed `<testcase>` named `code at file:line:col`
 * (1-based, as in the text report), its `<failure>` holding the message, the severity as its
 * type, and the text line and the JSON Pointer as its text. A file with neither is one passing
 * `<testcase>` named after the file, or a skipped one when it was not checked (file-too-large at
 * info). Infos fail nothing, as they do not fail the run: they are the suite's `<system-out>`,
 * one text-report line each. Times are all 0 and nothing depends on the clock.
 */
export function junitSuites(files: readonly CheckedFile[]): JunitSuite[] {
  return files.map((file) => ({
    name: file.display,
    time: 0,
    // Made as they are written, so that a million findings are never held twice.
    cases: { [Symbol.iterator]: () => casesOf(file) },
    output: { [Symbol.iterator]: () => infosOf(file) },
  }));
}

function* casesOf(file: CheckedFile): Generator<JunitCase> {
  let failed = false;
  let notChecked: Diagnostic | undefined;
  for (const d of file.diagnostics) {
    if (d.severity === 'info') {
      if (d.code === 'file-too-large') notChecked = d;
      continue;
    }
    failed = true;
    const { line, character } = d.range.start;
    yield {
      name: `${d.code} at ${file.display}:${line + 1}:${character + 1}`,
      classname: CLASSNAME,
      time: 0,
      failure: { message: d.message, type: d.severity, text: `${textLine(file, d)}\n${pointerLine(file, d)}` },
    };
  }
  if (failed) return;
  const c: JunitCase = { name: file.display, classname: CLASSNAME, time: 0 };
  if (notChecked) c.skipped = { message: notChecked.message };
  yield c;
}

function* infosOf(file: CheckedFile): Generator<string> {
  for (const d of file.diagnostics) if (d.severity === 'info') yield textLine(file, d) + '\n';
}

/** `JSON Pointer: /event/job_id`; the empty pointer, which reads as nothing, said in words. */
function pointerLine(file: CheckedFile, d: Diagnostic): string {
  return `JSON Pointer: ${d.pointer === '' ? `"" (the whole ${file.mode === 'log' ? 'record' : 'payload'})` : d.pointer}`;
}

/** The report written a piece at a time. */
export async function writeJunit(files: readonly CheckedFile[], out: Output): Promise<void> {
  for (const piece of junitXml(junitSuites(files), 'alfred-events validate')) await out.put(piece);
}
