// Diagnostics in the real editor: on open, following edits, from settings, on plain JSON.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, checked, closeAll, codes, diagnosticsOf, file, ours, readExample, settled, untitled, until, workspaceUri } from './helpers';

describe('diagnostics', () => {
  let retry: string;
  before(async () => {
    await api();
    retry = await readExample('job_retry_event.alfred.json');
  });
  after(closeAll);

  it('appear on open, on the exact value, with source, code and a link to the rule', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri('broken', 'wrong-types.alfred.json'));
    const ds = await diagnosticsOf(doc.uri, (d) => d.length > 0);
    assert.deepEqual(codes(ds).sort(), ['invalid-date', 'invalid-type', 'invalid-type', 'invalid-url', 'out-of-range']);
    const range = ds.find((d) => codes([d])[0] === 'out-of-range')!.range;
    assert.equal(doc.getText(range), '-1');
    const code = ds[0]!.code as { value: string; target: vscode.Uri };
    assert.match(code.target.toString(), /#rule-/);
    assert.equal(ds.find((d) => codes([d])[0] === 'out-of-range')!.severity, vscode.DiagnosticSeverity.Error);
  });

  it('a correct payload has none', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri('examples', 'job_retry_event.alfred.json'));
    await vscode.window.showTextDocument(doc);
    assert.deepEqual(await checked(doc), []);
    const a = await api();
    assert.deepEqual(a.status(), { text: 'job_retry_event', detail: 'no errors' });
    assert.deepEqual(vscode.languages.getDiagnostics(doc.uri), []);
  });

  it('follow edits: a new problem appears, and goes when it is undone', async () => {
    const editor = await untitled(retry);
    const doc = editor.document;
    assert.deepEqual(await checked(doc), [], 'a clean start');
    const at = doc.getText().indexOf('"retries": 1') + '"retries": '.length;
    await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + 1)), '-3'));
    const ds = await diagnosticsOf(doc.uri, (d) => codes(d).includes('out-of-range'), 'out-of-range after the edit');
    assert.equal(doc.getText(ds[0]!.range), '-3');
    await vscode.commands.executeCommand('undo');
    assert.deepEqual(await checked(doc), [], 'nothing after undo');
  });

  it('are cleared when the document closes', async () => {
    const editor = await file('closing.alfred.json', retry.replace('"job_retry_event"', '"job_retry_evnt"'));
    const uri = editor.document.uri;
    await diagnosticsOf(uri, (d) => codes(d).includes('unknown-event-name'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    // VS Code disposes a closed document lazily; the close event is what clears, and it may lag.
    await diagnosticsOf(uri, (d) => d.length === 0, 'cleared after close');
    await vscode.window.showTextDocument(uri);
    await diagnosticsOf(uri, (d) => codes(d).includes('unknown-event-name'), 'back when reopened');
  });

  it('follow the rule settings: a rule switched off disappears, and comes back', async () => {
    const editor = await untitled(retry.replace('"a4d781e7-778d-4cc4-b552-4f86a8d910ea"', '"not-a-uuid"'));
    const uri = editor.document.uri;
    await diagnosticsOf(uri, (d) => codes(d).includes('invalid-uuid'));
    const config = vscode.workspace.getConfiguration('alfredEvents');
    await config.update('rules', { 'invalid-uuid': 'off' }, vscode.ConfigurationTarget.Global);
    try {
      await diagnosticsOf(uri, (d) => d.length === 0, 'invalid-uuid switched off');
      await config.update('rules', { 'invalid-uuid': 'error' }, vscode.ConfigurationTarget.Global);
      const ds = await diagnosticsOf(uri, (d) => d.length === 1 && d[0]!.severity === vscode.DiagnosticSeverity.Error, 'invalid-uuid as an error');
      assert.deepEqual(codes(ds), ['invalid-uuid']);
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('plain JSON: checked when it is an Alfred payload, never otherwise', async () => {
    const payload = await file('plain-payload.json', retry.replace('"retries": 1', '"retries": "1"'));
    assert.equal(payload.document.languageId, 'json');
    await diagnosticsOf(payload.document.uri, (d) => codes(d).includes('string-encoded-value'));
    const other = await file('package-like.json', '{\n  "name": "x",\n  "event_time": "yes"\n}\n');
    // An unrelated document: its hover from us is nothing, and it never gets our diagnostics.
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', other.document.uri, new vscode.Position(2, 5));
    assert.ok(hovers.every((h) => !JSON.stringify(h.contents).includes('Unix')));
    assert.deepEqual(await checked(other.document), []);
  });

  it('a log: each broken record is reported on its own line', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri('broken', 'mixed-log.alfred.jsonl'));
    assert.equal(doc.languageId, 'alfred-event-log');
    const ds = await diagnosticsOf(doc.uri, (d) => d.length >= 3);
    assert.deepEqual(ds.map((d) => d.range.start.line), [4, 5, 6]);
  });
});


/** Every tab in every group. */
const tabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
const key = (u: vscode.Uri): string => u.toString();

/** A read-only file system of one file, as Git's `git:` is for the HEAD side of Git: Open Changes. */
class Snapshot implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  constructor(private readonly text: string) {}
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  stat(): vscode.FileStat {
    return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: new TextEncoder().encode(this.text).length };
  }
  readFile(): Uint8Array {
    return new TextEncoder().encode(this.text);
  }
  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
  writeFile(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
  delete(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
}

describe('diagnostics follow every kind of tab', () => {
  let retry: string;
  let broken: string;
  let copies = 0;
  /**
   * The broken payload with an event_id of its own: the files of a workspace folder are checked
   * together, and a second file with the same event_id would be a redelivery.
   */
  const brokenCopy = (): string => broken.replace('f00b2e"', `f${String(++copies).padStart(5, '0')}"`);
  before(async () => {
    await api();
    await closeAll();
    retry = await readExample('job_retry_event.alfred.json');
    broken = retry.replace('"job_retry_event"', '"job_retry_evnt"').replace('"d4f1e5b7-f817-495b-80ac-d83ec7f00a1d"', '"d4f1e5b7-f817-495b-80ac-d83ec7f00b2e"');
  });
  after(closeAll);

  it('a document shown in a diff keeps its problems when its own tab closes, and loses them with the last tab', async () => {
    const doc = (await file('diffed.alfred.json', brokenCopy())).document;
    // Kept open, not in preview (a preview tab would be replaced by the diff, not closed by the user).
    await vscode.window.showTextDocument(doc, { preview: false });
    await diagnosticsOf(doc.uri, (d) => codes(d).includes('unknown-event-name'));
    const base = workspaceUri('scratch', 'diffed-base.alfred.json');
    await vscode.workspace.fs.writeFile(base, new TextEncoder().encode(retry));
    await vscode.commands.executeCommand('vscode.diff', base, doc.uri, 'diffed.alfred.json (changes)');
    assert.ok(tabs().some((t) => t.input instanceof vscode.TabInputTextDiff && key(t.input.modified) === key(doc.uri)), 'the diff is open');

    // As after Git: Open Changes, the other editors close: at no moment is the problem gone
    // (the extension's own event, at once; VS Code's diagnostics event comes later, in batches).
    const a = await api();
    let lost = false;
    const watch = a.onDidValidate((u) => {
      if (key(u) === key(doc.uri) && ours(doc.uri).length === 0) lost = true;
    });
    const plain = tabs().find((t) => t.input instanceof vscode.TabInputText && key(t.input.uri) === key(doc.uri));
    assert.ok(plain, 'the file\'s own tab');
    await vscode.window.tabGroups.close(plain);
    // The extension hears of the closed tab before this test does (its listener came first).
    await until(vscode.window.tabGroups.onDidChangeTabs, () => (tabs().some((t) => t.input instanceof vscode.TabInputText) ? undefined : true), 'the plain tab to close');
    await settled(a);
    watch.dispose();
    assert.equal(lost, false, 'the problems went with the plain tab, though the diff still shows the file');
    assert.deepEqual(codes(ours(doc.uri)), ['unknown-event-name']);
    assert.equal(a.checked(doc.uri), doc.version);

    await closeAll();
    await diagnosticsOf(doc.uri, (d) => d.length === 0, 'cleared with the last tab');
  });

  it('a preview tab that a diff of its file replaces: the problems stay throughout', async () => {
    const doc = (await file('previewed.alfred.json', brokenCopy())).document;
    await diagnosticsOf(doc.uri, (d) => codes(d).includes('unknown-event-name'));
    const preview = tabs().find((t) => t.input instanceof vscode.TabInputText && key(t.input.uri) === key(doc.uri));
    assert.ok(preview?.isPreview, 'the file opened in a preview tab');
    const a = await api();
    let lost = false;
    const watch = a.onDidValidate((u) => {
      if (key(u) === key(doc.uri) && ours(doc.uri).length === 0) lost = true;
    });
    const base = workspaceUri('scratch', 'previewed-base.alfred.json');
    await vscode.workspace.fs.writeFile(base, new TextEncoder().encode(retry));
    await vscode.commands.executeCommand('vscode.diff', base, doc.uri);
    await until(vscode.window.tabGroups.onDidChangeTabs, () => (tabs().some((t) => t.input instanceof vscode.TabInputText) ? undefined : true), 'the diff to replace the preview');
    await settled(a);
    watch.dispose();
    assert.equal(lost, false, 'the problems went with the preview tab, though the diff shows the file');
    assert.deepEqual(codes(ours(doc.uri)), ['unknown-event-name']);
    await closeAll();
  });

  it('a document whose tab closed comes back with its problems when a diff shows it, without an edit', async () => {
    const editor = await file('rediffed.alfred.json', brokenCopy());
    const uri = editor.document.uri;
    await diagnosticsOf(uri, (d) => codes(d).includes('unknown-event-name'));
    await closeAll();
    await diagnosticsOf(uri, (d) => d.length === 0, 'cleared with its tab');
    const base = workspaceUri('scratch', 'rediffed-base.alfred.json');
    await vscode.workspace.fs.writeFile(base, new TextEncoder().encode(retry));
    await vscode.commands.executeCommand('vscode.diff', base, uri);
    await diagnosticsOf(uri, (d) => codes(d).includes('unknown-event-name'), 'the problem back in the diff');
    await closeAll();
  });

  it('the read-only side of a diff (a snapshot, as git: is) is not checked; the file beside it is', async () => {
    const scheme = 'alfred-snapshot';
    const registration = vscode.workspace.registerFileSystemProvider(scheme, new Snapshot(broken), { isReadonly: true });
    try {
      const head = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme, path: '/snapshot/head.alfred.json' }));
      assert.equal(head.languageId, 'alfred-event');
      assert.equal(vscode.workspace.fs.isWritableFileSystem(scheme), false);
      const editor = await file('beside-snapshot.alfred.json', brokenCopy());
      await vscode.commands.executeCommand('vscode.diff', head.uri, editor.document.uri);
      await diagnosticsOf(editor.document.uri, (d) => codes(d).includes('unknown-event-name'), 'the editable side\'s problem');
      assert.deepEqual(await checked(head), []);
    } finally {
      await closeAll();
      registration.dispose();
    }
  });
});
