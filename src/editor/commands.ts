import * as vscode from 'vscode';
import { EVENTS, SYSTEM_FRESH, Validation, decodeUtf8, encodingDiagnostics, modeOfName, payloadText } from '../core/index';
import { toDiagnostic } from './convert';
import type { DiagnosticsController } from './diagnostics';
import { DOCUMENT_LANGUAGE, LOG_LANGUAGE } from './documents';
import { readInOrder, size } from './read-files';
import { settingsFor } from './settings';
import { SLICE_MS, tick } from './slices';

/** The payload files of a workspace (the README's "What it checks": the default file names). */
export const PAYLOAD_GLOB = '**/*.{alfred.json,alfred-event.json,alfred.jsonl,alfred.ndjson}';
const EXCLUDE_GLOB = '**/{node_modules,.git}/**';

export function registerCommands(diagnostics: DiagnosticsController, extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('alfredEvents.newEventPayload', newEventPayload),
    vscode.commands.registerCommand('alfredEvents.openExample', (which?: unknown) => openExample(extensionUri, which === 'log' ? 'log' : 'problems')),
    vscode.commands.registerCommand('alfredEvents.validateWorkspace', (cancel?: unknown) => validateWorkspace(diagnostics, isToken(cancel) ? cancel : undefined)),
  );
}

interface EventPick extends vscode.QuickPickItem {
  event?: (typeof EVENTS)[number];
}

/** Opens an untitled document holding a complete, valid payload of the chosen event. */
export async function newEventPayload(eventName?: string): Promise<vscode.TextEditor | undefined> {
  let event = EVENTS.find((e) => e.name === eventName);
  if (!event) {
    const items: EventPick[] = [];
    for (const family of ['job', 'file'] as const) {
      items.push({ label: family === 'job' ? vscode.l10n.t('Job events') : vscode.l10n.t('File events'), kind: vscode.QuickPickItemKind.Separator });
      for (const e of EVENTS.filter((x) => x.family === family)) items.push({ label: e.name, description: e.title, detail: e.when, event: e });
    }
    const pick = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Which event?'), matchOnDescription: true, matchOnDetail: true });
    event = pick?.event;
  }
  if (!event) return undefined;
  const doc = await vscode.workspace.openTextDocument({ language: DOCUMENT_LANGUAGE, content: payloadText(event, SYSTEM_FRESH) + '\n' });
  return vscode.window.showTextDocument(doc);
}

/**
 * Opens one of the walkthrough's examples (a payload with problems, or a log of four jobs) in a
 * new untitled editor: the user can edit and fix it, and nothing is written anywhere.
 */
export async function openExample(extensionUri: vscode.Uri, which: 'problems' | 'log'): Promise<vscode.TextEditor> {
  const file = which === 'log' ? vscode.Uri.joinPath(extensionUri, 'dist', 'examples', 'jobs.alfred.jsonl') : vscode.Uri.joinPath(extensionUri, 'media', 'walkthrough', 'problems.alfred.json');
  const content = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
  const doc = await vscode.workspace.openTextDocument({ language: which === 'log' ? LOG_LANGUAGE : DOCUMENT_LANGUAGE, content });
  return vscode.window.showTextDocument(doc);
}

/**
 * Checks every payload file of the workspace, with progress and cancellation; results go to the
 * Problems panel. Files open in an editor keep their live diagnostics. Returns the files checked.
 * `cancel` stops it too (for callers other than the progress notification's button).
 */
export async function validateWorkspace(diagnostics: DiagnosticsController, cancel?: vscode.CancellationToken): Promise<number> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Validating Alfred payloads'), cancellable: true },
    async (progress, token) => {
      const stopped = (): boolean => token.isCancellationRequested || cancel?.isCancellationRequested === true;
      const found = await vscode.workspace.findFiles(PAYLOAD_GLOB, EXCLUDE_GLOB, undefined, token);
      const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
      const files = found.filter((uri) => !open.has(uri.toString()));
      // Results go to the Problems panel a slice at a time: one update per file would be
      // thousands of messages to the window on a large workspace.
      let batch: [vscode.Uri, vscode.Diagnostic[]][] = [];
      let done = found.length - files.length;
      let reported = 0;
      let until = Date.now() + SLICE_MS;
      const pause = async (): Promise<void> => {
        progress.report({ increment: (100 * (done - reported)) / Math.max(1, found.length), message: vscode.l10n.t('{0} of {1} files', done, found.length) });
        reported = done;
        const ready = batch;
        batch = [];
        // Deleted while it was being checked: its problems would outlive it.
        const present = await Promise.all(ready.map(async ([uri]) => (await size(uri)) !== undefined));
        diagnostics.collection.set(ready.filter((_, i) => present[i]));
        await tick();
        until = Date.now() + SLICE_MS;
      };
      for await (const [uri, bytes] of readInOrder(files)) {
        if (stopped()) break;
        done++;
        // Deleted or unreadable since the search: nothing to report, and nothing stale left.
        if (bytes === undefined) {
          diagnostics.collection.delete(uri);
          continue;
        }
        const settings = settingsFor(uri);
        if (bytes.length > settings.maxBytes) continue;
        const { text, invalid } = decodeUtf8(bytes);
        // In slices, like an open log: one long log in the workspace must not hold the editor.
        const run = new Validation(text, { mode: modeOfName(uri.path), rules: settings.rules });
        while (!run.step(Math.max(1, until - Date.now()))) {
          await pause();
          if (stopped()) return done;
        }
        batch.push([uri, [...encodingDiagnostics(text, invalid, settings.rules), ...run.diagnostics()].map((d) => toDiagnostic(d, uri))]);
        if (Date.now() >= until) await pause();
      }
      await pause();
      return done;
    },
  );
}

/** A cancellation token passed by a caller of the command (menus pass a URI or nothing). */
function isToken(x: unknown): x is vscode.CancellationToken {
  return typeof x === 'object' && x !== null && typeof (x as { isCancellationRequested?: unknown }).isCancellationRequested === 'boolean';
}
