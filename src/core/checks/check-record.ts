import type { Node } from 'jsonc-parser';
import { t } from '../l10n';
import { checkPayload } from './check-payload';
import { fastAccept } from './fast-accept';
import { preview, type Finding } from './findings';
import { deepestNode, depthExceeded, memberAt, nodeAt, parseRecord, repeatsKey, toValue, tooDeepSpot, type ParsedRecord, type Spot } from '../input/parse';
import { toPointer } from '../input/pointer';
import type { LineIndex } from '../input/positions';
import { effectiveSeverity } from '../config/rules';
import { byOffset, makeDiagnostic } from '../pipeline/diagnostic';
import type { Diagnostic, Position, ValidateOptions } from '../types';
import { numbersOf } from './written';
import type { RuleCode } from '../config/rules';

/*
 * The checks of one record (a document, or one line of a log), shared by the whole-text
 * validation and the incremental one of a log in the editor.
 */

/** Checks one record; returns its value (for the cross-event checks) when it parsed. */
export function checkRecord(text: string, start: number, end: number, record: number | undefined, sink: Sink): unknown {
  return checkRecordValue(text, start, end, record, sink).value;
}

/**
 * The same, also saying whether the value came from JSON.parse (`strict`) rather than from the
 * lenient tree of a record with a syntax error: the CLI's cross-event checks read only records
 * that parse (jobs/records.ts readRecords), and the streaming engine must read the same ones.
 */
export function checkRecordValue(text: string, start: number, end: number, record: number | undefined, sink: Sink): { value: unknown; strict: boolean } {
  // The fast way first: most records of a log are fine, and JSON.parse plus fastAccept say so
  // without zod, a tree or a closure. Anything fastAccept is not sure of goes the whole way.
  const src = text.slice(start, end);
  // Before JSON.parse and everything after it: the checks walk the value, some of them level by
  // level, so a hostile record nested 100,000 deep would cost time growing with the square of its
  // depth. Refused as the tree's parser refuses it, and, like a record that does not parse, read
  // by no cross-event check (jobs/records.ts readRecords skips it too).
  const deep = depthExceeded(src);
  if (deep >= 0) {
    sink.spot('json-syntax', tooDeepSpot(start + deep), '', record);
    return { value: undefined, strict: false };
  }
  let value: unknown;
  try {
    value = JSON.parse(src);
  } catch {
    return { value: check(text, start, end, record, sink, src, undefined), strict: false };
  }
  if (fastAccept(value, src)) return { value, strict: true };
  return { value: check(text, start, end, record, sink, src, value), strict: true };
}

/** The whole way: `value` is what JSON.parse read from `src`, undefined when it failed. */
function check(text: string, start: number, end: number, record: number | undefined, sink: Sink, src: string, value: unknown): unknown {
  let tree: ParsedRecord | undefined;
  const parse = (): ParsedRecord => (tree ??= parseRecord(text, start, end));
  // Numbers as written, from the tree: built only for a record whose numbers need a closer look.
  const numbers = numbersOf(src, () => parse().root);
  let findings: Finding[] | undefined;
  if (value !== undefined && !repeatsKey(src, value)) {
    findings = checkPayload(value, numbers);
    if (findings.length === 0) return value;
  }
  const parsed = parse();
  for (const s of parsed.syntax) sink.spot('json-syntax', s, '', record);
  if (!parsed.root) return undefined;
  const root = parsed.root;
  for (const s of parsed.duplicates.slice(0, MAX_FINDINGS)) {
    const name = String(s.path[s.path.length - 1]);
    // Where the first one is: its line, or on the same line its column, both the text's own (a
    // capture's payload starts mid-line, after its key), 1-based as file:line:col says them.
    const at = sink.position(s.firstOffset);
    const first = at.line === sink.line(s.offset) ? t('earlier on this line (column {0})', at.character + 1) : t('on line {0}', at.line + 1);
    const message = t('Duplicate key {0}: it is already set {1}; parsers disagree on which value wins (this check reads the last)', preview(name), first);
    sink.spot('duplicate-key', { ...s, message }, toPointer(s.path), record);
  }
  if (parsed.duplicates.length > MAX_FINDINGS) {
    const rest = parsed.duplicates.length - MAX_FINDINGS;
    sink.spot('duplicate-key', { offset: start + root.offset, length: 1, message: t('{0} more repeated keys in this record are not shown', rest) }, '', record);
  }
  // Two event names: which event this is depends on the parser, so nothing more can be said.
  value ??= toValue(root);
  if (parsed.duplicates.some((d) => d.path.length <= 2 && d.path[0] === 'event' && (d.path[1] ?? 'event_name') === 'event_name')) return value;
  let shown = 0;
  findings ??= checkPayload(value, numbers);
  for (const f of findings) {
    if (f.absorbedBy && sink.outranks(f.absorbedBy.code, f.code)) continue;
    if (shown === MAX_FINDINGS) {
      const rest = findings.length - shown;
      sink.spot(f.code, { offset: start + root.offset, length: 1, message: t('{0} more problems in this record are not shown; fix the ones above first', rest) }, '', record);
      break;
    }
    const span = locate(root, f);
    sink.spot(f.code, { offset: start + span.offset, length: span.length, message: f.message }, toPointer(f.path), record, f.suggestions);
    shown++;
  }
  return value;
}

/** The text a finding points at: the value, the key, or the brace of the object that lacks a member. */
function locate(root: Node, f: Finding): { offset: number; length: number } {
  if (f.at === 'missing') {
    const parent = deepestNode(root, f.path.slice(0, -1));
    return { offset: parent.offset, length: 1 };
  }
  if (f.at === 'key') {
    const parent = nodeAt(root, f.path.slice(0, -1));
    const key = parent ? memberAt(parent, String(f.path[f.path.length - 1]))?.children?.[0] : undefined;
    if (key) return { offset: key.offset, length: key.length };
  }
  const node = deepestNode(root, f.path);
  return { offset: node.offset, length: node.length };
}

/** Beyond this many findings in one record (thousands of unknown keys), the rest say nothing new. */
const MAX_FINDINGS = 200;

/** Collects diagnostics, applying the user's severities and turning offsets into positions. */
export class Sink {
  private readonly out: Diagnostic[] = [];

  constructor(
    private readonly lines: LineIndex,
    private readonly options: ValidateOptions,
  ) {}

  spot(code: RuleCode, s: Spot, pointer: string, record: number | undefined, suggestions?: string[]): void {
    const d = makeDiagnostic({ code, offset: s.offset, length: s.length, message: s.message, pointer, record, suggestions }, this.options.rules, this.lines);
    if (d) this.out.push(d);
  }

  add(d: Diagnostic): void {
    this.out.push(d);
  }

  /** 0-based line of an offset. */
  line(offset: number): number {
    return this.lines.position(offset).line;
  }

  /** 0-based line and UTF-16 column of an offset in the text checked. */
  position(offset: number): Position {
    return this.lines.position(offset);
  }

  /** Whether `a`, at the user's severity, says at least as much as `b`: both shown, `a` not weaker. */
  outranks(a: string, b: string): boolean {
    const rank = (code: string): number => {
      const s = effectiveSeverity(code, this.options.rules);
      return s === 'error' ? 3 : s === 'warning' ? 2 : s === 'info' ? 1 : 0;
    };
    return rank(a) > 0 && rank(a) >= rank(b);
  }

  sorted(): Diagnostic[] {
    return this.out.sort(byOffset);
  }
}
