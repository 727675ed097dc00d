// `alfred-events record` as a user runs it: the bundled dist/cli.js in a child process on
// 127.0.0.1:0, stopped by real signals while requests are in flight; and its usage errors. A
// request is known to be in the recorder's hands when it answers `Expect: 100-continue` (RFC 9110
// §10.1.1): the tests wait on that and on the CLI's own lines, never on time.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { recordCommand, type Signals } from '../../src/cli/record';
import { parseCommandLine } from '../../src/cli/args';
import type { RecordCommand } from '../../src/cli/record-args';
import { event, linesOf, post, tempDir } from './record-helpers';

const CLI = path.resolve(__dirname, '../../dist/cli.js');

interface Child {
  child: ChildProcessWithoutNullStreams;
  url: URL;
  /** Resolves when stdout has a line matching `pattern`. */
  line(pattern: RegExp): Promise<string>;
  stdout(): string;
  exited: Promise<number | null>;
}

/** Starts `alfred-events record --listen 127.0.0.1:0 --out OUT` and waits for its start line. */
async function startCli(out: string): Promise<Child> {
  const child = spawn(process.execPath, [CLI, 'record', '--listen', '127.0.0.1:0', '--out', path.basename(out), '--no-config'], { cwd: path.dirname(out), env: { ...process.env, LC_ALL: 'C' } });
  let text = '';
  const waiting: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const check = (): void => {
    for (const w of [...waiting]) {
      const found = text.split('\n').find((l) => w.pattern.test(l));
      if (found !== undefined) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(found);
      }
    }
  };
  child.stdout.setEncoding('utf8').on('data', (c: string) => {
    text += c;
    check();
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const line = (pattern: RegExp): Promise<string> =>
    new Promise((resolve, reject) => {
      waiting.push({ pattern, resolve });
      check();
      void exited.then((code) => reject(new Error(`the recorder exited (${code}) before printing ${pattern}: ${text}${stderr}`)));
    });
  const start = await line(/^Recording deliveries to /);
  return { child, url: new URL(/(http:\/\/\S+\/)/.exec(start)![1]!), line, stdout: () => text, exited };
}

/** A POST the recorder has accepted (100 Continue) with half its body sent; `finish` sends the rest and resolves to the status. */
function held(url: URL, body: string): Promise<{ finish: () => Promise<number> }> {
  return new Promise((resolve, reject) => {
    let status: (code: number) => void;
    const answered = new Promise<number>((r) => (status = r));
    const req = http.request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), expect: '100-continue' } }, (res) => {
      res.resume();
      status(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.on('continue', () => {
      req.write(body.slice(0, 20), () =>
        resolve({
          finish: () => {
            req.end(body.slice(20));
            return answered;
          },
        }),
      );
    });
  });
}

