// Replaying a log against a receiver, in the real VS Code: the command with its pickers skipped
// through its arguments, the Testing view's tree and results, re-running an item from there, and
// cancelling. Every receiver is started here, on 127.0.0.1 with an ephemeral port.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, closeAll, readExample, until, workspaceUri, type Api } from './helpers';

/** A receiver under test: how it answers an event, and its own JSON view of its state. */
interface Behaviour {
  answer(event: { event_id?: string }): number | 'hold';
  state(): unknown;
}

interface Receiver {
  url: string;
  stateUrl: string;
  /** The event_id of each POST, in the order they came. */
  posts: string[];
  /** The body of each POST, as received. */
  bodies: Buffer[];
  /** Fires on each POST, once recorded. */
  onPost: vscode.Event<void>;
  close(): Promise<void>;
}

const servers: Receiver[] = [];

/** Starts a receiver on 127.0.0.1 (port chosen by the system): POST / takes events, GET /state shows its state. */
async function receiver(behaviour: Behaviour): Promise<Receiver> {
  const posts: string[] = [];
  const bodies: Buffer[] = [];
  const posted = new vscode.EventEmitter<void>();
  const held: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/state') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(behaviour.state()));
        return;
      }
      bodies.push(Buffer.concat(chunks));
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { event_id?: string };
      posts.push(event.event_id ?? '');
      const status = behaviour.answer(event);
      if (status === 'hold') held.push(res);
      else res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'database is locked');
      posted.fire();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const r: Receiver = {
    url: `http://127.0.0.1:${port}/`,
    stateUrl: `http://127.0.0.1:${port}/state`,
    posts,
    bodies,
    onPost: posted.event,
    close: () => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  servers.push(r);
  return r;
}

/** Idempotent, as a receiver should be: an event seen again changes nothing. */
const correct = (): Behaviour => {
  const seen = new Set<string>();
  return { answer: (e) => (seen.add(e.event_id ?? ''), 200), state: () => ({ events: [...seen].sort() }) };
};

interface Event {
  id: string;
  name: string;
  time: number;
}

/**
 * A log of three example payloads, one a line, written so that file order is not time order,
 * with a blank line between: its events with the line each is on (1-based, counted here from
 * the text written).
 */
async function writeLog(folder: string, name: string): Promise<{ uri: vscode.Uri; events: (Event & { line: number })[] }> {
  const plan: [string, number][] = [['job_start_event', 1716580900], ['job_create_event', 1716580800], ['job_finished_event', 1716581000]];
  const lines: string[] = [];
  const events: (Event & { line: number })[] = [];
  for (const [i, [file, time]] of plan.entries()) {
    const payload = JSON.parse(await readExample(`${file}.alfred.json`)) as { event_id: string; event_time: number; event: { event_name: string } };
    payload.event_time = time;
    if (i === 1) lines.push('');
    lines.push(JSON.stringify(payload));
    events.push({ id: payload.event_id, name: payload.event.event_name, time, line: lines.length });
  }
  const uri = workspaceUri(folder, name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(lines.join('\n') + '\n'));
  return { uri, events };
}

function roots(a: Api): vscode.TestItem[] {
  return [...a.replayTests.items].map(([, item]) => item);
}

function children(item: vscode.TestItem): vscode.TestItem[] {
  return [...item.children].map(([, c]) => c).sort((x, y) => (x.sortText ?? '').localeCompare(y.sortText ?? ''));
}

function replayCommand(args: { uris: (vscode.Uri | string)[]; scenarios: string[]; seed?: number }): Thenable<{ ok: boolean; cancelled: boolean } | undefined> {
  return vscode.commands.executeCommand('alfredEvents.replayLog', args);
}

