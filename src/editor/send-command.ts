import * as vscode from 'vscode';
import { answered, captureOf, CONFIG_FILE, decodeUtf8, DEFAULT_TIMEOUT_MS, deliver, handshakeBody, judgeHandshake, recordBytes, type DeliveryOutcome, type Verdict } from '../core/index';
import { isCheckable, modeWith, SELECTOR } from './documents';
import { describeFailure, resolveReceiver, type Receiver } from './receiver';
import type { ResponseShown } from './response-html';
import type { ResponseView } from './response-view';
import { readBytes } from './read-files';
import { findLine, isLensStamp, isRecordLine, SendLens, type LensStamp } from './send-lens';
import type { TeamConfigs } from './team-config';

/** The context key menus show Send to Receiver by: the active editor holds a payload or log of ours. */
const SENDABLE = 'alfredEvents.sendable';

/** Milliseconds of typing in the active document before `alfredEvents.sendable` is decided again (typing can make a plain JSON file a payload, or not). */
const SENDABLE_DEBOUNCE_MS = 300;

/** The sending commands, and the `alfredEvents.sendable` context key as last set (for the API's tests). */
export interface Sending extends vscode.Disposable {
  sendable(): boolean;
  /** Fires each time the context key is set, with its value. */
  onDidSetSendable: vscode.Event<boolean>;
}

/**
 * Sending from the editor (README "Sending to your receiver"): the lens, *Alfred: Send to
 * Receiver* (command palette and editor context menu, on the record at the cursor) and *Alfred:
 * Check URL Verification Handshake*. Every request goes through the core's deliver() to the
 * receiver resolveReceiver chose and checked, with progress and Cancel, and its answer goes to the
 * response view.
 */
export function registerSending(configs: TeamConfigs, view: ResponseView): Sending {
  const lens = new SendLens(configs);
  const set = new vscode.EventEmitter<boolean>();
  let value = false;
  // Decisions are asynchronous (the team file): only the latest one started may set the key.
  let asked = 0;
  const updateSendable = (): void => {
    const mine = ++asked;
    void sendable(configs).then(async (yes) => {
      if (mine !== asked) return;
      await vscode.commands.executeCommand('setContext', SENDABLE, yes);
      value = yes;
      set.fire(yes);
    });
  };
  let typing: ReturnType<typeof setTimeout> | undefined;
  const isActive = (doc: vscode.TextDocument): boolean => vscode.window.activeTextEditor?.document.uri.toString() === doc.uri.toString();
  updateSendable();
  const disposable = vscode.Disposable.from(
    lens,
    set,
    { dispose: () => clearTimeout(typing) },
    vscode.languages.registerCodeLensProvider(SELECTOR, lens),
    vscode.commands.registerCommand('alfredEvents.sendToReceiver', (uri?: unknown, line?: unknown, seen?: unknown) =>
      sendToReceiver(configs, view, uri instanceof vscode.Uri ? uri : undefined, typeof line === 'number' ? line : undefined, isLensStamp(seen) ? seen : undefined),
    ),
    vscode.commands.registerCommand('alfredEvents.checkHandshake', () => checkHandshake(configs, view)),
    vscode.window.onDidChangeActiveTextEditor(updateSendable),
    configs.onDidChange(updateSendable),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('alfredEvents.detection')) updateSendable();
    }),
    // A language change closes the document and opens it again under the new language.
    vscode.workspace.onDidOpenTextDocument((doc) => {
      if (isActive(doc)) updateSendable();
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!isActive(e.document) || !e.contentChanges.length) return;
      clearTimeout(typing);
      typing = setTimeout(updateSendable, SENDABLE_DEBOUNCE_MS);
    }),
  );
  return Object.assign(disposable, { sendable: () => value, onDidSetSendable: set.event });
}

