// record --forward-to as a proxy (RFC 9110 §7.6): the receiver gets exactly the sender's
// end-to-end header lines plus Via (§7.6.3), and the sender gets the receiver's answer less its
// hop-by-hop fields (§7.6.1), its body's bytes as they came (a gzip body stays gzip with its
// Content-Encoding, §8.4). Each recorder has a Via name of its own, so chained recorders pass a
// request on and only a recorder that sees its own name answers 508 (a loop).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { receiver } from './receivers';
import { event, linesOf, recorder, request } from './record-helpers';

/** Header pairs of raw headers, names lowercased. */
const pairs = (raw: string[]): [string, string][] => raw.flatMap((v, i) => (i % 2 === 0 ? [[v.toLowerCase(), raw[i + 1]!] as [string, string]] : []));

describe('record --forward-to: byte for byte', () => {
  it("sends the receiver exactly the sender's end-to-end header lines, in order, plus Via; no header of its own", async () => {
    const up = await receiver((_req, res) => res.end('ok'));
    const { r } = await recorder({ forwardTo: new URL(up.url) });
    const body = event(1);
    const sent: Record<string, string> = { 'Content-Type': 'application/json', 'X-Alfred-Signature': 'sig', 'Accept-Encoding': 'br', 'X-Empty': '' };
    assert.equal((await request(r.url, { body, headers: { ...sent, Connection: 'close, x-hop', 'X-Hop': 'this hop only' } })).status, 200);
    const got = pairs(up.requests[0]!.rawHeaders);
    // The new connection's own fields: its host, the body's length, its Connection.
    const own = new Set(['host', 'content-length', 'connection']);
    const via = got.filter(([name]) => name === 'via');
    assert.deepEqual(got.filter(([name]) => !own.has(name) && name !== 'via'), Object.entries(sent).map(([k, v]) => [k.toLowerCase(), v]));
    assert.equal(via.length, 1);
    assert.match(via[0]![1], /^1\.1 alfred-events-record-[0-9a-f]{8}$/);
    assert.deepEqual(got.find(([n]) => n === 'host'), ['host', new URL(up.url).host]);
    assert.deepEqual(got.find(([n]) => n === 'content-length'), ['content-length', String(Buffer.byteLength(body))]);
    assert.ok(up.requests[0]!.body.equals(Buffer.from(body)));
  });

  it("passes a gzip answer back as its bytes with its Content-Encoding, less the answer's hop-by-hop fields", async () => {
    const gzipped = gzipSync(Buffer.from('{"ok":true}'));
    const up = await receiver((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', connection: 'keep-alive, x-hop', 'x-hop': 'only this hop', 'keep-alive': 'timeout=5', 'x-end': 'yes' }).end(gzipped),
    );
    const { r } = await recorder({ forwardTo: new URL(up.url) });
    const reply = await request(r.url, { body: event(1), headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' } });
    assert.equal(reply.status, 200);
    assert.ok(reply.bytes.equals(gzipped));
    assert.equal(reply.headers['content-encoding'], 'gzip');
    assert.equal(reply.headers['x-end'], 'yes');
    assert.equal(reply.headers['x-hop'], undefined, 'a field the answer\'s Connection names is hop-by-hop (RFC 9110 §7.6.1)');
    assert.equal(reply.headers['keep-alive'], undefined);
    assert.equal(up.requests[0]!.headers['accept-encoding'], 'gzip');
  });

  it('recorders in a chain (A → B → receiver) each pass the request on; each records it', async () => {
    const up = await receiver((_req, res) => res.writeHead(201).end('receiver-ok'));
    const b = await recorder({ forwardTo: new URL(up.url) });
    const a = await recorder({ forwardTo: b.r.url });
    const reply = await request(a.r.url, { body: event(1), headers: { 'content-type': 'application/json' } });
    assert.deepEqual([reply.status, reply.body], [201, 'receiver-ok']);
    assert.deepEqual([linesOf(a.out), linesOf(b.out)], [[event(1)], [event(1)]]);
    const vias = String(up.requests[0]!.headers.via).split(', ');
    assert.equal(vias.length, 2);
    assert.notEqual(vias[0], vias[1]);
  });

  it('answers 508 only to a request whose Via holds its own name (a loop), not another recorder\'s', async () => {
    const up = await receiver((_req, res) => res.end('ok'));
    const { r, deliveries } = await recorder({ forwardTo: new URL(up.url) });
    await request(r.url, { body: event(1), headers: { 'content-type': 'application/json' } });
    const own = String(up.requests[0]!.headers.via);
    const looped = await request(r.url, { body: event(2), headers: { 'content-type': 'application/json', via: `1.0 proxy, ${own}` } });
    assert.equal(looped.status, 508);
    const other = await request(r.url, { body: event(3), headers: { 'content-type': 'application/json', via: '1.1 alfred-events-record-00000000' } });
    assert.equal(other.status, 200);
    assert.deepEqual(deliveries.map((d) => d.status), [200, 508, 200]);
  });
});
