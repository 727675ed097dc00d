// The recorder's answers on points of HTTP (RFC 9110): an encoded body (§8.4) is refused with 415
// and Accept-Encoding: identity (§15.5.16, §12.5.3), never logged as if it were not encoded;
// Expect: 100-continue with a length over 10 MiB gets 413 without 100 Continue (§10.1.1); a
// receiver's set-cookie is masked in the sidecar as a request's cookie is; --forward-to is
// refused on port 0 and when it is the recorder's own address, and only then.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { startRecorder } from '../../src/recorder/index';
import { deliveryLine } from '../../src/cli/record';
import { receiver } from './receivers';
import { event, linesOf, recorder, request, sidecarOf, tempDir } from './record-helpers';

describe('record: encoded bodies', () => {
  it('answers 415 with Accept-Encoding: identity to a gzip body and to a plain one labelled br; files both in the sidecar, logs neither', async () => {
    const { r, out, sidecar, deliveries } = await recorder();
    const gzipped = gzipSync(Buffer.from(event(1)));
    const a = await request(r.url, { body: gzipped, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
    const b = await request(r.url, { body: event(2), headers: { 'content-type': 'application/json', 'content-encoding': 'br' } });
    const c = await request(r.url, { body: event(3), headers: { 'content-type': 'application/json', 'content-encoding': 'identity' } });
    assert.deepEqual([a.status, b.status, c.status], [415, 415, 200]);
    assert.equal(a.headers['accept-encoding'], 'identity');
    assert.equal(b.headers['accept-encoding'], 'identity');
    assert.deepEqual(linesOf(out), [event(3)]);
    const entries = sidecarOf(sidecar);
    assert.equal(entries.length, 2);
    assert.ok(Buffer.from(entries[0]!.body as string, 'base64').equals(gzipped));
    assert.equal(entries[1]!.body, event(2));
    assert.deepEqual(deliveries.map((d) => [d.kind, d.reason, d.status]), [
      ['other', 'encoded (Content-Encoding: gzip)', 415],
      ['other', 'encoded (Content-Encoding: br)', 415],
      ['event', undefined, 200],
    ]);
  });
});

describe('record: Expect: 100-continue', () => {
  it('answers 413 at once to a declared length over 10 MiB, without 100 Continue, and 100 Continue to one within', async () => {
    const { r, sidecar } = await recorder();
    const ask = (length: number): Promise<{ status: number; continued: boolean }> =>
      new Promise((resolve, reject) => {
        let continued = false;
        const req = http.request(r.url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': String(length), expect: '100-continue' } }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, continued }));
          req.destroy();
        });
        req.on('continue', () => {
          continued = true;
          req.end(event(1));
        });
        req.on('error', reject);
        req.flushHeaders();
      });
    assert.deepEqual(await ask(10 * 1024 * 1024 + 1), { status: 413, continued: false });
    assert.deepEqual(await ask(Buffer.byteLength(event(1))), { status: 200, continued: true });
    assert.equal((sidecarOf(sidecar)[0]?.answer as { status: number }).status, 413);
  });
});

describe('record: small things', () => {
  it("masks the receiver's set-cookie in the sidecar's answer headers, each of them", async () => {
    const up = await receiver((_req, res) => {
      res.setHeader('set-cookie', ['session=c2VjcmV0; Path=/; HttpOnly', 'other=dGVzdA']);
      res.end('ok');
    });
    const { r, sidecar } = await recorder({ forwardTo: new URL(up.url) });
    const reply = await request(r.url, { body: event(1), headers: { 'content-type': 'application/json' } });
    assert.deepEqual(reply.headers['set-cookie'], ['session=c2VjcmV0; Path=/; HttpOnly', 'other=dGVzdA'], 'the sender gets them as they are');
    const headers = (sidecarOf(sidecar)[0]?.answer as { headers: Record<string, unknown> }).headers;
    assert.deepEqual(headers['set-cookie'], ['REDACTED', 'REDACTED']);
  });

  it('refuses --forward-to on port 0, and the own address only when it is the address listened on', async () => {
    const out = path.join(tempDir(), 'x.alfred.jsonl');
    await assert.rejects(startRecorder({ host: '127.0.0.1', port: 0, out, forwardTo: new URL('http://127.0.0.1:0/') }), /port 0 is no port to send to/);
    const { r } = await recorder();
    const port = Number(r.url.port);
    await r.stop();
    for (const self of [`http://127.0.0.1:${port}/`, `http://127.1:${port}/x`, `http://localhost:${port}/`]) {
      await assert.rejects(startRecorder({ host: '127.0.0.1', port, out, forwardTo: new URL(self) }), /own address/, self);
    }
    // 127.0.0.2 is another address: nothing listens there on that port, but it is not the recorder.
    const other = await startRecorder({ host: '127.0.0.1', port, out, forwardTo: new URL(`http://127.0.0.2:${port}/`) });
    await other.stop();
    // Listening on ::1, 127.0.0.1 is not itself; localhost may be.
    const six = await startRecorder({ host: '::1', port: 0, out, forwardTo: new URL('http://127.0.0.1:9/') }).catch((err: Error) => err);
    if (!(six instanceof Error)) {
      const sixPort = Number(six.url.port);
      await six.stop();
      const v4 = await startRecorder({ host: '::1', port: sixPort, out, forwardTo: new URL(`http://127.0.0.1:${sixPort}/`) });
      await v4.stop();
      await assert.rejects(startRecorder({ host: '::1', port: sixPort, out, forwardTo: new URL(`http://[::1]:${sixPort}/`) }), /own address/);
    }
  });

  it('says "an OPTIONS request", and "a GET request"', async () => {
    const { r, deliveries } = await recorder();
    await request(r.url, { method: 'OPTIONS' });
    await request(r.url, { method: 'GET' });
    assert.deepEqual(deliveries.map((d) => d.reason), ['an OPTIONS request', 'a GET request']);
    assert.match(deliveryLine(deliveries[0]!), /OPTIONS \/ {2}not an event: an OPTIONS request \(HTTP 405, in the sidecar\)\n$/);
  });
});
