import * as vscode from 'vscode';
import type { Delivery, Recorder, RecorderOptions } from '../recorder/index';
import { askPlan } from './record-inputs';
import { LOOPBACK } from './record-plan';
import type { TeamConfigs } from './team-config';

/** Starts the recorder; absent where there is no server to start (VS Code for the Web). */
export type StartRecorder = (options: RecorderOptions) => Promise<Recorder>;

/** A recording under way, as the status bar item and the tests see it. */
export interface RecordingState {
  /** Where the recorder listens: the URL to point a tunnel or a sender at. */
  url: string;
  /** The log, as a URI string. */
  out: string;
  /** Event deliveries appended to the log. */
  events: number;
  /** Every request answered: events, handshakes and bodies that went to the sidecar. */
  deliveries: number;
  /** The status bar item's text. */
  text: string;
  /** Whether the log was edited in its editor during this recording, and the user warned. */
  editedWarning?: boolean;
}

/** What the commands return, for callers such as tests: the recording, or why there is none. */
export type StartResult = RecordingState | { refused: string } | undefined;


/**
 * *Start Recording Deliveries…* and *Stop Recording Deliveries* (README "Recording in the
 * editor"): one recorder at a time, on 127.0.0.1 only, refused in an untrusted workspace (it is a
 * network listener) and where there is no Node server (VS Code for the Web), saying so. While it
 * runs, a status bar item counts the events and offers a menu; the log is open in an editor,
 * whose live diagnostics and timeline follow the lines as VS Code reloads the file (the
 * diagnostics check the appended records only: see SessionCache.follow).
 */
