// The URL-verification handshake against real receivers on 127.0.0.1 (ephemeral ports, started
// here), and which targets may be delivered to. Expected values: the WHATWG URL standard's
// parsing of hosts, RFC 1122 / RFC 4291 / RFC 6761 for loopback, RFC 9562 for the fresh UUIDs.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { deliveryTarget, judgeHandshake } from '../../src/core/index';
import { run } from '../../src/cli/run';
import { receiver as startReceiver } from './receivers';

describe('delivery targets: loopback only, unless the user opts in', () => {
  it('accepts every spelling the URL standard parses to a loopback host', () => {
    for (const url of ['http://127.0.0.1:3000/hook', 'http://127.1/', 'http://0x7f.0.0.1/', 'http://2130706433/', 'http://127.255.255.254/', 'https://[::1]:8443/x', 'http://[0:0:0:0:0:0:0:1]/', 'http://localhost/', 'http://LOCALHOST:8080/']) {
      const t = deliveryTarget(url, false);
      assert.ok('url' in t && t.loopback, url);
    }
  });

  it('refuses other hosts, other schemes and what is no URL, with the reason', () => {
    for (const url of ['http://127.0.0.1.example.com/', 'http://10.0.0.1/', 'http://128.0.0.1/', 'http://example.com/', 'http://localhost.example/', 'http://[::2]/']) {
      const t = deliveryTarget(url, false);
      assert.ok('error' in t && /is not a loopback address .*--allow-remote/.test(t.error), url);
    }
    const ftp = deliveryTarget('ftp://127.0.0.1/', false);
    assert.ok('error' in ftp && ftp.error.includes('not an http: or https: URL'));
    const junk = deliveryTarget('127.0.0.1:3000', false);
    assert.ok('error' in junk && junk.error.includes('not an absolute URL'));
  });

  it('refuses what fetch would refuse anyway, before anything seems sent: the Fetch standard\'s bad ports, and credentials in the URL', () => {
    // https://fetch.spec.whatwg.org/#bad-port: a sample of the list, and the default ports it leaves alone.
    for (const url of ['http://127.0.0.1:6000/', 'http://localhost:10080/', 'http://127.0.0.1:1/', 'http://[::1]:25/', 'https://127.0.0.1:993/']) {
      const t = deliveryTarget(url, false);
      assert.ok('error' in t && /one that Node and browsers never connect to/.test(t.error), url);
    }
    for (const url of ['http://127.0.0.1/', 'https://127.0.0.1/', 'http://127.0.0.1:6001/', 'http://127.0.0.1:3000/']) assert.ok(!('error' in deliveryTarget(url, false)), url);
    // The credentials are not repeated in the message (WHATWG URL: host excludes the userinfo).
    const creds = deliveryTarget('http://user:secret@127.0.0.1:3000/h', false);
    assert.ok('error' in creds && creds.error.includes("'127.0.0.1:3000'") && !creds.error.includes('secret'));
    assert.ok('error' in deliveryTarget('http://user@127.0.0.1:3000/h', false));
  });

  it('--allow-remote lets a remote receiver through, marked as not loopback', () => {
    const t = deliveryTarget('https://hooks.example.com/alfred', true);
    assert.ok('url' in t && !t.loopback);
  });
});

describe('judging the answer to a handshake', () => {
  const c = '6f1c7d0e-4b8a-4a55-9c1e-0d9e3b2a7f10';
  const judge = (status: number, body: string) => judgeHandshake(c, { status, body });
  it('passes HTTP 200 with the challenge as plain text (a trailing newline aside) or as {"challenge": …}', () => {
    assert.equal(judge(200, c).ok, true);
    assert.equal(judge(200, `${c}\n`).ok, true);
    assert.equal(judge(200, JSON.stringify({ challenge: c })).ok, true);
    assert.equal(judge(200, JSON.stringify({ challenge: c, ok: true })).ok, true);
  });
  it('says exactly what is wrong otherwise', () => {
    const wrong: [number, string, RegExp][] = [
      [201, c, /answered HTTP 201; Alfred expects HTTP 200/],
      [500, '', /answered HTTP 500/],
      [200, JSON.stringify({ value: c }), /under the key "value"; the key must be "challenge"/],
      [200, JSON.stringify({ challenge: 'other' }), /answered \{"challenge": "other"\}, not the challenge sent/],
      [200, `challenge=${c}`, /a form body/],
      [200, JSON.stringify(c), /as a JSON string/],
      [200, '', /empty body/],
      [200, 'OK', /a body without the challenge \("OK"\)/],
      [200, JSON.stringify({ token: 'x' }), /a JSON object without the challenge/],
    ];
    for (const [status, body, message] of wrong) {
      const v = judge(status, body);
      assert.equal(v.ok, false, body);
      assert.match(v.message, message);
    }
  });

  it('a body cut at the read limit fails as too long, even when it starts with the right challenge', () => {
    const v = judgeHandshake(c, { status: 200, body: `{"challenge":"${c}","pad":"xxxx`, contentType: 'application/json', truncated: true });
    assert.equal(v.ok, false);
    assert.match(v.message, /a body over 1 MiB/);
  });
});

/** A receiver on 127.0.0.1 (see receivers.ts) whose `answer` reads the body as text. */
const receiver = (answer: (body: string, res: http.ServerResponse) => void) => startReceiver((req, res) => answer(req.body.toString('utf8'), res));

async function cli(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return cliIn(process.cwd(), ...args);
}

