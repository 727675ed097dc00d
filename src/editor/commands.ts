import * as vscode from 'vscode';
import { EVENTS, SYSTEM_FRESH, modeOfName, payloadText, validate } from '../core/index';
import { toDiagnostic } from './convert';
import type { DiagnosticsController } from './diagnostics';
import { DOCUMENT_LANGUAGE } from './documents';
import { settingsFor } from './settings';

/** The payload files of a workspace (SPEC B2's default patterns). */
export const PAYLOAD_GLOB = '**/*.{alfred.json,alfred-event.json,alfred.jsonl,alfred.ndjson}';
const EXCLUDE_GLOB = '**/{node_modules,.git}/**';

export function registerCommands(diagnostics: DiagnosticsController): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('alfredEvents.newEventPayload', newEventPayload),
    vscode.commands.registerCommand('alfredEvents.validateWorkspace', () => validateWorkspace(diagnostics)),
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
 * Checks every payload file of the workspace, with progress and cancellation; results go to the
 * Problems panel. Files open in an editor keep their live diagnostics. Returns the files checked.
 */
export async function validateWorkspace(diagnostics: DiagnosticsController): Promise<number> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Validating Alfred payloads'), cancellable: true },
    async (progress, token) => {
      const files = await vscode.workspace.findFiles(PAYLOAD_GLOB, EXCLUDE_GLOB, undefined, token);
      const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
      let done = 0;
      for (const uri of files) {
        if (token.isCancellationRequested) break;
        progress.report({ increment: 100 / Math.max(1, files.length), message: vscode.workspace.asRelativePath(uri) });
        done++;
        if (open.has(uri.toString())) continue;
        const text = await read(uri);
        // Deleted or unreadable since the search: nothing to report, and nothing stale left.
        if (text === undefined) {
          diagnostics.collection.delete(uri);
          continue;
        }
        const settings = settingsFor(uri);
        if (text.length > settings.maxBytes) continue;
        const mode = modeOfName(uri.path);
        diagnostics.collection.set(uri, validate(text, { mode, rules: settings.rules }).map((d) => toDiagnostic(d, uri)));
        // Let the UI breathe between files on a large workspace.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      return done;
    },
  );
}

async function read(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
