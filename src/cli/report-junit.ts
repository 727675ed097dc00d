import { junitXml, type Diagnostic, type JunitCase, type JunitSuite } from '../core/index';
import type { Output } from './output';
import { textLine } from './report-text';
import type { CheckedFile } from './results';

/** Every case's classname: CI systems group by it, and the file is already in each name. */
const CLASSNAME = 'alfred-events.validate';

/**
 * `validate --format junit` (README "Command line"): a `<testsuite>` per file, in the order of
 * the text report. Each error or warning is a failed `<testcase>` named `code /pointer at
 * file:line:col` (no pointer when it is the whole value) (1-based, as in the text report), its `<failure>` holding the message, the severity as its
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
  const names = new UniqueNames();
  for (const d of file.diagnostics) {
    if (d.severity === 'info') {
      if (d.code === 'file-too-large') notChecked = d;
      continue;
    }
    failed = true;
    const { line, character } = d.range.start;
    // The empty pointer (the whole payload or record) names nothing more than the place does.
    const pointer = d.pointer === '' ? '' : ` ${d.pointer}`;
    yield {
      name: names.of(`${d.code}${pointer} at ${file.display}:${line + 1}:${character + 1}`, `${line}:${character}`),
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

/**
 * GitLab keeps one test case per suite, class name and name (it keys them by a hash of the
 * three), so two failures with one name would show as one. The pointer tells most findings at
 * one place apart (each missing field of an event is reported at the event); what still repeats
 * gets ` #2`, ` #3`. Findings come sorted by position, so only the names at the current position
 * are remembered, never the whole file's.
 */
class UniqueNames {
  private at = '';
  private readonly seen = new Map<string, number>();

  of(name: string, position: string): string {
    if (position !== this.at) {
      this.at = position;
      this.seen.clear();
    }
    const n = (this.seen.get(name) ?? 0) + 1;
    this.seen.set(name, n);
    return n === 1 ? name : `${name} #${n}`;
  }
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
