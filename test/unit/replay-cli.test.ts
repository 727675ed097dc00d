// `alfred-events replay` end to end against real receivers on 127.0.0.1 (ephemeral ports, started
// here): a correct idempotent one, one that counts a duplicate twice, one that breaks on events out
// of order, a slow one, one that fails each first attempt, and one that is down. The JUnit output
// is validated against the Jenkins xunit plugin's JUnit schema (test/fixtures/junit) by libxml2's
// xmllint (compiled to WebAssembly: offline). No sleeps: a slow receiver is one that never answers
// within --timeout 200, and --backoff 1 keeps the redeliveries quick.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { validateXML } from 'xmllint-wasm';
import { run } from '../../src/cli/run';
import { FIXTURES } from './helpers';
import { receiver, type Received } from './receivers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alfred-replay-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A job's life in a log, written out of order in the file (event_time decides in-order). */
const EVENTS = [
  { event_id: '00000000-0000-4000-8000-000000000003', event_type: 'file', event_time: 1716580803, event: { event_name: 'file_added_to_job_event', job_id: 'j1', file_id: 'f1', file_name: 'café.pdf' } },
  { event_id: '00000000-0000-4000-8000-000000000001', event_type: 'job', event_time: 1716580801, event: { event_name: 'job_create_event', job_id: 'j1' } },
  { event_id: '00000000-0000-4000-8000-000000000002', event_type: 'job', event_time: 1716580802, event: { event_name: 'job_start_event', job_id: 'j1' } },
  { event_id: '00000000-0000-4000-8000-000000000004', event_type: 'file', event_time: 1716580804, event: { event_name: 'file_done_event', job_id: 'j1', file_id: 'f1' } },
  { event_id: '00000000-0000-4000-8000-000000000005', event_type: 'job', event_time: 1716580805, event: { event_name: 'job_finished_event', job_id: 'j1' } },
];
const LINES = EVENTS.map((e) => JSON.stringify(e));
const LOG = path.join(dir, 'job.alfred.jsonl');
// A BOM and CRLF line ends: neither is part of what is sent.
fs.writeFileSync(LOG, '\uFEFF' + LINES.join('\r\n') + '\r\n');
const ONE = path.join(dir, 'one.alfred.jsonl');
fs.writeFileSync(ONE, (LINES[1] ?? '') + '\n');

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

async function replayCli(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const status = await run(['replay', '--no-config', ...args], { cwd: dir, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { status, stdout, stderr };
}

const stateOf = (url: string): string => url.replace(/\/alfred$/, '/state');
const eventOf = (r: Received): (typeof EVENTS)[number] => JSON.parse(r.body.toString('utf8')) as (typeof EVENTS)[number];
const posts = (rs: readonly Received[]): Received[] => rs.filter((r) => r.method === 'POST');

/** Keeps one entry per event_id; its state lists them in the order last delivered (so key order varies). */
function idempotent() {
  const held = new Map<string, string>();
  return receiver((req, res) => {
    if (req.method === 'GET') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(Object.fromEntries(held)));
      return;
    }
    const e = eventOf(req);
    held.delete(e.event_id);
    held.set(e.event_id, e.event.event_name);
    res.end('ok');
  });
}

/** Counts every delivery, duplicates included: not idempotent. */
function counting() {
  let count = 0;
  const ids = new Set<string>();
  return receiver((req, res) => {
    if (req.method === 'GET') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ count, ids: [...ids].sort() }));
      return;
    }
    count++;
    ids.add(eventOf(req).event_id);
    res.end('ok');
  });
}

/** Answers 409 to a job's file event that comes before the job's start event. */
function orderSensitive() {
  const started = new Set<string>();
  return receiver((req, res) => {
    const e = eventOf(req);
    if (e.event.event_name === 'job_start_event') started.add(e.event.job_id);
    if (e.event.event_name.startsWith('file_') && !started.has(e.event.job_id)) {
      res.statusCode = 409;
      res.end('file event before its job started');
      return;
    }
    res.end('ok');
  });
}

