// Copy as cURL: the command must give curl the exact bytes the editor sent, whatever the body
// holds. Proved by running the command through real shells (dash, the POSIX sh of Debian, and
// bash) with `curl` replaced by a script that prints its arguments and standard input, and once
// with the real curl against a receiver on 127.0.0.1 that records what it got. The quoting rule
// is POSIX's (Shell Command Language §2.2.3: nothing is special between single quotes).
import assert from 'node:assert/strict';
import { exec, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { curlCommand } from '../../src/core/index';

const shell = promisify(exec);
const URL_ = new URL("http://127.0.0.1:3000/hooks/alfred?x='{1,2}'&y=[a]");
const HOSTILE: [string, string][] = [
  ['a JSON payload', '{"event_id": "x", "event": {"event_name": "job_start_event"}}'],
  ['single and double quotes', `{"a": "it's \\"quoted\\" '' '\\''"}`],
  ['newlines, CRLF and a trailing newline', '{\r\n  "a": 1\n}\n'],
  ['command substitution and variables', '{"a": "$(touch PWNED) ${HOME} $HOME"}'],
  ['backticks, backslashes, history and globs', '{"a": "`touch PWNED` \\\\ \\n !! !$ * ? [x] ~"}'],
  ['non-ASCII', '{"a": "é 日本 😀 \u00a0 \u2028"}'],
  ['a tab and control characters', '{"a": "\t\u0001\u001b[31m"}'],
  ['a leading @, which curl would read as a file name', '@/etc/passwd'],
  ['a leading dash', '--output /tmp/x'],
  ['the empty body', ''],
  ['U+0000, which no argument can carry', '{"a": "x\u0000y\\0000 %s %b"}'],
];

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'alfred-curl-'));
  // A stand-in for curl: each argument then a NUL, a marker, then whatever came on standard input.
  const fake = join(dir, 'bin', 'curl');
  spawnSync('mkdir', ['-p', join(dir, 'bin')]);
  writeFileSync(fake, '#!/bin/sh\nfor a in "$@"; do printf \'%s\\000\' "$a"; done\nprintf \'<stdin>\\000\'\nexec cat\n');
  chmodSync(fake, 0o755);
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** What curl receives when `command` runs in `shell`: its arguments and its standard input, as bytes. */
function received(shell: string, command: string): { args: Buffer[]; stdin: Buffer } {
  const r = spawnSync(shell, ['-c', command], { cwd: dir, env: { PATH: `${join(dir, 'bin')}:/usr/bin:/bin`, HOME: dir }, input: '' });
  assert.equal(r.status, 0, r.stderr.toString());
  const out = r.stdout;
  const args: Buffer[] = [];
  let at = 0;
  for (;;) {
    const end = out.indexOf(0, at);
    const arg = out.subarray(at, end);
    at = end + 1;
    if (arg.toString() === '<stdin>') break;
    args.push(arg);
  }
  return { args, stdin: out.subarray(at) };
}

describe('Copy as cURL', () => {
  for (const shell of ['dash', 'bash']) {
    for (const [what, body] of HOSTILE) {
      it(`${shell}: ${what} reaches curl byte for byte`, () => {
        const { args, stdin } = received(shell, curlCommand({ url: URL_, method: 'POST', body }));
        const text = args.map((a) => a.toString('utf8'));
        assert.deepEqual(text.slice(0, 5), ['--globoff', '--request', 'POST', '--header', 'content-type: application/json']);
        assert.equal(text.at(-1), URL_.href);
        assert.equal(text.length, 8);
        const [flag, value] = [text[5]!, text[6]!];
        assert.deepEqual(value === '@-' ? stdin : args[6], Buffer.from(body, 'utf8'));
        // curl reads `--data-binary @name` from the file name: an @ only as "@-", the body on standard input.
        assert.ok(flag === '--data-raw' || value === '@-' || !value.startsWith('@'), `${flag} ${value}`);
        if (value !== '@-') assert.equal(stdin.length, 0);
        assert.equal(existsSync(join(dir, 'PWNED')), false, 'nothing in the body ran');
      });
    }
  }

  it('a GET has no body and no content type', () => {
    const { args } = received('dash', curlCommand({ url: new URL('http://127.0.0.1:3000/state'), method: 'GET' }));
    assert.deepEqual(args.map(String), ['--globoff', '--request', 'GET', 'http://127.0.0.1:3000/state']);
  });

  const curl = spawnSync('curl', ['--version']).status === 0;
  it('the real curl delivers the same bytes to a receiver', { skip: !curl && 'no curl on this machine' }, async () => {
    const got: { body: Buffer; type: string | undefined }[] = [];
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        got.push({ body: Buffer.concat(chunks), type: req.headers['content-type'] });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?x={1}`);
      for (const [, body] of HOSTILE) {
        // No proxy and no ~/.curlrc of the machine's user: only the command counts.
        // Not spawnSync: the receiver answers from this process's event loop.
        const { stdout } = await shell(curlCommand({ url, method: 'POST', body }), { env: { PATH: '/usr/bin:/bin', HOME: dir }, timeout: 20_000 });
        assert.equal(stdout, 'ok');
        assert.deepEqual(got.pop(), { body: Buffer.from(body, 'utf8'), type: 'application/json' });
      }
    } finally {
      server.close();
    }
  });
});
