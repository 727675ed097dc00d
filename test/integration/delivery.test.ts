// Sending to a receiver from the real editor: the lens, the command, the response view (through
// the API's model of it), the handshake check and Copy as cURL, against HTTP receivers this test
// starts on 127.0.0.1 (ephemeral ports). Nothing is sent anywhere else. Expected bytes are the
// file's own (a UTF-8 file as written, without a BOM; a UTF-16 file as UTF-8: RFC 8259 §8.1);
// statuses as RFC 9110 defines them.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { curlCommand } from '../../src/core/index';
import type { ResponseShown } from '../../src/editor/response-html';
import { api, closeAll, readExample, until, workspaceUri, type Api } from './helpers';

/** One request as the receiver got it. */
interface Got {
  path: string;
  method: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A receiver with one behaviour per path: /ok answers 200 with JSON, /fail 500, /handshake the
 * challenge as {"challenge": …}, /handshake-201 the challenge with HTTP 201, /team 200 (the team
 * file's URL). It records every request.
 */
function receiver(): Promise<{ base: string; got: Got[]; close: () => Promise<void> }> {
  const got: Got[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      got.push({ path, method: req.method ?? '', headers: req.headers, body });
      if (path === '/fail') {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
      } else if (path.startsWith('/handshake')) {
        const challenge = (JSON.parse(body.toString('utf8')) as { challenge: string }).challenge;
        res.writeHead(path === '/handshake-201' ? 201 : 200, { 'content-type': 'application/json' }).end(JSON.stringify({ challenge }));
      } else {
        res.writeHead(200, { 'content-type': 'application/json', 'x-receiver': 'test' }).end('{"received":true,"big":12345678901234567890}');
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, got, close: () => new Promise((r) => server.close(() => r())) }),
    ),
  );
}

/** A port nothing listens on: one a server had, closed again. */
async function downPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('alfredEvents.receiver');
const setUrl = (url: string | undefined): Thenable<void> => settings().update('url', url, vscode.ConfigurationTarget.Workspace);
const write = (uri: vscode.Uri, bytes: Uint8Array | string): Thenable<void> => vscode.workspace.fs.writeFile(uri, typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);

/** The next model the response view renders, waited for on its event. */
function nextResponse(a: Api): Promise<ResponseShown> {
  const before = a.responses().length;
  return until(a.onDidShowResponse, () => (a.responses().length > before ? a.responses().at(-1) : undefined), 'the response view to render');
}

/** Our Send to receiver lenses of a document. */
async function sendLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await lensesOf(uri)).filter((l) => l.command?.command === 'alfredEvents.sendToReceiver');
}

/** Every lens of a document (the command asks the open document's model: open it first). */
async function lensesOf(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  await vscode.workspace.openTextDocument(uri);
  return vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
}

