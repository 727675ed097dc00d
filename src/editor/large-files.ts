import * as vscode from 'vscode';
import { decodeBytes, DETECT_LENGTH, FileValidation, isPlainJsonName, payloadMode } from '../core/index';
import { toDiagnostic } from './convert';
import type { DiagnosticsController } from './diagnostics';
import { isCheckable } from './documents';
import { SECTION } from './settings';
import { inSlices } from './slices';
import type { TeamConfigs } from './team-config';
import { isShown, TabWatch, urisOf } from './tabs';

/**
 * VS Code hands extensions no document over 50 MB (its model sync limit): a day of webhook
 * traffic is more. Such a file, open in a tab, is read from disk instead, checked in slices, and
 * checked again each time it changes on disk (when the user saves it). Its problems show in the
 * editor and the Problems panel like any other; what needs the document itself (completion,
 * hover, fixes, the preview) VS Code does not offer for it.
 */
export const SYNC_LIMIT = 50 * 1024 * 1024;

interface Watched {
  watcher: vscode.FileSystemWatcher;
  /** The newest check; an older one still running stops when it sees this changed. */
  run: number;
}

export class LargeFiles implements vscode.Disposable {
  private readonly watched = new Map<string, Watched>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly diagnostics: DiagnosticsController, private readonly configs: TeamConfigs) {
    this.subscriptions = [
      new TabWatch({ shown: (uri) => void this.consider(uri), hidden: (uri) => this.drop(uri) }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) this.recheck();
      }),
      configs.onDidChange(() => this.recheck()),
    ];
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) for (const uri of urisOf(tab)) void this.consider(uri);
    }
  }

  private recheck(): void {
    for (const key of this.watched.keys()) void this.check(vscode.Uri.parse(key));
  }

  /** The large files being followed, for tests. */
  files(): string[] {
    return [...this.watched.keys()];
  }

  dispose(): void {
    for (const w of this.watched.values()) w.watcher.dispose();
    this.watched.clear();
    for (const s of this.subscriptions) s.dispose();
  }

  private async consider(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    if (this.watched.has(key) || isSynced(uri) || !isCheckable(uri) || !isPlainJsonName(uri.path)) return; // every payload name is one of these too
    let size: number;
    try {
      size = (await vscode.workspace.fs.stat(uri)).size;
    } catch {
      return; // gone, or a scheme with no file system: nothing to read
    }
    if (size <= SYNC_LIMIT || this.watched.has(key) || !isShown(uri)) return;
    const name = uri.path.split('/').pop() ?? '';
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), name));
    const again = (): void => void this.check(uri);
    watcher.onDidChange(again);
    watcher.onDidCreate(again);
    watcher.onDidDelete(() => this.diagnostics.collection.delete(uri));
    this.watched.set(key, { watcher, run: 0 });
    await this.check(uri);
  }

  private drop(uri: vscode.Uri): void {
    const key = uri.toString();
    const w = this.watched.get(key);
    if (!w) return;
    w.watcher.dispose();
    this.watched.delete(key);
    this.diagnostics.collection.delete(uri);
  }

  private async check(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    const entry = this.watched.get(key);
    if (!entry) return;
    const run = ++entry.run;
    const current = (): boolean => this.watched.get(key) === entry && entry.run === run && !isSynced(uri);
    const settings = await this.configs.settings(uri);
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      return; // deleted or unreadable between the event and now; the watcher says when it is back
    }
    if (!current()) return;
    // Detection reads the head only; the whole file is decoded once, by the check.
    const mode = settings.inScope ? payloadMode(uri.path, () => decodeBytes(bytes.subarray(0, DETECT_LENGTH)).text, { plainJson: settings.plainJson }) : undefined;
    if (!mode) {
      this.drop(uri);
      return;
    }
    // The same per-file path as every other door: decoded as the CLI decodes it (UTF-16 by its
    // BOM, invalid UTF-8 reported), the size limit's one notice, then the checks, in slices,
    // with those across its own records (not across the folder's files: a log this long is
    // checked alone).
    const validation = new FileValidation({ uri: key, mode, bytes, rules: settings.rules, maxBytes: settings.maxBytes, crossEvent: true });
    if (!(await inSlices((ms) => validation.step(ms), () => !current()))) return;
    if (current()) this.publish(uri, validation.diagnostics().map((d) => toDiagnostic(d, uri)));
  }

  private publish(uri: vscode.Uri, diagnostics: vscode.Diagnostic[]): void {
    this.diagnostics.collection.set(uri, diagnostics);
  }
}

/** Whether VS Code gave the extension this document (then the diagnostics controller has it). */
function isSynced(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.workspace.textDocuments.some((d) => d.uri.toString() === key);
}
