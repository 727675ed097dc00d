// The job timeline preview in the real editor: the panel, live data, and the page's messages
// (sent through the preview's own handler, as the webview would post them).
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, closeAll, until, workspaceUri, type Api } from './helpers';

describe('job timeline preview', () => {
  let a: Api;
  before(async () => {
    a = await api();
    await closeAll();
  });
  after(closeAll);

  it('opens to the side from a log, with one lane per job and the summary', async () => {
    const uri = workspaceUri('examples', 'jobs.alfred.jsonl');
    await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('alfredEvents.previewTimelineToSide');
    const p = a.previews()[0]!;
    assert.ok(p, 'no preview opened');
    assert.equal(p.panel.title, 'Timeline: jobs.alfred.jsonl');
    assert.equal(p.panel.viewType, 'alfredEvents.timeline');
    const data = p.lastData!;
    assert.deepEqual(data.summary, { jobs: 4, events: 44, retries: data.summary.retries, failures: 2 });
    assert.ok(data.summary.retries >= 3);
    assert.deepEqual(data.jobs.map((j) => j.outcome).sort(), ['exceeded_retries', 'finished', 'finished', 'invalid']);
    assert.equal(data.source, uri.toString());
    // The page may load the built assets and nothing else: no workspace file, no other folder.
    const ext = vscode.extensions.getExtension('alfred-events.alfred-events')!;
    const roots = (p.panel.webview.options.localResourceRoots ?? []).map((r) => r.path).sort();
    assert.deepEqual(roots, [vscode.Uri.joinPath(ext.extensionUri, 'dist').path, vscode.Uri.joinPath(ext.extensionUri, 'media').path]);
    assert.equal(p.panel.webview.options.enableCommandUris, undefined);
  });

  it('follows edits: a new end appears in the data, and its problem in the list', async () => {
    const p = a.previews()[0]!;
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === p.document)!;
    const doc = editor.document;
    const before = p.lastData!.version;
    // A copy of the first job's last line, renamed to a second end: multiple-ends.
    const lines = doc.getText().split('\n');
    const finished = lines.find((l) => l.includes('"job_finished_event"'))!;
    const failed = finished.replace('"job_finished_event"', '"job_failed_event"').replace(/"event_id":"[^"]+"/, '"event_id":"11111111-2222-4333-8444-555555555555"');
    await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount - 1, 0), failed + '\n'));
    // Redrawn at once with the new events; the problems follow once the document is validated.
    const data = await until(p.onDidRender, () => (p.lastData!.version > before && p.lastData!.problems.some((x) => x.code === 'multiple-ends') ? p.lastData : undefined), 'a re-render with the new problem');
    assert.equal(data.summary.events, 45);
    await vscode.commands.executeCommand('undo');
  });

  it('a list of problems cut at its first 200 says how many there are in all', async () => {
    const p = a.previews()[0]!;
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === p.document)!;
    const doc = editor.document;
    // 250 records each with an unknown field: more problems than the page lists.
    const line = doc.lineAt(0).text.replace('{', '{"x_unknown":1,');
    await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount - 1, 0), `${line}\n`.repeat(250)));
    const data = await until(p.onDidRender, () => ((p.lastData!.problemsTotal ?? 0) > 250 ? p.lastData : undefined), 'a re-render with the whole count');
    assert.equal(data.problems.length, 200);
    assert.equal(data.problemsTotal, vscode.languages.getDiagnostics(doc.uri).length);
    await vscode.commands.executeCommand('undo');
    await until(p.onDidRender, () => (p.lastData!.problemsTotal === undefined && p.lastData!.problems.length < 200 ? true : undefined), 'the count gone with the records');
  });

  it('a mark clicked in the page reveals its record; foreign or malformed messages do nothing', async () => {
    const p = a.previews()[0]!;
    const doc = p.document!;
    const mark = p.lastData!.jobs[1]!.marks[2]!;
    const line = Number(mark.id.split(':')[1]);
    const ref = { uri: doc.uri.toString(), offset: doc.offsetAt(new vscode.Position(nonBlankLine(doc, line), 0)), length: 10, record: line };
    await p.onMessage({ type: 'reveal', ref });
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document, doc);
    assert.equal(editor.selection.active.line, nonBlankLine(doc, line));
    const elsewhere = editor.selection.active;
    await p.onMessage({ type: 'reveal', ref: { ...ref, uri: workspaceUri('broken', 'duplicate-key.alfred.json').toString() } });
    await p.onMessage({ type: 'reveal', ref: { ...ref, offset: -5 } });
    await p.onMessage({ type: 'run', command: 'workbench.action.quit' });
    await p.onMessage('<img src=x onerror=alert(1)>');
    assert.equal(vscode.window.activeTextEditor!.document, doc);
    assert.deepEqual(vscode.window.activeTextEditor!.selection.active, elsewhere);
  });

  it('two marks Shift+clicked open their records in the diff editor; a foreign file does nothing', async () => {
    const p = a.previews()[0]!;
    const doc = p.document!;
    const [m1, m2] = p.lastData!.jobs[1]!.marks;
    const refOf = (id: string): { uri: string; offset: number; length: number } => {
      const line = nonBlankLine(doc, Number(id.split(':')[1]));
      return { uri: doc.uri.toString(), offset: doc.offsetAt(new vscode.Position(line, 0)), length: 10 };
    };
    const lines = [m1!, m2!].map((m) => nonBlankLine(doc, Number(m.id.split(':')[1])) + 1);
    const foreign = { ...refOf(m2!.id), uri: workspaceUri('broken', 'duplicate-key.alfred.json').toString() };
    await p.onMessage({ type: 'compare', a: refOf(m1!.id), b: foreign });
    assert.ok(!(vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff), 'nothing opened for a file the preview does not show');
    await p.onMessage({ type: 'compare', a: refOf(m1!.id), b: refOf(m2!.id) });
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff);
    assert.ok(tab, 'a diff editor is open');
    // "name line N ↔ line M" for one event name, "name (file:N) ↔ name (file:M)" for two.
    for (const line of lines) assert.match(tab.label, new RegExp(`(line |:)${line}\\b`), `the title names line ${line}: ${tab.label}`);
    // The preview stays on the log: a compared (read-only) side is not a document it follows.
    assert.equal(p.document, doc);
    await vscode.window.tabGroups.close(tab);
  });

  it('highlights the record under the cursor, and nothing on a blank line', async () => {
    const p = a.previews()[0]!;
    const editor = await vscode.window.showTextDocument(p.document!, { viewColumn: vscode.ViewColumn.One });
    const doc = editor.document;
    const blank = Array.from({ length: doc.lineCount }, (_, i) => i).find((i) => !doc.lineAt(i).text.trim());
    assert.ok(blank !== undefined, 'the example log has a blank line between jobs');
    // Record 40 is past the blank line: its line number is not its record number.
    for (const record of [0, 7, 40]) {
      const line = nonBlankLine(doc, record);
      editor.selection = new vscode.Selection(line, 5, line, 5);
      await until(p.onDidPost, () => (p.lastHighlight === `0:${record}` ? true : undefined), `the highlight of record ${record}`);
    }
    editor.selection = new vscode.Selection(blank, 0, blank, 0);
    await until(p.onDidPost, () => (p.lastHighlight === null ? true : undefined), 'no highlight on a blank line');
  });

  it('a log of hundreds of jobs: the picture goes to the page in parts', async () => {
    const base = (await vscode.workspace.fs.readFile(workspaceUri('examples', 'jobs.alfred.jsonl'))).toString().split('\n').filter((l) => l.trim());
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    const lines: string[] = [];
    // The example's 4 jobs, 175 times over with fresh ids: 700 jobs.
    for (let copy = 0; copy < 175; copy++) {
      for (const l of base) lines.push(l.replace(/"(job_id|file_id|event_id)":"([0-9a-f]{8})/g, (_m, k: string, p: string) => `"${k}":"${hex(parseInt(p, 16) + copy)}`));
    }
    const uri = workspaceUri('many-jobs.alfred.jsonl');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(lines.join('\n') + '\n'));
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One });
    const p = a.previews()[0]!;
    await until(p.onDidPost, () => (p.lastData?.jobs.length === 700 && p.partsSent === 2 ? true : undefined), 'the first 300 jobs, then two parts of 300 and 100');
  });

  it('follows the active payload editor, but not other files', async () => {
    const p = a.previews()[0]!;
    await vscode.window.showTextDocument(workspaceUri('examples', 'job_retry_event.alfred.json'), { viewColumn: vscode.ViewColumn.One });
    await until(vscode.window.onDidChangeActiveTextEditor, () => (p.document?.uri.path.endsWith('job_retry_event.alfred.json') ? true : undefined), 'the preview to follow');
    assert.equal(p.panel.title, 'Timeline: job_retry_event.alfred.json');
    // One job_retry_event tells its story: created, a retry, the event itself.
    assert.equal(p.lastData!.jobs.length, 1);
    assert.deepEqual(p.lastData!.jobs[0]!.marks.map((m) => m.kind), ['create', 'retry']);
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'notes' });
    await vscode.window.showTextDocument(doc);
    // The preview hears of the new editor before this test does (its listener came first).
    await until(vscode.window.onDidChangeActiveTextEditor, () => (vscode.window.activeTextEditor?.document === doc ? true : undefined), 'the notes to be the active editor');
    assert.equal(p.panel.title, 'Timeline: job_retry_event.alfred.json');
  });

  it('closed while a long log\'s parts are still going out: they stop, nothing throws', async () => {
    const editor = await vscode.window.showTextDocument(workspaceUri('many-jobs.alfred.jsonl'), { viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand('alfredEvents.previewTimelineToSide');
    const p = a.previews()[0]!;
    const closed = new Promise<void>((resolve) => p.onDidClose(() => resolve()));
    // The next picture (after an edit) is closed the moment it is drawn, its first part sent and the next one due.
    const sub = p.onDidRender(() => {
      sub.dispose();
      assert.equal(p.partsSent, 1);
      p.panel.dispose();
    });
    await editor.edit((b) => b.insert(new vscode.Position(editor.document.lineCount - 1, 0), '\n'));
    await closed;
    assert.equal(a.previews().length, 0);
    // (An error thrown by a part sent to the closed panel would fail the whole run: see index.ts.)
  });

  it('every preview command is registered; a folder shows the jobs of all its payload files', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const c of ['alfredEvents.previewTimeline', 'alfredEvents.previewTimelineToSide', 'alfredEvents.previewFolderTimeline']) assert.ok(all.includes(c), c);
    const folder = await vscode.commands.executeCommand<{ lastData?: { summary: { events: number } } }>('alfredEvents.previewFolderTimeline', workspaceUri('examples'));
    assert.ok(folder?.lastData && folder.lastData.summary.events >= 44 + 25);
  });
});

/** The document line of record `index` (0-based over non-blank lines). */
function nonBlankLine(doc: vscode.TextDocument, index: number): number {
  let seen = -1;
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.trim() && ++seen === index) return i;
  return 0;
}
