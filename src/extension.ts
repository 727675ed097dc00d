import * as vscode from 'vscode';
import { useMessages } from './core/index';
import { registerCodeActions } from './editor/code-actions';
import { registerCommands } from './editor/commands';
import { registerCompare } from './editor/compare';
import { DiagnosticsController } from './editor/diagnostics';
import { registerLanguageFeatures } from './editor/language-features';
import { LargeFiles } from './editor/large-files';
import type { TimelinePreview } from './editor/preview';
import { registerPreview } from './editor/preview-commands';
import { Recording, type RecordingState } from './editor/record';
import { startServer } from './editor/record-server';
import { prepareReplay, registerReplay } from './editor/replay-command';
import { replayApi, ReplayTests, type ReplayApi } from './editor/replay-tests';
import { ResponseView, type ResponseShown } from './editor/response-view';
import { registerSending } from './editor/send-command';
import { registerStatus } from './editor/status';
import { registerTask } from './editor/task';
import { TeamConfigs } from './editor/team-config';
import { WorkspaceIndex } from './editor/workspace-index';

/** Wires each feature; none does work before a payload document asks for it. */
/** What activate returns: a small surface for tests, since the workbench hides status items. */
export interface AlfredEventsApi extends ReplayApi {
  /**
   * Fires when a document's check finishes (its diagnostics published, or the document found to
   * be none of ours) and when its diagnostics are cleared.
   */
  onDidValidate: vscode.Event<vscode.Uri>;
  /**
   * The version of the open document at `uri` whose check last finished, or undefined before the
   * first (and once the document is closed). A test may say that a problem is absent only once
   * this is the document's current version.
   */
  checked(uri: vscode.Uri): number | undefined;
  status(): { text: string; detail: string | undefined };
  /** The open timeline previews. */
  previews(): readonly TimelinePreview[];
  /** Files too large for VS Code to hand over, checked from disk instead. */
  largeFiles(): string[];
  /** Whether a check is scheduled or running, and an event when none is left. */
  busy(): boolean;
  onDidSettle: vscode.Event<void>;
  /** What the response view rendered, oldest first (the last is on screen), and an event as each is rendered. */
  responses(): readonly ResponseShown[];
  onDidShowResponse: vscode.Event<ResponseShown>;
  /** The `alfredEvents.sendable` context key as last set, and an event each time it is set. */
  sendable(): boolean;
  onDidSetSendable: vscode.Event<boolean>;
  /** The recording under way (what its status bar item shows), and an event at its start, each delivery and its stop. */
  recording(): RecordingState | undefined;
  onDidChangeRecording: vscode.Event<void>;
  /**
   * Records an open log's live check has put through the per-record checks since it began, or
   * undefined when the document has no complete check at its current version: a log growing at
   * its end adds its new records only.
   */
  recordsChecked(uri: vscode.Uri): number | undefined;
}

export function activate(context: vscode.ExtensionContext): AlfredEventsApi {
  // The core's messages (diagnostics, fixes, hovers) in VS Code's display language: the bundle
  // VS Code loaded for this extension, on the desktop and on the web alike.
  useMessages(vscode.l10n.bundle);
  // Every door takes its settings from the one place that combines them with the team's file.
  const configs = new TeamConfigs();
  const index = new WorkspaceIndex(configs);
  const diagnostics = new DiagnosticsController(configs, index);
  const status = registerStatus(diagnostics);
  const preview = registerPreview(context, diagnostics, configs);
  const large = new LargeFiles(diagnostics, configs);
  context.subscriptions.push(configs, index, diagnostics, large, registerLanguageFeatures(configs), registerCodeActions(diagnostics, configs), registerCommands(diagnostics, configs, context.extensionUri), status, preview);
  const replayTests = new ReplayTests((files) => prepareReplay(configs, files));
  context.subscriptions.push(replayTests, registerReplay(context, configs, replayTests));
  // The task runs the CLI with Node, which the web-worker host does not have.
  if (typeof process !== 'undefined' && process.versions?.node) context.subscriptions.push(registerTask(context));
  const responses = new ResponseView();
  const sending = registerSending(configs, responses);
  const recording = new Recording(configs, startServer);
  context.subscriptions.push(responses, sending, registerCompare(configs, index), recording);
  const recordsChecked = (uri: vscode.Uri): number | undefined => {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    return doc ? diagnostics.session(doc)?.recordsChecked : undefined;
  };
  return { onDidValidate: diagnostics.onDidUpdate, checked: (uri) => diagnostics.checked(uri), status: () => status.snapshot(), previews: () => preview.previews(), largeFiles: () => large.files(), busy: () => diagnostics.busy, onDidSettle: diagnostics.onDidSettle,
    responses: () => responses.responses(), onDidShowResponse: responses.onDidShow, sendable: () => sending.sendable(), onDidSetSendable: sending.onDidSetSendable, ...replayApi(replayTests),
    recording: () => recording.current(), onDidChangeRecording: recording.onDidChange, recordsChecked };
}

export function deactivate(): void {}