/** Whether the active editor holds a document Send to Receiver applies to. */
async function sendable(configs: TeamConfigs): Promise<boolean> {
  const doc = vscode.window.activeTextEditor?.document;
  return !!doc && isCheckable(doc.uri) && modeWith(doc, (await configs.settings(doc.uri)).plainJson) !== undefined;
}

/**
 * Sends one record to the receiver and shows the answer: the document at `uri` (a payload: all
 * of it; a log: the record on `line`, 1-based), or without a line the record at the cursor when
 * `uri` is the active editor's document (the editor's context menu passes the URI alone), or
 * without arguments the active editor's. `seen` is what a lens saw of its line: when the document
 * changed since, the record is found again by its text, or nothing is sent. The body is what the
 * CLI's send sends (recordBody). Resolves to what the view shows, or undefined when nothing was
 * sent (untrusted, refused, not a payload, cancelled: each said in a message).
 */
export async function sendToReceiver(configs: TeamConfigs, view: ResponseView, uri?: vscode.Uri, line?: number, seen?: LensStamp): Promise<ResponseShown | undefined> {
  const editor = vscode.window.activeTextEditor;
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
  if (!doc) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Open an Alfred payload or log to send one of its records.'));
    return undefined;
  }
  const atCursor = line === undefined && editor?.document.uri.toString() === doc.uri.toString() ? editor.selection.active.line + 1 : undefined;
  const record = await recordOf(doc, line ?? atCursor, seen, configs);
  if ('error' in record) {
    void vscode.window.showErrorMessage(record.error);
    return undefined;
  }
  const receiver = await resolveReceiver(doc.uri, configs);
  if (!receiver) return undefined;
  const outcome = await send(receiver, record.bytes, vscode.l10n.t('Sending to {0}', receiver.url.host));
  if (!outcome) return undefined;
  return present(view, receiver, { method: 'POST', url: receiver.url.href, source: vscode.workspace.asRelativePath(doc.uri), line: record.line, body: record.text, bytes: record.bytes.byteLength }, outcome);
}

/** The record to send from `doc`: all of a payload, or the record on 1-based `line` of a log (found again when a lens saw another version); or why there is none. */
async function recordOf(doc: vscode.TextDocument, line: number | undefined, seen: LensStamp | undefined, configs: TeamConfigs): Promise<{ bytes: Uint8Array; text: string; line: number } | { error: string }> {
  const name = vscode.workspace.asRelativePath(doc.uri);
  const mode = isCheckable(doc.uri) ? modeWith(doc, (await configs.settings(doc.uri)).plainJson) : undefined;
  if (!mode) return { error: vscode.l10n.t('{0} is not an Alfred payload or log: nothing sent.', name) };
  if (mode === 'document') {
    const capture = captureOf(doc.getText());
    if (capture) return { error: vscode.l10n.t('{0} is a capture of {1} entries, not one body to send: turn it into a log with alfred-events import, then send a line of it. Nothing sent.', name, capture.entries.length) };
    return { ...(await recordBody(doc, undefined)), line: 1 };
  }
  if (line === undefined) return { error: vscode.l10n.t('{0} is a log: put the cursor on the record to send, or use its Send to receiver lens. Nothing sent.', name) };
  if (seen && seen.version !== doc.version) {
    const again = findLine(doc, line, seen);
    if (again === undefined) return { error: vscode.l10n.t('Line {0} of {1} changed since its lens was shown: nothing sent. Use the lens again.', line, name) };
    line = again;
  }
  if (!Number.isInteger(line) || line < 1 || line > doc.lineCount) return { error: vscode.l10n.t('{0} has no line {1}: nothing sent.', name, String(line)) };
  if (!isRecordLine(doc.lineAt(line - 1).text)) return { error: vscode.l10n.t('Line {0} of {1} holds no record (a JSON object): nothing sent.', line, name) };
  return { ...(await recordBody(doc, line)), line };
}

