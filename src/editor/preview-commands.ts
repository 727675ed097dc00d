import * as vscode from 'vscode';
import { modeOfName, type Source } from '../core/index';
import { parseWebviewState } from '../shared/preview-protocol';
import { PAYLOAD_GLOB } from './commands';
import type { DiagnosticsController } from './diagnostics';
import { modeOf } from './documents';
import { TimelinePreview, VIEW_TYPE } from './preview';
import { readInOrder } from './read-files';

/**
 * "Alfred: Preview Job Timeline" (here or to the side), the folder timeline from the Explorer,
 * and the serializer that brings a preview back after a window reload.
 */
export function registerPreview(context: vscode.ExtensionContext, diagnostics: DiagnosticsController): vscode.Disposable & { previews(): readonly TimelinePreview[] } {
  const previews = new Set<TimelinePreview>();
  const track = (p: TimelinePreview): TimelinePreview => {
    previews.add(p);
    p.onDidClose(() => previews.delete(p));
    return p;
  };
  const create = (column: vscode.ViewColumn): TimelinePreview => {
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, vscode.l10n.t('Timeline'), { viewColumn: column, preserveFocus: true }, { enableScripts: true });
    return track(new TimelinePreview(panel, context.extensionUri, diagnostics, {}));
  };

  const previewDocument = async (uri: vscode.Uri | undefined, column: vscode.ViewColumn): Promise<TimelinePreview | undefined> => {
    const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!doc || !modeOf(doc)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open an Alfred payload or log (*.alfred.json, *.alfred.jsonl) to preview its job timeline.'));
      return undefined;
    }
    // One preview follows the payload editors, as the Markdown preview does; reuse it.
    const preview = [...previews][0] ?? create(column);
    preview.show(doc);
    preview.panel.reveal(column === vscode.ViewColumn.Beside ? undefined : column, true);
    return preview;
  };

  const previewFolder = async (folder: vscode.Uri): Promise<TimelinePreview | undefined> => {
    const files = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, PAYLOAD_GLOB), '**/node_modules/**');
    const sources: Source[] = [];
    // A file gone since the search is left out, not an error. Code-unit order, as the CLI reads
    // a folder: the machine's locale must not reorder the files (and so ties in time).
    for await (const [uri, bytes] of readInOrder(files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)))) {
      if (bytes) sources.push({ uri: uri.toString(), text: new TextDecoder().decode(bytes), mode: modeOfName(uri.path) });
    }
    const preview = create(vscode.ViewColumn.Active);
    await preview.showSources(folder.path.split('/').pop() || folder.path, sources);
    return preview;
  };

  const disposable = vscode.Disposable.from(
    vscode.commands.registerCommand('alfredEvents.previewTimeline', (uri?: vscode.Uri) => previewDocument(uri, vscode.ViewColumn.Active)),
    vscode.commands.registerCommand('alfredEvents.previewTimelineToSide', (uri?: vscode.Uri) => previewDocument(uri, vscode.ViewColumn.Beside)),
    vscode.commands.registerCommand('alfredEvents.previewFolderTimeline', (uri?: vscode.Uri) => (uri ? previewFolder(uri) : undefined)),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        // Saved by the page, so checked as its messages are: only well-typed fields come back.
        const saved = parseWebviewState(state) ?? {};
        const preview = track(new TimelinePreview(panel, context.extensionUri, diagnostics, saved));
        try {
          if (typeof saved.uri !== 'string') throw new Error('no document');
          preview.show(await vscode.workspace.openTextDocument(vscode.Uri.parse(saved.uri)));
        } catch {
          // The file is gone (or was a folder): an empty preview says so rather than an error.
          void preview.showSources(vscode.l10n.t('no document'), []);
        }
      },
    }),
    { dispose: () => [...previews].forEach((p) => p.dispose()) },
  );
  return Object.assign(disposable, { previews: () => [...previews] });
}