/** Fails the first attempt of each event with 500, then accepts it. */
function flaky() {
  const seen = new Set<string>();
  return receiver((req, res) => {
    const id = eventOf(req).event_id;
    if (!seen.has(id)) {
      seen.add(id);
      res.statusCode = 500;
      res.end('try again');
      return;
    }
    res.end('ok');
  });
}

interface JsonReport {
  ok: boolean;
  requests: number;
  scenarios: { scenario: string; baseline: boolean; ok: boolean; state?: { ok: boolean; pointer?: string; expected?: unknown; actual?: unknown }; deliveries: { eventId: string; ok: boolean; failure?: string; attempts: { status?: number; failure?: string }[] }[] }[];
}

describe('alfred-events replay against real receivers', () => {
  it('a correct idempotent receiver passes all four scenarios with the state check (exit 0), and gets the exact bytes', async () => {
    const r = await idempotent();
    const run = await replayCli(LOG, '--to', r.url, '--state-url', stateOf(r.url), '--format', 'json');
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.deepEqual(report.scenarios.map((s) => [s.scenario, s.ok, s.state?.ok]), [['in-order', true, true], ['duplicates', true, true], ['shuffled', true, true], ['redelivery', true, true]]);
    // 5 + 10 + 5 + 5 deliveries and 4 state reads.
    assert.equal(r.requests.length, 29);
    assert.equal(report.requests, 29);
    const first = posts(r.requests).slice(0, 5);
    // in-order: by event_time, whatever the file's order.
    assert.deepEqual(first.map((q) => eventOf(q).event_id), [...EVENTS].sort((a, b) => a.event_time - b.event_time).map((e) => e.event_id));
    for (const q of first) {
      assert.equal(q.headers['content-type'], 'application/json');
      assert.ok(LINES.map((l) => Buffer.from(l, 'utf8')).some((b) => b.equals(q.body)), q.body.toString());
    }
  });

  it('a receiver that counts a duplicate twice fails duplicates, naming the pointer of the count', async () => {
    const r = await counting();
    const run = await replayCli(LOG, '--to', r.url, '--state-url', stateOf(r.url), '--scenario', 'in-order', '--scenario', 'duplicates');
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^ok {4}in-order {4}5 delivered, 0 failed; /m);
    assert.match(run.stdout, /^FAIL {2}duplicates {2}10 delivered, 0 failed; the state differs .* at \/count: expected 5, got 15$/m);
    // Without in-order asked for, an in-order baseline comes first to read the reference state.
    const c = await counting();
    const json = JSON.parse((await replayCli(LOG, '--to', c.url, '--state-url', stateOf(c.url), '--scenario', 'duplicates', '--format', 'json')).stdout) as JsonReport;
    assert.deepEqual(json.scenarios.map((s) => [s.scenario, s.baseline]), [['in-order', true], ['duplicates', false]]);
    assert.deepEqual(json.scenarios[1]?.state, { ok: false, pointer: '/count', expected: 5, actual: 15, message: 'the state differs from the one after the first in-order run, at /count: expected 5, got 15' });
  });

  it('a receiver that breaks on events out of order fails shuffled and passes in-order', async () => {
    // The precondition, from mulberry32 and Fisher–Yates as published: seed 1 puts a file event before the start.
    const shuffled = (await (async () => {
      const r = await orderSensitive();
      const run = await replayCli(LOG, '--to', r.url, '--scenario', 'shuffled', '--format', 'json');
      assert.equal(run.status, 1);
      return { run, names: posts(r.requests).map((q) => eventOf(q).event.event_name) };
    })());
    assert.ok(shuffled.names.indexOf('file_added_to_job_event') < shuffled.names.indexOf('job_start_event'), shuffled.names.join());
    const report = JSON.parse(shuffled.run.stdout) as JsonReport;
    assert.ok(report.scenarios[0]?.deliveries.some((d) => d.failure === 'HTTP 409 Conflict'));
    const r = await orderSensitive();
    const inOrder = await replayCli(LOG, '--to', r.url, '--scenario', 'in-order');
    assert.equal(inOrder.status, 0, inOrder.stdout);
    // And the text names the failures as file:line event_name: reason.
    const t = await orderSensitive();
    const text = await replayCli('job.alfred.jsonl', '--to', t.url, '--scenario', 'shuffled');
    assert.match(text.stdout, /^job\.alfred\.jsonl:1 file_added_to_job_event: HTTP 409 Conflict$/m);
  });

  it('a slow receiver fails on the timeout, and redelivery retries it', async () => {
    const r = await receiver(() => undefined);
    const run = await replayCli(ONE, '--to', r.url, '--timeout', '200', '--backoff', '1', '--scenario', 'in-order', '--scenario', 'redelivery', '--format', 'json');
    assert.equal(run.status, 1);
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.equal(report.scenarios[0]?.deliveries[0]?.failure, 'no answer within 200 ms');
    assert.deepEqual(report.scenarios[1]?.deliveries[0]?.attempts.map((a) => a.failure), ['timeout', 'timeout', 'timeout', 'timeout']);
    assert.equal(report.scenarios[1]?.deliveries[0]?.failure, 'no answer within 200 ms (4 attempts)');
    assert.equal(r.requests.length, 5);
  });

  it('a receiver that fails each first attempt passes redelivery and fails in-order', async () => {
    const r = await flaky();
    const run = await replayCli(LOG, '--to', r.url, '--backoff', '1', '--scenario', 'redelivery', '--format', 'json');
    assert.equal(run.status, 0, run.stdout);
    const report = JSON.parse(run.stdout) as JsonReport;
    for (const d of report.scenarios[0]?.deliveries ?? []) assert.deepEqual(d.attempts.map((a) => a.status), [500, 200]);
    const s = await flaky();
    const inOrder = await replayCli(LOG, '--to', s.url, '--scenario', 'in-order');
    assert.equal(inOrder.status, 1);
    assert.equal(posts(s.requests).length, 5);
  });

  it('a receiver that is down fails every delivery (exit 1)', async () => {
    const r = await receiver((_q, res) => res.end());
    await r.close();
    const run = await replayCli(LOG, '--to', r.url, '--backoff', '1', '--format', 'json');
    assert.equal(run.status, 1);
    const report = JSON.parse(run.stdout) as JsonReport;
    const all = report.scenarios.flatMap((s) => s.deliveries);
    assert.equal(all.length, 25);
    assert.ok(all.every((d) => !d.ok && /refused/.test(d.failure ?? '')), JSON.stringify(all[0]));
  });

  it('the same run prints the same report, durations aside', async () => {
    const normalise = (s: string): string => s.replace(/"ms": \d+/g, '"ms": 0').replace(/127\.0\.0\.1:\d+/g, 'PORT');
    const a = await idempotent();
    const b = await idempotent();
    const ra = await replayCli(LOG, '--to', a.url, '--state-url', stateOf(a.url), '--format', 'json');
    const rb = await replayCli(LOG, '--to', b.url, '--state-url', stateOf(b.url), '--format', 'json');
    assert.equal(normalise(ra.stdout), normalise(rb.stdout));
  });
});