/**
 * The bytes `alfred-events send` sends for the document (README "Sending to your receiver"): a
 * saved file's own bytes, cut by the core's recordBytes (no BOM, UTF-16 as UTF-8, line ends and
 * invalid UTF-8 as in the file, which VS Code's text would not keep); the text as UTF-8 for an
 * unsaved or untitled document, whose text exists nowhere else. `text` is for the response view.
 */
async function recordBody(doc: vscode.TextDocument, line: number | undefined): Promise<{ bytes: Uint8Array; text: string }> {
  const file = doc.isDirty || doc.isUntitled ? undefined : await readBytes(doc.uri);
  const found = file && recordBytes(file, line);
  if (found && 'bytes' in found) return { bytes: found.bytes, text: decodeUtf8(found.bytes).text };
  const text = line === undefined ? doc.getText() : doc.lineAt(line - 1).text;
  return { bytes: new TextEncoder().encode(text), text };
}

/**
 * Checks the receiver's answer to Alfred's URL verification, as `alfred-events handshake` does:
 * a fresh token and challenge (crypto.randomUUID, a global in the extension host and in browsers),
 * the verdict as a notification (information when it passes, an error naming the flaw otherwise),
 * the answer in the response view. The receiver is the active document's (its folder's team
 * file), else the first workspace folder's.
 */
export async function checkHandshake(configs: TeamConfigs, view: ResponseView): Promise<ResponseShown | undefined> {
  const doc = vscode.window.activeTextEditor?.document;
  const folder = vscode.workspace.workspaceFolders?.[0];
  // A file at the folder's root, so that the folder's own .alfred-events.json applies.
  const scope = doc?.uri ?? (folder ? vscode.Uri.joinPath(folder.uri, CONFIG_FILE) : undefined);
  const receiver = await resolveReceiver(scope, configs);
  if (!receiver) return undefined;
  const handshake = handshakeBody(() => globalThis.crypto.randomUUID());
  const outcome = await send(receiver, handshake.text, vscode.l10n.t('Checking the URL verification handshake of {0}', receiver.url.host));
  if (!outcome) return undefined;
  let verdict: Verdict;
  if (answered(outcome)) {
    const contentType = outcome.headers.find(([name]) => name === 'content-type')?.[1];
    verdict = judgeHandshake(handshake.challenge, { status: outcome.status, body: outcome.body, ...(contentType ? { contentType } : {}) });
  } else {
    verdict = { ok: false, message: describeFailure(outcome, receiver.url) };
  }
  const request = { method: 'POST' as const, url: receiver.url.href, body: handshake.text, bytes: new TextEncoder().encode(handshake.text).byteLength };
  const shown = present(view, receiver, request, outcome, verdict);
  if (verdict.ok) void vscode.window.showInformationMessage(vscode.l10n.t('URL verification passed: the receiver {0}', verdict.message));
  else void vscode.window.showErrorMessage(vscode.l10n.t('URL verification failed: {0}', verdict.message));
  return shown;
}

/** Delivers with a cancellable progress notification; undefined when the user cancelled. */
async function send(receiver: Receiver, body: string | Uint8Array, title: string): Promise<DeliveryOutcome | undefined> {
  const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    return deliver({ url: receiver.url, method: 'POST', body, timeoutMs: DEFAULT_TIMEOUT_MS, signal: controller.signal });
  });
  return !answered(outcome) && outcome.failure === 'cancelled' ? undefined : outcome;
}

/** Puts the outcome in the response view and returns what it shows. */
function present(view: ResponseView, receiver: Receiver, request: ResponseShown['request'], outcome: DeliveryOutcome, verdict?: Verdict): ResponseShown {
  const shown: ResponseShown = answered(outcome)
    ? { request, response: outcome }
    : { request, failure: { kind: outcome.failure, message: describeFailure(outcome, receiver.url), ms: outcome.ms } };
  if (verdict) shown.verdict = verdict;
  view.show(shown);
  return shown;
}
