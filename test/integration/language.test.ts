// Completion, hover and outline through VS Code's command API, as the editor asks for them.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, closeAll, positionOf, readExample, untitled, workspaceUri } from './helpers';

async function completions(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
  return list.items;
}

const labelOf = (i: vscode.CompletionItem): string => (typeof i.label === 'string' ? i.label : i.label.label);

describe('completion', () => {
  before(api);
  after(closeAll);

  it('at event_name: the 24 events with their titles', async () => {
    const editor = await untitled('{\n  "event": {\n    "event_name": ""\n  }\n}\n');
    const items = await completions(editor.document, positionOf(editor.document, '"event_name": "'));
    const events = items.filter((i) => /^(job|file)_[a-z_]+_event$/.test(labelOf(i)));
    assert.equal(new Set(events.map(labelOf)).size, 24);
    const retry = events.find((i) => labelOf(i) === 'job_retry_event')!;
    assert.match(String(retry.detail), /JobRetryEvent/);
    assert.equal(retry.kind, vscode.CompletionItemKind.EnumMember);
  });

  it('at a new key: the fields the event lacks, with a typed value snippet', async () => {
    const text = (await readExample('job_retry_event.alfred.json')).replace('    "retries": 1,\n', '').replace('"merge": false,', '"merge": false,\n    ');
    const editor = await untitled(text);
    const items = await completions(editor.document, positionOf(editor.document, '"merge": false,\n    '));
    const retries = items.find((i) => labelOf(i) === 'retries');
    assert.ok(retries, `no retries among ${items.map(labelOf).join(', ')}`);
    assert.ok(retries.insertText instanceof vscode.SnippetString);
    assert.match(retries.insertText.value, /^"retries": \$\{1:1\}/);
    assert.ok(!items.some((i) => labelOf(i) === 'merge'), 'fields already there are not offered');
  });

  it('in an empty payload file: a whole payload per event', async () => {
    const editor = await untitled('');
    const items = await completions(editor.document, new vscode.Position(0, 0));
    assert.ok(items.filter((i) => labelOf(i).endsWith(' payload')).length === 24);
  });
});

describe('hover', () => {
  after(closeAll);

  it('a key: its type, meaning and event; a timestamp: UTC, local time and gaps', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri('examples', 'job_retry_event.alfred.json'));
    const at = async (needle: string): Promise<string> => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, needle, 2));
      return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    };
    const retries = await at('"retries"');
    assert.match(retries, /\*\*retries\*\* · integer ≥ 0/);
    assert.match(retries, /Field of `job_retry_event`/);
    const time = await at('1717775165.5');
    assert.match(time, /2024-06-07 15:46:05\.500 UTC/);
    assert.match(time, /Local: /);
    assert.match(time, /after creation_date/);
    const name = await at('"job_retry_event"');
    assert.match(name, /recoverable failure/);
  });
});

describe('in a log, far down', () => {
  after(closeAll);

  it('completion and hover read the record of their line, with ranges on that line', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri('examples', 'jobs.alfred.jsonl'));
    const line = doc.lineCount - 2;
    const text = doc.lineAt(line).text;
    const at = (needle: string, delta = 2) => new vscode.Position(line, text.indexOf(needle) + delta);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at('"event_time"'));
    assert.match(hovers.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('')).join(''), /\*\*event_time\*\*/);
    assert.equal(hovers[0]!.range!.start.line, line);
    assert.equal(hovers[0]!.range!.start.character, text.indexOf('"event_time"'));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at('"event_name":"', 14));
    const item = list.items.find((i) => labelOf(i) === 'job_retry_event');
    assert.ok(item, 'event names are offered in the value of event_name');
    const range = item.range instanceof vscode.Range ? item.range : item.range!.replacing;
    assert.equal(range.start.line, line);
    assert.equal(range.start.character, text.indexOf('"event_name":"') + 13);
  });
});

describe('outline', () => {
  after(closeAll);

  it('a log: one entry per record, grouped by job', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri('examples', 'jobs.alfred.jsonl'));
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    const jobs = symbols.filter((s) => s.name.startsWith('job '));
    assert.ok(jobs.length >= 3);
    const records = symbols.flatMap((s) => (s.name.startsWith('job ') ? s.children : [s]));
    assert.equal(records.length, doc.getText().split('\n').filter((l) => l.trim()).length);
    assert.equal(records[0]!.kind, vscode.SymbolKind.Event);
  });
});
