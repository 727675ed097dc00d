// The first end-to-end checks: the window opened the test workspace, the extension is there and
// activates, and an example payload gets the extension's language.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';

const EXTENSION_ID = 'alfred-events.alfred-events';

function examplesFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test window has no workspace folder');
  return folder;
}

describe('smoke', () => {
  it('opens a workspace of copied fixtures', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1);
    assert.equal(path.basename(folders[0]!.uri.fsPath), 'workspace');
  });

  it('has the extension, and it activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('gives an example payload the alfred-event language', async () => {
    const uri = vscode.Uri.joinPath(examplesFolder().uri, 'examples', 'job_retry_event.alfred.json');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.languageId, 'alfred-event');
  });
});
