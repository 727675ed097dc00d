import * as vscode from 'vscode';
import { decodeBytes, isPlainJsonName, recordsOf, type EventRecord, type RecordSet } from '../core/index';
import { readBytes } from './read-files';
import { SECTION } from './settings';
import { tick } from './slices';
import type { TeamConfigs } from './team-config';
import { openText, payloadFiles, type PayloadFile } from './workspace-files';

/** Files read ahead of the one being indexed. */
const AHEAD = 32;

interface FolderState {
  /** The folder's payload files, listed once until a file is created or deleted. */
  files?: Promise<PayloadFile[]>;
  /** Each file's records, read once until it changes (on disk, or in its editor). */
  records: Map<string, Promise<EventRecord[]>>;
}

/**
 * The events of each workspace folder's payload files, kept compact (what the cross-event rules
 * read, no text), so that an open document's live diagnostics include what the other files of
 * its folder cause on it, as Validate Workspace and the CLI report it (README "In the editor").
 * Read lazily, a file per turn of the event loop, and read again only when a file changes.
 */
export class WorkspaceIndex implements vscode.Disposable {
  private readonly folders = new Map<string, FolderState>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** A file whose events may have changed: its folder's open documents are due a check. */
  readonly onDidChange = this.changed.event;
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/*');
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly configs: TeamConfigs) {
    const listed = (uri: vscode.Uri): void => {
      // A new or deleted payload file, or a folder of them, changes the listing.
      if (!isPlainJsonName(uri.path) && /\.[^/]*$/.test(uri.path)) return;
      const state = this.stateOf(uri);
      if (!state) return;
      state.files = undefined;
      this.drop(uri, true);
    };
    this.subscriptions = [
      this.watcher,
      this.changed,
      this.watcher.onDidCreate(listed),
      this.watcher.onDidDelete(listed),
      this.watcher.onDidChange((uri) => this.drop(uri)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.drop(e.document.uri);
      }),
      // Closed unsaved, its text goes back to what is on disk.
      vscode.workspace.onDidCloseTextDocument((d) => this.drop(d.uri)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.clear()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) this.clear();
      }),
      configs.onDidChange(() => this.clear()),
    ];
  }

  /**
   * The events of the other payload files of the workspace folder of `uri`, in file order, and
   * the place `uri` takes among them; undefined for a document in no workspace folder (untitled,
   * or a file opened alone), which is checked alone.
   */
  async around(uri: vscode.Uri, stopped: () => boolean): Promise<{ sets: RecordSet[]; at: number } | undefined> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || uri.scheme !== folder.uri.scheme) return undefined;
    const state = this.stateOf(uri)!;
    const files = await (state.files ??= payloadFiles(this.configs, folder.uri));
    const key = uri.toString();
    const others = files.filter((f) => f.uri.toString() !== key);
    const sets: RecordSet[] = [];
    for (const [i, file] of others.entries()) {
      if (stopped()) return undefined;
      // A few files are read ahead: each read is a round trip to the file service.
      for (const next of others.slice(i, i + AHEAD)) {
        const k = next.uri.toString();
        if (!state.records.has(k)) state.records.set(k, this.read(next));
      }
      const records = await state.records.get(file.uri.toString())!;
      sets.push({ uri: file.uri.toString(), mode: file.mode, records });
      if (i % AHEAD === AHEAD - 1) await tick();
    }
    return { sets, at: others.filter((f) => f.uri.path < uri.path).length };
  }

  /** A file's text as the user sees it (its editor's, else decoded from disk): to place a related location. */
  async text(uri: string): Promise<string> {
    const parsed = vscode.Uri.parse(uri);
    const open = openText(parsed);
    if (open !== undefined) return open;
    const bytes = await readBytes(parsed);
    return bytes ? decodeBytes(bytes).text : '';
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.folders.clear();
  }

  private async read(file: PayloadFile): Promise<EventRecord[]> {
    const open = openText(file.uri);
    const bytes = open === undefined ? (file.bytes ?? (await readBytes(file.uri))) : undefined;
    const size = open?.length ?? bytes?.length ?? 0;
    // A file over the limit is not checked, so it takes no part in the checks across files.
    if ((open === undefined && bytes === undefined) || size > file.settings.maxBytes) return [];
    return recordsOf(open ?? decodeBytes(bytes!).text, file.mode);
  }

  private stateOf(uri: vscode.Uri): FolderState | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return undefined;
    const key = folder.uri.toString();
    let state = this.folders.get(key);
    if (!state) this.folders.set(key, (state = { records: new Map() }));
    return state;
  }

  /** Forgets what a file (or a folder's files) held; says so when anything was known. */
  private drop(uri: vscode.Uri, listed = false): void {
    const state = this.folders.get(vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() ?? '');
    if (!state) return;
    const key = uri.toString();
    let known = listed;
    for (const k of [...state.records.keys()]) {
      if (k === key || k.startsWith(key + '/')) {
        state.records.delete(k);
        known = true;
      }
    }
    if (known) this.changed.fire(uri);
  }

  private clear(): void {
    this.folders.clear();
  }
}
