// Diagnostics in the real editor: on open, following edits, from settings, on plain JSON.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, closeAll, codes, diagnosticsOf, file, readExample, untitled, until, workspaceUri } from './helpers';

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
    const a = await api();
    // The status item names the event once validation has run: proof that it ran and found nothing.
    const s = await until(a.onDidValidate, () => (a.status().text === 'job_retry_event' ? a.status() : undefined), 'the status item');
    assert.equal(s.detail, 'no errors');
    assert.deepEqual(vscode.languages.getDiagnostics(doc.uri), []);
  });

  it('follow edits: a new problem appears, and goes when it is undone', async () => {
    const editor = await untitled(retry);
    const doc = editor.document;
    await diagnosticsOf(doc.uri, (d) => d.length === 0, 'a clean start');
    const at = doc.getText().indexOf('"retries": 1') + '"retries": '.length;
    await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + 1)), '-3'));
    const ds = await diagnosticsOf(doc.uri, (d) => codes(d).includes('out-of-range'), 'out-of-range after the edit');
    assert.equal(doc.getText(ds[0]!.range), '-3');
    await vscode.commands.executeCommand('undo');
    await diagnosticsOf(doc.uri, (d) => d.length === 0, 'nothing after undo');
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
    assert.deepEqual(vscode.languages.getDiagnostics(other.document.uri).filter((d) => d.source === 'Alfred Events'), []);
  });

  it('a log: each broken record is reported on its own line', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri('broken', 'mixed-log.alfred.jsonl'));
    assert.equal(doc.languageId, 'alfred-event-log');
    const ds = await diagnosticsOf(doc.uri, (d) => d.length >= 3);
    assert.deepEqual(ds.map((d) => d.range.start.line), [4, 5, 6]);
  });
});

