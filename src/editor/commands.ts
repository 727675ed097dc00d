import * as vscode from 'vscode';
import { EVENTS, FolderValidation, SYSTEM_FRESH, payloadText, type FileInput, type FileResult } from '../core/index';
import { toDiagnostic } from './convert';
import type { DiagnosticsController } from './diagnostics';
import { DOCUMENT_LANGUAGE, LOG_LANGUAGE } from './documents';
import { readInOrder, size } from './read-files';
import { SLICE_MS, tick } from './slices';
import type { TeamConfigs } from './team-config';
import { openText, payloadFiles, type PayloadFile } from './workspace-files';

export function registerCommands(diagnostics: DiagnosticsController, configs: TeamConfigs, extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('alfredEvents.newEventPayload', newEventPayload),
    vscode.commands.registerCommand('alfredEvents.openExample', (which?: unknown) => openExample(extensionUri, which === 'log' ? 'log' : 'problems')),
    vscode.commands.registerCommand('alfredEvents.validateWorkspace', (cancel?: unknown) => validateWorkspace(diagnostics, configs, isToken(cancel) ? cancel : undefined)),
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
      for (const e of EVENTS.filter((x) => x.family === family)) items.push({ label: e.name, description: e.title, detail: vscode.l10n.t(e.when), event: e });
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
 * Problems panel. Files are chosen as the CLI chooses them (by name, or by content when plain
 * JSON detection is on), read as it reads them (UTF-8, or UTF-16 by its BOM), checked each alone
 * and then across all of them (a job's story may span files), each under its own configuration:
 * what the Problems panel shows for a file equals what the file shows when opened. A file open
 * and checked in an editor keeps its live diagnostics (the same findings). Returns the files
 * checked. `cancel` stops it too (for callers other than the progress notification's button).
 */
export async function validateWorkspace(diagnostics: DiagnosticsController, configs: TeamConfigs, cancel?: vscode.CancellationToken): Promise<number> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Validating Alfred payloads'), cancellable: true },
    async (progress, token) => {
      const stopped = (): boolean => token.isCancellationRequested || cancel?.isCancellationRequested === true;
      const files = await payloadFiles(configs, undefined, token);
      const inputs: FileInput[] = [];
      const gone: vscode.Uri[] = [];
      for await (const [file, bytes] of readPayloads(files)) {
        if (stopped()) return 0;
        const text = openText(file.uri);
        // Deleted or unreadable since the search: nothing to report, and nothing stale left.
        if (text === undefined && bytes === undefined) gone.push(file.uri);
        else inputs.push({ uri: file.uri.toString(), mode: file.mode, rules: file.settings.rules, maxBytes: file.settings.maxBytes, ...(text !== undefined ? { text } : { bytes: bytes! }) });
      }
      for (const uri of gone) diagnostics.collection.delete(uri);
      // In slices, like an open log: one long log in the workspace must not hold the editor.
      // Each file's own findings go to the Problems panel as it is checked; those the checks
      // across files add come at the end.
      const run = new FolderValidation(inputs);
      const published = new Map<string, number>();
      const publish = async (results: readonly FileResult[]): Promise<void> => {
        const batch: [vscode.Uri, vscode.Diagnostic[]][] = [];
        for (const r of results) {
          const uri = vscode.Uri.parse(r.uri);
          // The live check of an open document has this answer already, for its current text.
          if (diagnostics.result(uri) || published.get(r.uri) === r.diagnostics.length) continue;
          published.set(r.uri, r.diagnostics.length);
          batch.push([uri, r.diagnostics.map((d) => toDiagnostic(d, uri))]);
        }
        // Deleted while it was being checked: its problems would outlive it.
        const present = await Promise.all(batch.map(async ([uri]) => (await size(uri)) !== undefined));
        diagnostics.collection.set(batch.filter((_, i) => present[i]));
      };
      let reported = 0;
      for (;;) {
        const done = run.step(SLICE_MS);
        progress.report({ increment: (100 * (run.checkedCount - reported)) / Math.max(1, inputs.length), message: vscode.l10n.t('{0} of {1} files', run.checkedCount, inputs.length) });
        reported = run.checkedCount;
        // One update per slice, not per file: thousands of messages to the window otherwise.
        await publish(run.drain());
        if (done) break;
        await tick();
        if (stopped()) return run.checkedCount;
      }
      await publish(run.fileResults());
      return inputs.length;
    },
  );
}

/** The files' bytes in order; those detection has read already are not read again. */
async function* readPayloads(files: readonly PayloadFile[]): AsyncGenerator<[PayloadFile, Uint8Array | undefined]> {
  const unread = files.filter((f) => !f.bytes && openText(f.uri) === undefined);
  const reads = readInOrder(unread.map((f) => f.uri));
  for (const f of files) {
    if (f.bytes || openText(f.uri) !== undefined) yield [f, f.bytes];
    else {
      const next = await reads.next();
      yield [f, next.done ? undefined : next.value[1]];
    }
  }
}

/** A cancellation token passed by a caller of the command (menus pass a URI or nothing). */
function isToken(x: unknown): x is vscode.CancellationToken {
  return typeof x === 'object' && x !== null && typeof (x as { isCancellationRequested?: unknown }).isCancellationRequested === 'boolean';
}
