import * as vscode from 'vscode';
import type { Diagnostic, Severity } from '../core/index';
import pkg from '../../package.json';

/** `source` of every diagnostic: code actions recognise ours by it. */
export const SOURCE = 'Alfred Events';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Where a rule is documented: its row in the README's rule table. */
export function ruleDocs(code: string): vscode.Uri {
  return vscode.Uri.parse(`${pkg.homepage.replace(/#.*$/, '')}#rule-${code}`);
}

export function toRange(r: Diagnostic['range']): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function toDiagnostic(d: Diagnostic, uri: vscode.Uri): vscode.Diagnostic {
  const out = new vscode.Diagnostic(toRange(d.range), d.message, SEVERITY[d.severity]);
  out.source = SOURCE;
  out.code = { value: d.code, target: ruleDocs(d.code) };
  // The earlier event a cross-event rule points at, one click away in the Problems panel.
  if (d.related) out.relatedInformation = d.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(r.uri ? vscode.Uri.parse(r.uri) : uri, toRange(r.range)), r.message));
  return out;
}

/** The rule code of one of our diagnostics, or undefined for another extension's. */
export function codeOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== SOURCE) return undefined;
  return typeof d.code === 'object' ? String(d.code.value) : typeof d.code === 'string' ? d.code : undefined;
}
