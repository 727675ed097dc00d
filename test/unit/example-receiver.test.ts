// examples/receiver.mjs is what the README tells a user to try replay on: each of its flaws must be
// caught by the scenario the README names, and the correct one must pass all four.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { run } from '../../src/cli/run';

const ROOT = join(__dirname, '..', '..');
const LOG = 'test/fixtures/examples/jobs.alfred.jsonl';
const started: ChildProcess[] = [];
after(() => started.forEach((child) => child.kill()));

/** Starts the example on an ephemeral loopback port; resolves to its base URL once it listens. */
function example(...args: string[]): Promise<string> {
  const child = spawn(process.execPath, [join(ROOT, 'examples', 'receiver.mjs'), '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0];
      if (url) resolve(url);
    });
    child.on('exit', (code) => reject(new Error(`the example receiver exited (${code}): ${out}`)));
  });
}

async function replay(base: string, ...args: string[]): Promise<{ status: number; stdout: string }> {
  let stdout = '';
  const status = await run(['replay', LOG, '--to', `${base}/webhooks`, '--no-config', '--backoff', '1', ...args], { cwd: ROOT, stdout: (t) => void (stdout += t), stderr: () => undefined });
  return { status, stdout };
}

describe('examples/receiver.mjs under replay', () => {
  it('the correct receiver passes every scenario with its state unchanged', async () => {
    const base = await example();
    const r = await replay(base, '--state-url', `${base}/state`);
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stdout, /all 4 scenarios passed/);
  });

  it('count-duplicates fails duplicates on its state', async () => {
    const base = await example('--flaw', 'count-duplicates');
    const r = await replay(base, '--state-url', `${base}/state`, '--scenario', 'duplicates');
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^FAIL {2}duplicates .*the state differs .* at \/jobs\/[^:]+\/deliveries_counted: expected (\d+), got (\d+)$/m);
  });

  it('order fails shuffled on a fresh start, and passes in-order', async () => {
    const shuffled = await replay(await example('--flaw', 'order'), '--scenario', 'shuffled');
    assert.equal(shuffled.status, 1);
    assert.match(shuffled.stdout, /file_added_to_job_event: HTTP 409 Conflict/);
    assert.equal((await replay(await example('--flaw', 'order'), '--scenario', 'in-order')).status, 0);
  });

  it('fail-first fails in-order and passes redelivery', async () => {
    const inOrder = await replay(await example('--flaw', 'fail-first'), '--scenario', 'in-order');
    assert.equal(inOrder.status, 1);
    assert.match(inOrder.stdout, /HTTP 500 Internal Server Error/);
    assert.equal((await replay(await example('--flaw', 'fail-first'), '--scenario', 'redelivery')).status, 0);
  });
});
