// alfred-events send against real receivers on 127.0.0.1 (ephemeral ports, started here), and
// which receiver the delivery commands resolve. Expected values: the bytes on disk (the body is
// the record's exact UTF-8 bytes, RFC 8259 §8.1: no BOM on the wire), RFC 9110 §15 for the status
// classes (2xx successful; 3xx a redirect, not followed), the WHATWG URL standard for hosts.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { run } from '../../src/cli/run';
import { resolveReceiver } from '../../src/cli/receiver';
import { IoError } from '../../src/cli/errors';
import { UsageError } from '../../src/cli/args';
import { edit, example, tempFolder } from './helpers';
import { receiver } from './receivers';

/** A fresh folder holding `files` (relative path → content). */
const folder = (files: Record<string, string | Buffer>): string => tempFolder(files, 'alfred-send-');

async function cli(cwd: string, ...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await run(['send', ...args], { cwd, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { status, stdout, stderr };
}

/** Runs `work` with a global fetch that counts calls and answers none: proof that nothing was sent. */
async function countingFetches<T>(work: () => Promise<T>): Promise<{ result: T; fetches: number }> {
  const real = globalThis.fetch;
  let fetches = 0;
  globalThis.fetch = (() => {
    fetches++;
    return Promise.reject(new Error('this test sends nothing'));
  });
  try {
    return { result: await work(), fetches };
  } finally {
    globalThis.fetch = real;
  }
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** A valid payload with text beyond ASCII: Latin-1, a dash, CJK and an astral-plane emoji. */
const PAYLOAD = edit(example('file_done_event'), '"Atlas Property Management"', '"Société Générale — 東京 😀"');
/** The same, one line, as a log holds it. */
const compact = (eventName: string): string => JSON.stringify(JSON.parse(example(eventName)));
const ok = () => receiver((_req, res) => res.writeHead(200, { 'x-receiver': 'yes' }).end('accepted'));

describe('alfred-events send: what is sent', () => {
  it("a payload file's exact bytes, non-ASCII included, POSTed as application/json; the answer shown (exit 0)", async () => {
    const dir = folder({ 'payload.alfred.json': PAYLOAD });
    const r = await ok();
    const out = await cli(dir, 'payload.alfred.json', '--to', r.url);
    assert.equal(out.status, 0, out.stdout + out.stderr);
    const onDisk = fs.readFileSync(path.join(dir, 'payload.alfred.json'));
    assert.equal(r.requests.length, 1);
    assert.ok(r.requests[0]!.body.equals(onDisk));
    assert.equal(r.requests[0]!.method, 'POST');
    assert.equal(r.requests[0]!.url, '/alfred');
    assert.equal(r.requests[0]!.headers['content-type'], 'application/json');
    // No header of ours but the content type: no cookie, no credentials, only what fetch always adds.
    const fetchOwn = ['host', 'connection', 'content-length', 'accept', 'accept-language', 'accept-encoding', 'sec-fetch-mode', 'user-agent'];
    assert.deepEqual(Object.keys(r.requests[0]!.headers).filter((name) => !fetchOwn.includes(name)), ['content-type']);
    assert.match(out.stdout, new RegExp(`^POST ${r.url.replace(/\./g, '\\.')} \\(payload\\.alfred\\.json, ${onDisk.length} bytes\\)\nHTTP 200 OK in \\d+ ms\n`));
    assert.match(out.stdout, /\nx-receiver: yes\n/);
    assert.match(out.stdout, /\n\naccepted\nok: the receiver accepted it \(HTTP 200 OK, a 2xx answer\)\n$/);
    assert.equal(out.stderr, '');
  });

  it("line N of a log without its terminator (CRLF, CR or LF), counted from 1; a BOM is never sent", async () => {
    const [a, b, c] = [compact('file_done_event'), edit(compact('file_failed_event'), '"event_time":', '"note":"Größe ✓ 😀","event_time":'), compact('file_move_event')];
    const log = Buffer.concat([BOM, Buffer.from(`${a}\r\n\r\n${b}\r${c}\n`)]);
    const dir = folder({ 'events.alfred.jsonl': log, 'bom.alfred.json': Buffer.concat([BOM, Buffer.from(PAYLOAD)]) });
    const r = await ok();
    for (const [line, expected] of [['1', a], ['3', b], ['4', c]] as const) {
      const out = await cli(dir, 'events.alfred.jsonl', '--line', line, '--to', r.url);
      assert.equal(out.status, 0, out.stderr);
      assert.ok(r.requests.at(-1)!.body.equals(Buffer.from(expected, 'utf8')), `line ${line}`);
      assert.match(out.stdout, new RegExp(`\\(events\\.alfred\\.jsonl:${line}, ${Buffer.byteLength(expected)} bytes\\)`));
    }
    assert.equal((await cli(dir, 'bom.alfred.json', '--to', r.url)).status, 0);
    assert.ok(r.requests.at(-1)!.body.equals(Buffer.from(PAYLOAD, 'utf8')));
  });

  it('a log is read a MiB at a time: a CRLF split between two reads, or a line across them, is found whole', async () => {
    const MiB = 1 << 20;
    const pad = (length: number): string => `{"pad":"${'x'.repeat(length - 10)}"}`;
    // Line 1 ends with the CR as the last byte of the first read, its LF the first of the second.
    const split = [pad(MiB - 1), compact('file_done_event')];
    // Line 2 starts 5 bytes before the end of the first read.
    const across = [pad(MiB - 6), compact('file_move_event'), compact('file_done_event')];
    const dir = folder({ 'split.alfred.jsonl': `${split.join('\r\n')}\r\n`, 'across.alfred.jsonl': across.join('\n') });
    const r = await ok();
    for (const [file, lines] of [['split.alfred.jsonl', split], ['across.alfred.jsonl', across]] as const) {
      for (let i = 0; i < lines.length; i++) {
        const out = await cli(dir, file, '--line', String(i + 1), '--to', r.url);
        assert.equal(out.status, 0);
        assert.ok(r.requests.at(-1)!.body.equals(Buffer.from(lines[i]!)), `${file}:${i + 1}`);
      }
      assert.match((await cli(dir, file, '--line', String(lines.length + 1), '--to', r.url)).stderr, new RegExp(`has ${lines.length} lines`));
    }
  });

  it('a UTF-16 file (by its BOM, either byte order) is received as the UTF-8 of the same text', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PAYLOAD, 'utf16le')]);
    const lines = `${compact('file_done_event')}\n${edit(compact('file_move_event'), '"event_time":', '"note":"東京 😀","event_time":')}\n`;
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(lines, 'utf16le').swap16()]);
    const dir = folder({ 'le.alfred.json': le, 'be.alfred.jsonl': be });
    const r = await ok();
    assert.equal((await cli(dir, 'le.alfred.json', '--to', r.url)).status, 0);
    assert.ok(r.requests[0]!.body.equals(Buffer.from(PAYLOAD, 'utf8')));
    assert.equal((await cli(dir, 'be.alfred.jsonl', '--line', '2', '--to', r.url)).status, 0);
    assert.ok(r.requests[1]!.body.equals(Buffer.from(lines.split('\n')[1]!, 'utf8')));
  });

  it('a record the validator finds errors in is sent all the same, after one warning line', async () => {
    const broken = '{"event_id": "a729e06d-9316-4a44-a493-08178b450cf9", "event": }';
    const dir = folder({ 'broken.alfred.json': broken, 'payload.alfred.json': PAYLOAD });
    const r = await ok();
    const out = await cli(dir, 'broken.alfred.json', '--to', r.url);
    assert.equal(out.status, 0);
    assert.ok(r.requests[0]!.body.equals(Buffer.from(broken)));
    assert.match(out.stderr, /^alfred-events: warning: the validator finds [1-9]\d* errors? in broken\.alfred\.json \(alfred-events validate broken\.alfred\.json lists them\); sending it anyway\n$/);
    // A valid payload: no warning.
    assert.equal((await cli(dir, 'payload.alfred.json', '--to', r.url)).stderr, '');
  });
});

