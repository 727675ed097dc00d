// The recorder's files (README "Recording deliveries"): a torn last line left by a SIGKILL during
// a large write is moved to the sidecar and cut off on the next start; --out and --sidecar must
// be regular files or new paths; one recorder per log, by `<log>.lock` holding its process id.
// The torn file is made by hand (a kill's timing is not something a test can hold).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { startRecorder } from '../../src/recorder/index';
import { event, linesOf, post, recorder, sidecarOf, tempDir } from './record-helpers';

describe('record: a torn last line is repaired on start', () => {
  it('moves a log\'s unterminated last line that is no complete JSON value to the sidecar, and cuts the log back to its last line feed', async () => {
    const out = path.join(tempDir(), 'torn.alfred.jsonl');
    const torn = event(2).slice(0, 40);
    fs.writeFileSync(out, `${event(1)}\n${torn}`);
    const { r, sidecar, deliveries } = await recorder({ out });
    assert.equal(fs.readFileSync(out, 'utf8'), `${event(1)}\n`);
    const [entry, ...rest] = sidecarOf(sidecar);
    assert.deepEqual(rest, []);
    const tornLine = entry?.tornLine as Record<string, unknown>;
    assert.equal(tornLine.file, out);
    assert.equal(tornLine.line, 2);
    assert.equal(tornLine.byteOffset, Buffer.byteLength(event(1)) + 1);
    assert.equal(tornLine.body, torn);
    assert.equal(tornLine.bodyEncoding, undefined);
    assert.equal((await post(r.url, event(3))).status, 200);
    assert.deepEqual(linesOf(out), [event(1), event(3)]);
    assert.equal(deliveries[0]?.line, 2);
  });

  it('keeps a torn line cut inside a UTF-8 character as base64, after a CRLF-ended line', async () => {
    const out = path.join(tempDir(), 'torn.alfred.jsonl');
    // "é" is C3 A9 in UTF-8: the cut falls between the two bytes.
    const torn = Buffer.from([...Buffer.from('{"note":"caf'), 0xc3]);
    fs.writeFileSync(out, Buffer.concat([Buffer.from(`${event(1)}\r\n`), torn]));
    const { sidecar } = await recorder({ out });
    assert.equal(fs.readFileSync(out, 'utf8'), `${event(1)}\r\n`);
    const tornLine = sidecarOf(sidecar)[0]?.tornLine as Record<string, unknown>;
    assert.equal(tornLine.bodyEncoding, 'base64');
    assert.ok(Buffer.from(tornLine.body as string, 'base64').equals(torn));
  });

  it('a sidecar\'s own torn last line is cut and kept as an entry after its last whole one', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'log.alfred.jsonl');
    const sidecar = path.join(dir, 'side.jsonl');
    const whole = JSON.stringify({ time: '2026-01-01T00:00:00.000Z', method: 'GET', path: '/' });
    fs.writeFileSync(sidecar, `${whole}\n{"time":"2026-01-0`);
    await recorder({ out, sidecar });
    const entries = sidecarOf(sidecar);
    assert.deepEqual(entries[0], JSON.parse(whole));
    assert.deepEqual([(entries[1]?.tornLine as { file: string }).file, (entries[1]?.tornLine as { body: string }).body], [sidecar, '{"time":"2026-01-0']);
    assert.equal(entries.length, 2);
  });
});

describe('record: --out and --sidecar must be regular files', () => {
  const devices = ['/dev/zero', '/dev/full', '/dev/null'].filter((d) => fs.existsSync(d));
  for (const device of devices) {
    it(`refuses ${device} as the log and as the sidecar, before listening`, async () => {
      const dir = tempDir();
      await assert.rejects(startRecorder({ host: '127.0.0.1', port: 0, out: device }), (err: Error) => err.message === `cannot write ${device}: not a regular file (a device): the recorder appends only to files`);
      await assert.rejects(startRecorder({ host: '127.0.0.1', port: 0, out: path.join(dir, 'x.alfred.jsonl'), sidecar: device }), /not a regular file \(a device\)/);
      assert.equal(fs.existsSync(path.join(dir, 'x.alfred.jsonl')), false);
      assert.equal(fs.existsSync(path.join(dir, 'x.alfred.jsonl.lock')), false);
    });
  }

  it('refuses a FIFO (opening it would wait for a reader), and the CLI says so in one line, exit status 2', { skip: process.platform === 'win32' }, () => {
    const dir = tempDir();
    assert.equal(spawnSync('mkfifo', [path.join(dir, 'pipe')]).status, 0);
    const cli = path.resolve(__dirname, '../../dist/cli.js');
    for (const args of [['--out', 'pipe'], ['--out', 'x.alfred.jsonl', '--sidecar', 'pipe']]) {
      const r = spawnSync(process.execPath, [cli, 'record', '--listen', ':0', ...args], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 2, r.stdout + r.stderr);
      assert.equal(r.stderr, `alfred-events: cannot write ${path.join(dir, 'pipe')}: not a regular file (a pipe): the recorder appends only to files\n`);
      assert.equal(r.stdout, '');
    }
  });
});

