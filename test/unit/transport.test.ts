// The one request every door makes (src/core/delivery/transport.ts), against real receivers on
// 127.0.0.1: an answer whose body does not come whole is said to be one, not "no answer"; the
// body is decoded by its declared charset (the Encoding standard's labels). And where fetch answers
// as a browser does: a redirect under `redirect: 'manual'` is an "opaque-redirect filtered
// response" whose status is 0 and whose headers are empty (WHATWG Fetch §3.1.4), so neither a 3xx
// nor a Location can be read from it.
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { after, describe, it } from 'node:test';
import { answered, deliver, MAX_BODY_BYTES, type DeliveryOutcome, type Fetch } from '../../src/core/index';
import { receiver } from './receivers';

const sockets = new Set<Socket>();
const servers: ReturnType<typeof createServer>[] = [];
after(() => {
  for (const s of sockets) s.destroy();
  for (const s of servers) s.close();
});

/** A raw TCP receiver on 127.0.0.1: `reply` writes whatever bytes it likes once the request has come in. */
async function raw(reply: (socket: Socket) => void): Promise<URL> {
  const server = createServer((socket) => {
    sockets.add(socket);
    let seen = '';
    socket.on('data', (chunk) => {
      seen += chunk.toString('latin1');
      // The whole request: headers, then the Content-Length's body (small in these tests).
      const end = seen.indexOf('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(seen)?.[1] ?? 0);
      if (end >= 0 && seen.length >= end + 4 + length) reply(socket);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return new URL(`http://127.0.0.1:${address.port}/alfred`);
}

const post = (url: URL, timeoutMs = 2000): Promise<DeliveryOutcome> => deliver({ url, method: 'POST', body: '{}', timeoutMs });

describe('deliver: an answer that does not come whole', () => {
  it('a body cut off by a closed connection: the status is named, and the body said to be cut', async () => {
    const url = await raw((socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 100\r\n\r\npart of it'));
    const outcome = await post(url);
    assert.ok(!answered(outcome));
    assert.equal(outcome.failure, 'reset');
    assert.match(outcome.message, /answered HTTP 200, but closed the connection before the end of its body/);
  });

  it('a chunked body that never ends: the status is named, and the timeout', async () => {
    const url = await raw((socket) => socket.write('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n'));
    const outcome = await post(url, 300);
    assert.ok(!answered(outcome));
    assert.equal(outcome.failure, 'timeout');
    assert.match(outcome.message, /answered HTTP 200, but its body did not end within 300 ms/);
  });

  it('no status at all within the timeout is no answer', async () => {
    const url = await raw(() => undefined);
    const outcome = await post(url, 300);
    assert.ok(!answered(outcome));
    assert.equal(outcome.failure, 'timeout');
    assert.equal(outcome.message, 'no answer within 300 ms');
  });

  it('response headers over the client\'s limit are named as such', async () => {
    const url = await raw((socket) => socket.end(`HTTP/1.1 200 OK\r\nx-big: ${'a'.repeat(40_000)}\r\ncontent-length: 0\r\n\r\n`));
    const outcome = await post(url);
    assert.ok(!answered(outcome));
    assert.match(outcome.message, /headers are larger than/);
  });

  it('a body over MAX_BODY_BYTES is kept to that many bytes and marked truncated', async () => {
    const r = await receiver((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(MAX_BODY_BYTES + 10)));
    const outcome = await post(new URL(r.url));
    assert.ok(answered(outcome));
    assert.equal(outcome.truncated, true);
    assert.equal(outcome.body.length, MAX_BODY_BYTES);
  });
});

describe('deliver: the body decoded by its charset', () => {
  // "café" in ISO-8859-1 is 63 61 66 E9; the Encoding standard maps the label to windows-1252, which agrees on these bytes.
  const cafe = Buffer.from([0x63, 0x61, 0x66, 0xe9]);

  it('charset=iso-8859-1 is read as such', async () => {
    const r = await receiver((_req, res) => res.writeHead(200, { 'content-type': 'text/plain; charset=ISO-8859-1' }).end(cafe));
    const outcome = await post(new URL(r.url));
    assert.ok(answered(outcome));
    assert.equal(outcome.body, 'café');
  });

  it('no charset, or one the Encoding standard does not know, is UTF-8 (the lone E9 a replacement character)', async () => {
    for (const type of ['text/plain', 'text/plain; charset=no-such-charset']) {
      const r = await receiver((_req, res) => res.writeHead(200, { 'content-type': type }).end(cafe));
      const outcome = await post(new URL(r.url));
      assert.ok(answered(outcome));
      assert.equal(outcome.body, 'caf\uFFFD', type);
    }
  });
});

describe('deliver() in a browser', () => {
  it('an opaque redirect fails as a redirect that the browser does not locate, and is not followed', async () => {
    const asked: RequestInit[] = [];
    const opaque: Fetch = (_url, init) => {
      asked.push(init);
      return Promise.resolve({ type: 'opaqueredirect', status: 0, statusText: '', headers: new Headers(), body: null } as unknown as Response);
    };
    const outcome = await deliver({ url: new URL('http://127.0.0.1:3000/hook'), method: 'POST', body: '{}', timeoutMs: 1000 }, opaque);
    assert.ok(!answered(outcome));
    assert.equal(outcome.failure, 'redirect');
    assert.equal(outcome.message, 'the receiver redirected (the browser does not say where); redirects are not followed: name the final URL');
    assert.equal(asked.length, 1);
    assert.equal(asked[0]!.redirect, 'manual');
  });
});