async function cliIn(cwd: string, ...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await run(['handshake', ...args], { cwd, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { status, stdout, stderr };
}

const challengeOf = (body: string): string => (JSON.parse(body) as { challenge: string }).challenge;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('alfred-events handshake against real receivers', () => {
  it('a receiver that answers the challenge passes (exit 0), plain text or JSON; the body sent is the documented one', async () => {
    const plain = await receiver((body, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(challengeOf(body)));
    const r = await cli('--to', plain.url);
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stdout, /^POST http:\/\/127\.0\.0\.1:\d+\/alfred \(url_verification, challenge /);
    assert.match(r.stdout, /\nok: the receiver answered HTTP 200 with the challenge as plain text\n$/);
    const sent = JSON.parse(plain.requests[0]!.body.toString('utf8')) as Record<string, string>;
    assert.deepEqual(Object.keys(sent), ['token', 'challenge', 'type']);
    assert.equal(sent.type, 'url_verification');
    assert.match(sent.token!, UUID);
    assert.match(sent.challenge!, UUID);
    assert.equal(plain.requests[0]!.method, 'POST');
    assert.equal(plain.requests[0]!.headers['content-type'], 'application/json');

    const json = await receiver((body, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ challenge: challengeOf(body) })));
    assert.equal((await cli('--to', json.url)).status, 0);
    // Fresh values every time.
    await cli('--to', json.url);
    assert.notEqual(challengeOf(json.requests[0]!.body.toString('utf8')), challengeOf(json.requests[1]!.body.toString('utf8')));
  });

  it('each flaw fails (exit 1) and is named: the status, the key, a form body, too slow, down', async () => {
    const created = await receiver((body, res) => res.writeHead(201).end(challengeOf(body)));
    const key = await receiver((body, res) => res.writeHead(200).end(JSON.stringify({ value: challengeOf(body) })));
    const form = await receiver((body, res) => res.writeHead(200, { 'content-type': 'application/x-www-form-urlencoded' }).end(`challenge=${challengeOf(body)}`));
    const slow = await receiver((body, res) => setTimeout(() => res.writeHead(200).end(challengeOf(body)), 1000));
    const cases: [string[], RegExp][] = [
      [['--to', created.url], /fail: the receiver answered HTTP 201; Alfred expects HTTP 200/],
      [['--to', key.url], /fail: the receiver answered the challenge under the key "value"/],
      [['--to', form.url], /fail: the receiver answered a form body/],
      [['--to', slow.url, '--timeout', '100'], /fail: no answer within 100 ms/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(...args);
      assert.equal(r.status, 1, r.stdout);
      assert.match(r.stdout, message);
    }
    // A port nobody listens on: take one, then close it.
    const gone = await receiver(() => undefined);
    await gone.close();
    const down = await cli('--to', gone.url);
    assert.equal(down.status, 1);
    assert.match(down.stdout, /fail: the connection was refused/);
  });

  it('follows no redirect: a 302 fails, naming where it pointed, and the other address gets nothing', async () => {
    const elsewhere = await receiver((body, res) => res.writeHead(200).end(challengeOf(body)));
    const redirecting = await receiver((_body, res) => res.writeHead(302, { location: elsewhere.url }).end());
    const r = await cli('--to', redirecting.url);
    assert.equal(r.status, 1);
    assert.match(r.stdout, new RegExp(`fail: the receiver redirected \\(HTTP 302 to ${elsewhere.url.replace(/[.]/g, '\\.')}\\)`));
    assert.equal(elsewhere.requests.length, 0);
  });

  it('a target that is not loopback is refused before anything is sent (exit 2, one line); usage mistakes too', async () => {
    const r = await cli('--to', 'http://example.com/alfred');
    assert.deepEqual(r, { status: 2, stdout: '', stderr: 'alfred-events: refused: example.com is not a loopback address (127.0.0.0/8, ::1, localhost); pass --allow-remote to deliver to it\n' });
    assert.equal((await cliIn(os.tmpdir(), '--no-config')).stderr, "alfred-events: handshake needs --to URL (or receiver.url in .alfred-events.json). Run 'alfred-events --help' for usage.\n");
    assert.match((await cli('--to', 'http://127.0.0.1:4/', '--timeout', '0')).stderr, /--timeout expects milliseconds/);
    assert.match((await cli('--to', 'http://127.0.0.1:4/', 'file.json')).stderr, /takes no paths/);
    assert.match((await run(['validate', 'x', '--to', 'http://127.0.0.1/'], { cwd: process.cwd(), stdout: () => undefined, stderr: () => undefined })).toString(), /^2$/);
  });
});

describe('alfred-events handshake: the receiver of the team configuration', () => {
  it('without --to, receiver.url of the nearest .alfred-events.json (or --config FILE) is checked; --to wins over it', async () => {
    const answering = await receiver((body, res) => res.writeHead(200).end(challengeOf(body)));
    const other = await receiver((body, res) => res.writeHead(200).end(challengeOf(body)));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alfred-handshake-'));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, '.alfred-events.json'), JSON.stringify({ receiver: { url: answering.url } }));
    fs.writeFileSync(path.join(dir, 'elsewhere.json'), JSON.stringify({ receiver: { url: other.url } }));

    const found = await cliIn(path.join(dir, 'sub'));
    assert.equal(found.status, 0, found.stdout + found.stderr);
    assert.equal(answering.requests.length, 1);
    assert.equal((await cliIn(path.join(dir, 'sub'), '--config', '../elsewhere.json')).status, 0);
    assert.equal(other.requests.length, 1);
    assert.equal((await cliIn(path.join(dir, 'sub'), '--to', other.url)).status, 0);
    assert.equal(other.requests.length, 2);
    assert.equal(answering.requests.length, 1);
    const none = await cliIn(path.join(dir, 'sub'), '--no-config');
    assert.equal(none.status, 2);
    assert.match(none.stderr, /handshake needs --to URL/);
    assert.deepEqual([answering.requests.length, other.requests.length], [1, 2]);
  });
});
