// Quick fixes through executeCodeActionProvider: each leaves valid JSON without its problem.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, closeAll, codes, diagnosticsOf, readExample, untitled } from './helpers';

/** Applies the fix titled `title` to the diagnostic with `code`; returns the new text. */
async function fix(content: string, code: string, title: string | RegExp, language = 'alfred-event'): Promise<string> {
  const editor = await untitled(content, language);
  const doc = editor.document;
  const ds = await diagnosticsOf(doc.uri, (d) => codes(d).includes(code), code);
  const target = ds.find((d) => codes([d])[0] === code)!;
  // Some actions work out their edit only when picked: have them resolved, as picking one does.
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, target.range, vscode.CodeActionKind.QuickFix.value, 50);
  const action = actions.find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
  assert.ok(action?.edit, `no "${String(title)}" among ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
  await diagnosticsOf(doc.uri, (d) => !d.some((x) => codes([x])[0] === code && x.range.isEqual(target.range)), `${code} gone`);
  return doc.getText();
}

describe('quick fixes', () => {
  let retry: string;
  before(async () => {
    await api();
    retry = await readExample('job_retry_event.alfred.json');
  });
  after(closeAll);

  it('string-encoded-value: writes the bare value', async () => {
    assert.equal(await fix(retry.replace('"retries": 1', '"retries": "1"'), 'string-encoded-value', 'Write 1 without quotes'), retry);
  });

  it('unknown-event-name: the closest name is the preferred fix', async () => {
    assert.equal(await fix(retry.replace('"job_retry_event"', '"job_retry_evnt"'), 'unknown-event-name', 'Change to "job_retry_event"'), retry);
  });

  it('unknown-field: rename to the closest field, or remove', async () => {
    assert.equal(await fix(retry.replace('"company_name"', '"compnay_name"'), 'unknown-field', 'Rename to "company_name"'), retry);
    assert.equal(await fix(retry.replace('"merge": false,', '"merge": false,\n    "priority": 1,'), 'unknown-field', 'Remove "priority"'), retry);
  });

  it('missing-field: inserts it with a typed placeholder; all at once', async () => {
    const one = await fix(retry.replace('    "retries": 1,\n', ''), 'missing-field', 'Add "retries"');
    assert.equal(one, retry);
    const two = retry.replace('    "retries": 1,\n', '').replace('    "merge": false,\n', '');
    const all = await fix(two, 'missing-field', 'Add all 2 missing fields');
    assert.match(all, /"merge": false,\n {4}"metadata"/);
    assert.match(all, /"retries": 1,\n {4}"exceeded_retries"/);
  });

  it('event-type-mismatch, event-name-alias and timestamp-in-milliseconds: to the documented value', async () => {
    const inner = '    "event_type": "job_event_type",\n    "job_id"';
    assert.equal(await fix(retry.replace(inner, inner.replace('job_event_type', 'file_event_type')), 'event-type-mismatch', 'Change to "job_event_type"'), retry);
    assert.equal(await fix(retry.replace('1717775165.5', '1717775165500'), 'timestamp-in-milliseconds', /Convert to seconds/), retry);
    const add = await readExample('file_added_to_job_event.alfred.json');
    assert.equal(await fix(add.replace('"file_added_to_job_event"', '"file_add_to_job_event"'), 'event-name-alias', 'Change to "file_added_to_job_event"'), add);
  });

  it('invalid-uuid: a new random UUID', async () => {
    const out = await fix(retry.replace('"a4d781e7-778d-4cc4-b552-4f86a8d910ea"', '"90123456-1234-1234-1234-1234567890kl"'), 'invalid-uuid', 'Replace with a new random UUID');
    assert.match(out, /"job_id": "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"/);
  });

  it('in a log: the fix edits its own line, however far down', async () => {
    const line = (id: string) => JSON.stringify({ ...JSON.parse(retry), event_id: id });
    const log = [line('11111111-1111-4111-8111-111111111111'), '', line('22222222-2222-4222-8222-222222222222')].join('\n') + '\n';
    const broken = log.replace(/("event_id":"2{8}[^]*?)"retries":1/, '$1"retries":"1"');
    assert.notEqual(broken, log);
    assert.equal(await fix(broken, 'string-encoded-value', 'Write 1 without quotes', 'alfred-event-log'), log);
  });

  it('"fix all of this kind": worked out when picked, fixes every one in the file', async () => {
    const quoted = retry.replace('"retries": 1', '"retries": "1"').replace('"merge": false', '"merge": "false"');
    assert.equal(await fix(quoted, 'string-encoded-value', 'Fix all string-encoded-value problems in this file'), retry);
  });

  it('source.fixAll.alfredEvents: every safe fix at once, nothing else', async () => {
    const docs = retry.replace('"retries": 1', '"retries": "1"').replace('"merge": false', '"merge": "false"').replace('"a4d781e7-778d-4cc4-b552-4f86a8d910ea"', '"zz"');
    const editor = await untitled(docs);
    await diagnosticsOf(editor.document.uri, (d) => d.length === 3);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.alfredEvents');
    assert.equal(actions.length, 1);
    assert.ok(await vscode.workspace.applyEdit(actions[0]!.edit!));
    const ds = await diagnosticsOf(editor.document.uri, (d) => d.length === 1, 'only the unsafe one left');
    assert.deepEqual(codes(ds), ['invalid-uuid']);
  });
});
