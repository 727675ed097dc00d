// Not a test suite: the script behind `npm run screenshots`, which drives the real editor into each
// state the README shows and asks the launcher for a picture of it. Pauses here wait for the
// workbench's animations, which have no event to wait on; that is fine in a script, not in a test.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, diagnosticsOf, positionOf, workspaceUri } from '../integration/helpers';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function shot(name: string): Promise<void> {
  const dir = process.env.ALFRED_SCREENSHOT_DIR;
  assert.ok(dir, 'ALFRED_SCREENSHOT_DIR is not set');
  const done = path.join(dir, `${name}.done`);
  fs.rmSync(done, { force: true });
  await pause(800);
  console.log(`@@screenshot ${name}`);
  for (let i = 0; i < 100 && !fs.existsSync(done); i++) await pause(100);
  assert.ok(fs.existsSync(done), `no screenshot ${name}`);
  fs.rmSync(done);
}

async function open(...parts: string[]): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(workspaceUri(...parts), { preview: false });
  await diagnosticsOf(editor.document.uri, () => true);
  return editor;
}

function place(editor: vscode.TextEditor, needle: string, delta: number): void {
  const pos = positionOf(editor.document, needle, delta);
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter);
}

describe('screenshots', () => {
  before(async () => {
    await api();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('problems.png: squiggles and the Problems panel', async () => {
    const editor = await open('broken', 'wrong-types.alfred.json');
    await diagnosticsOf(editor.document.uri, (d) => d.length > 0);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    place(editor, '"retries": ', 11);
    await shot('problems.png');
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  it('completion.png: event names at event_name', async () => {
    const editor = await open('examples', 'job_start_event.alfred.json');
    const doc = editor.document;
    const at = doc.getText().indexOf('"job_start_event"');
    await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + '"job_start_event"'.length)), '"job_"'));
    place(editor, '"event_name": "job_', '"event_name": "job_'.length);
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await pause(1500);
    await shot('completion.png');
    await vscode.commands.executeCommand('hideSuggestWidget');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('hover.png: a timestamp in UTC and local time, with the gaps', async () => {
    const editor = await open('examples', 'job_retry_event.alfred.json');
    place(editor, '"event_time": ', 18);
    await vscode.commands.executeCommand('editor.action.showHover');
    await pause(1000);
    await shot('hover.png');
  });

  it('timeline.png: the job timeline of a log beside it', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const editor = await open('examples', 'jobs.alfred.jsonl');
    place(editor, '"job_retry_event"', 2);
    await vscode.commands.executeCommand('alfredEvents.previewTimelineToSide');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await pause(2500);
    await shot('timeline.png');
    await vscode.commands.executeCommand('workbench.action.toggleSidebarVisibility');
  });

  it('timeline-dark.png: the story of one job_retry_event, in a dark theme', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const config = vscode.workspace.getConfiguration('workbench');
    await config.update('colorTheme', 'Default Dark Modern', vscode.ConfigurationTarget.Global);
    try {
      await open('examples', 'job_retry_event.alfred.json');
      await vscode.commands.executeCommand('alfredEvents.previewTimelineToSide');
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      await pause(2500);
      await shot('timeline-dark.png');
    } finally {
      await config.update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.toggleSidebarVisibility');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('walkthrough.png: Get started with Alfred events', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'alfred-events.alfred-events#getStarted', false);
    await pause(2000);
    await shot('walkthrough.png');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.toggleSidebarVisibility');
  });

  it('quick-fix.png: the fixes of a misspelt field', async () => {
    const editor = await open('broken', 'unknown-and-missing-fields.alfred.json');
    place(editor, '"compnay_name"', 3);
    await vscode.commands.executeCommand('editor.action.quickFix');
    await pause(1500);
    await shot('quick-fix.png');
  });
});