export class Recording implements vscode.Disposable {
  private recorder: Recorder | undefined;
  private state: RecordingState | undefined;
  private listener: vscode.Disposable | undefined;
  private starting = false;
  /** Whether this recording has warned that its log was edited (once per recording). */
  private warnedDirty = false;
  private readonly item = vscode.window.createStatusBarItem('alfredEvents.recording', vscode.StatusBarAlignment.Left, 100);
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a recording starts or stops and at each delivery. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly configs: TeamConfigs, private readonly start: StartRecorder | undefined) {
    this.item.name = vscode.l10n.t('Alfred Recording');
    this.item.command = 'alfredEvents.recordingMenu';
    this.subscriptions = [
      this.item,
      this.changed,
      vscode.commands.registerCommand('alfredEvents.startRecording', (args?: unknown) => this.begin(args)),
      vscode.commands.registerCommand('alfredEvents.stopRecording', () => this.end()),
      vscode.commands.registerCommand('alfredEvents.recordingMenu', () => this.menu()),
      vscode.workspace.onDidChangeTextDocument((e) => this.edited(e.document)),
    ];
  }

  /** The recording under way, or undefined. */
  current(): RecordingState | undefined {
    return this.state && { ...this.state };
  }

  private async begin(args: unknown): Promise<StartResult> {
    if (!this.start) return this.refuse(vscode.l10n.t('Recording deliveries needs a server on this machine, which VS Code for the Web cannot run. Run `alfred-events record --out FILE` in a terminal, and open the log here: its problems and timeline follow it.'));
    if (!vscode.workspace.isTrusted) {
      const manage = vscode.l10n.t('Manage Workspace Trust');
      const refused = vscode.l10n.t('Recording deliveries opens a network listener, which an untrusted workspace may not do: trust it first.');
      void vscode.window.showErrorMessage(refused, manage).then((pick) => {
        if (pick === manage) void vscode.commands.executeCommand('workbench.trust.manage');
      });
      return { refused };
    }
    // A second start while the first still asks its questions: that one goes on.
    if (this.starting) return undefined;
    if (this.state) {
      const stop = vscode.l10n.t('Stop Recording');
      const refused = vscode.l10n.t('Already recording on {0} into {1}.', this.state.url, shortName(this.state.out));
      void vscode.window.showInformationMessage(refused, stop).then((pick) => {
        if (pick === stop) void this.end();
      });
      return { refused };
    }
    this.starting = true;
    try {
      const plan = await askPlan(args, this.configs);
      if (!plan) return undefined;
      if ('refused' in plan) return this.refuse(plan.refused);
      let recorder: Recorder;
      try {
        // Always this machine: a remote sender reaches it through the user's own tunnel.
        recorder = await this.start({ host: LOOPBACK, port: plan.port, out: plan.out.fsPath, rules: plan.rules, allowRemote: plan.allowRemote, ...(plan.forwardTo ? { forwardTo: plan.forwardTo } : {}) });
      } catch (err) {
        return this.refuse(vscode.l10n.t('Could not start recording: {0}', err instanceof Error ? err.message : String(err)));
      }
      this.recorder = recorder;
      this.warnedDirty = false;
      this.state = { url: recorder.url.toString(), out: plan.out.toString(), events: 0, deliveries: 0, text: '' };
      this.listener = recorder.onDelivery((d) => this.delivered(d));
      this.show();
      void vscode.commands.executeCommand('setContext', 'alfredEvents.recording', true);
      // The log opens at once, so that its problems and timeline follow the deliveries.
      await vscode.window.showTextDocument(plan.out, { preview: false, preserveFocus: false });
      const copy = vscode.l10n.t('Copy URL');
      void vscode.window.showInformationMessage(vscode.l10n.t('Recording deliveries sent to {0} into {1}.', this.state.url, shortName(this.state.out)), copy).then((pick) => {
        if (pick === copy && this.state) void vscode.env.clipboard.writeText(this.state.url);
      });
      return { ...this.state };
    } finally {
      this.starting = false;
    }
  }

  /** Stops the recording under way: the port closes, the log keeps every line written. */
  private async end(): Promise<RecordingState | undefined> {
    const recorder = this.recorder;
    const state = this.state;
    if (!recorder || !state) return undefined;
    this.recorder = undefined;
    this.state = undefined;
    this.listener?.dispose();
    this.listener = undefined;
    this.item.hide();
    void vscode.commands.executeCommand('setContext', 'alfredEvents.recording', false);
    try {
      await recorder.stop();
    } finally {
      this.changed.fire();
    }
    void vscode.window.showInformationMessage(state.events === 1 ? vscode.l10n.t('Recorded 1 event into {0}.', shortName(state.out)) : vscode.l10n.t('Recorded {0} events into {1}.', state.events, shortName(state.out)));
    return state;
  }

  /**
   * The log being recorded, edited in its editor: saving it would race the recorder (a line typed
   * without a line feed, or *Overwrite* on a save conflict dropping recorded lines), so the user
   * is warned once per recording and offered to revert to what is on disk.
   */
  private edited(doc: vscode.TextDocument): void {
    const s = this.state;
    if (!s || this.warnedDirty || !doc.isDirty || doc.uri.toString() !== s.out) return;
    this.warnedDirty = true;
    s.editedWarning = true;
    this.changed.fire();
    const revert = vscode.l10n.t('Revert to the Recorded Log');
    void vscode.window
      .showWarningMessage(vscode.l10n.t('{0} is being recorded: an edit saved now may clash with the deliveries written to it. Revert the editor to the file on disk, and edit the log after stopping.', shortName(s.out)), revert)
      .then(async (pick) => {
        if (pick !== revert) return;
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      });
  }

  private delivered(d: Delivery): void {
    if (!this.state) return;
    this.state.deliveries++;
    if (d.kind === 'event') this.state.events++;
    this.show();
  }

  private show(): void {
    const s = this.state;
    if (!s) return;
    s.text = s.events === 1 ? vscode.l10n.t('$(record) Recording: 1 event') : vscode.l10n.t('$(record) Recording: {0} events', s.events);
    this.item.text = s.text;
    this.item.tooltip = vscode.l10n.t('Listening on {0} (this machine only), appending to {1}; {2} requests answered. Click for Stop, Open Log, Preview Job Timeline, Copy URL.', s.url, shortName(s.out), s.deliveries);
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    this.item.show();
    this.changed.fire();
  }

  private async menu(): Promise<void> {
    const s = this.state;
    if (!s) return;
    const items = [
      { label: vscode.l10n.t('$(debug-stop) Stop Recording'), run: () => this.end() },
      { label: vscode.l10n.t('$(go-to-file) Open Log'), run: () => vscode.window.showTextDocument(vscode.Uri.parse(s.out), { preview: false }) },
      { label: vscode.l10n.t('$(graph-line) Preview Job Timeline'), run: () => vscode.commands.executeCommand('alfredEvents.previewTimelineToSide', vscode.Uri.parse(s.out)) },
      { label: vscode.l10n.t('$(copy) Copy URL'), description: s.url, run: () => vscode.env.clipboard.writeText(s.url) },
    ];
    const pick = await vscode.window.showQuickPick(items, { title: s.text.replace(/^\$\([a-z-]+\) /, '') });
    await pick?.run();
  }

  private refuse(refused: string): { refused: string } {
    void vscode.window.showErrorMessage(refused);
    return { refused };
  }

  dispose(): void {
    // The port closes with the window; what was written stays.
    void this.recorder?.stop();
    this.recorder = undefined;
    this.listener?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

function shortName(uri: string): string {
  return vscode.workspace.asRelativePath(vscode.Uri.parse(uri), false);
}
