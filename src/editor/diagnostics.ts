import * as vscode from 'vscode';
import { byOffset, CROSS_EVENT_RULES, crossFindingsOn, FileValidation, LogSession, placeFindings, recordsOf, type Diagnostic, type DocumentMode, type Source } from '../core/index';
import { isCheckable, linesOf, modeWith } from './documents';
import { ResultStore, type Result } from './results';
import { SessionCache } from './sessions';
import { SECTION } from './settings';
import { inSlices } from './slices';
import { TabWatch } from './tabs';
import type { TeamConfigs } from './team-config';
import type { WorkspaceIndex } from './workspace-index';

export type { Result } from './results';

const DELAY_MS = 250;

/**
 * The diagnostics lifecycle: validate on open and for documents already open, debounced per
 * document on change, redone when settings or the team configuration change and when another
 * file of the workspace folder changes (its events may bear on this one); cleared when the
 * document closes or when the last tab showing it does, whatever kind of tab (text, preview,
 * either side of a diff, a merge editor, a notebook). A run whose document has moved on is
 * dropped, never published. What a run finds goes to the result store; a log's session to the
 * session cache.
 */
export class DiagnosticsController implements vscode.Disposable {
  private readonly store = new ResultStore();
  private readonly sessions = new SessionCache();
  readonly collection = this.store.collection;
  readonly onDidUpdate = this.store.onDidUpdate;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /**
   * Each document's newest run (a number from `runs`); older runs stop when they see it changed.
   * Not the version: a run for new settings checks the same version as the run it replaces.
   */
  private readonly latest = new Map<string, number>();
  private runs = 0;
  private readonly deletions = vscode.workspace.createFileSystemWatcher('**/*', true, true, false);
  // The document itself may outlive its last tab for minutes; users expect its problems to go
  // with that tab, and to stay while any other tab (a diff's side, say) still shows it.
  private readonly tabs = new TabWatch({
    // A tab reopened on a document that never closed gets no open event: validate it here.
    shown: (uri) => {
      const key = uri.toString();
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      if (doc && this.store.checked(uri) === undefined && !this.latest.has(key)) this.run(doc);
    },
    hidden: (uri) => this.forget(uri),
    swept: () => {
      if (!this.busy) this.settled.fire();
    },
  });
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly configs: TeamConfigs, private readonly index: WorkspaceIndex) {
    const recheckAll = (): void => {
      this.sessions.clear();
      for (const d of vscode.workspace.textDocuments) this.run(d);
    };
    this.subscriptions = [
      this.store,
      vscode.workspace.onDidOpenTextDocument((d) => this.run(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        // Saving, or becoming dirty, also fires this, with no change to the text: nothing to do.
        if (e.contentChanges.length === 0) return;
        this.sessions.follow(e);
        this.schedule(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      this.tabs,
      // A file deleted on disk takes its problems with it (those Validate Workspace found, say),
      // unless it is still open: then the editor still shows it, and its problems stay true.
      this.deletions,
      this.deletions.onDidDelete((gone) => {
        const prefix = gone.toString() + '/';
        const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
        const stale: vscode.Uri[] = [];
        this.collection.forEach((uri) => {
          const key = uri.toString();
          if ((key === gone.toString() || key.startsWith(prefix)) && !open.has(key)) stale.push(uri);
        });
        for (const uri of stale) this.forget(uri);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) recheckAll();
      }),
      configs.onDidChange(recheckAll),
      // Another file of the folder changed: what it causes on the open documents may have too.
      index.onDidChange((changed) => {
        const folder = vscode.workspace.getWorkspaceFolder(changed)?.uri.toString();
        for (const d of vscode.workspace.textDocuments) {
          if (d.uri.toString() !== changed.toString() && this.store.checked(d.uri) !== undefined && vscode.workspace.getWorkspaceFolder(d.uri)?.uri.toString() === folder) this.schedule(d, false);
        }
      }),
    ];
    for (const d of vscode.workspace.textDocuments) this.run(d);
  }

  result(uri: vscode.Uri): Result | undefined {
    return this.store.result(uri);
  }

  /**
   * The version of the document whose check last finished: its problems published, or the
   * document found to be none of ours. Undefined before the first, and once it is forgotten.
   */
  checked(uri: vscode.Uri): number | undefined {
    return this.store.checked(uri);
  }

  /** A log's session when it is complete and at this version: what it parsed can be reused. */
  session(doc: vscode.TextDocument): LogSession | undefined {
    return this.sessions.complete(doc);
  }

  /** Runs in progress (for tests: "settled" means no run is left that could still publish). */
  private running = 0;
  private readonly settled = new vscode.EventEmitter<void>();
  readonly onDidSettle = this.settled.event;

  get busy(): boolean {
    return this.running > 0 || this.timers.size > 0 || this.tabs.pending;
  }

  /** Validates now (well, in slices); resolves once published or dropped. */
  async validate(doc: vscode.TextDocument): Promise<void> {
    this.running++;
    try {
      await this.check(doc);
    } finally {
      this.running--;
      if (!this.busy) this.settled.fire();
    }
  }

  private async check(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    const id = ++this.runs;
    this.latest.set(key, id);
    const version = doc.version;
    const stale = (): boolean => this.latest.get(key) !== id || doc.isClosed;
    const settings = await this.configs.settings(doc.uri);
    if (stale()) return;
    const mode = settings.inScope && isCheckable(doc.uri) ? modeWith(doc, settings.plainJson) : undefined;
    if (!mode) {
      // Nothing to report, and the check is over (the tests' negative assertions wait for this).
      this.sessions.delete(doc.uri);
      this.store.none(doc.uri, version);
      return;
    }
    // A log keeps a session that later edits update line by line, and a new one reads the
    // document line by line as it checks them: a log (tens of MB) is never copied whole. A
    // document is checked whole, as a file of a folder is (the same per-file path).
    const text = mode === 'log' ? undefined : doc.getText();
    const size = text?.length ?? doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
    const options = { mode, rules: settings.rules };
    let run: { step(ms: number): boolean; diagnostics(): Diagnostic[] };
    if (size > settings.maxBytes) run = new FileValidation({ uri: key, mode, size, rules: settings.rules, maxBytes: settings.maxBytes });
    // Its own records across each other too (a capture's payloads: README "Captures made before"),
    // which acrossFiles replaces when the folder's other files share a job or an id with it.
    else if (text !== undefined) run = new FileValidation({ uri: key, mode, text, rules: settings.rules, crossEvent: true });
    else {
      const session = this.sessions.at(doc.uri, version) ?? new LogSession(linesOf(doc), options);
      this.sessions.set(doc.uri, version, session);
      run = session;
    }
    if (!(await inSlices((ms) => run.step(ms), stale)) || stale()) return;
    let diagnostics = run.diagnostics();
    if (size <= settings.maxBytes) {
      const across = await this.acrossFiles(doc, mode, text, run, stale, settings.rules);
      if (stale()) return;
      if (across) diagnostics = [...diagnostics.filter((d) => !CROSS_EVENT_RULES.has(d.code)), ...across].sort(byOffset);
    }
    this.store.publish(doc.uri, { version, mode, diagnostics });
  }

  /**
   * The cross-event findings on a document checked with the other payload files of its
   * workspace folder (README "In the editor"), or undefined when none of them shares a job or
   * an event_id with it: then what it found alone stands. Other files' texts are read again only
   * to place a related location.
   */
  private async acrossFiles(doc: vscode.TextDocument, mode: DocumentMode, text: string | undefined, run: unknown, stale: () => boolean, rules: Source['rules']): Promise<Diagnostic[] | undefined> {
    const around = await this.index.around(doc.uri, stale);
    if (!around || around.sets.length === 0 || stale()) return undefined;
    const own = run instanceof LogSession ? run.records() : recordsOf(text ?? '', mode);
    const sets = [...around.sets];
    sets.splice(around.at, 0, { uri: doc.uri.toString(), mode, records: own });
    const found = crossFindingsOn(around.at, sets);
    if (!found) return undefined;
    const needed = new Set(found.flatMap((f) => [f.record.source, f.related.record.source]));
    const sources: Source[] = await Promise.all(sets.map(async (s, i) => ({
      uri: s.uri,
      mode: s.mode,
      text: !needed.has(i) ? '' : i === around.at ? (text ?? doc.getText()) : await this.index.text(s.uri),
    })));
    return placeFindings(sources, found, rules)[around.at];
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const s of this.subscriptions) s.dispose();
    this.settled.dispose();
  }

  private run(doc: vscode.TextDocument): void {
    this.cancelTimer(doc.uri.toString());
    void this.validate(doc);
  }

  /** A check a moment from now; `edited` when the document itself changed (a run under way is then stale at once). */
  private schedule(doc: vscode.TextDocument, edited = true): void {
    const key = doc.uri.toString();
    this.cancelTimer(key);
    if (edited) this.latest.set(key, ++this.runs);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.validate(doc);
    }, DELAY_MS));
  }

  private cancelTimer(key: string): void {
    const t = this.timers.get(key);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(key);
    if (!this.busy) this.settled.fire();
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.cancelTimer(key);
    this.latest.delete(key);
    this.sessions.delete(uri);
    this.store.forget(uri);
  }
}
