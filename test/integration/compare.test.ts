// Comparing payloads in the real diff editor: the two sides, their title, and the summary.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { Comparison, NoComparison } from '../../src/editor/compare';
import { api, closeAll, readExample, until, workspaceUri } from './helpers';

type Json = Record<string, unknown> & { event: Record<string, unknown> };

/** The diff editor in front, once it is there: its input and the text of each side. */
async function diffInFront(): Promise<{ tab: vscode.Tab; input: vscode.TabInputTextDiff; original: string; modified: string }> {
  const front = (): vscode.Tab | undefined => {
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    return tab?.input instanceof vscode.TabInputTextDiff ? tab : undefined;
  };
  const tab = front() ?? (await until(vscode.window.tabGroups.onDidChangeTabs, front, 'a diff editor in front'));
  const input = tab.input as vscode.TabInputTextDiff;
  const [original, modified] = await Promise.all([input.original, input.modified].map(async (u) => (await vscode.workspace.openTextDocument(u)).getText()));
  return { tab, input, original: original!, modified: modified! };
}

/** A record without the fields the README's compare leaves out by default (event_id, event_time, event.update_date). */
function withoutVolatile(record: Json): Json {
  const copy = structuredClone(record);
  delete copy.event_id;
  delete copy.event_time;
  delete copy.event.update_date;
  return copy;
}

