// `alfred-events diff A B` (README "Comparing payloads"), run in this process through run().
// Exit statuses from the README: 0 equal, 1 different, 2 usage or I/O.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { run } from '../../src/cli/run';
import { example, tempFolder } from './helpers';

type Json = Record<string, unknown>;

async function cli(args: string[], cwd: string): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await run(['diff', ...args], { cwd, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { status, stdout, stderr };
}

function retryN(n: number): Json {
  const p = JSON.parse(example('job_retry_event')) as Json;
  const ev = p.event as Json;
  p.event_id = `d4f1e5b7-f817-495b-80ac-d83ec7f00a1${n}`;
  ev.retries = n;
  ev.error_messages = Array.from({ length: n }, (_, i) => `failure ${i}`);
  return p;
}

describe('alfred-events diff', () => {
  const two = JSON.stringify(retryN(2));
  const three = JSON.stringify(retryN(3));

  it('exit 0 when equal, 1 with one line per change and the summary', async () => {
    const dir = tempFolder({ 'a.alfred.json': two, 'b.alfred.json': three, 'c.alfred.json': JSON.stringify(retryN(2), null, 4) });
    const same = await cli(['a.alfred.json', 'c.alfred.json'], dir);
    assert.equal(same.status, 0, same.stderr);
    assert.equal(same.stdout, 'equal (normalised, ignoring /event_id, /event_time, /event/update_date)\n');
    const r = await cli(['a.alfred.json', 'b.alfred.json'], dir);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stdout, [
      '~ /event/retries: 2 → 3',
      '+ /event/error_messages/2: "failure 2"',
      '2 changes (normalised, ignoring /event_id, /event_time, /event/update_date): retries 2 → 3; error_messages[2] added',
      '',
    ].join('\n'));
  });

  it('the summary names every ignored pointer whole, the first ten of a long list', async () => {
    const dir = tempFolder({ 'a.alfred.json': two, 'b.alfred.json': two });
    const long = ['/event/metadata/a~1b', '/event/metadata/x/1', '/event/a_rather_long_member_name/with/several/levels/below/it'];
    const some = await cli(['a.alfred.json', 'b.alfred.json', ...long.flatMap((p) => ['--ignore', p])], dir);
    assert.equal(some.stdout, `equal (normalised, ignoring /event_id, /event_time, /event/update_date, ${long.join(', ')})\n`);
    const many = Array.from({ length: 12 }, (_, i) => `/event/m${i}`);
    const r = await cli(['a.alfred.json', 'b.alfred.json', '--strict', ...many.flatMap((p) => ['--ignore', p])], dir);
    assert.equal(r.stdout, `equal (strict, ignoring ${many.slice(0, 10).join(', ')} and 2 more)\n`);
  });

  it('--format json: equal and the changes', async () => {
    const dir = tempFolder({ 'a.alfred.json': two, 'b.alfred.json': three });
    const r = await cli(['a.alfred.json', 'b.alfred.json', '--format', 'json'], dir);
    assert.equal(r.status, 1);
    assert.deepEqual(JSON.parse(r.stdout), {
      equal: false,
      changes: [
        { kind: 'changed', pointer: '/event/retries', old: 2, new: 3 },
        { kind: 'added', pointer: '/event/error_messages/2', value: 'failure 2' },
      ],
    });
  });

  it('FILE:LINE names a log record, counted from 1, its terminator CRLF or LF', async () => {
    const dir = tempFolder({ 'job.alfred.jsonl': `${two}\r\n${three}\n\n`, 'a.alfred.json': two });
    assert.equal((await cli(['job.alfred.jsonl:1', 'a.alfred.json'], dir)).status, 0);
    assert.equal((await cli(['job.alfred.jsonl:1', 'job.alfred.jsonl:2'], dir)).status, 1);
    const past = await cli(['job.alfred.jsonl:9', 'a.alfred.json'], dir);
    assert.equal(past.status, 2);
    assert.match(past.stderr, /line 9 is past the end, job\.alfred\.jsonl has 3 lines/);
    const whole = await cli(['job.alfred.jsonl', 'a.alfred.json'], dir);
    assert.equal(whole.status, 2);
    assert.match(whole.stderr, /job\.alfred\.jsonl is a log: name one record as job\.alfred\.jsonl:LINE/);
  });

  it('strict reads values as written and ignores nothing by default; --ignore adds pointers', async () => {
    const encoded = retryN(2);
    (encoded.event as Json).retries = '2';
    encoded.event_id = 'another id';
    const dir = tempFolder({ 'a.alfred.json': two, 'e.alfred.json': JSON.stringify(encoded), 'b.alfred.json': three });
    assert.equal((await cli(['a.alfred.json', 'e.alfred.json'], dir)).status, 0);
    const strict = await cli(['a.alfred.json', 'e.alfred.json', '--strict', '--format', 'json'], dir);
    assert.equal(strict.status, 1);
    assert.deepEqual((JSON.parse(strict.stdout) as { changes: { pointer: string }[] }).changes.map((c) => c.pointer), ['/event_id', '/event/retries']);
    const ignored = await cli(['a.alfred.json', 'b.alfred.json', '--ignore', '/event/retries', '--ignore', '/event/error_messages'], dir);
    assert.equal(ignored.status, 0, ignored.stdout);
  });

  it('the team file\'s diff.ignore replaces the volatile fields; --no-config drops it', async () => {
    const b = retryN(2);
    (b.event as Json).metadata = 'other';
    const dir = tempFolder({ '.alfred-events.json': '{"diff": {"ignore": ["/event_id", "/event/metadata"]}}', 'a.alfred.json': two, 'b.alfred.json': JSON.stringify(b) });
    assert.equal((await cli(['a.alfred.json', 'b.alfred.json'], dir)).status, 0);
    const none = await cli(['a.alfred.json', 'b.alfred.json', '--no-config'], dir);
    assert.equal(none.status, 1);
    assert.equal(none.stdout.split('\n')[0], '~ /event/metadata: "Bills of lading and proofs of delivery, route 12" → "other"');
  });

  it('exit 2: usage, an unreadable file, a file that is not JSON (one line naming it and the problem)', async () => {
    const dir = tempFolder({ 'a.alfred.json': two, 'bad.json': '{\n  "a": }' });
    const cases: [string[], RegExp][] = [
      [['a.alfred.json'], /diff compares two payloads, A and B .*got 1/],
      [['a.alfred.json', 'a.alfred.json', '--ignore', 'event_id'], /--ignore expects a JSON Pointer \(RFC 6901\)/],
      [['a.alfred.json', 'a.alfred.json', '--format', 'sarif'], /unknown format 'sarif' for diff/],
      [['a.alfred.json', 'a.alfred.json', '--line', '2'], /'diff' takes no --line/],
      [['a.alfred.json', 'missing.json'], /cannot read missing\.json: no such file or directory/],
      [['a.alfred.json', 'bad.json'], /^alfred-events: bad\.json:2:8 is not JSON: [^\n]+\n$/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args, dir);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    }
  });

  it('prints a value on one line, its control characters escaped and long text cut', async () => {
    const b = retryN(2);
    (b.event as Json).metadata = `\u001b[2J\nfake line ${'x'.repeat(500)}`;
    const dir = tempFolder({ 'a.alfred.json': two, 'b.alfred.json': JSON.stringify(b) });
    const r = await cli(['a.alfred.json', 'b.alfred.json'], dir);
    const first = r.stdout.split('\n')[0]!;
    assert.ok(!first.includes('\u001b'));
    assert.ok(first.length < 250, first);
    assert.equal(r.stdout.split('\n').length, 3);
  });

  it('compares numbers as written: 2^53 + 1 and 2^53 differ, in strict mode too, and print as written', async () => {
    const dir = tempFolder({ 'a.json': '{"n": 9007199254740993}', 'b.json': '{"n": 9007199254740992}' });
    for (const extra of [[], ['--strict']]) {
      const r = await cli(['a.json', 'b.json', ...extra], dir);
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stdout.split('\n')[0], '~ /n: 9007199254740993 → 9007199254740992');
      const j = await cli(['a.json', 'b.json', '--format', 'json', ...extra], dir);
      assert.match(j.stdout, /"old": 9007199254740993,\s*"new": 9007199254740992/);
    }
  });

  it('warns on stderr, with file, line and column, of a key a side repeats', async () => {
    const dir = tempFolder({ 'a.json': '{"n": 1,\n "n": 2}', 'log.alfred.jsonl': '{}\n{"x": 1, "x": 2}\n' });
    const r = await cli(['a.json', 'log.alfred.jsonl:2'], dir);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, [
      'alfred-events: warning: a.json:2:2 repeats the key /n: only its last value is compared',
      'alfred-events: warning: log.alfred.jsonl:2:10 repeats the key /x: only its last value is compared',
      '',
    ].join('\n'));
  });
});
