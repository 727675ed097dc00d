import * as vscode from 'vscode';
import type { Diagnostic, DocumentMode } from '../core/index';
import { toDiagnostic } from './convert';

/** What the last finished validation of a document found, for code actions and the status item. */
export interface Result {
  version: number;
  mode: DocumentMode;
  diagnostics: Diagnostic[];
}

/**
 * Where finished checks go: each open document's last result and the version it was for, the
 * diagnostic collection (which Validate Workspace and the large-file reader fill too), and the
 * event that says a document's check is over.
 */
export class ResultStore implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('alfred-events');
  private readonly results = new Map<string, Result>();
  /** The version whose check last finished (published, or found to be none of ours), per document. */
  private readonly checkedVersions = new Map<string, number>();
  private readonly updated = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidUpdate = this.updated.event;

  result(uri: vscode.Uri): Result | undefined {
    return this.results.get(uri.toString());
  }

  checked(uri: vscode.Uri): number | undefined {
    return this.checkedVersions.get(uri.toString());
  }

  /** A document's findings at a version, shown in the editor and the Problems panel. */
  publish(uri: vscode.Uri, result: Result): void {
    this.results.set(uri.toString(), result);
    this.checkedVersions.set(uri.toString(), result.version);
    this.collection.set(uri, result.diagnostics.map((d) => toDiagnostic(d, uri)));
    this.updated.fire(uri);
  }

  /** The document at this version is none of ours: nothing to report, and its check is over. */
  none(uri: vscode.Uri, version: number): void {
    this.results.delete(uri.toString());
    this.collection.delete(uri);
    this.checkedVersions.set(uri.toString(), version);
    this.updated.fire(uri);
  }

  forget(uri: vscode.Uri): void {
    this.results.delete(uri.toString());
    this.checkedVersions.delete(uri.toString());
    this.collection.delete(uri);
    this.updated.fire(uri);
  }

  dispose(): void {
    this.collection.dispose();
    this.updated.dispose();
  }
}