describe('alfred-events replay refuses before sending (exit 2)', () => {
  it('a plan over --max-requests', async () => {
    const r = await idempotent();
    const run = await replayCli(LOG, '--to', r.url, '--max-requests', '24');
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'alfred-events: refused: this replay needs 25 requests, more than the cap of 24 per run; nothing was sent (--max-requests 24)\n');
    assert.equal(run.stdout, '');
    assert.equal(r.requests.length, 0);
  });

  it('a remote receiver without --allow-remote, no receiver at all, an unknown scenario, a bad number', async () => {
    const remote = await replayCli(LOG, '--to', 'http://192.0.2.1/hook');
    assert.equal(remote.status, 2);
    assert.match(remote.stderr, /^alfred-events: refused: 192\.0\.2\.1 is not a loopback address/);
    const none = await replayCli(LOG);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /replay needs --to URL/);
    const scenario = await replayCli(LOG, '--to', 'http://127.0.0.1:4/', '--scenario', 'reversed');
    assert.match(scenario.stderr, /unknown scenario 'reversed' \(expected in-order, duplicates, shuffled, redelivery\)/);
    const seed = await replayCli(LOG, '--to', 'http://127.0.0.1:4/', '--seed', '-1');
    assert.equal(seed.status, 2);
    // parseArgs will not take '-1' as a value; the message says how to give one, and then the range applies.
    assert.match(seed.stderr, /^alfred-events: --seed is given a value that starts with '-': write --seed=VALUE/);
    assert.match((await replayCli(LOG, '--to', 'http://127.0.0.1:4/', '--seed=-1')).stderr, /--seed expects a whole number from 0 to 4294967295, got '-1'/);
    const elsewhere = await run(['validate', LOG, '--seed', '2'], { cwd: dir, stdout: () => undefined, stderr: () => undefined });
    assert.equal(elsewhere, 2);
  });

  it('a file that is not valid UTF-8, and a path with no event', async () => {
    const bad = path.join(dir, 'bad.alfred.jsonl');
    fs.writeFileSync(bad, Buffer.concat([Buffer.from('{"event_id":"'), Buffer.from([0xff]), Buffer.from('"}\n')]));
    const r = await idempotent();
    const run = await replayCli(bad, '--to', r.url);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /not valid UTF-8/);
    const empty = path.join(dir, 'empty.alfred.jsonl');
    fs.writeFileSync(empty, 'not json\n');
    const nothing = await replayCli(empty, '--to', r.url);
    assert.equal(nothing.status, 2);
    assert.match(nothing.stderr, /skipped .*empty\.alfred\.jsonl:1: not JSON/);
    assert.match(nothing.stderr, /nothing to deliver/);
    // A directory with nothing in it: no advice to pass an option replay does not take.
    fs.mkdirSync(path.join(dir, 'nothing-here'));
    const folder = await replayCli(path.join(dir, 'nothing-here'), '--to', r.url);
    assert.equal(folder.status, 2);
    assert.match(folder.stderr, /no payload file in .*nothing-here/);
    assert.doesNotMatch(folder.stderr, /allow-empty-input/);
    assert.equal(r.requests.length, 0);
  });
});