describe('alfred-events send: the verdict', () => {
  it('exit 0 for a 2xx answer, 1 for a 4xx or 5xx (RFC 9110 §15), each named', async () => {
    const dir = folder({ 'payload.alfred.json': PAYLOAD });
    const cases: [number, number, RegExp][] = [
      [200, 0, /ok: the receiver accepted it \(HTTP 200 OK, a 2xx answer\)/],
      [204, 0, /ok: the receiver accepted it \(HTTP 204 No Content, a 2xx answer\)/],
      [202, 0, /ok: .*HTTP 202 Accepted/],
      [404, 1, /fail: the receiver answered HTTP 404 Not Found, not a 2xx answer/],
      [500, 1, /fail: the receiver answered HTTP 500 Internal Server Error, not a 2xx answer/],
    ];
    for (const [code, status, verdict] of cases) {
      const r = await receiver((_req, res) => res.writeHead(code).end());
      const out = await cli(dir, 'payload.alfred.json', '--to', r.url);
      assert.equal(out.status, status, `${code}: ${out.stdout}`);
      assert.match(out.stdout, verdict);
      assert.equal(r.requests.length, 1);
    }
  });

  it('a redirect fails (exit 1), naming where it pointed, and nothing goes there', async () => {
    const dir = folder({ 'payload.alfred.json': PAYLOAD });
    const elsewhere = await ok();
    const redirecting = await receiver((_req, res) => res.writeHead(302, { location: elsewhere.url }).end());
    const out = await cli(dir, 'payload.alfred.json', '--to', redirecting.url);
    assert.equal(out.status, 1);
    assert.match(out.stdout, /\nfail: the receiver redirected \(HTTP 302 to http:\/\/127\.0\.0\.1:\d+\/alfred\)/);
    assert.equal(redirecting.requests.length, 1);
    assert.equal(elsewhere.requests.length, 0);
  });

  it('no answer within --timeout, or nobody on the port: exit 1, said in one line', async () => {
    const dir = folder({ 'payload.alfred.json': PAYLOAD });
    const silent = await receiver(() => undefined);
    const slow = await cli(dir, 'payload.alfred.json', '--to', silent.url, '--timeout', '200');
    assert.equal(slow.status, 1);
    assert.match(slow.stdout, /\nfail: no answer within 200 ms \(--timeout\)\n$/);
    assert.equal(silent.requests.length, 1);

    const gone = await receiver(() => undefined);
    await gone.close();
    const down = await cli(dir, 'payload.alfred.json', '--to', gone.url);
    assert.equal(down.status, 1);
    assert.match(down.stdout, /\nfail: the connection was refused: is the receiver running on that port\?\n$/);
  });

  it('a long body is cut, saying how much', async () => {
    const dir = folder({ 'payload.alfred.json': PAYLOAD });
    const r = await receiver((_req, res) => res.writeHead(500).end('x'.repeat(5000)));
    const out = await cli(dir, 'payload.alfred.json', '--to', r.url);
    assert.equal(out.status, 1);
    assert.match(out.stdout, /\n\nx{2000}\n… cut: 2000 of 5000 characters shown\nfail: /);
  });
});