describe('alfred-events record (the CLI process)', () => {
  it('SIGINT while requests are in flight: they finish, the log holds only whole lines, a summary, exit status 0', async () => {
    const out = path.join(tempDir(), 'live.alfred.jsonl');
    const cli = await startCli(out);
    const heldBodies = Array.from({ length: 10 }, (_, i) => event(1000 + i));
    const holds = await Promise.all(heldBodies.map((b) => held(cli.url, b)));
    // A stream of complete requests racing the signal: each is answered 200 (then on its line) or refused.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
    const racing = Array.from({ length: 300 }, (_, i) => event(i));
    let answeredSoFar = 0;
    let someAnswered: () => void;
    const fifty = new Promise<void>((resolve) => (someAnswered = resolve));
    const raced = racing.map((b) =>
      new Promise<number>((resolve) => {
        const req = http.request(cli.url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
          res.resume();
          res.on('end', () => {
            if (++answeredSoFar === 50) someAnswered();
            resolve(res.statusCode ?? 0);
          });
        });
        req.on('error', () => resolve(0));
        req.end(b);
      }),
    );
    // The signal comes while the stream is under way: some answered, some on the wire, some not yet sent.
    await fifty;
    cli.child.kill('SIGINT');
    await cli.line(/^Stopping: /);
    const heldStatuses = await Promise.all(holds.map((h) => h.finish()));
    const racedStatuses = await Promise.all(raced);
    agent.destroy();
    assert.equal(await cli.exited, 0);
    assert.deepEqual(heldStatuses, heldBodies.map(() => 200));
    const lines = linesOf(out);
    const answered200 = racing.filter((_, i) => racedStatuses[i] === 200);
    assert.deepEqual([...lines].sort(), [...heldBodies, ...answered200].sort());
    assert.ok(answered200.length >= 50, `${answered200.length} of the racing requests answered`);
    assert.match(cli.stdout(), new RegExp(`\\nStopped: ${lines.length} events recorded in live\\.alfred\\.jsonl, 0 other requests in live\\.alfred\\.jsonl\\.sidecar\\.jsonl[.;]`));
  });

  it('a second Ctrl-C quits at once (exit status 130), and still no line is cut', async () => {
    const out = path.join(tempDir(), 'quit.alfred.jsonl');
    const cli = await startCli(out);
    assert.equal((await post(cli.url, event(1))).status, 200);
    // A sender that never finishes its body: the first Ctrl-C would wait for it.
    const hold = await held(cli.url, event(2));
    cli.child.kill('SIGINT');
    await cli.line(/^Stopping: /);
    cli.child.kill('SIGINT');
    assert.equal(await cli.exited, 130);
    assert.deepEqual(linesOf(out), [event(1)]);
    assert.equal(fs.existsSync(`${out}.lock`), false, 'the lock is removed on exit too');
    void hold.finish().catch(() => undefined);
  });

  it('SIGTERM stops it as SIGINT does', async () => {
    const out = path.join(tempDir(), 'term.alfred.jsonl');
    const cli = await startCli(out);
    assert.equal((await post(cli.url, event(1))).status, 200);
    cli.child.kill('SIGTERM');
    assert.equal(await cli.exited, 0);
    assert.deepEqual(linesOf(out), [event(1)]);
    assert.equal(fs.existsSync(`${out}.lock`), false);
  });

  it('a second recorder on the same log is refused in one line naming the first one\'s process (exit status 2)', async () => {
    const out = path.join(tempDir(), 'twice.alfred.jsonl');
    const cli = await startCli(out);
    const second = spawnSync(process.execPath, [CLI, 'record', '--listen', '127.0.0.1:0', '--out', path.basename(out), '--no-config'], { cwd: path.dirname(out), encoding: 'utf8' });
    assert.equal(second.status, 2);
    assert.equal(second.stderr, `alfred-events: ${out} is being recorded by another recorder (process ${cli.child.pid}; another VS Code window or an alfred-events record): stop it, or choose another log\n`);
    cli.child.kill('SIGINT');
    assert.equal(await cli.exited, 0);
    assert.equal(fs.existsSync(`${out}.lock`), false);
  });
});