describe('sending to a receiver', () => {
  let a: Api;
  let r: Awaited<ReturnType<typeof receiver>>;
  const dir = workspaceUri('send');
  let payload: vscode.Uri;
  let payloadText: string;

  before(async () => {
    a = await api();
    r = await receiver();
    // Non-ASCII, CRLF line ends and a final newline: all sent as written.
    payloadText = (await readExample('job_start_event.alfred.json')).replace('Northwind Logistics', 'Nørdwind Lögistics 日本 😀').replace(/\n/g, '\r\n');
    payload = vscode.Uri.joinPath(dir, 'start.alfred.json');
    await write(payload, payloadText);
  });

  afterEach(async () => {
    await setUrl(undefined);
    await settings().update('codeLens', undefined, vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await closeAll();
    await r.close();
    await vscode.workspace.fs.delete(dir, { recursive: true });
  });

  it('a payload has one Send to receiver lens, on its first line, sending the document', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(payload));
    const lenses = await sendLenses(payload);
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0]!.range.start.line, 0);
    assert.equal(lenses[0]!.command!.title, 'Send to receiver');
    assert.deepEqual(lenses[0]!.command!.arguments?.slice(0, 2).map(String), [payload.toString(), '1']);
  });

  it('the lens delivers the exact bytes of the file, and the response view shows the answer', async () => {
    await setUrl(`${r.base}/ok`);
    const [lens] = await sendLenses(payload);
    const shown = nextResponse(a);
    await vscode.commands.executeCommand(lens!.command!.command, ...(lens!.command!.arguments as unknown[]));
    const view = await shown;
    const got = r.got.at(-1)!;
    assert.equal(got.method, 'POST');
    assert.equal(got.path, '/ok');
    assert.equal(got.headers['content-type'], 'application/json');
    assert.deepEqual(got.body, Buffer.from(payloadText, 'utf8'));
    assert.equal(view.response?.status, 200);
    assert.equal(view.response?.statusText, 'OK');
    assert.equal(view.response?.body, '{"received":true,"big":12345678901234567890}');
    assert.deepEqual(view.response?.headers.find(([n]) => n === 'x-receiver'), ['x-receiver', 'test']);
    assert.equal(view.request.bytes, Buffer.byteLength(payloadText, 'utf8'));
    assert.equal(view.request.url, `${r.base}/ok`);
    assert.equal(view.request.line, 1);
  });

  it('a log has a lens on each record (not on blank lines or other values), each sending its line', async () => {
    const lines = (await readExample('jobs.alfred.jsonl')).split('\n').slice(0, 3);
    const log = vscode.Uri.joinPath(dir, 'few.alfred.jsonl');
    // Records on lines 1, 2 and 5 (1-based); line 3 is blank and line 4 an array.
    await write(log, `${lines[0]}\n${lines[1]}\n\n[1, 2]\n${lines[2]}\n`);
    const lenses = await sendLenses(log);
    assert.deepEqual(lenses.map((l) => [l.range.start.line, ...l.command!.arguments!.slice(0, 2).map(String)]), [
      [0, log.toString(), '1'],
      [1, log.toString(), '2'],
      [4, log.toString(), '5'],
    ]);
    await setUrl(`${r.base}/ok`);
    const shown = nextResponse(a);
    await vscode.commands.executeCommand('alfredEvents.sendToReceiver', ...(lenses[2]!.command!.arguments as unknown[]));
    assert.equal((await shown).request.line, 5);
    // The line without its terminator.
    assert.deepEqual(r.got.at(-1)!.body, Buffer.from(lines[2]!, 'utf8'));
  });

  it('a UTF-8 BOM is not sent, and a UTF-16 file is sent as UTF-8', async () => {
    await setUrl(`${r.base}/ok`);
    const text = '{"event_id": "a1", "event_type": "job_event_type", "event": {"event_name": "job_start_event", "note": "é 😀"}}';
    const withBom = vscode.Uri.joinPath(dir, 'bom.alfred.json');
    await write(withBom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    const utf16 = vscode.Uri.joinPath(dir, 'utf16.alfred.json');
    await write(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    for (const uri of [withBom, utf16]) {
      const shown = nextResponse(a);
      await vscode.commands.executeCommand('alfredEvents.sendToReceiver', uri, 1);
      await shown;
      assert.deepEqual(r.got.at(-1)!.body, Buffer.from(text, 'utf8'), uri.path);
    }
  });

  it('the command palette and context menu send the record at the cursor', async () => {
    await setUrl(`${r.base}/ok`);
    const log = vscode.Uri.joinPath(dir, 'few.alfred.jsonl');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(log));
    editor.selection = new vscode.Selection(1, 5, 1, 5);
    const shown = nextResponse(a);
    await vscode.commands.executeCommand('alfredEvents.sendToReceiver');
    assert.equal((await shown).request.line, 2);
    assert.deepEqual(r.got.at(-1)!.body, Buffer.from(editor.document.lineAt(1).text, 'utf8'));
    // The editor's context menu passes the document's URI alone.
    editor.selection = new vscode.Selection(4, 3, 4, 3);
    const again = nextResponse(a);
    await vscode.commands.executeCommand('alfredEvents.sendToReceiver', log);
    assert.equal((await again).request.line, 5);
    assert.deepEqual(r.got.at(-1)!.body, Buffer.from(editor.document.lineAt(4).text, 'utf8'));
  });

  it("a saved file's own bytes are sent, as alfred-events send sends them: mixed line ends, invalid UTF-8", async () => {
    await setUrl(`${r.base}/ok`);
    // VS Code's text of this file has one kind of line end; the file has both.
    const mixed = vscode.Uri.joinPath(dir, 'mixed.alfred.json');
    const mixedBytes = Buffer.from(payloadText.replace('\r\n', '\n'), 'utf8');
    assert.ok(mixedBytes.includes('\r\n') && /[^\r]\n/.test(mixedBytes.toString('utf8')));
    await write(mixed, mixedBytes);
    let shown = nextResponse(a);
    await vscode.commands.executeCommand('alfredEvents.sendToReceiver', mixed, 1);
    await shown;
    assert.deepEqual(r.got.at(-1)!.body, mixedBytes);

    // 0xE9 is Latin-1 é, not UTF-8 (RFC 3629 §3: a lead byte with no continuation byte): VS Code's text holds U+FFFD there.
    const [first, second] = (await readExample('jobs.alfred.jsonl')).split('\n');
    const at = second!.indexOf('"event_id"');
    assert.ok(at > 0);
    const line2 = Buffer.concat([Buffer.from(second!.slice(0, at), 'utf8'), Buffer.from('"note": "caf'), Buffer.from([0xe9]), Buffer.from('", '), Buffer.from(second!.slice(at), 'utf8')]);
    const invalid = vscode.Uri.joinPath(dir, 'latin1.alfred.jsonl');
    await write(invalid, Buffer.concat([Buffer.from(`${first}\r\n`, 'utf8'), line2, Buffer.from('\n')]));
    shown = nextResponse(a);
    await vscode.commands.executeCommand('alfredEvents.sendToReceiver', invalid, 2);
    await shown;
    assert.ok(line2.includes(0xe9));
    assert.deepEqual(r.got.at(-1)!.body, line2);
  });

  it('a lens shown before an edit sends the record it was above, found again by its text; a record edited since is not sent', async () => {
    await setUrl(`${r.base}/ok`);
    const log = vscode.Uri.joinPath(dir, 'stale.alfred.jsonl');
    const lines = (await readExample('jobs.alfred.jsonl')).split('\n').slice(0, 2);
    await write(log, `${lines[0]}\n${lines[1]}\n`);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(log));
    const [, second] = await sendLenses(log);
    assert.equal(second!.range.start.line, 1);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '\n'));
    const shown = nextResponse(a);
    await vscode.commands.executeCommand(second!.command!.command, ...(second!.command!.arguments as unknown[]));
    // The record moved to line 3: it, not what is on line 2 now.
    assert.equal((await shown).request.line, 3);
    assert.deepEqual(r.got.at(-1)!.body, Buffer.from(lines[1]!, 'utf8'));

    const count = r.got.length;
    const [, fresh] = await sendLenses(log);
    await editor.edit((e) => e.insert(new vscode.Position(2, 1), ' "note": "edited",'));
    const result = await vscode.commands.executeCommand(fresh!.command!.command, ...(fresh!.command!.arguments as unknown[]));
    assert.equal(result, undefined);
    assert.equal(r.got.length, count);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('the alfredEvents.sendable context key follows the detection setting, the language and the text of the active document', async () => {
    const plain = vscode.Uri.joinPath(dir, 'plain.json');
    await write(plain, payloadText);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(plain));
    const becomes = (value: boolean, what: string): Promise<true> => until(a.onDidSetSendable, () => (a.sendable() === value ? true : undefined), what);
    const detection = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('alfredEvents.detection');
    try {
      await becomes(true, 'a plain JSON payload to be sendable');
      await detection().update('plainJson', false, vscode.ConfigurationTarget.Workspace);
      await becomes(false, 'sendable to follow alfredEvents.detection.plainJson off');
      await detection().update('plainJson', undefined, vscode.ConfigurationTarget.Workspace);
      await becomes(true, 'sendable to follow alfredEvents.detection.plainJson on');
      const plainText = await vscode.languages.setTextDocumentLanguage(editor.document, 'plaintext');
      await becomes(false, 'sendable to follow the language');
      const json = await vscode.languages.setTextDocumentLanguage(plainText, 'json');
      await becomes(true, 'sendable to follow the language back');
      const active = vscode.window.activeTextEditor!;
      assert.equal(active.document.uri.toString(), json.uri.toString());
      await active.edit((e) => e.replace(new vscode.Range(0, 0, json.lineCount, 0), '[1, 2]\n'));
      await becomes(false, 'sendable to follow the text');
    } finally {
      await detection().update('plainJson', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('an answer of 500 shows as 500', async () => {
    await setUrl(`${r.base}/fail`);
    const shown = nextResponse(a);
    await vscode.commands.executeCommand('alfredEvents.sendToReceiver', payload, 1);
    const view = await shown;
    assert.equal(view.response?.status, 500);
    assert.equal(view.response?.statusText, 'Internal Server Error');
    assert.equal(view.response?.body, 'boom');
  });

  it('a receiver that is down shows why there was no answer', async () => {
    await setUrl(`http://127.0.0.1:${await downPort()}/hook`);
    const shown = nextResponse(a);
    await vscode.commands.executeCommand('alfredEvents.sendToReceiver', payload, 1);
    const view = await shown;
    assert.equal(view.response, undefined);
    assert.equal(view.failure?.kind, 'refused');
    assert.ok(view.failure?.message);
  });

  it('a remote URL is refused before anything is sent', async () => {
    const count = [r.got.length, a.responses().length];
    await setUrl('http://192.0.2.1/hook');
    // The command resolves once it has decided: nothing more can be sent after.
    const result = await vscode.commands.executeCommand('alfredEvents.sendToReceiver', payload, 1);
    assert.equal(result, undefined);
    assert.deepEqual([r.got.length, a.responses().length], count);
  });

  it("the setting wins over the team file's receiver.url, which applies without it", async () => {
    // A folder of its own, its file written before anything below it is sent: the file is read at the first send.
    const team = vscode.Uri.joinPath(dir, 'team');
    await write(vscode.Uri.joinPath(team, '.alfred-events.json'), JSON.stringify({ receiver: { url: `${r.base}/team` } }));
    const inTeam = vscode.Uri.joinPath(team, 'start.alfred.json');
    await write(inTeam, payloadText);
    let shown = nextResponse(a);
    await vscode.commands.executeCommand('alfredEvents.sendToReceiver', inTeam, 1);
    await shown;
    assert.equal(r.got.at(-1)!.path, '/team');
    await setUrl(`${r.base}/ok`);
    shown = nextResponse(a);
    await vscode.commands.executeCommand('alfredEvents.sendToReceiver', inTeam, 1);
    await shown;
    assert.equal(r.got.at(-1)!.path, '/ok');
  });

  it('Check URL Verification Handshake: passes a receiver that answers the challenge, names the flaw of one that does not', async () => {
    await setUrl(`${r.base}/handshake`);
    let shown = nextResponse(a);
    await vscode.commands.executeCommand('alfredEvents.checkHandshake');
    let view = await shown;
    const sent = JSON.parse(r.got.at(-1)!.body.toString('utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(sent).sort(), ['challenge', 'token', 'type']);
    assert.equal(sent.type, 'url_verification');
    // RFC 9562 §5.4: fresh version-4 UUIDs.
    assert.match(String(sent.challenge), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(view.verdict?.ok, true);
    assert.equal(view.response?.status, 200);

    await setUrl(`${r.base}/handshake-201`);
    shown = nextResponse(a);
    await vscode.commands.executeCommand('alfredEvents.checkHandshake');
    view = await shown;
    assert.equal(view.verdict?.ok, false);
    // Alfred's docs: HTTP 200 with the challenge. The verdict names the status that was not.
    assert.equal(view.response?.status, 201);
    assert.match(view.verdict?.message ?? '', /\b201\b/);
    assert.notEqual((JSON.parse(r.got.at(-1)!.body.toString('utf8')) as Record<string, unknown>).challenge, sent.challenge);
  });

  it('Copy as cURL puts the core curlCommand of the request on screen on the clipboard', async () => {
    await setUrl(`${r.base}/ok`);
    const shown = nextResponse(a);
    await vscode.commands.executeCommand('alfredEvents.sendToReceiver', payload, 1);
    await shown;
    const copied = await vscode.commands.executeCommand<string>('alfredEvents.copyAsCurl');
    const expected = curlCommand({ url: new URL(`${r.base}/ok`), method: 'POST', body: payloadText });
    assert.equal(copied, expected);
    assert.equal(await vscode.env.clipboard.readText(), expected);
  });

  it('no lens while alfredEvents.receiver.codeLens is off', async () => {
    await settings().update('codeLens', false, vscode.ConfigurationTarget.Workspace);
    assert.deepEqual(await sendLenses(payload), []);
    await settings().update('codeLens', undefined, vscode.ConfigurationTarget.Workspace);
    assert.equal((await sendLenses(payload)).length, 1);
  });

  it('a log of more than 5,000 records has lenses on the first 5,000 and one lens saying so', async () => {
    const [record] = (await readExample('jobs.alfred.jsonl')).split('\n');
    const big = vscode.Uri.joinPath(dir, 'big.alfred.jsonl');
    await write(big, `${record}\n`.repeat(5_001));
    const all = await lensesOf(big);
    const sends = all.filter((l) => l.command?.command === 'alfredEvents.sendToReceiver');
    assert.equal(sends.length, 5_000);
    assert.equal(sends.at(-1)!.range.start.line, 4_999);
    const notes = all.filter((l) => l.command && l.command.command !== 'alfredEvents.sendToReceiver');
    assert.equal(notes.length, 1);
    assert.equal(notes[0]!.range.start.line, 0);
    assert.match(notes[0]!.command!.title, /first 5,000/);
  });
});
