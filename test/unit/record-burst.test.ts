// A burst against a recorder in its own process: 5,000 deliveries over 50 concurrent keep-alive
// connections (Node's http.Agent, maxSockets 50). Every one answered, every one on its own whole
// line, none lost, none interleaved; and the recorder's memory after 5,000 is what it was after
// 1,000, give or take far less than the data that went through it. No timing is asserted.
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as http from 'node:http';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { event, linesOf, tempDir } from './record-helpers';

interface Memory {
  heapUsed: number;
  arrayBuffers: number;
  count: number;
}

describe('record: a burst of deliveries', () => {
  it('5,000 deliveries over 50 connections: all answered, 5,000 whole distinct lines, memory flat', async () => {
    const out = path.join(tempDir(), 'burst.alfred.jsonl');
    const child = fork(path.join(__dirname, 'record-child.ts'), [out], { execArgv: ['--expose-gc', '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const next = <T>(): Promise<T> => new Promise((resolve) => child.once('message', (m) => resolve(m as T)));
    const { url } = await next<{ url: string }>();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
    // About 4 KB each, so that 4,000 of them (16 MB) would show in the heap if any were kept.
    const padding = 'x'.repeat(4000);
    const body = (n: number): string => event(n, { metadata: `${n} ${padding}` });
    const send = (from: number, to: number): Promise<number[]> =>
      Promise.all(
        Array.from({ length: to - from }, (_, i) =>
          new Promise<number>((resolve, reject) => {
            const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            });
            req.on('error', reject);
            req.end(body(from + i));
          }),
        ),
      );
    try {
      const first = await send(0, 1000);
      child.send('memory');
      const before = await next<Memory>();
      const rest = await send(1000, 5000);
      child.send('memory');
      const after = await next<Memory>();
      assert.deepEqual([...first, ...rest].filter((s) => s !== 200), []);
      assert.equal(after.count, 5000);
      const data = 4000 * Buffer.byteLength(body(0));
      const growth = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);
      // Keeping every body would grow it by the data (16 MB) and more; half of it leaves room for the
      // code V8 compiles meanwhile on a busy machine, which a run under load showed past an eighth.
      assert.ok(growth < data / 2, `memory grew by ${growth} bytes over 4,000 deliveries of ${data} bytes`);
    } finally {
      agent.destroy();
      child.send('stop');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    const lines = linesOf(out);
    assert.equal(lines.length, 5000);
    const expected = new Set(Array.from({ length: 5000 }, (_, n) => body(n)));
    assert.equal(new Set(lines).size, 5000, 'no line twice');
    assert.deepEqual(lines.filter((l) => !expected.has(l)), [], 'every line is one whole delivery as sent');
  });
});
