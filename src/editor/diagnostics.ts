import * as vscode from 'vscode';
import { LogSession, Validation, type Diagnostic, type DocumentMode } from '../core/index';
import { toDiagnostic } from './convert';
import { isCheckable, linesOf, modeOf } from './documents';
import { SECTION } from './settings';
import { inSlices } from './slices';
import { TabWatch } from './tabs';
import type { TeamConfigs } from './team-config';

/** What the last finished validation of a document found, for code actions and the status item. */
export interface Result {
  version: number;
  mode: DocumentMode;
  diagnostics: Diagnostic[];
}

const DELAY_MS = 250;

/**
 * The diagnostics lifecycle: validate on open and for documents already open, debounced per
 * document on change, redone when settings change; cleared when the document closes or when the
 * last tab showing it does, whatever kind of tab (text, preview, either side of a diff, a merge
 * editor, a notebook). A run whose document has moved on is dropped, never published.
 */
export class DiagnosticsController implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('alfred-events');
  private readonly results = new Map<string, Result>();
  /** The version whose check last finished (published, or found to be none of ours), per document. */
  private readonly checkedVersions = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /**
   * Each document's newest run (a number from `runs`); older runs stop when they see it changed.
   * Not the version: a run for new settings checks the same version as the run it replaces.
   */
  private readonly latest = new Map<string, number>();
  private runs = 0;
  private readonly updated = new vscode.EventEmitter<vscode.Uri>();
  /** A log's incremental session and the document version it is at. */
  private readonly sessions = new Map<string, { session: LogSession; version: number }>();
  readonly onDidUpdate = this.updated.event;
  private readonly deletions = vscode.workspace.createFileSystemWatcher('**/*', true, true, false);
  // The document itself may outlive its last tab for minutes; users expect its problems to go
  // with that tab, and to stay while any other tab (a diff's side, say) still shows it.
  private readonly tabs = new TabWatch({
    // A tab reopened on a document that never closed gets no open event: validate it here.
    shown: (uri) => {
      const key = uri.toString();
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      if (doc && !this.checkedVersions.has(key) && !this.latest.has(key)) this.run(doc);
    },
    hidden: (uri) => this.forget(uri),
    swept: () => {
      if (!this.busy) this.settled.fire();
    },
  });
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly teams: TeamConfigs) {
    this.subscriptions = [
      this.collection,
      this.updated,
      vscode.workspace.onDidOpenTextDocument((d) => this.run(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        // Saving, or becoming dirty, also fires this, with no change to the text: nothing to do.
        if (e.contentChanges.length === 0) return;
        this.follow(e);
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
        if (!e.affectsConfiguration(SECTION)) return;
        this.sessions.clear();
        for (const d of vscode.workspace.textDocuments) this.run(d);
      }),
      // A .alfred-events.json created, changed or deleted: as a change of settings.
      teams.onDidChange(() => {
        this.sessions.clear();
        for (const d of vscode.workspace.textDocuments) this.run(d);
      }),
    ];
    for (const d of vscode.workspace.textDocuments) this.run(d);
  }

  result(uri: vscode.Uri): Result | undefined {
    return this.results.get(uri.toString());
  }

  /**
   * The version of the document whose check last finished: its problems published, or the
   * document found to be none of ours. Undefined before the first, and once it is forgotten.
   */
  checked(uri: vscode.Uri): number | undefined {
    return this.checkedVersions.get(uri.toString());
  }

  /** A log's session when it is complete and at this version: what it parsed can be reused. */
  session(doc: vscode.TextDocument): LogSession | undefined {
    const kept = this.sessions.get(doc.uri.toString());
    return kept && kept.version === doc.version && kept.session.step(0) ? kept.session : undefined;
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
    // The team configuration decides the rules, content detection and whether the file is checked at all.
    const settings = await this.teams.settings(doc.uri);
    if (this.latest.get(key) !== id || doc.isClosed) return;
    const mode = settings.inScope ? modeOf(doc, settings.plainJson) : undefined;
    if (!mode || !isCheckable(doc.uri)) {
      // Nothing to report, and the check is over (the tests' negative assertions wait for this).
      this.results.delete(key);
      this.sessions.delete(key);
      this.collection.delete(doc.uri);
      this.checkedVersions.set(key, doc.version);
      this.updated.fire(doc.uri);
      return;
    }
    const version = doc.version;
    // A log keeps a session that later edits update line by line, and a new one reads the
    // document line by line as it checks them: a log (tens of MB) is never copied whole. A
    // document is re-checked whole.
    const kept = this.sessions.get(key);
    const current = mode === 'log' && kept?.version === version ? kept.session : undefined;
    const text = mode === 'log' ? undefined : doc.getText();
    const size = text?.length ?? doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
    if (size > settings.maxBytes) {
      this.publish(doc, { version, mode, diagnostics: [] }, [tooLarge(size, settings.maxBytes)]);
      return;
    }
    const options = { mode, rules: settings.rules };
    const run = current ?? (text === undefined ? new LogSession(linesOf(doc), options) : new Validation(text, options));
    if (run instanceof LogSession) this.sessions.set(key, { session: run, version });
    const stale = (): boolean => this.latest.get(key) !== id || doc.isClosed;
    if (!(await inSlices((ms) => run.step(ms), stale)) || stale()) return;
    const diagnostics = run.diagnostics();
    this.publish(doc, { version, mode, diagnostics }, diagnostics.map((d) => toDiagnostic(d, doc.uri)));
  }

  /**
   * Brings a log's session up to date with one change: the lines it touched are re-checked, the
   * rest kept. Anything else (several changes at once, a session behind) starts afresh.
   */
  private follow(e: vscode.TextDocumentChangeEvent): void {
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

  private schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    this.cancelTimer(key);
    // A change makes any run in progress stale at once, even before the new one starts.
    this.latest.set(key, ++this.runs);
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

  private publish(doc: vscode.TextDocument, result: Result, diagnostics: vscode.Diagnostic[]): void {
    this.results.set(doc.uri.toString(), result);
    this.checkedVersions.set(doc.uri.toString(), result.version);
    this.collection.set(doc.uri, diagnostics);
    this.updated.fire(doc.uri);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.cancelTimer(key);
    this.latest.delete(key);
    this.sessions.delete(key);
    this.results.delete(key);
    this.checkedVersions.delete(key);
    this.collection.delete(uri);
    this.updated.fire(uri);
  }
}

export function tooLarge(size: number, limit: number): vscode.Diagnostic {
  const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
  const d = new vscode.Diagnostic(
    new vscode.Range(0, 0, 0, 0),
    vscode.l10n.t('This file ({0} MB) is larger than the alfredEvents.validation.maxFileSizeMB limit ({1} MB), so it is not checked. Raise the limit or check it with the alfred-events CLI.', mb(size), mb(limit)),
    vscode.DiagnosticSeverity.Information,
  );
  d.source = 'Alfred Events';
  return d;
}
