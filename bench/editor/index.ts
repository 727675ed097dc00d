// npm run bench:editor: the extension in the real VS Code (code-server) on the longest logs,
// measured from inside the extension host: how long until the problems show, how long an edit
// takes to be re-checked, and how long the host was ever kept busy (which is what delays
// typing, completion and every other extension). A measurement, not a test: it asserts nothing.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as vscode from 'vscode';
import { log } from '../data';

interface Api {
  onDidValidate: vscode.Event<vscode.Uri>;
  previews(): readonly { onDidRender: vscode.Event<unknown>; lastData?: { summary: { jobs: number } } }[];
}

/** The longest the extension host's event loop was held, sampled by a 5 ms timer. */
function lagMonitor(): { reset(): void; longest(): number; stop(): void } {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 5);
    last = now;
  }, 5);
  return {
    reset: () => { worst = 0; last = performance.now(); },
    longest: () => worst,
    stop: () => clearInterval(timer),
  };
}

function when<T>(event: vscode.Event<T>, ok: (e: T) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const sub = event((e) => {
      if (!ok(e)) return;
      sub.dispose();
      resolve();
    });
  });
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Alfred Events');
const rows: string[] = [];
const row = (what: string, ms: number, lag: number, note = ''): void => {
  rows.push(`| ${what} | ${ms.toFixed(0)} | ${lag.toFixed(0)} | ${note} |`);
};

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<Api>('alfred-events.alfred-events')!;
  const api = await ext.activate();
  const folder = vscode.workspace.workspaceFolders![0]!.uri;
  const examples = vscode.Uri.joinPath(folder, 'examples').fsPath;
  const lag = lagMonitor();
  // ALFRED_BENCH_PROFILE=file.cpuprofile: a CPU profile of the extension host over the whole run.
  const profile = process.env.ALFRED_BENCH_PROFILE;
  const inspector = profile ? new Session() : undefined;
  if (inspector) {
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.start');
  }

  // The longest log VS Code hands to extensions (its limit is 50 MB): 85k events.
  const text = log(85_000, examples);
  const uri = vscode.Uri.joinPath(folder, 'long.alfred.jsonl');
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const mb = `${(text.length / 1024 / 1024).toFixed(1)} MB`;
  let t = performance.now();
  lag.reset();
  const checked = when(api.onDidValidate, (u) => u.toString() === uri.toString());
  const editor = await vscode.window.showTextDocument(uri);
  const opened = performance.now() - t;
  const openLag = lag.longest();
  lag.reset();
  await checked;
  row(`open an 85k-event log (${mb}): VS Code hands it over`, opened, openLag, 'VS Code\'s own work');
  row(`first check, ${ours(uri).length} problems shown`, performance.now() - t, lag.longest());

  // One edit, then 30 keystrokes in a row on one line, as typing does.
  const line = 40_000;
  const at = editor.document.lineAt(line).text.indexOf('"event_name":"') + 14;
  const before = ours(uri).length;
  lag.reset();
  t = performance.now();
  let again = when(api.onDidValidate, (u) => u.toString() === uri.toString() && ours(uri).length === before + 1);
  await editor.edit((b) => b.insert(new vscode.Position(line, at), 'x'));
  await again;
  row('one edit (a typo in an event name): re-checked and shown', performance.now() - t, lag.longest(), '250 ms of it is the debounce');
  lag.reset();
  t = performance.now();
  for (let i = 0; i < 30; i++) await editor.edit((b) => b.insert(new vscode.Position(line, at + 1 + i), 'y'));
  const typed = performance.now() - t;
  again = when(api.onDidValidate, (u) => u.toString() === uri.toString());
  await again;
  row('30 keystrokes, each applied before the next', typed, lag.longest(), 'then checked once, after the last');

  // The timeline of the whole log.
  lag.reset();
  t = performance.now();
  await vscode.commands.executeCommand('alfredEvents.previewTimelineToSide');
  const p = api.previews()[0]!;
  if (!p.lastData || p.lastData.summary.jobs === 0) await when(p.onDidRender, () => true);
  row(`timeline preview, ${p.lastData?.summary.jobs ?? 0} jobs`, performance.now() - t, lag.longest(), 'built in slices, then posted to the page');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');

  // 100k events (59 MB): over VS Code's limit, so read from disk.
  const big = log(100_000, examples);
  const bigUri = vscode.Uri.joinPath(folder, 'day.alfred.jsonl');
  await vscode.workspace.fs.writeFile(bigUri, new TextEncoder().encode(big));
  lag.reset();
  t = performance.now();
  const shown = when(vscode.languages.onDidChangeDiagnostics, (e) => e.uris.some((u) => u.toString() === bigUri.toString()) && ours(bigUri).length > 0);
  await vscode.commands.executeCommand('vscode.open', bigUri);
  await shown;
  row(`open a 100k-event log (${(big.length / 1024 / 1024).toFixed(1)} MB), read from disk: ${ours(bigUri).length} problems shown`, performance.now() - t, lag.longest());
  lag.stop();
  if (inspector && profile) {
    const { profile: p } = await inspector.post('Profiler.stop');
    writeFileSync(profile, JSON.stringify(p));
  }

  console.log('\n| in the real VS Code (code-server 4.100.3) | ms | longest host block, ms | |\n|---|---:|---:|---|');
  for (const r of rows) console.log(r);
}
