// The same answer at every door (issue 12): one folder checked by the CLI, by Validate Workspace
// and by opening each file gives the same findings (file, code, severity, range); Fix all and the
// folder timeline honour the same configuration. The folder holds payloads and logs, a UTF-16
// file, plain JSON found by content, a file over the size limit, files the search skips, a
// `.alfred-events.json` that turns rules off and raises others, and a job story split over two
// files, so that the checks across files fire.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, checked, closeAll, codes, diagnosticsOf, EXTENSION_ID, settled, workspaceUri, type Api, type Preview } from './helpers';

const FOLDER = 'same-answer';
/** The fixture's .alfred-events.json sets maxFileSizeMB to 1: this log is just over it. */
const BIG = 'big.alfred.jsonl';

/** One finding as every door can state it: file (relative to the workspace folder), code, severity, range. */
type Key = string;

const SEVERITY: Record<number, string> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
};

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

const key = (file: string, code: string, severity: string, r: Range): Key =>
  `${file}  ${code}  ${severity}  ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

function relative(uri: vscode.Uri): string {
  return path.posix.relative(workspaceUri().path, uri.path);
}

function keysOf(uri: vscode.Uri, ds: readonly vscode.Diagnostic[]): Key[] {
  return ds.map((d) => key(relative(uri), typeof d.code === 'object' ? String(d.code.value) : String(d.code), SEVERITY[d.severity]!, d.range));
}

const sorted = (keys: Iterable<Key>): Key[] => [...keys].sort();

/** The folder's payload files, as the CLI lists them (and as the other doors must find them). */
const PAYLOADS = ['alias.jsonl', BIG, 'plain-payload.json', 'story-late.alfred.jsonl', 'story-start.alfred.jsonl', 'utf16.alfred.json'];

describe('the same answer at every door', () => {
  let a: Api;
  let cli: Key[];
  before(async () => {
    a = await api();
    await closeAll();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const target = workspaceUri(FOLDER).fsPath;
    fs.cpSync(path.join(ext.extensionPath, 'test', 'fixtures', FOLDER), target, { recursive: true });
    // Over the limit, and nothing wrong in it: only the limit's notice can come of it.
    const line = (i: number): string => JSON.stringify({
      event_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, event_type: 'file_event_type', event_time: 1751284800 + i,
      event: { event_name: 'file_added_to_job_event', event_type: 'file_event_type', company_id: '703af167-af43-4710-bcb1-3b531cbef214', company_name: 'Northwind Logistics', file_id: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`, job_id: `20000000-0000-4000-8000-${String(i).padStart(12, '0')}` },
    });
    const lines: string[] = [];
    for (let i = 0, size = 0; size <= 1.1 * 1024 * 1024; i++) size += lines[lines.push(line(i)) - 1]!.length + 1;
    fs.writeFileSync(path.join(target, BIG), lines.join('\n') + '\n');
    // Where the CLI never looks: dependencies and dot-folders.
    for (const skipped of ['node_modules', '.hidden']) {
      fs.mkdirSync(path.join(target, skipped), { recursive: true });
      fs.writeFileSync(path.join(target, skipped, 'skipped.alfred.json'), '{ "event_id": 1, }\n');
    }
    // (a) The CLI, the reference.
    const run = spawnSync(process.execPath, [path.join(ext.extensionPath, 'dist', 'cli.js'), 'validate', '--format', 'json', FOLDER], { cwd: workspaceUri().fsPath, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', LC_ALL: 'C' } });
    assert.ok(run.status === 0 || run.status === 1, `the CLI failed (${run.status}): ${run.stderr}`);
    const report = JSON.parse(run.stdout) as { files: { file: string; diagnostics: { code: string; severity: string; range: Range }[] }[] };
    assert.deepEqual(report.files.map((f) => f.file), PAYLOADS.map((p) => `${FOLDER}/${p}`), 'the files the CLI chose');
    cli = sorted(report.files.flatMap((f) => f.diagnostics.map((d) => key(f.file, d.code, d.severity, d.range))));
  });
  after(async () => {
    await closeAll();
    fs.rmSync(workspaceUri(FOLDER).fsPath, { recursive: true, force: true });
  });

  it('the CLI finds what the folder was made to show (else the comparisons below prove nothing)', () => {
    const has = (file: string, code: string, severity: string): boolean => cli.some((k) => k.startsWith(`${FOLDER}/${file}  ${code}  ${severity}  `));
    // The job story split over two files: its end is in one, what comes after it in the other.
    assert.ok(has('story-late.alfred.jsonl', 'event-after-end', 'error'), cli.join('\n'));
    assert.ok(has('story-start.alfred.jsonl', 'duplicate-event-id', 'warning'), cli.join('\n'));
    // The configuration raised these, lowered that, and turned two rules off.
    assert.ok(has('utf16.alfred.json', 'invalid-uuid', 'error'), cli.join('\n'));
    assert.ok(has('plain-payload.json', 'string-encoded-value', 'info'), cli.join('\n'));
    assert.ok(!cli.some((k) => / {2}(unknown-field|event-name-alias) {2}/.test(k)), cli.join('\n'));
    assert.deepEqual(cli.filter((k) => k.startsWith(`${FOLDER}/${BIG}  `)), [key(`${FOLDER}/${BIG}`, 'file-too-large', 'info', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } })]);
  });

  it('Validate Workspace reports what the CLI reports', async () => {
    await settled(a);
    await vscode.commands.executeCommand<number>('alfredEvents.validateWorkspace');
    const found = vscode.languages.getDiagnostics()
      .filter(([uri]) => relative(uri).startsWith(`${FOLDER}/`))
      .flatMap(([uri, ds]) => keysOf(uri, ds.filter((d) => d.source === 'Alfred Events')));
    assert.deepEqual(sorted(found), cli);
  });

  it('each file opened shows what the CLI reports for it', async () => {
    const found: Key[] = [];
    for (const name of PAYLOADS) {
      const doc = await vscode.workspace.openTextDocument(workspaceUri(FOLDER, name));
      await vscode.window.showTextDocument(doc);
      found.push(...keysOf(doc.uri, await checked(doc)));
    }
    assert.deepEqual(sorted(found), cli);
    await closeAll();
  });

  it('the folder timeline lists its problems with the configured severities', async () => {
    const preview = await vscode.commands.executeCommand<Preview>('alfredEvents.previewFolderTimeline', workspaceUri(FOLDER));
    const data = preview.lastData;
    assert.ok(data, 'the folder timeline drew nothing');
    const problems = data.problems.map((p) => `${relative(vscode.Uri.parse(p.ref?.uri ?? ""))}  ${p.code}  ${p.severity}  ${p.line}`);
    assert.deepEqual(problems.sort(), cli.map((k) => k.replace(/ {2}(\d+):\d+-\d+:\d+$/, '  $1')).sort());
    preview.dispose();
  });

  it('Fix all leaves alone a rule the configuration turns off', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri(FOLDER, 'alias.jsonl'));
    await vscode.window.showTextDocument(doc);
    await checked(doc);
    const edits = await fixAllEdits(doc);
    // event_time's quotes go (string-encoded-value is on, as info); the alias stays (event-name-alias is off).
    assert.deepEqual(edits.map((e) => e.newText), ['1736843401.4']);
    await closeAll();
  });
});

