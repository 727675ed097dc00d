// `alfred-events redact` as a user runs it: the bundled dist/cli.js in a child process (and, to
// cut a log's chunks everywhere, run() in this process). What it must do is the README's
// "Redacting": stdout by default, --in-place atomically (POSIX rename(2): a reader sees the old
// file or the new one, never a mix), one salt per run, every other byte kept.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { isIdPseudonym, Pseudonyms, redactText } from '../../src/core/index';
import { run } from '../../src/cli/run';
import { example, tempFolder } from './helpers';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const RETRY = example('job_retry_event');
const JOB_ID = 'a4d781e7-778d-4cc4-b552-4f86a8d910ea';

function cli(args: string[], cwd: string): { status: number | null; stdout: Buffer; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, maxBuffer: 1 << 30, env: { ...process.env, LC_ALL: 'C' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

/** A log of `n` compact records of one job, each with an event_id of its own. */
function log(n: number, eol = '\n'): string {
  const base = JSON.parse(RETRY) as Record<string, unknown>;
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(JSON.stringify({ ...base, event_id: `0f8fad5b-d9cb-469f-a165-${String(i).padStart(12, '0')}` }));
  return lines.join(eol) + eol;
}

describe('alfred-events redact', () => {
  it('writes one file to stdout, as redactText gives it, and says how many values it redacted', () => {
    const dir = tempFolder({ 'a.alfred.json': RETRY });
    const r = cli(['redact', 'a.alfred.json', '--salt', 'k'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.toString(), redactText(RETRY, { mode: 'document', salt: 'k' }).text);
    assert.equal(r.stderr, 'alfred-events: a.alfred.json: 4 values redacted\n');
    assert.equal(fs.readFileSync(path.join(dir, 'a.alfred.json'), 'utf8'), RETRY, 'the file is untouched');
  });

  it('refuses what it cannot do, with exit status 2 and nothing written', () => {
    const dir = tempFolder({ 'a.alfred.json': RETRY, 'b.alfred.json': RETRY, 'sub/x.alfred.json': RETRY });
    const cases: [string[], RegExp][] = [
      [['redact', 'a.alfred.json', 'b.alfred.json'], /got 2 PATHs: add --in-place/],
      [['redact'], /redact needs the PATH/],
      [['redact', 'a.alfred.json', '--salt='], /--salt needs a value/],
      [['redact', 'a.alfred.json', '--format', 'json'], /'redact' takes no --format/],
      [['redact', 'missing.alfred.json'], /cannot read missing\.alfred\.json: no such file or directory/],
      [['redact', 'sub', '--in-place'], /cannot read sub: is a directory/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args, dir);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.equal(r.stdout.length, 0);
    }
    assert.equal(fs.readFileSync(path.join(dir, 'a.alfred.json'), 'utf8'), RETRY);
  });

  it('the same salt gives the same bytes in every run; without one, each run its own, shared by its files', () => {
    const dir = tempFolder({ 'a.alfred.json': RETRY });
    const a = cli(['redact', 'a.alfred.json', '--salt', 'team-salt'], dir).stdout.toString();
    assert.equal(cli(['redact', 'a.alfred.json', '--salt', 'team-salt'], dir).stdout.toString(), a);
    assert.notEqual(cli(['redact', 'a.alfred.json', '--salt', 'other'], dir).stdout.toString(), a);
    const x = cli(['redact', 'a.alfred.json'], dir).stdout.toString();
    const y = cli(['redact', 'a.alfred.json'], dir).stdout.toString();
    assert.notEqual(x, y, 'a random salt per run');
    const two = tempFolder({ 'one.alfred.json': RETRY, 'two.alfred.jsonl': log(3) });
    assert.equal(cli(['redact', '--in-place', 'one.alfred.json', 'two.alfred.jsonl'], two).status, 0);
    const jobOf = (text: string): string => (JSON.parse(text.split('\n')[0]!.trim() === '{' ? text : text.split('\n')[0]!) as { event: { job_id: string } }).event.job_id;
    const one = jobOf(fs.readFileSync(path.join(two, 'one.alfred.json'), 'utf8'));
    assert.ok(isIdPseudonym(one));
    assert.equal(jobOf(fs.readFileSync(path.join(two, 'two.alfred.jsonl'), 'utf8')), one, 'one job, one pseudonym across the files of a run');
  });

  it('--in-place rewrites each file, keeps its permissions, leaves no temporary file, and is idempotent', () => {
    const dir = tempFolder({ 'a.alfred.json': RETRY, 'b.alfred.jsonl': log(5, '\r\n') });
    fs.chmodSync(path.join(dir, 'a.alfred.json'), 0o640);
    const r = cli(['redact', '--in-place', '--salt', 's', 'a.alfred.json', 'b.alfred.jsonl'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.length, 0);
    assert.equal(r.stderr, 'alfred-events: a.alfred.json: 4 values redacted\nalfred-events: b.alfred.jsonl: 20 values redacted\n');
    assert.deepEqual(fs.readdirSync(dir).sort(), ['a.alfred.json', 'b.alfred.jsonl']);
    assert.equal(fs.statSync(path.join(dir, 'a.alfred.json')).mode & 0o777, 0o640);
    assert.equal(fs.readFileSync(path.join(dir, 'a.alfred.json'), 'utf8'), redactText(RETRY, { mode: 'document', salt: 's' }).text);
    assert.equal(fs.readFileSync(path.join(dir, 'b.alfred.jsonl'), 'utf8'), redactText(log(5, '\r\n'), { mode: 'log', salt: 's' }).text);
    // Again: nothing to redact, so the files are not even rewritten.
    const before = fs.statSync(path.join(dir, 'b.alfred.jsonl')).mtimeMs;
    const bytes = fs.readFileSync(path.join(dir, 'b.alfred.jsonl'));
    const again = cli(['redact', '--in-place', 'a.alfred.json', 'b.alfred.jsonl'], dir);
    assert.match(again.stderr, /b\.alfred\.jsonl: 0 values redacted/);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'b.alfred.jsonl')), bytes);
    assert.equal(fs.statSync(path.join(dir, 'b.alfred.jsonl')).mtimeMs, before);
  });

  it('a log read in chunks cut anywhere gives the bytes of redacting it whole', async () => {
    const text = '\uFEFF' + log(40).replace(/\n/g, (m, at: number) => (at % 3 === 0 ? '\r\n' : m)) + '{"event_id": "not json\n' + log(3).trimEnd();
    const dir = tempFolder({ 'big.alfred.jsonl': text });
    const whole = redactText(text, { mode: 'log', salt: 'c' });
    for (const chunkBytes of [1, 7, 100, 1000, 1 << 20]) {
      const parts: Uint8Array[] = [];
      const errors: string[] = [];
      const status = await run(['redact', 'big.alfred.jsonl', '--salt', 'c'], { cwd: dir, stdout: () => undefined, stdoutBytes: (b) => void parts.push(Uint8Array.from(b)), stderr: (t) => void errors.push(t), chunkBytes });
      assert.equal(status, 0);
      assert.equal(Buffer.concat(parts).toString('utf8'), whole.text, `chunks of ${chunkBytes} bytes`);
      assert.deepEqual(errors, [`alfred-events: big.alfred.jsonl: ${whole.redacted} values redacted; 1 record left as it is (not JSON: check it by hand)\n`]);
    }
  });

  it('keeps a UTF-16 file UTF-16, and bytes that are not UTF-8 as they are', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(RETRY, 'utf16le')]);
    const be = Buffer.from(le).swap16();
    const bad = Buffer.concat([Buffer.from(log(1)), Buffer.from('{"event_id": "\xff"}\n', 'latin1'), Buffer.from(log(1))]);
    const dir = tempFolder({ 'le.alfred.json': le, 'be.alfred.json': be, 'bad.alfred.jsonl': bad });
    const expected = redactText(RETRY, { mode: 'document', salt: 'u' }).text;
    assert.deepEqual(cli(['redact', 'le.alfred.json', '--salt', 'u'], dir).stdout, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(expected, 'utf16le')]));
    assert.deepEqual(cli(['redact', 'be.alfred.json', '--salt', 'u'], dir).stdout, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(expected, 'utf16le')]).swap16());
    const r = cli(['redact', 'bad.alfred.jsonl', '--salt', 'u'], dir);
    const lines = r.stdout.toString('latin1').split('\n');
    assert.equal(lines[1], '{"event_id": "\xff"}', 'the line with an invalid byte, byte for byte');
    const p = new Pseudonyms('u');
    assert.equal((JSON.parse(lines[2]!) as { event: { job_id: string } }).event.job_id, p.id(JOB_ID));
    assert.match(r.stderr, /bad\.alfred\.jsonl: 8 values redacted; 1 record left as it is/);
  });

  it('--in-place is atomic: a reader sees the old file or the new one, and Ctrl-C leaves the old one and no temporary file', async () => {
    const text = log(20_000);
    const dir = tempFolder({ 'big.alfred.jsonl': text });
    const file = path.join(dir, 'big.alfred.jsonl');
    const redacted = redactText(text, { mode: 'log', salt: 'z' }).text;
    // A reader reads the whole file again and again while it is rewritten.
    const child = spawn(process.execPath, [CLI, 'redact', '--in-place', '--salt', 'z', 'big.alfred.jsonl'], { cwd: dir, env: { ...process.env, LC_ALL: 'C' } });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let running = true;
    void exited.then(() => (running = false));
    let reads = 0;
    while (running) {
      const now = fs.readFileSync(file, 'utf8');
      assert.ok(now === text || now === redacted, `read ${reads}: neither the old file nor the new one (${now.length} characters)`);
      reads++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.equal(await exited, 0);
    assert.equal(fs.readFileSync(file, 'utf8'), redacted);
    assert.deepEqual(fs.readdirSync(dir), ['big.alfred.jsonl']);

    // Ctrl-C once the temporary file exists: the file stays the old one, the temporary file goes.
    fs.writeFileSync(file, text);
    const watcher = fs.watch(dir);
    const stopped = spawn(process.execPath, [CLI, 'redact', '--in-place', '--salt', 'z', 'big.alfred.jsonl'], { cwd: dir, env: { ...process.env, LC_ALL: 'C' } });
    const status = new Promise<number | null>((resolve) => stopped.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
    await new Promise<void>((resolve) => watcher.on('change', (_event, name) => String(name).endsWith('.redact-tmp') && resolve()));
    watcher.close();
    stopped.kill('SIGINT');
    const code = await status;
    // 130 when Ctrl-C came while it wrote, 0 when the rename had come first: either way the
    // file is whole, the old one or the new one (rename(2) is atomic), and no temporary file is left.
    assert.ok(code === 130 || code === 0, `exit ${code}`);
    const after = fs.readFileSync(file, 'utf8');
    assert.ok(after === text || after === redacted, `neither the old file nor the new one (${after.length} characters)`);
    if (code === 0) assert.equal(after, redacted);
    assert.deepEqual(fs.readdirSync(dir), ['big.alfred.jsonl'], 'no temporary file left');
  });
});
