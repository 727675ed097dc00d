// The recorder (src/recorder) on 127.0.0.1, ephemeral ports, driven by Node's HTTP client.
// Expected values: the bytes sent (a one-line event is kept as sent; ECMA-404 §2 for the
// whitespace a pretty body loses), Alfred's handshake as the README and the docs give it (HTTP
// 200 with the challenge, judged by the core's judgeHandshake), RFC 9110 for the statuses (413
// content too large, 405 with Allow, 502 bad gateway) and for what a proxy passes on (§7.6.1).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { judgeHandshake } from '../../src/core/index';
import { run } from '../../src/cli/run';
import { hostIsLoopback, parseListen, startRecorder } from '../../src/recorder/index';
import { receiver } from './receivers';
import { event, linesOf, post, recorder, request, sidecarOf, tempDir } from './record-helpers';

describe('record: what it answers and where each body goes', () => {
  it('answers the handshake itself (HTTP 200 with the challenge) and files it in the sidecar, not the log', async () => {
    const { r, out, sidecar, deliveries } = await recorder();
    const body = JSON.stringify({ token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' });
    const reply = await post(r.url, body);
    const verdict = judgeHandshake('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', { status: reply.status, body: reply.body, contentType: reply.headers['content-type'] });
    assert.ok(verdict.ok, verdict.message);
    assert.equal(reply.status, 200);
    assert.deepEqual(linesOf(out), []);
    const [entry] = sidecarOf(sidecar);
    assert.equal(entry?.method, 'POST');
    assert.equal(entry?.path, '/');
    assert.equal(entry?.body, body);
    assert.equal((entry?.headers as Record<string, string>)['content-type'], 'application/json');
    assert.deepEqual((entry?.answer as { status: number }).status, 200);
    assert.equal(deliveries[0]?.kind, 'handshake');
    assert.equal(deliveries[0]?.findings, 0);
    assert.equal(r.count, 0);
  });

  it('events, a redelivery, a pretty body, a JSON array and a body that is not JSON: exactly the right lines and sidecar entries', async () => {
    const { r, out, sidecar, deliveries } = await recorder();
    const first = event(1);
    const second = event(2, { note: 'Größe ✓ 😀 \u2028' });
    // Numbers and escapes as written: 2^53 + 1 would round through JSON.parse, "\u00e9" would become "é".
    const exact = '{"event_id":"00000000-0000-4000-8000-000000000003","event_time":9007199254740993,"event":{"event_name":"job_start_event","job_id":"caf\\u00e9","job_id":"x"}}';
    const pretty = JSON.stringify(JSON.parse(event(4)), null, 2);
    const withSpaces = `  ${event(5).replace(/,/g, ', ')}\r\n`;
    const answers = [];
    for (const body of [first, second, first, exact, pretty, withSpaces, '[' + first + ']', 'event_id=1&x=2', '']) answers.push((await post(r.url, body)).status);
    assert.deepEqual(answers, [200, 200, 200, 200, 200, 200, 400, 400, 400]);
    assert.deepEqual(linesOf(out), [first, second, first, exact, event(4), event(5).replace(/,/g, ', ')]);
    assert.equal(r.count, 6);
    assert.deepEqual(deliveries.map((d) => [d.kind, d.line, d.eventName, d.jobId, d.status]), [
      ['event', 1, 'job_start_event', '7c9e6679-7425-40de-944b-e07fc1f90ae7', 200],
      ['event', 2, 'job_start_event', '7c9e6679-7425-40de-944b-e07fc1f90ae7', 200],
      ['event', 3, 'job_start_event', '7c9e6679-7425-40de-944b-e07fc1f90ae7', 200],
      // A repeated key: JSON.parse's last value, as receivers read it.
      ['event', 4, 'job_start_event', 'x', 200],
      ['event', 5, 'job_start_event', '7c9e6679-7425-40de-944b-e07fc1f90ae7', 200],
      ['event', 6, 'job_start_event', '7c9e6679-7425-40de-944b-e07fc1f90ae7', 200],
      ['other', undefined, undefined, undefined, 400],
      ['other', undefined, undefined, undefined, 400],
      ['other', undefined, undefined, undefined, 400],
    ]);
    assert.deepEqual(sidecarOf(sidecar).map((e) => [e.method, e.body, (e.answer as { status: number }).status]), [
      ['POST', '[' + first + ']', 400],
      ['POST', 'event_id=1&x=2', 400],
      ['POST', '', 400],
    ]);
    assert.deepEqual(deliveries.slice(6).map((d) => d.reason), ['a JSON array, not an object', 'not JSON', 'an empty body']);
  });

  it('masks credentials in the sidecar: the auth-scheme stays (RFC 9110 §11.1), the secret does not', async () => {
    const { r, sidecar } = await recorder();
    const secret = 'c2VjcmV0LXRva2VuLTQ4MjkxMA';
    await request(r.url, {
      body: 'not json',
      headers: { authorization: `Bearer ${secret}`, 'proxy-authorization': `Basic ${secret}`, cookie: `session=${secret}`, 'X-Api-Key': secret, 'x-alfred-signature': 'sig' },
    });
    const [entry] = sidecarOf(sidecar);
    const headers = entry?.headers as Record<string, string>;
    assert.equal(headers.authorization, 'Bearer REDACTED');
    assert.equal(headers['proxy-authorization'], 'Basic REDACTED');
    assert.equal(headers.cookie, 'REDACTED');
    assert.equal(headers['x-api-key'], 'REDACTED');
    assert.equal(headers['x-alfred-signature'], 'sig');
    assert.ok(!fs.readFileSync(sidecar, 'utf8').includes(secret));
  });

  it('keeps bytes that are not UTF-8 in the sidecar as base64, and a BOM is not part of the line', async () => {
    const { r, out, sidecar } = await recorder();
    const latin1 = Buffer.from('{"event_id":"caf\xe9"}', 'latin1');
    assert.equal((await post(r.url, latin1)).status, 400);
    assert.equal((await post(r.url, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(event(1))]))).status, 200);
    assert.deepEqual(linesOf(out), [event(1)]);
    const [entry] = sidecarOf(sidecar);
    assert.equal(entry?.bodyEncoding, 'base64');
    assert.ok(Buffer.from(entry?.body as string, 'base64').equals(latin1));
  });

  it('answers 405 with Allow: POST to other methods, 413 to a body over 10 MiB, and records neither', async () => {
    const { r, out, sidecar, deliveries } = await recorder();
    const get = await request(r.url, { method: 'GET' });
    assert.equal(get.status, 405);
    assert.equal(get.headers.allow, 'POST');
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    assert.equal((await post(r.url, big)).status, 413);
    // The same without a declared length: counted as it arrives.
    assert.equal((await request(r.url, { body: big, headers: { 'transfer-encoding': 'chunked' } })).status, 413);
    assert.equal((await post(r.url, event(1))).status, 200);
    assert.deepEqual(linesOf(out), [event(1)]);
    assert.deepEqual(sidecarOf(sidecar).map((e) => (e.answer as { status: number }).status), [405, 413, 413]);
    assert.deepEqual(deliveries.map((d) => d.status), [405, 413, 413, 200]);
  });

  it('appends to an existing log: a last line without a line feed is ended first, and numbering goes on', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'old.alfred.jsonl');
    fs.writeFileSync(out, `${event(1)}\r\n${event(2)}`);
    const { r, deliveries } = await recorder({ out });
    await post(r.url, event(3));
    assert.equal(fs.readFileSync(out, 'utf8'), `${event(1)}\r\n${event(2)}\n${event(3)}\n`);
    assert.equal(deliveries[0]?.line, 3);
  });

  it('counts the findings of each event as the validator reports them (errors and warnings)', async () => {
    const { r, deliveries } = await recorder();
    const valid = fs.readFileSync(path.join(__dirname, '../fixtures/examples/job_start_event.alfred.json'), 'utf8');
    await post(r.url, valid);
    await post(r.url, JSON.stringify({ ...JSON.parse(valid), event_id: 'not-a-uuid' }));
    assert.deepEqual(deliveries.map((d) => d.findings), [0, 1]);
  });

  it("the captured log validates, and the redelivery is reported as duplicate-event-id", async () => {
    const { r, out } = await recorder();
    const start = fs.readFileSync(path.join(__dirname, '../fixtures/examples/job_start_event.alfred.json'), 'utf8');
    await post(r.url, start);
    await post(r.url, start);
    let stdout = '';
    const status = await run(['validate', '--format', 'json', '--no-config', out], { cwd: path.dirname(out), stdout: (t) => void (stdout += t), stderr: () => undefined });
    assert.equal(status, 0);
    const report = JSON.parse(stdout) as { files: { diagnostics: { code: string; range: { start: { line: number } } }[] }[] };
    const found = report.files[0]!.diagnostics.map((d) => [d.code, d.range.start.line]);
    assert.deepEqual(found, [['duplicate-event-id', 1]]);
  });
});

