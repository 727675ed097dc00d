import { deepestNode } from '../input/parse';
import { toPointer, type JsonPath } from '../input/pointer';
import { LineIndex } from '../input/positions';
import { view, withoutBom, type RecordSpan } from '../input/record';
import { effectiveSeverity } from '../config/rules';
import { makeDiagnostic, type Placer, type Rules } from '../pipeline/diagnostic';
import type { Diagnostic, RelatedInformation } from '../types';
import type { EventRecord, Source } from './records';
import type { CrossFinding } from './rules';

/**
 * Turns cross-event findings into diagnostics of their sources, with ranges: each record is
 * parsed into a tree only now, and only because something is reported on it.
 */
/**
 * Where a path points in one record of a text (absolute offsets): its node, else the nearest
 * ancestor there is, else the whole record. The record is parsed into a tree only here.
 */
export function spanOf(text: string, span: RecordSpan, path: JsonPath): { offset: number; length: number } {
  const rec = view(text, span);
  if (!rec.root) return { offset: span.start, length: span.end - span.start };
  const node = deepestNode(rec.root, path);
  return { offset: span.start + node.offset, length: node.length };
}

/** Where a path of one record is, with what turns its offsets into positions. */
export interface Placed {
  offset: number;
  length: number;
  lines: Placer;
  /** The record's index among a log's non-blank lines; undefined in a single document. */
  record?: number;
}

/**
 * One cross-event finding as a diagnostic of the source its record is in, the earlier record as
 * related information; undefined when the rule is off. `locate` finds a record's path in its
 * text (each door keeps its texts its own way); `uriOf` names a source for a related place in
 * another one.
 */
export function placeFinding(f: CrossFinding, rules: Rules, locate: (r: EventRecord, path: JsonPath) => Placed, uriOf: (source: number) => string): Diagnostic | undefined {
  if (!effectiveSeverity(f.code, rules)) return undefined;
  const at = locate(f.record, f.path);
  const d = makeDiagnostic({ code: f.code, offset: at.offset, length: at.length, message: f.message, pointer: toPointer(f.path), record: at.record }, rules, at.lines)!;
  const rel = locate(f.related.record, f.related.path);
  const related: RelatedInformation = { message: f.related.message, range: { start: rel.lines.position(rel.offset), end: rel.lines.position(rel.offset + rel.length) }, offset: rel.offset, length: rel.length };
  if (f.related.record.source !== f.record.source) related.uri = uriOf(f.related.record.source);
  if (rel.record !== undefined) related.record = rel.record;
  d.related = [related];
  return d;
}

/** The diagnostics of cross-event findings over sources held as whole texts, one list per source. */
export function placeFindings(sources: readonly Source[], findings: readonly CrossFinding[], rules: Rules): Diagnostic[][] {
  const texts = sources.map((s) => withoutBom(s.text));
  const lines = new Map<number, LineIndex>();
  const index = (source: number): LineIndex => {
    let l = lines.get(source);
    if (!l) lines.set(source, (l = new LineIndex(texts[source]!)));
    return l;
  };
  const locate = (r: EventRecord, path: JsonPath): Placed => ({ ...spanOf(texts[r.source]!, r.span, path), lines: index(r.source), record: r.span.index });
  const out: Diagnostic[][] = sources.map(() => []);
  for (const f of findings) {
    // A finding takes the severity of the source it is on (its folder's configuration).
    const d = placeFinding(f, sources[f.record.source]!.rules ?? rules, locate, (source) => sources[source]!.uri);
    if (d) out[f.record.source]!.push(d);
  }
  return out;
}
