import * as vscode from 'vscode';
import { LogSession } from '../core/index';

/**
 * Each open log's incremental session and the document version it is at. An edit is followed
 * line by line when the session is complete and one version behind; anything else drops it, and
 * the next check starts a new one.
 */
export class SessionCache {
  private readonly sessions = new Map<string, { session: LogSession; version: number }>();

  /** The session kept for this version of the document (complete or still under way). */
  at(uri: vscode.Uri, version: number): LogSession | undefined {
    const kept = this.sessions.get(uri.toString());
    return kept?.version === version ? kept.session : undefined;
  }

  /** A log's session when it is complete and at this version: what it parsed can be reused. */
  complete(doc: vscode.TextDocument): LogSession | undefined {
    const session = this.at(doc.uri, doc.version);
    return session?.step(0) ? session : undefined;
  }

  set(uri: vscode.Uri, version: number, session: LogSession): void {
    this.sessions.set(uri.toString(), { session, version });
  }

  delete(uri: vscode.Uri): void {
    this.sessions.delete(uri.toString());
  }

  clear(): void {
    this.sessions.clear();
  }

  /**
   * Brings a log's session up to date with one change: the lines it touched are re-checked, the
   * rest kept. Anything else (several changes at once, a session behind) starts afresh.
   */
  follow(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    const kept = this.sessions.get(key);
    if (!kept) return;
    const change = e.contentChanges.length === 1 ? e.contentChanges[0] : undefined;
    if (!change || kept.version !== e.document.version - 1 || !kept.session.step(0)) {
      this.sessions.delete(key);
      return;
    }
    const first = change.range.start.line;
    const removed = change.range.end.line - first + 1;
    const added = change.text.split(/\r\n|\r|\n/).length;
    const lines: string[] = [];
    for (let i = first; i < first + added; i++) lines.push(e.document.lineAt(i).text);
    kept.session.edit(first, removed, lines, e.document.eol === vscode.EndOfLine.CRLF ? 2 : 1);
    kept.version = e.document.version;
  }
}
