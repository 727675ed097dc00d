import { deepestNode } from '../input/parse';
import { toPointer, type JsonPath } from '../input/pointer';
import { LineIndex } from '../input/positions';
import { view, withoutBom, type RecordSpan } from '../input/record';
import { effectiveSeverity } from '../config/rules';
import type { Diagnostic, RuleSetting } from '../types';
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

export function placeFindings(
  sources: readonly Source[],
  findings: readonly CrossFinding[],
  rules: Readonly<Record<string, RuleSetting | undefined>> | undefined,
): Diagnostic[][] {
  const texts = sources.map((s) => withoutBom(s.text));
  const lines = new Map<number, LineIndex>();
  const index = (source: number): LineIndex => {
    let l = lines.get(source);
    if (!l) lines.set(source, (l = new LineIndex(texts[source]!)));
    return l;
  };
  const span = (r: EventRecord, path: JsonPath): { offset: number; length: number } => spanOf(texts[r.source]!, r.span, path);
  const range = (source: number, s: { offset: number; length: number }) => ({
    start: index(source).position(s.offset),
    end: index(source).position(s.offset + s.length),
  });
  const out: Diagnostic[][] = sources.map(() => []);
  for (const f of findings) {
    const severity = effectiveSeverity(f.code, sources[f.record.source]!.rules ?? rules);
    if (!severity) continue;
    const at = span(f.record, f.path);
    const rel = span(f.related.record, f.related.path);
    const src = f.record.source;
    const d: Diagnostic = { code: f.code, severity, message: f.message, pointer: toPointer(f.path), range: range(src, at), ...at };
    if (f.record.span.index !== undefined) d.record = f.record.span.index;
    const related: NonNullable<Diagnostic['related']>[number] = { message: f.related.message, range: range(f.related.record.source, rel), ...rel };
    if (f.related.record.source !== src) related.uri = sources[f.related.record.source]!.uri;
    if (f.related.record.span.index !== undefined) related.record = f.related.record.span.index;
    d.related = [related];
    out[src]!.push(d);
  }
  return out;
}
