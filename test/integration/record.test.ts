// Recording deliveries in the real editor: the command starts the recorder on an ephemeral
// 127.0.0.1 port, the test posts events to it as a sender would (nothing is sent anywhere else),
// and the status bar count, the log's diagnostics and its timeline follow each delivery; Stop
// closes the port. Expected codes are the README's rules: an unknown event name is
// unknown-event-name, a redelivered event_id is duplicate-event-id on the later line.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { StartResult } from '../../src/editor/record';
import { api, checked, closeAll, codes, diagnosticsOf, readExample, until, workspaceUri, type Api } from './helpers';

/**
 * A line of the example log with ids of its own (the first 8 hex digits of each UUID made `n`),
 * so that the workspace's copy of that log, in the same folder, shares no event_id or job with it.
 */
const own = (line: string, n: number): string => line.replace(/"[0-9a-f]{8}(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")/g, (_m, rest: string) => `"${n.toString(16).padStart(8, '0')}${rest}`);

/** Posts one body as a sender does; resolves to the HTTP status. */
async function post(url: string, body: string): Promise<number> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await res.arrayBuffer();
  return res.status;
}

describe('recording deliveries', () => {
  let a: Api;
  let lines: string[];
  before(async () => {
    a = await api();
    await closeAll();
    lines = (await readExample('jobs.alfred.jsonl')).split('\n').filter((l) => l.trim());
    fs.mkdirSync(workspaceUri('scratch').fsPath, { recursive: true });
  });
  after(async () => {
    await vscode.commands.executeCommand('alfredEvents.stopRecording');
    await closeAll();
  });

  it('records what is posted into a log whose count, problems and timeline follow, then stops', async () => {
    const out = workspaceUri('scratch', 'recorded.alfred.jsonl');
    fs.rmSync(out.fsPath, { force: true });
    const started = await vscode.commands.executeCommand<StartResult>('alfredEvents.startRecording', { port: 0, out: out.toString(), forwardTo: '' });
    assert.ok(started && 'url' in started, `not started: ${JSON.stringify(started)}`);
    const url = new URL(started.url);
    assert.equal(url.hostname, '127.0.0.1');
    assert.notEqual(url.port, '0');
    assert.equal(a.recording()?.text, '$(record) Recording: 0 events');
    // The log is open, and so is its timeline beside it.
    const doc = vscode.window.activeTextEditor?.document;
    assert.equal(doc?.uri.toString(), out.toString());
    await vscode.commands.executeCommand('alfredEvents.previewTimelineToSide', out);
    const preview = a.previews().find((p) => p.document?.uri.toString() === out.toString());
    assert.ok(preview, 'no timeline of the log');

    // 1: a valid job_create_event. 2: the next event of that job, its event name misspelt.
    // 3: the first delivery again, as a sender retries.
    const first = own(lines[0]!, 0xfff);
    const planted = own(lines[1]!, 0xfff).replace('"event_name":"job_stage_update_event"', '"event_name":"job_stage_updated_event"');
    assert.ok(planted.includes('job_stage_updated_event'), 'the fixture line changed: plant the error elsewhere');
    assert.equal(await post(started.url, first), 200);
    await until(a.onDidChangeRecording, () => (a.recording()?.events === 1 ? true : undefined), 'the first event counted');
    assert.equal(a.recording()!.text, '$(record) Recording: 1 event');
    assert.equal(await post(started.url, planted), 200);
    assert.equal(await post(started.url, first), 200);
    await until(a.onDidChangeRecording, () => (a.recording()?.events === 3 ? true : undefined), 'three events counted');
    assert.equal(a.recording()!.text, '$(record) Recording: 3 events');

    const ds = await diagnosticsOf(out, (d) => codes(d).includes('unknown-event-name') && codes(d).includes('duplicate-event-id'), 'the planted error and the redelivery');
    assert.equal(doc.lineCount, 4, 'three lines and the empty one after the last line feed');
    assert.deepEqual(doc.getText().split('\n'), [first, planted, first, '']);
    assert.deepEqual(ds.filter((d) => codes([d])[0] === 'unknown-event-name').map((d) => d.range.start.line), [1]);
    assert.deepEqual(ds.filter((d) => codes([d])[0] === 'duplicate-event-id').map((d) => d.range.start.line), [2]);
    // Each record was checked once, as its line arrived: never the whole log again.
    await checked(doc);
    assert.equal(a.recordsChecked(out), 3);

    const data = await until(preview.onDidRender, () => (preview.lastData?.summary.events === 3 && preview.lastData.problems.some((p) => p.code === 'duplicate-event-id') ? preview.lastData : undefined), 'the timeline of the recorded events');
    // One job, whose lane holds the three deliveries, the redelivery among them.
    assert.equal(data.summary.jobs, 1);
    assert.equal(data.jobs[0]!.marks.length, 3);
    assert.deepEqual(data.problems.map((p) => [p.code, p.line]).sort(), ds.map((d) => [codes([d])[0], d.range.start.line]).sort());

    const stopped = await vscode.commands.executeCommand<{ events: number } | undefined>('alfredEvents.stopRecording');
    assert.equal(stopped?.events, 3);
    assert.equal(a.recording(), undefined);
    await assert.rejects(post(started.url, first), 'the port is closed');
    assert.equal(fs.readFileSync(out.fsPath, 'utf8'), `${first}\n${planted}\n${first}\n`);
  });

  it('checks a record appended to a log of 2,000 records alone, not the 2,001', async () => {
    // 2,000 records: copies of the example log's records, each copy's ids made its own.
    const copies = Array.from({ length: 50 }, (_, c) => lines.map((l) => own(l, c))).flat();
    const log = copies.slice(0, 2000);
    const uri = workspaceUri('scratch', 'growing.alfred.jsonl');
    fs.writeFileSync(uri.fsPath, log.join('\n') + '\n');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await checked(doc);
    assert.equal(a.recordsChecked(uri), 2000);
    const version = doc.version;
    // Appended by another process, as the recorder appends: VS Code reloads the file.
    fs.appendFileSync(uri.fsPath, copies[2000]! + '\n');
    await until(a.onDidValidate, () => (doc.version > version && a.checked(uri) === doc.version ? true : undefined), 'the check of the appended line');
    assert.equal(doc.lineCount, 2002);
    assert.equal(a.recordsChecked(uri), 2001);
  });

  it('warns once when the log being recorded is edited in its editor, since saving it would race the recorder', async () => {
    const out = workspaceUri('scratch', 'edited.alfred.jsonl');
    fs.rmSync(out.fsPath, { force: true });
    const started = await vscode.commands.executeCommand<StartResult>('alfredEvents.startRecording', { port: 0, out: out.toString(), forwardTo: '' });
    assert.ok(started && 'url' in started, `not started: ${JSON.stringify(started)}`);
    assert.equal(a.recording()?.editedWarning, undefined);
    const doc = await vscode.workspace.openTextDocument(out);
    const warned = until(a.onDidChangeRecording, () => (a.recording()?.editedWarning ? true : undefined), 'the edited-log warning');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(out, new vscode.Position(0, 0), '{"mine":true}');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(doc.isDirty);
    await warned;
    await vscode.commands.executeCommand('workbench.action.files.revert', out);
    await vscode.commands.executeCommand('alfredEvents.stopRecording');
  });
});