describe('record: one recorder per log', () => {
  it('refuses a second recorder on the same log, naming the process; the lock goes when the first stops', async () => {
    const { r, out } = await recorder();
    assert.equal(fs.readFileSync(`${out}.lock`, 'utf8'), `${process.pid}\n`);
    await assert.rejects(
      startRecorder({ host: '127.0.0.1', port: 0, out, sidecar: `${out}.other.jsonl` }),
      (err: Error) => err.message === `${out} is being recorded by another recorder (process ${process.pid}, this one): stop it, or choose another log`,
    );
    await r.stop();
    assert.equal(fs.existsSync(`${out}.lock`), false);
    const again = await startRecorder({ host: '127.0.0.1', port: 0, out });
    await again.stop();
  });

  it('takes over a stale lock, whose process is gone', async () => {
    const out = path.join(tempDir(), 'stale.alfred.jsonl');
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    fs.writeFileSync(`${out}.lock`, gone.stdout);
    const { r } = await recorder({ out });
    assert.equal(fs.readFileSync(`${out}.lock`, 'utf8'), `${process.pid}\n`);
    await r.stop();
    assert.equal(fs.existsSync(`${out}.lock`), false);
  });

  it('refuses a lock that names no process, saying which file to remove', async () => {
    const out = path.join(tempDir(), 'odd.alfred.jsonl');
    fs.writeFileSync(`${out}.lock`, 'hello');
    await assert.rejects(startRecorder({ host: '127.0.0.1', port: 0, out }), (err: Error) => err.message === `${out} is locked by ${out}.lock, which names no process: remove it if no recorder is writing that log`);
    assert.equal(fs.readFileSync(`${out}.lock`, 'utf8'), 'hello');
  });
});

describe('record: another writer of the log while recording', () => {
  it('a line typed without a line feed (an editor saving the log): the next event is a line of its own, numbered after it', async () => {
    const { r, out, deliveries } = await recorder();
    assert.equal((await post(r.url, event(1))).status, 200);
    fs.appendFileSync(out, '{"mine":true}');
    assert.equal((await post(r.url, event(2))).status, 200);
    assert.equal((await post(r.url, event(3))).status, 200);
    assert.equal(fs.readFileSync(out, 'utf8'), `${event(1)}\n{"mine":true}\n${event(2)}\n${event(3)}\n`);
    assert.deepEqual(deliveries.map((d) => d.line), [1, 3, 4]);
  });

  it('lines added with their line feeds: no empty line is made, and numbering goes on after them', async () => {
    const { r, out, deliveries } = await recorder();
    assert.equal((await post(r.url, event(1))).status, 200);
    fs.appendFileSync(out, '{"a":1}\n{"b":2}\r\n');
    assert.equal((await post(r.url, event(2))).status, 200);
    assert.equal(fs.readFileSync(out, 'utf8'), `${event(1)}\n{"a":1}\n{"b":2}\r\n${event(2)}\n`);
    assert.deepEqual(deliveries.map((d) => d.line), [1, 4]);
  });

  it('a log cut short by another writer: numbering starts again from the lines it has', async () => {
    const { r, out, deliveries } = await recorder();
    assert.equal((await post(r.url, event(1))).status, 200);
    assert.equal((await post(r.url, event(2))).status, 200);
    fs.writeFileSync(out, `${event(1)}\n`);
    assert.equal((await post(r.url, event(3))).status, 200);
    assert.equal(fs.readFileSync(out, 'utf8'), `${event(1)}\n${event(3)}\n`);
    assert.deepEqual(deliveries.map((d) => d.line), [1, 2, 2]);
  });
});

describe('record: a start that fails creates nothing', () => {
  it('a port in use: no log, no sidecar, no lock', async () => {
    const { r } = await recorder();
    const dir = tempDir();
    const out = path.join(dir, 'x.alfred.jsonl');
    await assert.rejects(
      startRecorder({ host: '127.0.0.1', port: Number(r.url.port), out }),
      (err: Error) => err.message === `127.0.0.1:${r.url.port} is in use by another program: choose another port, or port 0 for any free one`,
    );
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('a log that cannot be opened after listening: the address is given back', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'no', 'such', 'x.alfred.jsonl');
    // A port that was free a moment ago; the failed recorder must leave it free again.
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    await assert.rejects(startRecorder({ host: '127.0.0.1', port, out }), /no such file or directory/);
    const again = http.createServer();
    await new Promise<void>((resolve, reject) => {
      again.once('error', reject);
      again.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => again.close(resolve));
  });
});