describe('alfred-events send: refusals and mistakes (exit 2, one line, nothing sent)', () => {
  it('a target that is not loopback is refused', async () => {
    const dir = folder({ 'payload.alfred.json': PAYLOAD });
    const { result, fetches } = await countingFetches(() => cli(dir, 'payload.alfred.json', '--to', 'http://example.com/alfred'));
    assert.deepEqual(result, { status: 2, stdout: '', stderr: 'alfred-events: refused: example.com is not a loopback address (127.0.0.0/8, ::1, localhost); pass --allow-remote to deliver to it\n' });
    assert.equal(fetches, 0);
  });

  it('usage: no PATH, two, --line 0, --line past the end or on a blank line, --line on a payload file, a log without --line', async () => {
    const dir = folder({ 'payload.alfred.json': PAYLOAD, 'events.alfred.jsonl': `${compact('file_done_event')}\n\n${compact('file_move_event')}\n` });
    const to = ['--to', 'http://127.0.0.1:4/alfred'];
    const cases: [string[], string][] = [
      [[...to], 'send needs the PATH of a payload file or log'],
      [['payload.alfred.json', 'events.alfred.jsonl', ...to], 'send takes one PATH, got 2'],
      [['events.alfred.jsonl', '--line', '0', ...to], "--line expects a line number from 1, got '0'"],
      [['events.alfred.jsonl', '--line', 'two', ...to], "--line expects a line number from 1, got 'two'"],
      [['events.alfred.jsonl', '--line', '4', ...to], '--line 4 is past the end: events.alfred.jsonl has 3 lines'],
      [['events.alfred.jsonl', '--line', '2', ...to], 'line 2 of events.alfred.jsonl is blank: there is no record to send'],
      [['payload.alfred.json', '--line', '1', ...to], '--line is for logs (.jsonl, .ndjson); payload.alfred.json is a payload file, sent whole without it'],
      [['events.alfred.jsonl', ...to], 'events.alfred.jsonl is a log of 3 lines: name the record to send with --line N'],
      [['payload.alfred.json', '--format', 'json', ...to], "'send' takes no --format (only --to, --allow-remote, --timeout, --config, --no-config, --line)"],
    ];
    for (const [args, message] of cases) {
      const { result, fetches } = await countingFetches(() => cli(dir, ...args));
      assert.deepEqual(result, { status: 2, stdout: '', stderr: `alfred-events: ${message}. Run 'alfred-events --help' for usage.\n` }, args.join(' '));
      assert.equal(fetches, 0);
    }
    // --line belongs to send alone.
    assert.match((await cli(dir)).stderr, /send needs the PATH/);
    for (const other of [['validate', 'payload.alfred.json'], ['handshake', ...to]]) {
      let stderr = '';
      const status = await run([...other, '--line', '1'], { cwd: dir, stdout: () => undefined, stderr: (t) => void (stderr += t) });
      assert.equal(status, 2);
      assert.match(stderr, new RegExp(`'${other[0]}' takes no --line`));
    }
  });

  it('a PATH that is a directory or missing cannot be read', async () => {
    const dir = folder({ 'sub/payload.alfred.json': PAYLOAD });
    for (const [args, line] of [[['sub'], 'cannot read sub: is a directory'], [['missing.alfred.json'], 'cannot read missing.alfred.json: no such file or directory'], [['missing.alfred.jsonl', '--line', '1'], 'cannot read missing.alfred.jsonl: no such file or directory']] as const) {
      const { result, fetches } = await countingFetches(() => cli(dir, ...args, '--to', 'http://127.0.0.1:4/'));
      assert.deepEqual(result, { status: 2, stdout: '', stderr: `alfred-events: ${line}\n` });
      assert.equal(fetches, 0);
    }
  });
});