describe('alfred-events replay --format junit', () => {
  const XSD = fs.readFileSync(path.join(FIXTURES, 'junit', 'junit-10.xsd'), 'utf8');
  const valid = async (xml: string): Promise<void> => {
    const result = await validateXML({ xml: [{ fileName: 'replay.xml', contents: xml }], schema: [{ fileName: 'junit-10.xsd', contents: XSD }] });
    assert.ok(result.valid, result.errors.map((e) => e.rawMessage).join('\n') + '\n' + xml);
  };
  const suites = (xml: string): { name: string; tests: number; failures: number; cases: number; failed: number }[] =>
    [...xml.matchAll(/<testsuite name="([^"]*)" tests="(\d+)" failures="(\d+)"[^>]*>([\s\S]*?)<\/testsuite>/g)].map((m) => ({
      name: m[1] ?? '',
      tests: Number(m[2]),
      failures: Number(m[3]),
      cases: (m[4]?.match(/<testcase /g) ?? []).length,
      failed: (m[4]?.match(/<failure /g) ?? []).length,
    }));

  it('is valid against the schema: one testsuite per scenario, one testcase per delivery and per state check, a failure per failed one', async () => {
    const r = await counting();
    const run = await replayCli(LOG, '--to', r.url, '--state-url', stateOf(r.url), '--format', 'junit');
    assert.equal(run.status, 1);
    await valid(run.stdout);
    assert.deepEqual(suites(run.stdout), [
      { name: 'in-order', tests: 6, failures: 0, cases: 6, failed: 0 },
      { name: 'duplicates', tests: 11, failures: 1, cases: 11, failed: 1 },
      { name: 'shuffled', tests: 6, failures: 1, cases: 6, failed: 1 },
      { name: 'redelivery', tests: 6, failures: 1, cases: 6, failed: 1 },
    ]);
    assert.match(run.stdout, /<testcase name="job\.alfred\.jsonl:2 job_create_event 00000000-0000-4000-8000-000000000001 \(copy 2\)" classname="alfred-events\.replay\.duplicates" time="\d+\.\d{3}"\/>/);
    assert.match(run.stdout, /<failure message="the state differs from the one after the first in-order run, at \/count: expected 5, got 15" type="state">/);
    assert.doesNotMatch(run.stdout, /timestamp|hostname/);
  });

  it('escapes whatever a receiver answers, characters XML 1.0 cannot hold included, and names the baseline', async () => {
    const r = await receiver((req, res) => {
      if (req.method === 'GET') {
        res.end('{}');
        return;
      }
      res.statusCode = 500;
      res.end('<b>&amp; "quoted" ]]> \u0000\u0001\u001b[31m\ufffe\r\n\ttab');
    });
    // Names from the log can hold anything JSON can escape: control characters, markup, quotes.
    const odd = path.join(dir, 'odd.alfred.jsonl');
    fs.writeFileSync(odd, JSON.stringify({ event_id: 'a\u0001b\u001f\ud800', event_time: 1716580801, event: { event_name: '<&">\ttab' } }) + '\n');
    const run = await replayCli(ONE, odd, '--to', r.url, '--state-url', stateOf(r.url), '--scenario', 'redelivery', '--backoff', '1', '--format', 'junit');
    assert.equal(run.status, 1);
    await valid(run.stdout);
    assert.deepEqual(suites(run.stdout).map((s) => [s.name, s.failures]), [['in-order (baseline)', 2], ['redelivery', 2]]);
    assert.match(run.stdout, /<testcase name="odd\.alfred\.jsonl:1 &lt;&amp;&quot;&gt;&#9;tab a\ufffdb\ufffd\ufffd" /);
    assert.match(run.stdout, /attempt 4: HTTP 500 Internal Server Error: /);
    // The characters XML 1.0 does not allow (§2.2) must not be in the document, raw.
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(run.stdout, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe]/);
  });
});

describe('alfred-events replay stopped by Ctrl-C', () => {
  it('stops between requests, still writes a whole report saying it was cancelled, and exits 130', async () => {
    const { spawn } = await import('node:child_process');
    // The receiver answers the first delivery, then holds the second: the test interrupts the CLI then.
    let held = (): void => undefined;
    const second = new Promise<void>((resolve) => (held = resolve));
    const r = await receiver((_req, res) => {
      if (r.requests.length === 1) res.writeHead(200).end();
      else held();
    });
    const cli = path.join(__dirname, '..', '..', 'dist', 'cli.js');
    const child = spawn(process.execPath, [cli, 'replay', LOG, '--to', r.url, '--no-config', '--format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await second;
    child.kill('SIGINT');
    assert.equal(await exited, 130);
    const report = JSON.parse(stdout) as { cancelled: boolean; ok: boolean; requests: number; scenarios: { deliveries: { ok: boolean }[] }[] };
    assert.equal(report.cancelled, true);
    assert.equal(report.ok, false);
    // The first delivery passed; the one under way when Ctrl-C came was abandoned, and nothing was sent after it.
    assert.equal(report.scenarios[0]?.deliveries[0]?.ok, true);
    assert.equal(r.requests.length, 2);
  });
});
