// The team configuration (.alfred-events.json) in the real editor: applied to open payloads,
// followed when it changes on disk, and reported on the file itself when it is broken.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, checked, closeAll, codes, diagnosticsOf, workspaceUri } from './helpers';

const TEAM = workspaceUri('team');
const CONFIG = vscode.Uri.joinPath(TEAM, '.alfred-events.json');
const write = (uri: vscode.Uri, text: string): Thenable<void> => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
const config = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';

/** Code and severity of each of our diagnostics, in order. */
const found = (ds: readonly vscode.Diagnostic[]): string[] => ds.map((d) => `${codes([d])[0]} ${vscode.DiagnosticSeverity[d.severity]}`);
const severityOf = (ds: readonly vscode.Diagnostic[], code: string): vscode.DiagnosticSeverity | undefined => ds.find((d) => codes([d])[0] === code)?.severity;

describe('team configuration', () => {
  let payload: vscode.Uri;
  let doc: vscode.TextDocument;

  before(async () => {
    await api();
    // unknown-field (warning by default) twice, and invalid-uuid (warning) once: the job_id made non-hexadecimal.
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('broken', 'unknown-and-missing-fields.alfred.json')));
    payload = vscode.Uri.joinPath(TEAM, 'sub', 'x.alfred.json');
    // An event_id of its own: the fixture's, in the same workspace folder, would make it a redelivery.
    const own = text.replace('"e1a316cd-a6ad-4fa9-975b-250585427c52"', '"e1a316cd-a6ad-4fa9-975b-7ea400000001"');
    await write(payload, own.replace('"9e897777-8d2b-4537-aeee-1b5a2761d91e"', '"9e897777-8d2b-4537-aeee-1b5a2761d9zz"'));
    await write(CONFIG, config({ rules: { 'unknown-field': 'error', 'invalid-uuid': 'off' } }));
  });

  after(async () => {
    await closeAll();
    await vscode.workspace.fs.delete(TEAM, { recursive: true });
  });

  it('opening a payload below a folder with a config shows the configured severities', async () => {
    doc = await vscode.workspace.openTextDocument(payload);
    await vscode.window.showTextDocument(doc);
    const ds = await diagnosticsOf(payload, (d) => severityOf(d, 'unknown-field') === vscode.DiagnosticSeverity.Error, 'unknown-field raised to error');
    assert.deepEqual(found(ds), ['unknown-field Error', 'unknown-field Error']);
    assert.deepEqual(found(await checked(doc)), ['unknown-field Error', 'unknown-field Error']);
  });

  it('editing the config on disk re-checks the open payload', async () => {
    await write(CONFIG, config({ rules: { 'invalid-uuid': 'error' } }));
    const ds = await diagnosticsOf(payload, (d) => severityOf(d, 'invalid-uuid') === vscode.DiagnosticSeverity.Error, 'invalid-uuid raised after the edit');
    assert.deepEqual(found(ds).sort(), ['invalid-uuid Error', 'unknown-field Warning', 'unknown-field Warning']);
  });

  it('a broken config gets a diagnostic on the config file, and the checks fall back to the defaults until it is mended', async () => {
    await write(CONFIG, '{\n  "rules": {\n    "invalid-uuuid": "off"\n  }\n}\n');
    const [problem] = await diagnosticsOf(CONFIG, (d) => d.length === 1, 'the problem of the broken config');
    assert.equal(problem!.message, 'Unknown rule "invalid-uuuid" (did you mean "invalid-uuid"?)');
    assert.deepEqual([problem!.range.start.line, problem!.range.start.character, problem!.range.end.character], [2, 4, 19]);
    assert.equal(problem!.severity, vscode.DiagnosticSeverity.Error);
    assert.equal((problem!.code as { value: string }).value, 'config');
    // Not silently applied in part: the payload is checked as without the file.
    const ds = await diagnosticsOf(payload, (d) => severityOf(d, 'invalid-uuid') === vscode.DiagnosticSeverity.Warning, 'the defaults while the config is broken');
    assert.deepEqual(found(ds).sort(), ['invalid-uuid Warning', 'unknown-field Warning', 'unknown-field Warning']);

    await write(CONFIG, config({ rules: { 'invalid-uuid': 'info' } }));
    await diagnosticsOf(CONFIG, (d) => d.length === 0, 'the config problem gone once mended');
    await diagnosticsOf(payload, (d) => severityOf(d, 'invalid-uuid') === vscode.DiagnosticSeverity.Information, 'the mended config applied');
  });

  it('exclude leaves a payload unchecked, and deleting the config brings its problems back', async () => {
    await write(CONFIG, config({ exclude: ['sub'] }));
    await diagnosticsOf(payload, (d) => d.length === 0, 'no problems on the excluded payload');
    await vscode.workspace.fs.delete(CONFIG);
    const ds = await diagnosticsOf(payload, (d) => d.length === 3, 'the defaults once the config is deleted');
    assert.deepEqual(found(ds).sort(), ['invalid-uuid Warning', 'unknown-field Warning', 'unknown-field Warning']);
  });

  it('VS Code checks the file against the contributed schema: the manifest\'s %jsonValidation.teamConfig.url% resolves', async () => {
    // A value only the schema's type says is wrong: VS Code's JSON language features report it,
    // which they do only when package.nls.json's url has replaced the manifest's placeholder.
    await write(CONFIG, '{\n  "detect": "yes"\n}\n');
    const file = await vscode.workspace.openTextDocument(CONFIG);
    await vscode.window.showTextDocument(file, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    const schemaProblem = (): vscode.Diagnostic | undefined =>
      vscode.languages.getDiagnostics(CONFIG).find((d) => d.source !== 'Alfred Events' && d.range.start.line === 1 && d.range.start.character >= 12);
    const found = schemaProblem() ?? (await new Promise<vscode.Diagnostic>((resolve) => {
      const sub = vscode.languages.onDidChangeDiagnostics(() => {
        const d = schemaProblem();
        if (d) {
          sub.dispose();
          resolve(d);
        }
      });
    }));
    assert.equal(file.getText(found.range), '"yes"');
    await write(CONFIG, config({}));
  });

  it('detect: false leaves plain JSON alone, as the setting does', async () => {
    const plain = vscode.Uri.joinPath(TEAM, 'plain.json');
    await write(plain, doc.getText().replace('7ea400000001', '7ea400000002'));
    const open = await vscode.workspace.openTextDocument(plain);
    // Beside, not in the payload's preview tab: closing that tab would take the payload's problems with it.
    await vscode.window.showTextDocument(open, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    await diagnosticsOf(plain, (d) => d.length === 3, 'plain JSON holding a payload is checked');
    // Our hover (the catalogue's text on event_name) is there while it is taken for a payload.
    const ourHover = async (): Promise<boolean> => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', plain, new vscode.Position(5, 6));
      return hovers.some((h) => h.contents.some((c) => (typeof c === 'string' ? c : c.value).includes('Which of the 24 events')));
    };
    assert.equal(await ourHover(), true, 'the hover on event_name of plain JSON holding a payload');
    await write(CONFIG, config({ detect: false }));
    await diagnosticsOf(plain, (d) => d.length === 0, 'plain JSON left alone with detect: false');
    await diagnosticsOf(payload, (d) => d.length === 3, 'a payload by name is still checked');
    // Hover, completion and the outline follow the team file as the diagnostics do (the setting says true).
    assert.equal(await ourHover(), false, 'no hover of ours once the team file says detect: false');
  });
});
