// Completion as VS Code applies it: the item's range and its additional edits, in the real editor.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, closeAll, positionOf, readExample, untitled } from './helpers';

const labelOf = (i: vscode.CompletionItem): string => (typeof i.label === 'string' ? i.label : i.label.label);

/** Accepts an item as the suggest widget does: its snippet over its range, then its additional edits. */
async function accept(editor: vscode.TextEditor, item: vscode.CompletionItem): Promise<void> {
  const range = item.range instanceof vscode.Range ? item.range : item.range!.replacing;
  const snippet = item.insertText instanceof vscode.SnippetString ? item.insertText : new vscode.SnippetString(String(item.insertText ?? labelOf(item)));
  assert.ok(await editor.insertSnippet(snippet, range), 'the snippet was inserted');
  if (item.additionalTextEdits?.length) {
    const edit = new vscode.WorkspaceEdit();
    edit.set(editor.document.uri, item.additionalTextEdits);
    assert.ok(await vscode.workspace.applyEdit(edit), 'the additional edits were made');
  }
}

async function item(editor: vscode.TextEditor, pos: vscode.Position, label: string): Promise<vscode.CompletionItem> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, pos);
  const found = list.items.find((i) => labelOf(i) === label);
  assert.ok(found, `no ${label} among ${list.items.map(labelOf).join(', ')}`);
  return found;
}

describe('completion replaces the token being typed, never a neighbour', () => {
  before(api);
  after(closeAll);

  it('a quote typed before "file_id" in a compact log record: one valid line afterwards', async () => {
    const record = JSON.stringify(JSON.parse(await readExample('file_added_to_job_event.alfred.json'))).replace(/"company_name":"[^"]*",/, '');
    const typed = record.replace(',"file_id"', ',""file_id"');
    const editor = await untitled(`${record}\n${typed}\n`, 'alfred-event-log');
    const c = await item(editor, positionOf(editor.document, ',""file_id"', 2), 'company_name');
    await accept(editor, c);
    assert.equal(editor.document.lineCount, 3);
    const line = editor.document.lineAt(1).text;
    assert.doesNotThrow(() => JSON.parse(line), line);
    assert.match(line, /,"company_name": "[^"]+","file_id"/);
  });

  it('a new member after the last one: the comma it needs comes along, and the object stays valid', async () => {
    const text = (await readExample('job_retry_event.alfred.json')).replace(/,\n {4}"update_date": "[^"]+"\n/, '\n    \n');
    const editor = await untitled(text);
    const blank = editor.document.positionAt(text.indexOf('\n    \n') + 5);
    await accept(editor, await item(editor, blank, 'update_date'));
    assert.doesNotThrow(() => JSON.parse(editor.document.getText()), editor.document.getText());
  });
});