describe('record --forward-to', () => {
  it("passes each request on (method, body, end-to-end headers) and returns the receiver's answer; the sidecar keeps it", async () => {
    const up = await receiver((_req, res) => res.writeHead(202, { 'x-receiver': 'yes', 'content-type': 'text/plain' }).end('thanks'));
    const { r, out, sidecar, deliveries } = await recorder({ forwardTo: new URL(up.url) });
    const reply = await post(new URL('/hook?x=1', r.url), event(1), { 'x-alfred-signature': 'sig', connection: 'keep-alive, x-hop', 'x-hop': 'only this hop' });
    assert.equal(reply.status, 202);
    assert.equal(reply.body, 'thanks');
    assert.equal(reply.headers['x-receiver'], 'yes');
    const got = up.requests[0]!;
    assert.equal(got.method, 'POST');
    assert.equal(got.url, '/alfred');
    assert.equal(got.body.toString('utf8'), event(1));
    assert.equal(got.headers['content-type'], 'application/json');
    assert.equal(got.headers['x-alfred-signature'], 'sig');
    assert.equal(got.headers['x-hop'], undefined, 'a header the Connection field names is hop-by-hop (RFC 9110 §7.6.1)');
    assert.match(String(got.headers.via), /^1\.1 alfred-events-record-[0-9a-f]{8}$/);
    assert.deepEqual(linesOf(out), [event(1)]);
    const [entry] = sidecarOf(sidecar);
    assert.equal(entry?.line, 1);
    assert.equal(entry?.path, '/hook?x=1');
    assert.equal(entry?.forwardedTo, up.url);
    assert.deepEqual([(entry?.answer as { status: number }).status, (entry?.answer as { body: string }).body], [202, 'thanks']);
    assert.deepEqual(deliveries[0]?.forwarded, { status: 202 });
  });

  it('forwards the handshake too: the receiver answers it, not the recorder', async () => {
    const up = await receiver((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('from the receiver'));
    const { r, sidecar } = await recorder({ forwardTo: new URL(up.url) });
    const reply = await post(r.url, JSON.stringify({ token: 't', challenge: 'c', type: 'url_verification' }));
    assert.equal(reply.body, 'from the receiver');
    assert.equal((sidecarOf(sidecar)[0]?.answer as { body: string }).body, 'from the receiver');
  });

  it('a receiver that is down: the event is still recorded and the sender gets a 502 saying so', async () => {
    const down = await receiver(() => undefined);
    await down.close();
    const { r, out, sidecar, deliveries } = await recorder({ forwardTo: new URL(down.url) });
    const reply = await post(r.url, event(1));
    assert.equal(reply.status, 502);
    assert.match(reply.body, /refused the connection.*the event was recorded \(line 1 of log\.alfred\.jsonl\)/);
    assert.deepEqual(linesOf(out), [event(1)]);
    const answer = sidecarOf(sidecar)[0]?.answer as { status: number; error: string };
    assert.equal(answer.status, 502);
    assert.match(answer.error, /refused the connection/);
    assert.equal(deliveries[0]?.line, 1);
    assert.match(deliveries[0]?.forwarded?.error ?? '', /refused/);
  });

  it('a receiver that does not answer within the timeout: 504, and the event is recorded', async () => {
    const silent = await receiver(() => undefined);
    const { r, out } = await recorder({ forwardTo: new URL(silent.url), forwardTimeoutMs: 100 });
    const reply = await post(r.url, event(1));
    assert.equal(reply.status, 504);
    assert.match(reply.body, /did not answer within 100 ms; the event was recorded \(line 1 of log\.alfred\.jsonl\)/);
    assert.deepEqual(linesOf(out), [event(1)]);
    await silent.close();
  });

  it('refuses to start when --forward-to is not a receiver it may deliver to, or is itself', async () => {
    const out = path.join(tempDir(), 'x.alfred.jsonl');
    await assert.rejects(startRecorder({ host: '127.0.0.1', port: 0, out, forwardTo: new URL('ftp://127.0.0.1/') }), /not an http: or https: URL/);
    await assert.rejects(startRecorder({ host: '127.0.0.1', port: 0, out, forwardTo: new URL('http://example.com/hook') }), /not a loopback address/);
    const { r } = await recorder();
    const port = Number(r.url.port);
    await r.stop();
    await assert.rejects(startRecorder({ host: '127.0.0.1', port, out, forwardTo: new URL(`http://localhost:${port}/`) }), /own address/);
  });
});

describe('record: starting and stopping', () => {
  it('reads --listen as HOST:PORT, [IPv6]:PORT, :PORT or PORT, and judges loopback after WHATWG URL parsing', () => {
    assert.deepEqual(parseListen('3000'), { host: '127.0.0.1', port: 3000 });
    assert.deepEqual(parseListen(':0'), { host: '127.0.0.1', port: 0 });
    assert.deepEqual(parseListen('localhost:8080'), { host: 'localhost', port: 8080 });
    assert.deepEqual(parseListen('[::1]:65535'), { host: '::1', port: 65535 });
    for (const bad of ['', ':', 'x', '65536', '::1:3000', '[]:1', 'host:', '1.2.3.4:-1']) assert.ok('error' in parseListen(bad), bad);
    // 127.1 is 127.0.0.1 to the URL parser; 0.0.0.0 is every address, not loopback.
    assert.deepEqual(['127.1', '127.255.0.9', '::1', 'localhost', '0.0.0.0', '::', '127.0.0.1.example.com', '192.168.1.2'].map(hostIsLoopback), [true, true, true, true, false, false, false, false]);
    assert.equal(hostIsLoopback('exa mple'), undefined);
  });

  it('refuses a non-loopback address without allowRemote, a port in use, and a log it cannot write, each in one line', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'x.alfred.jsonl');
    await assert.rejects(startRecorder({ host: '0.0.0.0', port: 0, out }), (err: Error) => /not a loopback address.*--allow-remote/.test(err.message) && !err.message.includes('\n'));
    const { r } = await recorder();
    await assert.rejects(startRecorder({ host: '127.0.0.1', port: Number(r.url.port), out }), /127\.0\.0\.1:\d+ is in use/);
    await assert.rejects(startRecorder({ host: '127.0.0.1', port: 0, out: dir }), /cannot write .*: is a directory/);
    await assert.rejects(startRecorder({ host: '127.0.0.1', port: 0, out: path.join(dir, 'no', 'such', 'x.jsonl') }), /no such file or directory/);
  });

  it('stop() lets a request in flight finish its line, then closes; it is idempotent', async () => {
    const { r, out } = await recorder();
    const body = event(1);
    const http = await import('node:http');
    const answered = new Promise<number>((resolve, reject) => {
      const req = http.request(r.url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', expect: '100-continue', 'content-length': String(body.length) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      // The recorder has the request once it says 100 Continue: stop now, then send the body.
      req.on('continue', () => {
        req.write(body.slice(0, 10));
        const stopped = r.stop();
        req.end(body.slice(10));
        void stopped.then(() => r.stop());
      });
    });
    assert.equal(await answered, 200);
    await r.stop();
    assert.deepEqual(linesOf(out), [body]);
    await assert.rejects(post(r.url, event(2)), /ECONNREFUSED/);
  });
});
