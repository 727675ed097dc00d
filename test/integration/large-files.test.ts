// A log over VS Code's 50 MB model sync limit: VS Code gives no extension its document, so the
// extension reads it from disk, and again whenever it changes there.
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, closeAll, codes, diagnosticsOf, readExample, workspaceUri } from './helpers';

/** About 56 MB: 80k distinct file events, with an unknown event name on each line in `broken`. */
async function bigLog(broken: number[]): Promise<string> {
  const line = JSON.stringify(JSON.parse(await readExample('file_done_event.alfred.json')));
  const lines: string[] = [];
  for (let i = 0; i < 80_000; i++) {
    let l = line.replace(/"event_id":"[^"]+"/, `"event_id":"00000000-0000-4000-8000-${String(i).padStart(12, '0')}"`);
    if (broken.includes(i)) l = l.replace('"file_done_event"', '"file_done_evnt"');
    lines.push(l);
  }
  return lines.join('\n') + '\n';
}

describe('a log too large for VS Code to hand to extensions', () => {
  const uri = workspaceUri('large.alfred.jsonl');
  after(async () => {
    await closeAll();
    await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  it('is checked from disk: its problems show, follow each save, and go with its tab', async () => {
    const a = await api();
    const text = await bigLog([10, 70_000]);
    assert.ok(text.length > 50 * 1024 * 1024, `${text.length} bytes is not over the sync limit`);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    await vscode.commands.executeCommand('vscode.open', uri);
    const first = await diagnosticsOf(uri, (ds) => ds.length === 2, 'the two problems of the large log');
    assert.deepEqual(codes(first), ['unknown-event-name', 'unknown-event-name']);
    assert.deepEqual(first.map((d) => d.range.start.line), [10, 70_000]);
    // The reason for this path: the document itself never reaches the extension.
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()));
    assert.deepEqual(a.largeFiles(), [uri.toString()]);

    // Saved again (here: written by another tool) with a third mistake.
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(await bigLog([10, 40_000, 70_000])));
    const second = await diagnosticsOf(uri, (ds) => ds.length === 3, 'the problems after the file changed');
    assert.deepEqual(second.map((d) => d.range.start.line), [10, 40_000, 70_000]);

    // Over the size limit (here lowered to 50 MB): one information diagnostic says so, nothing is read.
    const config = vscode.workspace.getConfiguration('alfredEvents');
    await config.update('validation.maxFileSizeMB', 50, vscode.ConfigurationTarget.Workspace);
    try {
      const [info] = await diagnosticsOf(uri, (ds) => ds.length === 1, 'the size limit\'s notice');
      assert.equal(info!.severity, vscode.DiagnosticSeverity.Information);
      assert.match(info!.message, /larger than the maxFileSizeMB limit \(50\.0 MB\)/);
    } finally {
      await config.update('validation.maxFileSizeMB', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsOf(uri, (ds) => ds.length === 3, 'the problems again under the default limit');

    await closeAll();
    await diagnosticsOf(uri, (ds) => ds.length === 0, 'no problems once the tab is closed');
    assert.deepEqual(a.largeFiles(), []);
  });
});
