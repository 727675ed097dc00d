import * as vscode from 'vscode';
import { type FileInput } from '../core/index';
import { parseWebviewState } from '../shared/preview-protocol';
import type { DiagnosticsController } from './diagnostics';
import { modeOf } from './documents';
import { TimelinePreview, VIEW_TYPE } from './preview';
import { readInOrder } from './read-files';
import type { TeamConfigs } from './team-config';
import { payloadFiles } from './workspace-files';

/**
 * "Alfred: Preview Job Timeline" (here or to the side), the folder timeline from the Explorer,
 * and the serializer that brings a preview back after a window reload.
 */
export function registerPreview(context: vscode.ExtensionContext, diagnostics: DiagnosticsController, configs: TeamConfigs): vscode.Disposable & { previews(): readonly TimelinePreview[] } {
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
    // The folder's files as Validate Workspace and the CLI choose and read them (by name or by
    // content, UTF-16 by its BOM), each under its own configuration; a file gone since the
    // search is left out, not an error.
    const inputs: FileInput[] = [];
    const files = await payloadFiles(configs, folder);
    let i = 0;
    for await (const [uri, bytes] of readInOrder(files.map((f) => f.uri))) {
      const file = files[i++]!;
      if (bytes) inputs.push({ uri: uri.toString(), mode: file.mode, bytes, rules: file.settings.rules, maxBytes: file.settings.maxBytes });
    }
    const preview = create(vscode.ViewColumn.Active);
    await preview.showSources(folder.path.split('/').pop() || folder.path, inputs);
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
