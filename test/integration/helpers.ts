// Shared by the integration tests: a workspace of copied fixtures, and waits that end on an event
// (or fail after a bound), never on a fixed sleep.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TimelinePreview } from '../../src/editor/preview';
import type { AlfredEventsApi } from '../../src/extension';
import { until } from '../shared/until';

export { until };

export const EXTENSION_ID = 'alfred-events.alfred-events';

/** What activate returns (the extension's own type, so that the tests cannot drift from it). */
export type Api = AlfredEventsApi;
export type Preview = TimelinePreview;

export async function api(): Promise<Api> {
  const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  return ext.activate();
}

export function workspaceUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test window has no workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

/** Our diagnostics of a document as they are now (other extensions' left out). */
export const ours = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Alfred Events');

/**
 * Our diagnostics of a document once they satisfy `ok`: for what is there, or for what was there
 * going. A condition that may hold before the check has run (nothing there) needs `checked`.
 */
export function diagnosticsOf(uri: vscode.Uri, ok: (ds: vscode.Diagnostic[]) => boolean, what = 'diagnostics'): Promise<vscode.Diagnostic[]> {
  return until(vscode.languages.onDidChangeDiagnostics, () => (ok(ours(uri)) ? ours(uri) : undefined), `${what} on ${uri.path}`);
}

/**
 * Our diagnostics of a document once the extension has checked it as it is now (its current
 * version): its problems published, or the document found to be none of ours. A test may say
 * that a problem is absent only after this.
 */
export async function checked(doc: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
  const a = await api();
  await until(a.onDidValidate, () => (a.checked(doc.uri) === doc.version ? true : undefined), `the check of ${doc.uri.path} at version ${doc.version}`);
  return ours(doc.uri);
}

/** Once no check is scheduled or running: for documents that are gone, which have no version to wait for. */
export function settled(a: Api): Promise<true> {
  return until(a.onDidSettle, () => (a.busy() ? undefined : true), 'no check left running');
}

export const codes = (ds: readonly vscode.Diagnostic[]): string[] =>
  ds.map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code)));

/** Opens a new untitled document of a language with content, in an editor. */
export async function untitled(content: string, language = 'alfred-event'): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language, content });
  return vscode.window.showTextDocument(doc);
}

/** Writes a file into the workspace and opens it in an editor. */
export async function file(name: string, content: string): Promise<vscode.TextEditor> {
  const uri = workspaceUri('scratch', name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc);
}

export async function readExample(name: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('examples', name)));
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The position just after the first occurrence of `needle` (plus `delta` characters). */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = needle.length): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is not in ${doc.uri.path}`);
  return doc.positionAt(at + delta);
}
