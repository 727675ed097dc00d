/* global require, exports, process, setTimeout, clearTimeout */
// npm run demo's window opener (scripts/demo.mjs installs it beside the real .vsix, in the demo's
// own profile only): once the window is up, it opens a payload with problems, the Problems panel,
// and the job timeline of a log beside them, with the extension's own command, as a user would.
// With ALFRED_DEMO_REPORT set (demo --check), it writes what the window then shows to that file.
'use strict';

const fs = require('node:fs');
const vscode = require('vscode');

/** The files the demo's workspace holds (scripts/demo.mjs copies test/fixtures there). */
const PAYLOAD = ['broken', 'wrong-types.alfred.json'];
const LOG = ['examples', 'jobs.alfred.jsonl'];
const WAIT_MS = 60_000;

/**
 * Resolves with get()'s value once it is not empty, checked now and on each event (or with the
 * empty value after WAIT_MS).
 */
function until(event, get) {
  return new Promise((resolve) => {
    if (get().length > 0) return resolve(get());
    const timer = setTimeout(() => {
      sub.dispose();
      resolve(get());
    }, WAIT_MS);
    const sub = event(() => {
      if (get().length === 0) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(get());
    });
  });
}

const problemsOf = (uri) =>
  until(vscode.languages.onDidChangeDiagnostics, () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Alfred Events'));

const timelineTabs = () =>
  until(vscode.window.tabGroups.onDidChangeTabs, () =>
    vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('alfredEvents.timeline'))
      .map((t) => t.label),
  );

async function open() {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('the demo window has no folder open');
  const payload = vscode.Uri.joinPath(folder, ...PAYLOAD);
  const log = vscode.Uri.joinPath(folder, ...LOG);
  await vscode.window.showTextDocument(payload, { viewColumn: vscode.ViewColumn.One, preview: false });
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await vscode.commands.executeCommand('alfredEvents.previewTimelineToSide', log);
  return { payload, log };
}

exports.activate = function activate() {
  const reportFile = process.env.ALFRED_DEMO_REPORT;
  const report = (facts) => reportFile && fs.writeFileSync(reportFile, JSON.stringify(facts, null, 2));
  open().then(
    async ({ payload, log }) => {
      const [problems, timelines] = await Promise.all([problemsOf(payload), timelineTabs()]);
      report({
        payload: vscode.workspace.asRelativePath(payload),
        problems: problems.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${typeof d.code === 'object' ? d.code.value : d.code}`),
        log: vscode.workspace.asRelativePath(log),
        timelines,
      });
    },
    (err) => {
      const message = err instanceof Error ? err.message : String(err);
      report({ error: message });
      void vscode.window.showErrorMessage(`Alfred Events demo: ${message}`);
    },
  );
};

exports.deactivate = function deactivate() {};