describe('which receiver: --to, else the team configuration', () => {
  it("receiver.url of the nearest .alfred-events.json at or above the current folder; --to wins over it; --no-config has none", async () => {
    const team = await ok();
    const mine = await ok();
    const dir = folder({ '.alfred-events.json': JSON.stringify({ receiver: { url: team.url } }), 'payloads/deep/payload.alfred.json': PAYLOAD });
    const cwd = path.join(dir, 'payloads', 'deep');
    assert.equal((await cli(cwd, 'payload.alfred.json')).status, 0);
    assert.equal(team.requests.length, 1);
    assert.ok(team.requests[0]!.body.equals(Buffer.from(PAYLOAD)));

    assert.equal((await cli(cwd, 'payload.alfred.json', '--to', mine.url)).status, 0);
    assert.equal(mine.requests.length, 1);
    assert.equal(team.requests.length, 1);

    const none = await cli(cwd, 'payload.alfred.json', '--no-config');
    assert.deepEqual(none, { status: 2, stdout: '', stderr: "alfred-events: send needs --to URL (or receiver.url in .alfred-events.json). Run 'alfred-events --help' for usage.\n" });
    assert.equal(team.requests.length, 1);
  });

  it('--config FILE names the receiver; a remote receiver.url without allowRemote is refused, saying where it came from; an invalid file is exit 2', async () => {
    const team = await ok();
    const dir = folder({
      'team.json': JSON.stringify({ receiver: { url: team.url } }),
      'remote/.alfred-events.json': JSON.stringify({ receiver: { url: 'https://hooks.example.com/alfred' } }),
      'bad/.alfred-events.json': '{"receiver": {"url": "127.0.0.1:3000"}}',
      'payload.alfred.json': PAYLOAD,
    });
    assert.equal((await cli(dir, 'payload.alfred.json', '--config', 'team.json')).status, 0);
    assert.equal(team.requests.length, 1);

    const { result, fetches } = await countingFetches(() => cli(path.join(dir, 'remote'), '../payload.alfred.json'));
    assert.deepEqual(result, { status: 2, stdout: '', stderr: 'alfred-events: refused: hooks.example.com is not a loopback address (127.0.0.0/8, ::1, localhost); pass --allow-remote to deliver to it (receiver.url in .alfred-events.json)\n' });
    assert.equal(fetches, 0);

    const bad = await countingFetches(() => cli(path.join(dir, 'bad'), '../payload.alfred.json'));
    assert.equal(bad.result.status, 2);
    assert.match(bad.result.stderr, /^alfred-events: \.alfred-events\.json:1:\d+: receiver\.url /);
    assert.equal(bad.fetches, 0);
  });

  it('resolveReceiver: allowRemote in the file, or --allow-remote, lets a remote URL through; --state-url wins over receiver.stateUrl, which goes only with the file\'s own url', async () => {
    const remote = folder({ '.alfred-events.json': JSON.stringify({ receiver: { url: 'https://hooks.example.com/', stateUrl: 'https://hooks.example.com/state', allowRemote: true } }) });
    const strict = folder({ '.alfred-events.json': JSON.stringify({ receiver: { url: 'https://hooks.example.com/', stateUrl: 'http://127.0.0.1:3000/state' } }) });
    const nearest = { kind: 'nearest' } as const;

    const allowed = await resolveReceiver({ allowRemote: false, config: nearest }, remote);
    assert.equal(allowed.url.href, 'https://hooks.example.com/');
    assert.equal(allowed.stateUrl?.href, 'https://hooks.example.com/state');
    assert.equal(allowed.allowRemote, true);

    await assert.rejects(resolveReceiver({ allowRemote: false, config: nearest }, strict), (err: unknown) => err instanceof IoError && /^refused: hooks\.example\.com is not a loopback address .*\(receiver\.url in \.alfred-events\.json\)$/.test(err.message));
    const opted = await resolveReceiver({ allowRemote: true, config: nearest }, strict);
    assert.equal(opted.url.href, 'https://hooks.example.com/');
    // The file's allowRemote covers a --to URL too; without it, a remote --to is refused.
    assert.equal((await resolveReceiver({ to: 'http://10.0.0.7:8080/hook', allowRemote: false, config: nearest }, remote)).url.host, '10.0.0.7:8080');
    await assert.rejects(resolveReceiver({ to: 'http://10.0.0.7:8080/hook', allowRemote: false, config: { kind: 'none' } }, remote), /refused: 10\.0\.0\.7:8080 is not a loopback address .*--allow-remote to deliver to it$/);

    const state = await resolveReceiver({ to: 'http://127.0.0.1:4000/hook', stateUrl: 'http://[::1]:4000/state', allowRemote: false, config: nearest }, strict);
    assert.equal(state.url.href, 'http://127.0.0.1:4000/hook');
    assert.equal(state.stateUrl?.href, 'http://[::1]:4000/state');
    // The file's state URL is its own receiver's: a receiver named with --to does not inherit it.
    assert.equal((await resolveReceiver({ to: 'http://127.0.0.1:4000/hook', allowRemote: false, config: nearest }, strict)).stateUrl, undefined);
    const local = folder({ '.alfred-events.json': JSON.stringify({ receiver: { url: 'http://127.0.0.1:3000/hook', stateUrl: 'http://127.0.0.1:3000/state' } }) });
    assert.equal((await resolveReceiver({ allowRemote: false, config: nearest }, local)).stateUrl?.href, 'http://127.0.0.1:3000/state');
    await assert.rejects(resolveReceiver({ to: 'http://localhost/', stateUrl: 'https://state.example.com/', allowRemote: false, config: nearest }, strict), /^Error: refused: state\.example\.com is not a loopback address .*--allow-remote to deliver to it$/);

    await assert.rejects(resolveReceiver({ allowRemote: false, config: { kind: 'none' } }, strict), (err: unknown) => err instanceof UsageError && err.message === 'this command needs --to URL (or receiver.url in .alfred-events.json)');
  });
});