describe('compare payloads', () => {
  before(async () => {
    await api();
    await closeAll();
  });
  after(closeAll);

  it('Compare with Previous Event: retry 3 of a job against its retry 2, by the cursor', async () => {
    const uri = workspaceUri('examples', 'jobs.alfred.jsonl');
    const lines = (await readExample('jobs.alfred.jsonl')).split('\n');
    // The fixture's job 68bb059a… retries three times; its retries 2 and 3 are on consecutive lines.
    const at = (n: number): number => lines.findIndex((l) => l.includes('"job_id":"68bb059a') && l.includes('"event_name":"job_retry_event"') && l.includes(`"retries":${n},`));
    const [two, three] = [at(2), at(3)];
    assert.ok(two >= 0 && three === two + 1, 'the fixture has retry 2 and 3 of job 68bb059a… on consecutive lines');
    const editor = await vscode.window.showTextDocument(uri);
    editor.selection = new vscode.Selection(three, 5, three, 5);
    const result = await vscode.commands.executeCommand<Comparison>('alfredEvents.compareWithPrevious');

    const { tab, input, original, modified } = await diffInFront();
    assert.equal(input.original.toString(), result.left.toString());
    assert.equal(input.modified.toString(), result.right.toString());
    // The title names both records (1-based lines, as the gutter shows them).
    assert.equal(tab.label, `job_retry_event line ${two + 1} ↔ line ${three + 1}`);
    // Each side is its record as diff reads it: the fixture's record without the volatile fields.
    const record = (i: number): Json => JSON.parse(lines[i]!) as Json;
    assert.deepEqual(JSON.parse(original), withoutVolatile(record(two)));
    assert.deepEqual(JSON.parse(modified), withoutVolatile(record(three)));
    // Keys are sorted, so that reordered payloads line up in the text diff.
    const keys = Object.keys(JSON.parse(modified) as object);
    assert.deepEqual(keys, [...keys].sort());

    // Exactly what changed in the fixture: retries 2 → 3 and the third error message.
    const third = (record(three).event.error_messages as string[])[2];
    assert.deepEqual(result.changes, [
      { kind: 'changed', pointer: '/event/retries', old: 2, new: 3 },
      { kind: 'added', pointer: '/event/error_messages/2', value: third },
    ]);
    assert.match(result.summary, /retries 2 → 3/);
    assert.match(result.summary, /error_messages\[2\] added/);
  });

  it('Compare with Previous Event: the first event of a job says there is none, and opens nothing', async () => {
    await closeAll();
    const lines = (await readExample('jobs.alfred.jsonl')).split('\n');
    const first = lines.findIndex((l) => l.includes('"job_id":"68bb059a'));
    assert.match(lines[first]!, /"event_name":"job_create_event"/);
    const result = await vscode.commands.executeCommand<NoComparison>('alfredEvents.compareWithPrevious', workspaceUri('examples', 'jobs.alfred.jsonl'), first + 1);
    assert.ok(result && 'message' in result, 'no comparison');
    assert.match(result.message, /first event of job 68bb059a/);
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputTextDiff), false);
  });

  it('Compare with Previous Event: a payload file\'s previous event is found in another file of its folder', async () => {
    await closeAll();
    const retry = JSON.parse(await readExample('job_retry_event.alfred.json')) as Json;
    // A job of its own (no other file names it): its retry 1 and, two minutes later, its retry 2.
    const job = 'c0a1f7e2-5b9d-4e3a-9c61-2f8d7b4e1a03';
    const first: Json = { ...retry, event: { ...retry.event, job_id: job } };
    const second: Json = { ...retry, event_id: '7b1e4c2a-9d3f-4a8b-b6e5-1c2d3e4f5a6b', event_time: Number(retry.event_time) + 120, event: { ...retry.event, job_id: job, retries: 2, error_messages: [...(retry.event.error_messages as string[]), 'Retry 2 failed'] } };
    const a = workspaceUri('scratch', 'compare-retry-1.alfred.json');
    const b = workspaceUri('scratch', 'compare-retry-2.alfred.json');
    // The extension's index lists the folder again when a file is created: wait for the creations to be told.
    // A glob string, as the index's own watcher: served by the workspace's watcher, already running
    // (a RelativePattern starts a watcher of its own, which may miss a write made at once).
    const watcher = vscode.workspace.createFileSystemWatcher('**/scratch/compare-retry-*.alfred.json');
    const created = new Set<string>();
    const count = watcher.onDidCreate((uri) => created.add(uri.toString()));
    const told = until(watcher.onDidCreate, () => (created.size === 2 ? true : undefined), 'both files created');
    await vscode.workspace.fs.writeFile(a, new TextEncoder().encode(JSON.stringify(first, null, 2)));
    await vscode.workspace.fs.writeFile(b, new TextEncoder().encode(JSON.stringify(second, null, 2)));
    try {
      await told;
    } finally {
      count.dispose();
      watcher.dispose();
    }
    await vscode.window.showTextDocument(b);
    const result = await vscode.commands.executeCommand<Comparison | NoComparison>('alfredEvents.compareWithPrevious');
    assert.ok(result && 'changes' in result, `a comparison, not: ${JSON.stringify(result)}`);
    const { tab } = await diffInFront();
    assert.equal(tab.label, 'job_retry_event (compare-retry-1.alfred.json) ↔ job_retry_event (compare-retry-2.alfred.json)');
    assert.deepEqual(result.changes, [
      { kind: 'changed', pointer: '/event/retries', old: 1, new: 2 },
      { kind: 'added', pointer: '/event/error_messages/1', value: 'Retry 2 failed' },
    ]);
  });

  it('Compare Two Payloads: shuffled keys and string-encoded numbers are equal', async () => {
    const retry = JSON.parse(await readExample('job_retry_event.alfred.json')) as Json;
    // The same payload as Alfred's docs write it: numbers and booleans as strings, keys in another order.
    const encoded: Json = Object.fromEntries(Object.entries({ ...retry, event_time: String(retry.event_time) }).reverse()) as Json;
    encoded.event = Object.fromEntries(
      Object.entries(retry.event)
        .map(([k, v]) => [k, typeof v === 'number' || typeof v === 'boolean' ? String(v) : v] as const)
        .reverse(),
    );
    assert.notEqual(JSON.stringify(encoded), JSON.stringify(retry));
    assert.equal(encoded.event.retries, String(retry.event.retries));
    const a = workspaceUri('scratch', 'compare-a.alfred.json');
    const b = workspaceUri('scratch', 'compare-b.alfred.json');
    await vscode.workspace.fs.writeFile(a, new TextEncoder().encode(JSON.stringify(retry, null, 2)));
    await vscode.workspace.fs.writeFile(b, new TextEncoder().encode(JSON.stringify(encoded)));

    const result = await vscode.commands.executeCommand<Comparison>('alfredEvents.comparePayloads', a, b);
    assert.deepEqual(result.changes, []);
    const { tab, original, modified } = await diffInFront();
    assert.equal(original, modified);
    assert.equal(tab.label, 'job_retry_event (compare-a.alfred.json) ↔ job_retry_event (compare-b.alfred.json)');
  });

  it('Compare Two Payloads: the team file\'s diff.ignore replaces the volatile fields', async () => {
    const retry = JSON.parse(await readExample('job_retry_event.alfred.json')) as Json;
    // README "Comparing payloads": diff.ignore replaces the default list, so event_id counts again.
    const dir = ['scratch', 'compare-team'];
    await vscode.workspace.fs.writeFile(workspaceUri(...dir, '.alfred-events.json'), new TextEncoder().encode(JSON.stringify({ diff: { ignore: ['/event/error_messages'] } })));
    const other: Json = { ...retry, event_id: '5a0c3e1f-2b4d-4c6e-8f9a-0b1c2d3e4f5a', event: { ...retry.event, error_messages: ['another message'] } };
    const a = workspaceUri(...dir, 'one.alfred.json');
    const b = workspaceUri(...dir, 'two.alfred.json');
    await vscode.workspace.fs.writeFile(a, new TextEncoder().encode(JSON.stringify(retry)));
    await vscode.workspace.fs.writeFile(b, new TextEncoder().encode(JSON.stringify(other)));
    const result = await vscode.commands.executeCommand<Comparison>('alfredEvents.comparePayloads', { uri: a }, { uri: b.toString() });
    assert.deepEqual(result.changes, [{ kind: 'changed', pointer: '/event_id', old: retry.event_id, new: other.event_id }]);
    const { modified } = await diffInFront();
    const side = JSON.parse(modified) as Json;
    assert.equal(side.event_id, other.event_id);
    assert.equal('error_messages' in side.event, false);
  });

  it('Compare Two Payloads: numbers beyond a double\'s precision compare as written', async () => {
    // ECMA-404 gives numbers no precision: 2^53 + 1 and 2^53 are two numbers, though a double holds only the second.
    const retry = await readExample('job_retry_event.alfred.json');
    const dir = ['scratch', 'compare-numbers'];
    const a = workspaceUri(...dir, 'a.alfred.json');
    const b = workspaceUri(...dir, 'b.alfred.json');
    await vscode.workspace.fs.writeFile(a, new TextEncoder().encode(retry.replace(/^\{/, '{"sequence": 9007199254740993,')));
    await vscode.workspace.fs.writeFile(b, new TextEncoder().encode(retry.replace(/^\{/, '{"sequence": 9007199254740992,')));
    const result = await vscode.commands.executeCommand<Comparison>('alfredEvents.comparePayloads', a, b);
    assert.equal(result.summary, 'sequence 9007199254740993 → 9007199254740992');
    const { original, modified } = await diffInFront();
    assert.match(original, /"sequence": 9007199254740993$/m);
    assert.match(modified, /"sequence": 9007199254740992$/m);
  });
});
