import * as vscode from 'vscode';
import { modeOfName, payloadMode, type DocumentMode, type LineSource } from '../core/index';
import { settingsFor } from './settings';

export const DOCUMENT_LANGUAGE = 'alfred-event';
export const LOG_LANGUAGE = 'alfred-event-log';

/** Where the providers apply; plain JSON is filtered further by `modeOf`. */
export const SELECTOR: vscode.DocumentSelector = [
  { language: DOCUMENT_LANGUAGE },
  { language: LOG_LANGUAGE },
  { language: 'json' },
  { language: 'jsonl' },
];

/**
 * How to read a document, or undefined when it is none of ours. Plain JSON counts only when
 * detection is on and its content is an Alfred payload: unrelated JSON is never touched.
 * `plainJson` is the setting's unless the caller knows better (a team configuration's `detect`).
 */
export function modeOf(doc: vscode.TextDocument): DocumentMode | undefined {
  return modeWith(doc, settingsFor(doc).plainJson);
}

/** The same, with plain JSON detection on or off as the document's configuration says. */
export function modeWith(doc: vscode.TextDocument, plainJson: boolean): DocumentMode | undefined {
  if (doc.languageId === DOCUMENT_LANGUAGE) return 'document';
  if (doc.languageId === LOG_LANGUAGE) return 'log';
  if (doc.languageId !== 'json' && doc.languageId !== 'jsonl') return undefined;
  const mode = doc.languageId === 'jsonl' ? 'log' : modeOfName(doc.uri.path);
  return payloadMode(doc.uri.path, () => doc.getText(new vscode.Range(0, 0, 400, 0)), { plainJson, mode });
}

export function rangeOf(doc: vscode.TextDocument, offset: number, length: number): vscode.Range {
  return new vscode.Range(doc.positionAt(offset), doc.positionAt(offset + length));
}

/**
 * The text a request about one place needs: the whole document, but in a log only the line (its
 * record is that line), with `base` to shift offsets back. Hover, completion and quick fixes
 * look at one record, and a long log is tens of MB that VS Code copies at each getText().
 */
export function scopeAt(doc: vscode.TextDocument, mode: DocumentMode, line: number): { text: string; base: number } {
  if (mode !== 'log') return { text: doc.getText(), base: 0 };
  const l = doc.lineAt(line);
  return { text: l.text, base: doc.offsetAt(l.range.start) };
}

/**
 * Whether problems are looked for in a document at this address. Not in a read-only snapshot
 * beside the workspace: the HEAD side of Git: Open Changes (`git:`, a read-only file system) or
 * any other read-only file system, whose text the user cannot fix and whose file is checked
 * under its own address (as VS Code's own TypeScript support leaves `git:` alone). A workspace
 * that is itself read-only is still the user's, and Validate Workspace reports its files; so are
 * untitled documents and addresses with no file system behind them.
 */
export function isCheckable(uri: vscode.Uri): boolean {
  if (vscode.workspace.fs.isWritableFileSystem(uri.scheme) !== false) return true;
  return (vscode.workspace.workspaceFolders ?? []).some((f) => f.uri.scheme === uri.scheme);
}

/** A document's lines as the core reads them one by one (a long log is never copied whole). */
export function linesOf(doc: vscode.TextDocument): LineSource {
  return { count: doc.lineCount, line: (i) => doc.lineAt(i).text, eol: doc.eol === vscode.EndOfLine.CRLF ? 2 : 1 };
}
