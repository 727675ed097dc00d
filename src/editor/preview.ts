import * as vscode from 'vscode';
import { FolderValidation, timelineSteps, type Diagnostic, type FileInput, type TimelineData, type TimelineProblem, type TimelineRef, type Source } from '../core/index';
import { captureSpans, recordAt } from '../core/input/record';
import { parseWebviewMessage, type HostMessage, type WebviewState } from '../shared/preview-protocol';
import { timelineHtml } from '../webview/html';
import { isCheckable, modeOf } from './documents';
import type { DiagnosticsController } from './diagnostics';
import { inSlices, stepper } from './slices';

export const VIEW_TYPE = 'alfredEvents.timeline';
/** The problems list under the picture stays readable; the Problems panel has them all. */
const MAX_PROBLEMS = 200;
/** Jobs per message to the page: a few hundred KB to serialise at a time. */
const JOBS_PER_MESSAGE = 300;

/**
 * One timeline preview: a webview panel showing the jobs of one payload document (which it
 * follows as the user switches payload editors) or of a folder's payload files (fixed).
 */
export class TimelinePreview implements vscode.Disposable {
  private doc: vscode.TextDocument | undefined;
  private folderSources: Source[] | undefined;
  private posted = -1;
  private builds = 0;
  /** Closed: builds and parts still under way stop, as a closed panel takes no message. */
  private disposed = false;
  private deliveries = 0;
  private loaded = false;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidClose = this.closed.event;
  private readonly rendered = new vscode.EventEmitter<TimelineData>();
  /** Fires with each picture sent to the page. */
  readonly onDidRender = this.rendered.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly diagnostics: DiagnosticsController,
    state: WebviewState,
  ) {
    panel.webview.options = {
      enableScripts: true,
      // Only the built page script and its stylesheet, nothing of the workspace.
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'file-icon.svg');
    this.subscriptions.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
      // Redrawn when the document's diagnostics are: that run is already debounced, done in
      // slices and dropped when stale, and its problems are the list under the picture.
      diagnostics.onDidUpdate((uri) => {
        if (this.doc && uri.toString() === this.doc.uri.toString()) this.render();
      }),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        // Follow the payload the user turns to; other editors (and the panel itself) leave it be.
        // Not a read-only side (a compared record, Git's HEAD): the preview shows what is checked.
        if (e && !this.folderSources && e.document !== this.doc && isCheckable(e.document.uri) && modeOf(e.document)) this.show(e.document);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document === this.doc) this.highlight(e.textEditor);
      }),
    );
    this.initial = state;
  }

  private readonly initial: WebviewState;

  get document(): vscode.TextDocument | undefined {
    return this.doc;
  }

  /** Shows a document's jobs: at once, then again a moment after each edit. */
  show(doc: vscode.TextDocument): void {
    if (doc !== this.doc) this.posted = -1;
    this.doc = doc;
    this.folderSources = undefined;
    this.panel.title = vscode.l10n.t('Timeline: {0}', baseName(doc.uri));
    this.render();
  }

  /**
   * Shows the jobs of several files at once (a folder); no live updates. Checked as Validate
   * Workspace checks them (each file, then across them all, under each file's configuration),
   * and drawn, in slices, as a folder may hold thousands of payloads; resolves once the picture
   * is sent.
   */
  async showSources(title: string, inputs: FileInput[]): Promise<void> {
    this.doc = undefined;
    this.folderSources = [];
    this.panel.title = vscode.l10n.t('Timeline: {0}', title);
    const build = ++this.builds;
    const stale = (): boolean => this.disposed || build !== this.builds;
    const run = new FolderValidation(inputs);
    if (!(await inSlices((ms) => run.step(ms), stale))) return;
    const results = run.fileResults();
    // A file over the size limit has no events to draw, but its notice can still reveal it.
    const sources: Source[] = results.map((r) => ({ uri: r.uri, text: r.text ?? '', mode: r.mode }));
    this.folderSources = sources;
    // Every file's problems are counted, so that the list can say how many it leaves out.
    const all = results.flatMap((r) => problemsOf(r, r.diagnostics));
    const steps = stepper(timelineSteps(sources, { title, version: 0, problems: all.slice(0, MAX_PROBLEMS), problemsTotal: all.length }));
    if (!(await inSlices(steps.step, stale)) || stale()) return;
    this.deliver(steps.result());
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const s of this.subscriptions) s.dispose();
    this.closed.fire();
    this.closed.dispose();
    this.rendered.dispose();
    this.sent.dispose();
    this.panel.dispose();
  }

  private render(): void {
    const doc = this.doc;
    const mode = doc ? modeOf(doc) : undefined;
    if (!doc || !mode) return;
    // A newer version may already be drawn (a render after a debounced one); never go back.
    if (doc.version < this.posted) return;
    this.posted = doc.version;
    const version = doc.version;
    const uri = doc.uri.toString();
    const session = mode === 'log' ? this.diagnostics.session(doc) : undefined;
    // With the session's parsed records the text itself is not read again (tens of MB in a long log).
    const source: Source = { uri, text: session ? '' : doc.getText(), mode };
    // The first picture comes at once, with the problems known so far (the last list, while a
    // newer one is being worked out); the next picture follows the new list.
    const result = this.diagnostics.result(doc.uri);
    const all = result && result.version === doc.version ? problemsOf(source, result.diagnostics) : undefined;
    const problems = all ? all.slice(0, MAX_PROBLEMS) : this.lastData?.problems ?? [];
    const problemsTotal = all ? all.length : this.lastData?.problemsTotal;
    const steps = stepper(timelineSteps([source], { title: baseName(doc.uri), version, problems, problemsTotal }, session?.records()));
    const build = ++this.builds;
    // In slices, so that a long log's timeline never holds the extension host for long; a build
    // is dropped when a newer one starts or the document changes under it (a new one follows).
    const stale = (): boolean => this.disposed || build !== this.builds || this.doc !== doc || doc.version !== version;
    void inSlices(steps.step, stale).then((done) => {
      if (!done || stale()) return;
      this.deliver({ ...steps.result(), source: uri });
      const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
      if (editor) this.highlight(editor);
    });
  }

  private highlight(editor: vscode.TextEditor): void {
    const doc = editor.document;
    const mode = modeOf(doc);
    if (!mode) return;
    let markId: string | null;
    if (mode === 'document') {
      // A capture's payload at the cursor; a payload file is its one record wherever the cursor is.
      const offset = doc.offsetAt(editor.selection.active);
      const payload = captureSpans(doc.getText())?.find((p) => offset >= p.start && offset <= p.end);
      markId = payload ? `0:${payload.index}` : captureSpans(doc.getText()) ? null : '0:0';
    } else {
      // Every cursor move asks: in a long log the session knows the line's record at once.
      const line = editor.selection.active.line;
      const session = this.diagnostics.session(doc);
      const record = session ? session.recordOfLine(line) : recordAt(doc.getText(), doc.offsetAt(editor.selection.active), mode).index;
      markId = record === undefined ? null : `0:${record}`;
    }
    this.post({ type: 'highlight', markId });
  }

  /** The data last drawn, for tests: the workbench does not expose a webview's page. */
  lastData: TimelineData | undefined;

  /** Handles a message as if the page had sent it (the panel's own messages come here too). */
  async onMessage(raw: unknown): Promise<void> {
    const { value: m } = parseWebviewMessage(raw);
    if (!m) return;
    if (m.type === 'ready') {
      if (this.doc) {
        this.posted = -1;
        this.render();
      }
      return;
    }
    if (m.type === 'reveal') return this.reveal(m.ref.uri, m.ref.offset, m.ref.length);
    if (m.type === 'compare') return this.compare(m.a, m.b);
    return this.exportSvg(m.svg);
  }

  /** A document this preview shows, by its URI, or undefined for any other: the page names no other file. */
  private async shown(uri: string): Promise<vscode.TextDocument | undefined> {
    const allowed = this.doc ? [this.doc.uri.toString()] : (this.folderSources ?? []).map((s) => s.uri);
    if (!allowed.includes(uri)) return undefined;
    return this.doc?.uri.toString() === uri ? this.doc : await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  }

  /** Two marks Shift+clicked: their records in the diff editor, as *Compare Two Payloads…* opens them. */
  private async compare(a: TimelineRef, b: TimelineRef): Promise<void> {
    const [left, right] = await Promise.all([this.shown(a.uri), this.shown(b.uri)]);
    if (!left || !right) return;
    const line = (doc: vscode.TextDocument, offset: number): number => doc.positionAt(Math.min(Math.max(offset, 0), doc.getText().length)).line + 1;
    await vscode.commands.executeCommand('alfredEvents.comparePayloads', { uri: left.uri, line: line(left, a.offset) }, { uri: right.uri, line: line(right, b.offset) });
  }

  /** Reveals a record, but only in a document this preview shows. */
  private async reveal(uri: string, offset: number, length: number): Promise<void> {
    const doc = await this.shown(uri);
    if (!doc) return;
    const end = Math.min(offset + length, doc.getText().length);
    const range = new vscode.Range(doc.positionAt(Math.min(offset, end)), doc.positionAt(end));
    const column = vscode.window.visibleTextEditors.find((e) => e.document === doc)?.viewColumn ?? vscode.ViewColumn.One;
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, selection: new vscode.Range(range.start, range.start) });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** Saves the picture where the user says: the one file this preview ever writes, on request. */
  private async exportSvg(svg: string): Promise<void> {
    const base = this.doc ? this.doc.uri : vscode.workspace.workspaceFolders?.[0]?.uri;
    const defaultUri = base ? vscode.Uri.joinPath(base, '..', `${baseName(base).replace(/\.[^.]+$/, '')}.timeline.svg`) : undefined;
    const target = await vscode.window.showSaveDialog({ filters: { SVG: ['svg'] }, ...(defaultUri ? { defaultUri } : {}) });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(svg));
  }

  /**
   * The first picture goes into the page itself (drawn at once); later ones as messages. Many
   * jobs go in parts, a slice at a time: serialising one message of tens of MB would hold the
   * extension host for seconds. A newer picture stops the parts of an older one.
   */
  private deliver(data: TimelineData): void {
    this.lastData = data;
    const delivery = ++this.deliveries;
    const first = data.jobs.length > JOBS_PER_MESSAGE ? { ...data, jobs: data.jobs.slice(0, JOBS_PER_MESSAGE), delivery } : data;
    if (!this.loaded) {
      this.loaded = true;
      this.panel.webview.html = this.html({ ...this.initial, ...(data.source ? { uri: data.source } : {}), data: first });
      this.partsSent = 0;
    } else this.post({ type: 'render', data: first });
    let sent = first.jobs.length;
    const rest = (): void => {
      if (this.disposed || delivery !== this.deliveries || sent >= data.jobs.length) return;
      this.post({ type: 'more', delivery, jobs: data.jobs.slice(sent, sent + JOBS_PER_MESSAGE) });
      sent += JOBS_PER_MESSAGE;
      setTimeout(rest, 0);
    };
    rest();
    this.rendered.fire(data);
  }

  /** For tests: the mark last highlighted (undefined before any), the parts sent after the last picture. */
  lastHighlight: string | null | undefined;
  partsSent = 0;
  private readonly sent = new vscode.EventEmitter<void>();
  /** Fires after each message to the page. */
  readonly onDidPost = this.sent.event;

  private post(message: HostMessage): void {
    if (this.disposed) return;
    void this.panel.webview.postMessage(message);
    if (message.type === 'highlight') this.lastHighlight = message.markId;
    this.partsSent = message.type === 'more' ? this.partsSent + 1 : message.type === 'render' ? 0 : this.partsSent;
    this.sent.fire();
  }

  private html(state: WebviewState & { data?: TimelineData }): string {
    const webview = this.panel.webview;
    return timelineHtml({
      cspSource: webview.cspSource,
      nonce: nonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'timeline.css')).toString(),
      state,
      messages: vscode.l10n.bundle,
      lang: vscode.env.language,
    });
  }
}

function problemsOf(source: { uri: string }, ds: readonly Diagnostic[]): TimelineProblem[] {
  return ds.map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    line: d.range.start.line,
    ref: { uri: source.uri, offset: d.offset, length: d.length, ...(d.record !== undefined ? { record: d.record } : {}) },
  }));
}

function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.path;
}

/** 128 random bits from Web Crypto (Node and the web-worker host alike): a webview page's nonce. */
export function nonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
