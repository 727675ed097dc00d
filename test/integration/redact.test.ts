// The Redact quick fixes in the real VS Code: each clears its finding (waited for through the
// extension's check of the new version, never a sleep), keeps the URL a URL and the JSON JSON,
// and is taken back whole by one undo.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, checked, closeAll, codes, diagnosticsOf, readExample, untitled } from './helpers';

// An Azure SAS URL (Azure Storage docs, "Create a service SAS": sv, sp, se, sr, sig) with its
// signature URL-encoded, and an address at a domain that is not reserved (RFC 2606).
const SIG = 'dGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZSBhdCBhbGw%3D';
const SAS = `https://northwind.blob.core.windows.net/uploads/a.pdf?sv=2022-11-02&sr=b&sp=r&se=2030-01-01T00%3A00%3A00Z&sig=${SIG}`;
const EMAIL = 'jane.roe@northwind-logistics.io';
const SECRET_CODES = ['signed-url', 'credential', 'personal-data'];

async function actionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  // Resolved, as picking one resolves it: "Redact all" works out its edit only then.
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value, 50);
}

describe('redact quick fixes', () => {
  let retry: string;
  before(async () => {
    await api();
    retry = await readExample('job_retry_event.alfred.json');
  });
  after(closeAll);

  it('"Redact this value" (preferred) clears the signed-url finding, keeps a valid URL, and is one undo', async () => {
    const event = JSON.parse(retry) as { event: { file_urls: string[] } };
    event.event.file_urls = [SAS];
    const text = JSON.stringify(event, null, 2) + '\n';
    const doc = (await untitled(text)).document;
    const ds = await diagnosticsOf(doc.uri, (d) => codes(d).includes('signed-url'), 'signed-url');
    const target = ds.find((d) => codes([d])[0] === 'signed-url')!;
    assert.equal(doc.getText(target.range), JSON.stringify(SAS), 'the finding is on the URL string itself');
    const actions = await actionsAt(doc.uri, target.range);
    const fix = actions.find((a) => a.title === 'Redact this value');
    assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const left = await checked(doc);
    assert.ok(!codes(left).includes('signed-url'), `still: ${codes(left).join(', ')}`);
    const url = (JSON.parse(doc.getText()) as typeof event).event.file_urls[0]!;
    assert.ok(!doc.getText().includes(SIG.slice(0, 20)));
    assert.equal(new URL(url).searchParams.get('sig'), 'REDACTED');
    assert.equal(new URL(url).searchParams.get('sv'), '2022-11-02', 'the other parameters stay');
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), text, 'one undo takes it all back');
    assert.ok(codes(await checked(doc)).includes('signed-url'));
  });

  it('"Redact all secrets and personal data in this file": every finding of a log goes, ids become pseudonyms, one undo', async () => {
    const record = (id: string, extra: Record<string, unknown>): string => {
      const e = JSON.parse(retry) as { event_id: string; event: Record<string, unknown> };
      return JSON.stringify({ ...e, event_id: id, event: { ...e.event, ...extra } });
    };
    const text = [
      record('11111111-1111-4111-8111-111111111111', { file_urls: [SAS] }),
      record('22222222-2222-4222-8222-222222222222', { metadata: `Questions to ${EMAIL}`, retries: 2 }),
    ].join('\r\n') + '\r\n';
    const doc = (await untitled(text, 'alfred-event-log')).document;
    const ds = await diagnosticsOf(doc.uri, (d) => codes(d).includes('signed-url') && codes(d).includes('personal-data'), 'both findings');
    const target = ds.find((d) => codes([d])[0] === 'personal-data')!;
    const all = (await actionsAt(doc.uri, target.range)).find((a) => a.title === 'Redact all secrets and personal data in this file');
    assert.ok(all?.edit, 'offered, and resolved to an edit');
    assert.notEqual(all.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(all.edit));
    const left = await checked(doc);
    assert.deepEqual(codes(left).filter((c) => SECRET_CODES.includes(c)), []);
    const out = doc.getText();
    assert.ok(!out.includes(EMAIL) && !out.includes(SIG.slice(0, 20)) && !out.includes('11111111-1111'));
    assert.equal(out.split('\r\n').length, 3, 'CRLF kept, the same records');
    for (const line of out.split('\r\n').filter(Boolean)) assert.match((JSON.parse(line) as { event_id: string }).event_id, /^[0-9a-f]{8}-[0-9a-f]{4}-8eda-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), text, 'one undo takes it all back');
  });

  it('is not part of Fix all', async () => {
    const event = JSON.parse(retry) as { event: { file_urls: string[] } };
    event.event.file_urls = [SAS];
    const doc = (await untitled(JSON.stringify(event, null, 2))).document;
    await diagnosticsOf(doc.uri, (d) => codes(d).includes('signed-url'), 'signed-url');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.alfredEvents');
    assert.deepEqual(actions, []);
  });
});