describe('Fix all under the user\'s rules', () => {
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('alfredEvents');
  after(async () => {
    await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAll();
  });

  it('fixes only the rules that are on in the settings', async () => {
    const text = JSON.stringify({
      event_id: '0b95e938-4662-4618-9b51-29fc20445f4f', event_type: 'file_event_type', event_time: '1736843401.4',
      event: { event_name: 'file_add_to_job_event', event_type: 'file_event_type', company_id: '703af167-af43-4710-bcb1-3b531cbef214', company_name: 'Northwind Logistics', file_id: '9ebdbbbb-92a5-4fe8-9d59-1dc425c9c721', job_id: '73cac045-f288-4c5d-ab99-00f9670f8f5e' },
    }, null, 2);
    const doc = await vscode.workspace.openTextDocument({ language: 'alfred-event', content: text });
    await vscode.window.showTextDocument(doc);
    await checked(doc);
    assert.deepEqual((await fixAllEdits(doc)).map((e) => e.newText).sort(), ['"file_added_to_job_event"', '1736843401.4'], 'both safe fixes under the defaults');
    await config().update('rules', { 'event-name-alias': 'off' }, vscode.ConfigurationTarget.Workspace);
    // The check under the new rules: the alias is no longer a problem.
    await diagnosticsOf(doc.uri, (ds) => codes(ds).join() === 'string-encoded-value', 'the problems under the new rules');
    assert.deepEqual((await fixAllEdits(doc)).map((e) => e.newText), ['1736843401.4']);
  });
});

/** The edits of `source.fixAll.alfredEvents` on a document. */
async function fixAllEdits(doc: vscode.TextDocument): Promise<vscode.TextEdit[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.alfredEvents');
  const ours = actions.filter((x) => x.kind?.value === 'source.fixAll.alfredEvents');
  return ours.flatMap((x) => x.edit?.get(doc.uri) ?? []);
}