describe('replay against a receiver (Testing view)', () => {
  let a: Api;
  let saved: string | undefined;
  const setting = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('alfredEvents.receiver');
  const pointAt = (r: Receiver): Thenable<void> => setting().update('url', r.url, vscode.ConfigurationTarget.Workspace);

  before(async () => {
    a = await api();
    saved = setting().inspect<string>('url')?.workspaceValue;
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  after(async () => {
    await setting().update('url', saved, vscode.ConfigurationTarget.Workspace);
    await closeAll();
  });

  it('a correct receiver: every scenario passes; one item per scenario, a child per delivery at its record', async () => {
    const r = await receiver(correct());
    await pointAt(r);
    const { uri, events } = await writeLog('replay-correct', 'three.alfred.jsonl');
    const report = await replayCommand({ uris: [uri], scenarios: ['in-order', 'duplicates', 'shuffled', 'redelivery'] });
    assert.equal(report?.ok, true);
    assert.deepEqual(roots(a).map((i) => i.id), ['in-order', 'duplicates', 'shuffled', 'redelivery']);
    const byTime = [...events].sort((x, y) => x.time - y.time);
    const where = (items: vscode.TestItem[]): [string, number][] => items.map((i) => [i.uri!.toString(), i.range!.start.line + 1]);
    const [inOrder, duplicates, shuffled, redelivery] = roots(a);
    // in-order and redelivery: by event_time; duplicates: each twice in a row.
    assert.deepEqual(where(children(inOrder!)), byTime.map((e) => [uri.toString(), e.line]));
    assert.deepEqual(where(children(redelivery!)), byTime.map((e) => [uri.toString(), e.line]));
    assert.deepEqual(where(children(duplicates!)), byTime.flatMap((e) => [[uri.toString(), e.line], [uri.toString(), e.line]]));
    assert.deepEqual(where(children(shuffled!)).sort(), events.map((e) => [uri.toString(), e.line]).sort());
    assert.equal(children(inOrder!)[0]!.label, `line ${byTime[0]!.line} ${byTime[0]!.name}`);
    // What was reported to the Testing view: every delivery passed.
    const results = a.replayResults();
    assert.deepEqual(results.map((s) => [s.scenario, s.ok, s.deliveries.length]), [['in-order', true, 3], ['duplicates', true, 6], ['shuffled', true, 3], ['redelivery', true, 3]]);
    assert.ok(results.every((s) => s.deliveries.every((d) => d.state === 'passed')));
    // The receiver got each event once per delivery: 3 + 6 + 3 + 3.
    assert.equal(r.posts.length, 15);

    // Re-running a scenario reads the files again, from the editor when open: unsaved text counts.
    const editor = await vscode.window.showTextDocument(uri);
    const extra = JSON.parse(await readExample('job_stage_update_event.alfred.json')) as { event_id: string; event_time: number };
    extra.event_time = 1716581100;
    await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount - 1, 0), JSON.stringify(extra) + '\n'));
    assert.equal(editor.document.isDirty, true);
    const line = editor.document.getText().split('\n').findIndex((l) => l.includes(extra.event_id)) + 1;
    const sent = r.posts.length;
    await a.replayTests.run([inOrder!]);
    assert.deepEqual(r.posts.slice(sent), [...byTime.map((e) => e.id), extra.event_id]);
    assert.deepEqual(where(children(roots(a)[0]!)), [...byTime.map((e) => e.line), line].map((l) => [uri.toString(), l]));
    assert.deepEqual(a.replayResults()[0]!.deliveries.map((d) => d.state), ['passed', 'passed', 'passed', 'passed']);
    // The other scenarios were not run again.
    assert.equal(children(roots(a)[1]!).length, 6);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('a receiver that counts a duplicate twice, with the team file\'s state URL: duplicates fails naming the pointer', async () => {
    let count = 0;
    const r = await receiver({ answer: () => (count++, 200), state: () => ({ received: count }) });
    // The state URL goes with the file's own url (README "Which receiver"): no setting here.
    await setting().update('url', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.writeFile(workspaceUri('replay-state', '.alfred-events.json'), new TextEncoder().encode(JSON.stringify({ receiver: { url: r.url, stateUrl: r.stateUrl } })));
    const { uri } = await writeLog('replay-state', 'three.alfred.jsonl');
    // As a keybinding gives it: an absolute path.
    const report = await replayCommand({ uris: [uri.fsPath], scenarios: ['in-order', 'duplicates'] });
    assert.equal(report?.ok, false);
    const [inOrder, duplicates] = a.replayResults();
    assert.equal(inOrder?.ok, true);
    assert.equal(inOrder?.state?.ok, true);
    assert.equal(duplicates?.scenario, 'duplicates');
    assert.equal(duplicates?.ok, false);
    // Every delivery was answered 2xx: it is the state that differs, at /received (RFC 6901).
    assert.ok(duplicates.deliveries.every((d) => d.state === 'passed'));
    assert.equal(duplicates?.state?.ok, false);
    assert.equal(duplicates?.state?.pointer, '/received');
    assert.match(roots(a)[1]!.description ?? '', /\/received/);
  });

  /** A log replayed in-order against a receiver that answers 500 to its last event while `broken.on`. */
  async function oneFailing(folder: string): Promise<{ uri: vscode.Uri; events: (Event & { line: number })[]; victim: Event & { line: number }; r: Receiver; report: { ok: boolean } | undefined; broken: { on: boolean } }> {
    const broken = { on: true };
    const { uri, events } = await writeLog(folder, 'three.alfred.jsonl');
    const victim = events[2]!;
    const r = await receiver({ answer: (e) => (broken.on && e.event_id === victim.id ? 500 : 200), state: () => ({}) });
    await pointAt(r);
    const report = await replayCommand({ uris: [uri], scenarios: ['in-order'] });
    return { uri, events, victim, r, report, broken };
  }

  /** Re-runs one delivery's item as the Testing view does: the event_ids it sent, and the state and line it reports now. */
  async function rerunOne(item: vscode.TestItem, r: Receiver): Promise<{ sent: string[]; state?: string; line?: number }> {
    const before = r.posts.length;
    await a.replayTests.run([item]);
    const now = a.replayResults()[0]!.deliveries.find((d) => d.id === item.id);
    return { sent: r.posts.slice(before), ...(now ? { state: now.state, line: now.line } : {}) };
  }

  it('a receiver answering 500 to one event: that delivery fails at its record\'s line; re-run once fixed, it passes', async () => {
    const { uri, victim, r, report, broken } = await oneFailing('replay-500');
    assert.equal(report?.ok, false);
    const [inOrder] = a.replayResults();
    const failed = inOrder!.deliveries.filter((d) => d.state !== 'passed');
    assert.deepEqual(failed.map((d) => [d.state, d.uri, d.line]), [['failed', uri.toString(), victim.line]]);
    // RFC 9110 §15.6.1: 500 is Internal Server Error.
    assert.match(failed[0]!.message ?? '', /\b500\b/);
    // With what the receiver said, as a developer would want it.
    assert.match(failed[0]!.message ?? '', /database is locked/);
    const item = children(roots(a)[0]!).find((i) => i.id === failed[0]!.id)!;
    assert.equal(item.range?.start.line, victim.line - 1);

    broken.on = false;
    // Exactly that event was sent again, and its item now passes.
    assert.deepEqual(await rerunOne(item, r), { sent: [victim.id], state: 'passed', line: victim.line });
  });

  it('re-running one delivery after an edit moved the lines sends the same record; once the record is edited, the item errs and nothing is sent', async () => {
    const { uri, events, victim, r, broken } = await oneFailing('replay-moved');
    const failedId = a.replayResults()[0]!.deliveries.find((d) => d.state === 'failed')!.id;
    const item = children(roots(a)[0]!).find((i) => i.id === failedId)!;
    // A line added at the top, saved: the victim is one line down, and its old line holds another event.
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const moved = `\n${text}`;
    const other = events.find((e) => e.line === victim.line - 1)!;
    assert.ok(other && other.id !== victim.id);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(moved));
    broken.on = false;
    assert.deepEqual(await rerunOne(item, r), { sent: [victim.id], state: 'passed', line: victim.line + 1 });

    // The record itself edited: not the record that was delivered, so nothing is sent.
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(moved.replace(`"event_time":${victim.time}`, `"event_time":${victim.time + 1}`)));
    const edited = await rerunOne(item, r);
    assert.deepEqual([edited.sent, edited.state], [[], 'errored']);
  });

  it('a saved payload is replayed as its file holds it, mixed line ends too, not as the editor shows it', async () => {
    const r = await receiver({ answer: () => 200, state: () => ({}) });
    await pointAt(r);
    const payload = JSON.parse(await readExample('job_start_event.alfred.json')) as { event_id: string };
    // Pretty-printed, one line end CRLF and the others LF: VS Code's text makes them alike.
    const text = JSON.stringify(payload, null, 2).replace('\n', '\r\n');
    const uri = workspaceUri('replay-bytes', 'mixed.alfred.json');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const editor = await vscode.window.showTextDocument(uri);
    assert.equal(editor.document.isDirty, false);
    const report = await replayCommand({ uris: [uri], scenarios: ['in-order'] });
    assert.equal(report?.ok, true);
    assert.deepEqual(r.bodies, [Buffer.from(text, 'utf8')]);
    await closeAll();
  });

  it('Stop in the Testing view cancels the run: the request under way is abandoned, nothing more is sent', async () => {
    const r = await receiver({ answer: () => 'hold', state: () => ({}) });
    await pointAt(r);
    const { uri } = await writeLog('replay-cancel', 'three.alfred.jsonl');
    const running = replayCommand({ uris: [uri.toString()], scenarios: ['in-order', 'duplicates'] });
    await until(r.onPost, () => (r.posts.length > 0 ? true : undefined), 'the first request');
    // The Testing view's Stop button: it cancels every test run under way.
    await vscode.commands.executeCommand('testing.cancelRun');
    const report = await running;
    assert.equal(report?.cancelled, true);
    assert.equal(r.posts.length, 1);
    const results = a.replayResults();
    assert.deepEqual(results.map((s) => [s.scenario, s.ok, s.deliveries.map((d) => d.state)]), [['in-order', false, ['skipped']], ['duplicates', false, []]]);
  });
});
