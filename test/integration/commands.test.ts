// Commands, the task and the status item.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, checked, closeAll, diagnosticsOf, codes, until, workspaceUri, type Api } from './helpers';

describe('commands', () => {
  let a: Api;
  before(async () => {
    a = await api();
  });
  after(closeAll);

  it('every contributed command has a handler', async () => {
    const ext = vscode.extensions.getExtension('alfred-events.alfred-events')!;
    const manifest = JSON.parse(readFileSync(path.join(ext.extensionPath, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
    const all = await vscode.commands.getCommands(true);
    for (const c of manifest.contributes.commands) assert.ok(all.includes(c.command), c.command);
  });

  it('New Event Payload: an untitled document holding a complete, valid payload', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('alfredEvents.newEventPayload', 'job_exceeded_retries_event');
    const doc = editor.document;
    assert.equal(doc.isUntitled, true);
    assert.equal(doc.languageId, 'alfred-event');
    const value = JSON.parse(doc.getText()) as { event: { event_name: string; exceeded_retries: boolean } };
    assert.equal(value.event.event_name, 'job_exceeded_retries_event');
    assert.equal(value.event.exceeded_retries, true);
    assert.deepEqual(await checked(doc), []);
    assert.deepEqual(vscode.languages.getDiagnostics(doc.uri), []);
    assert.equal(a.status().text, 'job_exceeded_retries_event');
  });

  it('the walkthrough\'s examples: a payload with problems and a log, untitled, nothing written', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'alfred-events.alfred-events#getStarted', false);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('alfredEvents.openExample', 'problems');
    assert.equal(editor.document.isUntitled, true);
    const ds = await diagnosticsOf(editor.document.uri, (d) => d.length >= 3, 'the example\'s problems');
    assert.deepEqual([...new Set(codes(ds))].sort(), ['string-encoded-value', 'unknown-field']);
    const log = await vscode.commands.executeCommand<vscode.TextEditor>('alfredEvents.openExample', 'log');
    assert.equal(log.document.isUntitled, true);
    assert.equal(log.document.languageId, 'alfred-event-log');
    await checked(log.document);
    const preview = await vscode.commands.executeCommand<{ lastData?: { summary: { jobs: number } } }>('alfredEvents.previewTimelineToSide');
    assert.equal(preview?.lastData?.summary.jobs, 4);
    await closeAll();
  });

  it('Validate Workspace: problems of files not open land in the Problems panel', async () => {
    const uri = workspaceUri('broken', 'typo-event-name.alfred.json');
    const count = await vscode.commands.executeCommand<number>('alfredEvents.validateWorkspace');
    assert.ok(count >= 30, `checked ${count} files`);
    const ds = await diagnosticsOf(uri, (d) => d.length > 0);
    assert.deepEqual(codes(ds), ['unknown-event-name']);
  });

  it('the status item: the event of a payload, the counts of a log', async () => {
    await vscode.window.showTextDocument(workspaceUri('examples', 'jobs.alfred.jsonl'));
    const s = await until(a.onDidValidate, () => (/events/.test(a.status().text) ? a.status() : undefined), 'the log status');
    assert.match(s.text, /^44 events · 4 jobs$/);
    assert.equal(s.detail, '0 records with errors');
  });

  it('the task runs the bundled CLI with a problem matcher', async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: 'alfred-events' });
    assert.equal(tasks.length, 1);
    assert.deepEqual(tasks[0]!.problemMatchers, ['$alfred-events']);
    const exec = tasks[0]!.execution as vscode.ProcessExecution;
    assert.match(exec.args.join(' '), /dist[/\\]cli\.js validate \./);
  });
});