describe('alfred-events record: what it prints', () => {
  /** Runs the command in this process with signals the test sends. */
  async function inProcess(args: string[], work: (url: URL) => Promise<void>): Promise<string> {
    let stdout = '';
    let stop: (name: string) => void = () => undefined;
    const signals: Signals = { onStop: (handler) => ((stop = handler), () => undefined), exit: () => assert.fail('no second signal was sent') };
    const dir = tempDir();
    let started: (url: URL) => void;
    const listening = new Promise<URL>((resolve) => (started = resolve));
    const done = recordCommand(parseCommandLine(['record', '--listen', ':0', '--no-config', ...args]) as RecordCommand, dir, (t) => {
      stdout += t;
      const url = /^Recording deliveries to (\S+) /.exec(stdout)?.[1];
      if (url) started(new URL(url));
    }, signals);
    await work(await listening);
    stop('SIGINT');
    assert.equal(await done, 0);
    return stdout;
  }

  it('a line per request: time, line, event name, job and findings; the sender\'s control characters escaped', async () => {
    const stdout = await inProcess(['--out', 'x.alfred.jsonl'], async (url) => {
      await post(url, event(1));
      await post(url, event(2, { event_name: 'job_start_event\u001b[2J\r' }));
      await post(url, JSON.stringify({ type: 'url_verification', token: 't', challenge: 'c' }));
      await post(url, '[]');
    });
    const lines = stdout.split('\n');
    assert.match(lines[0]!, /^Recording deliveries to http:\/\/127\.0\.0\.1:\d+\/ into x\.alfred\.jsonl \(other requests: x\.alfred\.jsonl\.sidecar\.jsonl\)\. Ctrl-C stops\.$/);
    const stamp = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';
    assert.match(lines[1]!, new RegExp(`^${stamp}  line 1  job_start_event  job 7c9e6679-7425-40de-944b-e07fc1f90ae7  \\d+ findings? in the record$`));
    assert.ok(lines[2]!.includes('  line 2  job_start_event\\u001b[2J\\u000d  job '), lines[2]);
    assert.match(lines[3]!, new RegExp(`^${stamp}  url_verification  answered HTTP 200 with the challenge$`));
    assert.match(lines[4]!, new RegExp(`^${stamp}  POST /  not an event: a JSON array, not an object \\(HTTP 400, in the sidecar\\)$`));
    assert.match(stdout, /\nStopped: 2 events recorded in x\.alfred\.jsonl, 2 other requests in x\.alfred\.jsonl\.sidecar\.jsonl/);
  });
});

describe('alfred-events record: refusals (exit status 2, one line, nothing listens)', () => {
  const cases: [string, string[], RegExp][] = [
    ['a non-loopback --listen without --allow-remote', ['--listen', '0.0.0.0:0'], /--listen 0\.0\.0\.0:0 is not a loopback address .*--allow-remote/],
    ['a --listen that is no address', ['--listen', 'localhost:99999'], /--listen expects HOST:PORT/],
    ['a --forward-to that is not http(s)', ['--listen', ':0', '--forward-to', 'ftp://127.0.0.1/x'], /--forward-to: 'ftp:\/\/127\.0\.0\.1\/x' is not an http: or https: URL/],
    ['a --forward-to that is not a URL', ['--listen', ':0', '--forward-to', 'localhost:3000'], /--forward-to: .*not an (absolute URL|http: or https: URL)/],
    ['a remote --forward-to without --allow-remote', ['--listen', ':0', '--forward-to', 'https://example.com/hook'], /--forward-to: example\.com is not a loopback address/],
    ['no --listen', [], /record needs --listen/],
  ];
  for (const [name, args, message] of cases) {
    it(name, () => {
      const dir = tempDir();
      const r = spawnSync(process.execPath, [CLI, 'record', '--out', 'x.alfred.jsonl', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
      assert.equal(r.status, 2, r.stdout + r.stderr);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.split('\n').length, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.equal(fs.existsSync(path.join(dir, 'x.alfred.jsonl')), false);
    });
  }

  it('a port in use, and a log that cannot be written', async () => {
    const dir = tempDir();
    const busy = http.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const r = spawnSync(process.execPath, [CLI, 'record', '--listen', String(port), '--out', 'x.alfred.jsonl'], { cwd: dir, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
      assert.equal(r.status, 2);
      assert.equal(r.stderr, `alfred-events: 127.0.0.1:${port} is in use by another program: choose another port, or port 0 for any free one\n`);
      // It listens before it creates anything: no empty log, sidecar or lock is left behind.
      assert.deepEqual(fs.readdirSync(dir), []);
    } finally {
      busy.close();
    }
    const r = spawnSync(process.execPath, [CLI, 'record', '--listen', ':0', '--out', '.'], { cwd: dir, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^alfred-events: cannot write .*: is a directory\n$/);
  });
});
