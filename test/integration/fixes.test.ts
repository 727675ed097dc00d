// Quick fixes through executeCodeActionProvider: each leaves valid JSON without its problem.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, checked, closeAll, codes, diagnosticsOf, readExample, untitled } from './helpers';

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
  const after = await checked(doc);
  assert.ok(!after.some((x) => codes([x])[0] === code && x.range.isEqual(target.range)), `${code} is still there`);
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

/** The quick fixes offered at a range, by title. */
async function titlesAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
}

describe('two problems at one place', () => {
  // Several findings on one range (every member an object lacks is reported on its opening
  // brace; a key can be both unknown and repeated; a value both quoted and out of range): each
  // gets the fixes of its own finding, and a fix they offer alike is offered once.
  let add: string;
  let retry: string;
  before(async () => {
    await api();
    add = await readExample('file_added_to_job_event.alfred.json');
    retry = await readExample('job_retry_event.alfred.json');
  });
  after(closeAll);

  /** Opens `content`, waits for its check, and returns the actions at the one range its `count` diagnostics share. */
  async function atOnePlace(content: string, count: number, language = 'alfred-event') {
    const doc = (await untitled(content, language)).document;
    const ds = await checked(doc);
    assert.equal(ds.length, count, ds.map((d) => d.message).join(' | '));
    const range = ds[0]!.range;
    assert.ok(ds.every((d) => d.range.isEqual(range)), 'the diagnostics share one range');
    const actions = await titlesAt(doc.uri, range);
    return { doc, ds, actions, titles: actions.map((a) => a.title).sort() };
  }

  it('two missing fields of one event: each its own "Add", and "Add all 2 missing fields" once', async () => {
    const text = add.replace('    "company_name": "Northwind Logistics",\n', '').replace('    "file_id": "9ebdbbbb-92a5-4fe8-9d59-1dc425c9c721",\n', '');
    const { doc, ds, actions, titles } = await atOnePlace(text, 2);
    assert.deepEqual(codes(ds), ['missing-field', 'missing-field']);
    assert.deepEqual(titles, ['Add "company_name"', 'Add "file_id"', 'Add all 2 missing fields']);
    // Adding file_id leaves company_name's problem, and only it.
    assert.ok(await vscode.workspace.applyEdit(actions.find((a) => a.title === 'Add "file_id"')!.edit!));
    const left = await checked(doc);
    assert.equal(left.length, 1);
    assert.match(left[0]!.message, /"company_name"/);
  });

  it('two missing members of the envelope, and three of an event', async () => {
    const envelope = retry.replace('  "event_id": "d4f1e5b7-f817-495b-80ac-d83ec7f00a1d",\n', '').replace('  "event_time": 1717775165.5,\n', '');
    const two = await atOnePlace(envelope, 2);
    assert.deepEqual(two.titles, ['Add "event_id"', 'Add "event_time"', 'Add all 2 missing fields']);
    const three = add.replace('    "company_name": "Northwind Logistics",\n', '').replace('    "file_id": "9ebdbbbb-92a5-4fe8-9d59-1dc425c9c721",\n', '').replace('    "company_id": "703af167-af43-4710-bcb1-3b531cbef214",\n', '');
    const all = await atOnePlace(three, 3);
    assert.deepEqual(all.titles, ['Add "company_id"', 'Add "company_name"', 'Add "file_id"', 'Add all 3 missing fields']);
    assert.ok(await vscode.workspace.applyEdit(all.actions.find((a) => a.title === 'Add all 3 missing fields')!.edit!));
    assert.deepEqual(await checked(all.doc), []);
  });

  it('in a log: two missing fields of one record', async () => {
    const record = JSON.stringify(JSON.parse(add)).replace(',"company_name":"Northwind Logistics"', '').replace(',"file_id":"9ebdbbbb-92a5-4fe8-9d59-1dc425c9c721"', '');
    const { titles } = await atOnePlace(record + '\n', 2, 'alfred-event-log');
    assert.deepEqual(titles, ['Add "company_name"', 'Add "file_id"', 'Add all 2 missing fields']);
  });

  it('a key both unknown and repeated, a value both quoted and out of range: each fix once', async () => {
    const key = await atOnePlace(retry.replace('"merge": false,', '"merge": false,\n    "priority": 1,\n    "priority": 2,'), 2);
    assert.deepEqual(codes(key.ds).sort(), ['duplicate-key', 'unknown-field']);
    assert.deepEqual(key.titles, ['Remove "priority"', 'Remove this repeated member']);
    const value = await atOnePlace(retry.replace('"retries": 1', '"retries": "-1"'), 2);
    assert.deepEqual(codes(value.ds).sort(), ['out-of-range', 'string-encoded-value']);
    assert.deepEqual(value.titles, ['Write -1 without quotes']);
  });
});
