// The .vsix, installed into a fresh VS Code from its own file: what it holds, and that it works
// with nothing from the repository (no node_modules, no sources).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';

const ID = 'alfred-events.alfred-events';

interface PackageFacts {
  files: string[];
  bytes: number;
}

/** What the driver found out about the .vsix before the window opened (vsce ls, file size). */
function facts(): PackageFacts {
  const file = process.env.ALFRED_VSIX_FACTS;
  assert.ok(file, 'ALFRED_VSIX_FACTS is not set: run this through test/host/run-package-test.ts');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as PackageFacts;
}

describe('the packaged extension', () => {
  it('holds exactly the allow-listed files, under 1 MB', () => {
    const { files, bytes } = facts();
    assert.deepEqual([...files].sort(), [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/cli.js',
      'dist/examples/jobs.alfred.jsonl',
      'dist/extension.js',
      'dist/web/extension.js',
      'dist/webview.js',
      'l10n/bundle.l10n.es.json',
      'l10n/bundle.l10n.json',
      'language-configuration.json',
      'media/file-icon.svg',
      'media/icon.png',
      'media/timeline.css',
      'media/walkthrough/fix.md',
      'media/walkthrough/open.md',
      'media/walkthrough/problems.alfred.json',
      'media/walkthrough/problems.md',
      'media/walkthrough/timeline.md',
      'package.json',
      'package.nls.es.json',
      'package.nls.json',
      'schemas/alfred-event.schema.json',
      'schemas/alfred-events-config.schema.es.json',
      'schemas/alfred-events-config.schema.json',
      'syntaxes/alfred-event-log.tmLanguage.json',
      'syntaxes/alfred-event.tmLanguage.json',
    ]);
    assert.ok(bytes < 1024 * 1024, `${bytes} bytes`);
  });

  it('is installed from the .vsix, with no node_modules beside it', () => {
    const ext = vscode.extensions.getExtension(ID);
    assert.ok(ext, `${ID} is not installed`);
    assert.match(ext.extensionPath, /installed-extensions/);
    assert.equal(fs.existsSync(path.join(ext.extensionPath, 'node_modules')), false);
    assert.equal(fs.existsSync(path.join(ext.extensionPath, 'src')), false);
  });

  it('activates from the package alone and reports problems', async () => {
    const ext = vscode.extensions.getExtension(ID)!;
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const uri = vscode.Uri.joinPath(folder, 'broken', 'typo-event-name.alfred.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.languageId, 'alfred-event');
    await ext.activate();
    assert.equal(ext.isActive, true);
    const ds = await new Promise<vscode.Diagnostic[]>((resolve, reject) => {
      const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Alfred Events');
      if (ours().length > 0) return resolve(ours());
      const timer = setTimeout(() => reject(new Error('no diagnostics from the installed extension')), 15_000);
      const sub = vscode.languages.onDidChangeDiagnostics(() => {
        if (ours().length === 0) return;
        clearTimeout(timer);
        sub.dispose();
        resolve(ours());
      });
    });
    assert.equal(ds.length, 1);
    assert.equal(typeof ds[0]!.code === 'object' ? ds[0]!.code.value : ds[0]!.code, 'unknown-event-name');
  });
});
