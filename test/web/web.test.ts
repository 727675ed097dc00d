// The extension in VS Code for the Web (the 1.91.1 web workbench, web-worker extension host, no
// Node), through the same public API as the desktop suite: diagnostics, completion, hover, quick
// fixes, outline and the timeline preview work; the Node-only task is left out, not broken.
import * as vscode from 'vscode';
import { until } from '../shared/until';
import { after, before, describe, it } from './mocha-globals';

const ID = 'alfred-events.alfred-events';

function ok(value: unknown, message: string): asserts value {
  if (!value) throw new Error(message);
}
function same(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
const at = (...parts: string[]) => vscode.Uri.joinPath(folder(), ...parts);
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Alfred Events');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));


const problems = (uri: vscode.Uri, ok: (ds: vscode.Diagnostic[]) => boolean) =>
  until(vscode.languages.onDidChangeDiagnostics, () => (ok(ours(uri)) ? ours(uri) : undefined), `diagnostics on ${uri.path}`);

interface Api {
  previews(): readonly { lastData?: { summary: { jobs: number; events: number } }; onDidRender: vscode.Event<unknown> }[];
  responses(): readonly { failure?: { kind: string; message: string } }[];
  onDidShowResponse: vscode.Event<unknown>;
}

describe('VS Code for the Web', () => {
  let api: Api;
  before(async () => {
    const ext = vscode.extensions.getExtension<Api>(ID);
    ok(ext, `${ID} is not loaded`);
    api = await ext.activate();
  });
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('runs the browser build in the web-worker host', () => {
    same(vscode.env.uiKind, vscode.UIKind.Web, 'uiKind');
    ok(typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node !== 'string', 'Node is present in the web host');
    same((vscode.extensions.getExtension(ID)!.packageJSON as { browser?: string }).browser, './dist/web/extension.js', 'browser entry');
  });

  it('diagnostics on a broken payload, on the exact value', async () => {
    const uri = at('broken', 'typo-event-name.alfred.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const [d] = await problems(uri, (ds) => ds.length > 0);
    same(codeOf(d!), 'unknown-event-name', 'code');
    const value = doc.getText(d!.range);
    ok(/^"[a-z_]+"$/.test(value) && doc.lineAt(d!.range.start.line).text.includes(`"event_name": ${value}`), `the range covers the event name's value, not ${value}`);
  });

  it('completion of event names, and hover on a key', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'alfred-event', content: '{\n  "event": {\n    "event_name": ""\n  }\n}\n' });
    await vscode.window.showTextDocument(doc);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(2, 19));
    const names = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)).filter((l) => /^(job|file)_[a-z_]+_event$/.test(l));
    same(new Set(names).size, 24, 'event names offered');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(2, 8));
    ok(hovers.some((h) => h.contents.some((c) => (typeof c === 'string' ? c : c.value).includes('event_name'))), 'a hover on event_name');
  });

  it('a quick fix, and the outline of a log', async () => {
    const retry = new TextDecoder().decode(await vscode.workspace.fs.readFile(at('examples', 'job_retry_event.alfred.json')));
    const doc = await vscode.workspace.openTextDocument({ language: 'alfred-event', content: retry.replace('"retries": 1', '"retries": "1"') });
    await vscode.window.showTextDocument(doc);
    const [d] = await problems(doc.uri, (ds) => ds.length === 1);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d!.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Write 1 without quotes');
    ok(fix?.edit, `no fix among ${actions.map((a) => a.title).join(' | ')}`);
    ok(await vscode.workspace.applyEdit(fix.edit), 'the fix applies');
    same(doc.getText(), retry, 'the fixed text');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', at('examples', 'jobs.alfred.jsonl'));
    same(symbols.filter((s) => s.name.startsWith('job ')).length, 4, 'jobs in the outline');
  });

  it('the timeline preview of a log', async () => {
    await vscode.window.showTextDocument(at('examples', 'jobs.alfred.jsonl'));
    await vscode.commands.executeCommand('alfredEvents.previewTimelineToSide');
    const p = api.previews()[0];
    ok(p, 'no preview opened');
    const data = await until(p.onDidRender, () => p.lastData, 'the timeline data');
    same([data.summary.jobs, data.summary.events], [4, 44], 'jobs and events');
  });

  it('Validate Workspace: every payload file, through the web file system', async () => {
    const files = await vscode.workspace.findFiles('**/*.{alfred.json,alfred.jsonl}');
    ok(files.length > 20, `the host's file search found ${files.length} files`);
    same(await vscode.commands.executeCommand<number>('alfredEvents.validateWorkspace'), files.length, 'files checked');
    const [d] = await problems(at('broken', 'duplicate-key.alfred.json'), (ds) => ds.length > 0);
    same(codeOf(d!), 'duplicate-key', 'the problem of a file never opened');
  });

  it('Send to receiver: a receiver the browser cannot reach is explained (CORS, Private Network Access), not "Failed to fetch"', async () => {
    const config = vscode.workspace.getConfiguration('alfredEvents.receiver');
    // Nothing listens on port 4 (unassigned, and privileged): the browser reports the refused
    // connection with the same network error as a CORS refusal, and nothing leaves the machine.
    await config.update('url', 'http://127.0.0.1:4/hook', vscode.ConfigurationTarget.Global);
    try {
      const shown = until(api.onDidShowResponse, () => api.responses().at(-1), 'the response view');
      await vscode.commands.executeCommand('alfredEvents.sendToReceiver', at('examples', 'job_start_event.alfred.json'), 1);
      const failure = (await shown).failure;
      same(failure?.kind, 'network', 'the failure kind');
      const message = failure?.message ?? '';
      for (const needed of ['CORS', 'Access-Control-Allow-Origin', 'Access-Control-Allow-Private-Network']) ok(message.includes(needed), `${needed} is not in: ${message}`);
      ok(!message.includes('Failed to fetch'), message);
    } finally {
      await config.update('url', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('the task, which runs the CLI with Node, is left out', async () => {
    same((await vscode.tasks.fetchTasks({ type: 'alfred-events' })).length, 0, 'tasks');
  });

  it('Start Recording Deliveries says it needs a server, which the web cannot run, and starts nothing', async () => {
    // Every answer given, so that only the missing server can stop it.
    const result = await vscode.commands.executeCommand<{ refused?: string } | undefined>('alfredEvents.startRecording', { port: 0, out: at('deliveries.alfred.jsonl').toString(), forwardTo: '' });
    ok(result?.refused?.includes('VS Code for the Web') && result.refused.includes('alfred-events record'), `refused with the reason and the way out, not ${JSON.stringify(result)}`);
    same(await vscode.commands.executeCommand('alfredEvents.stopRecording'), undefined, 'nothing to stop');
  });
});
