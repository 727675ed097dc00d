import { effectiveSeverity, type RuleCode } from '../config/rules';
import type { Diagnostic, Position, RuleSetting } from '../types';

/** Turns a UTF-16 offset of the text a diagnostic is in into a line and character (a LineIndex). */
export interface Placer {
  position(offset: number): Position;
}

/** The user's rule settings as the CLI and the editor pass them (README, "Rules"). */
export type Rules = Readonly<Record<string, RuleSetting | undefined>> | undefined;

/** What a finding says and where, before the user's severity and the text's lines are applied. */
export interface Problem {
  code: RuleCode;
  /** UTF-16 offset in the whole text, and length in UTF-16 code units. */
  offset: number;
  length: number;
  message: string;
  /** RFC 6901 pointer into the record ('' for the record itself). */
  pointer: string;
  /** Index of the record among a log's non-blank lines; undefined in a single document. */
  record?: number;
  suggestions?: readonly string[];
}

/**
 * The stable order of findings (README, "Command line"): by offset, then the shorter span first;
 * otherwise as found (sorts are stable). For anything with an offset and a length.
 */
export const byOffset = (a: { offset: number; length: number }, b: { offset: number; length: number }): number => a.offset - b.offset || a.length - b.length;

/**
 * The one place a Diagnostic is made, as vscode-json-languageservice has one `addProblem`: the
 * per-record checks, the cross-event checks and the encoding check all come through here, so a
 * rule's severity, its range and its fields are the same whichever stage found it. Returns
 * undefined when the user turned the rule `off` (README, "Rules").
 */
export function makeDiagnostic(p: Problem, rules: Rules, lines: Placer): Diagnostic | undefined {
  const severity = effectiveSeverity(p.code, rules);
  if (!severity) return undefined;
  const d: Diagnostic = {
    code: p.code,
    severity,
    message: p.message,
    pointer: p.pointer,
    range: { start: lines.position(p.offset), end: lines.position(p.offset + p.length) },
    offset: p.offset,
    length: p.length,
  };
  if (p.record !== undefined) d.record = p.record;
  if (p.suggestions && p.suggestions.length > 0) d.suggestions = [...p.suggestions];
  return d;
}
