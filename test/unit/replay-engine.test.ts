// The replay engine with an injected deliver and sleep: which requests it makes, in which order,
// how long it waits, and when it stops. Expected orders come from mulberry32 and Fisher–Yates as
// published (written out again below from their definitions, not taken from our module), the
// backoff from the README's 1 s, 2 s, 4 s, the spacing from the rate (1000 / rate ms).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deliverablesOf, replay, ReplayRefused, REPLAY_DEFAULTS, SCENARIOS, type Deliverable, type DeliveryOutcome, type DeliveryRequest, type ReplayOptions } from '../../src/core/index';

/** mulberry32 exactly as bryc publishes it (github.com/bryc/code, jshash/PRNGs.md). */
function publishedMulberry32(a: number): () => number {
  return function () {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Durstenfeld's Fisher–Yates (Knuth, TAOCP 3.4.2 Algorithm P): i from n−1 down to 1, swap with j = ⌊U·(i+1)⌋. */
function publishedShuffle<T>(list: T[], random: () => number): T[] {
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = a[i] as T;
    a[i] = a[j] as T;
    a[j] = t;
  }
  return a;
}

const item = (id: string, eventTime?: number, line = 1): Deliverable => ({ source: 'log.alfred.jsonl', line, body: JSON.stringify({ event_id: id }), eventId: id, eventTime });
const ok = (ms = 0): DeliveryOutcome => ({ status: 200, statusText: 'OK', headers: [], body: '', truncated: false, ms });
const status = (code: number, text: string): DeliveryOutcome => ({ status: code, statusText: text, headers: [], body: '', truncated: false, ms: 0 });

/** A fake receiver: records each request, answers with `answer`; a fake sleep records each wait. */
function fakes(answer: (req: DeliveryRequest, n: number) => DeliveryOutcome = () => ok()) {
  const requests: DeliveryRequest[] = [];
  const slept: number[] = [];
  const options = (more: Partial<ReplayOptions>): ReplayOptions => ({
    ...REPLAY_DEFAULTS,
    to: new URL('http://127.0.0.1:9/hook'),
    scenarios: SCENARIOS,
    deliver: (req) => {
      requests.push(req);
      return Promise.resolve(answer(req, requests.length));
    },
    sleep: (ms) => {
      slept.push(ms);
      return Promise.resolve();
    },
    ...more,
  });
  const sentIds = (): string[] => requests.filter((r) => r.method === 'POST').map((r) => (JSON.parse(String(r.body)) as { event_id: string }).event_id);
  return { requests, slept, options, sentIds };
}

describe('replay: the deliverables of a file', () => {
  it('takes each JSON-object line of a log with its 1-based line, its exact text, its ids and its event_time; skips the rest with a reason', () => {
    const log = [
      '\uFEFF{"event_id":"b","event_time":1716580802,"event":{"event_name":"job_start_event","job_id":"j"}}',
      '',
      '{ "event_id" : "a", "event_time": 1716580801, "event": {"event_name": "job_create_event", "job_id": "j", "file_id": "f"} }  ',
      'not json',
      '[1, 2]',
      '{"token":"t","challenge":"c","type":"url_verification"}',
    ].join('\r\n');
    const { items, skipped } = deliverablesOf(log, 'x.jsonl', 'log');
    assert.deepEqual(items, [
      { source: 'x.jsonl', line: 1, body: '{"event_id":"b","event_time":1716580802,"event":{"event_name":"job_start_event","job_id":"j"}}', eventId: 'b', eventName: 'job_start_event', jobId: 'j', eventTime: 1716580802 },
      { source: 'x.jsonl', line: 3, body: '{ "event_id" : "a", "event_time": 1716580801, "event": {"event_name": "job_create_event", "job_id": "j", "file_id": "f"} }  ', eventId: 'a', eventName: 'job_create_event', jobId: 'j', fileId: 'f', eventTime: 1716580801 },
    ]);
    assert.deepEqual(skipped.map((s) => s.line), [4, 5, 6]);
    assert.match(skipped[2]?.reason ?? '', /URL-verification/);
  });

  it('takes a payload file whole, as line 1, without its BOM', () => {
    const text = '\uFEFF{\n  "event_id": "x"\n}\n';
    assert.deepEqual(deliverablesOf(text, 'p.alfred.json', 'document').items, [{ source: 'p.alfred.json', line: 1, body: '{\n  "event_id": "x"\n}\n', eventId: 'x' }]);
  });
});

describe('replay: the order of each scenario', () => {
  const items = [item('c', 300, 1), item('none1', undefined, 2), item('a', 100, 3), item('b', 200, 4), item('a2', 100, 5), item('none2', undefined, 6), item('d', 400, 7)];
  const inOrder = ['a', 'a2', 'b', 'c', 'd', 'none1', 'none2'];

  it('in-order sorts by event_time, ties and missing times in file order, missing times last', async () => {
    const f = fakes();
    await replay(items, f.options({ scenarios: ['in-order'] }));
    assert.deepEqual(f.sentIds(), inOrder);
  });

  it('duplicates delivers each event twice in a row, copy 1 then copy 2', async () => {
    const f = fakes();
    const report = await replay(items, f.options({ scenarios: ['duplicates'] }));
    assert.deepEqual(f.sentIds(), inOrder.flatMap((id) => [id, id]));
    assert.deepEqual(report.scenarios[0]?.deliveries.slice(0, 2).map((d) => d.copy), [1, 2]);
  });

  for (const seed of [1, 2, 42, 4294967295]) {
    it(`shuffled with --seed ${seed} is mulberry32(seed) driving Fisher–Yates over the in-order list`, async () => {
      const f = fakes();
      await replay(items, f.options({ scenarios: ['shuffled'], seed }));
      assert.deepEqual(f.sentIds(), publishedShuffle(inOrder, publishedMulberry32(seed)));
    });
  }

  it('the same seed gives the same order, another seed another one', async () => {
    const runs = await Promise.all([1, 1, 2].map(async (seed) => {
      const f = fakes();
      await replay(items, f.options({ scenarios: ['shuffled'], seed }));
      return f.sentIds().join(' ');
    }));
    assert.equal(runs[0], runs[1]);
    assert.notEqual(runs[0], runs[2]);
  });

  it('every delivery is a POST of the item\'s exact body to the receiver, with the timeout', async () => {
    const f = fakes();
    await replay([item('a', 1)], f.options({ scenarios: ['in-order'], timeoutMs: 1234 }));
    assert.equal(f.requests.length, 1);
    assert.equal(f.requests[0]?.method, 'POST');
    assert.equal(f.requests[0]?.url.href, 'http://127.0.0.1:9/hook');
    assert.equal(f.requests[0]?.body, '{"event_id":"a"}');
    assert.equal(f.requests[0]?.timeoutMs, 1234);
  });
});

describe('replay: redelivery, rate and cap', () => {
  it('redelivers a failed event after 1000, 2000 and 4000 ms, then gives up naming the last answer', async () => {
    const f = fakes(() => status(500, 'Internal Server Error'));
    const report = await replay([item('a', 1)], f.options({ scenarios: ['redelivery'] }));
    assert.equal(f.requests.length, 4);
    assert.deepEqual(f.slept, [1000, 2000, 4000]);
    const d = report.scenarios[0]?.deliveries[0];
    assert.equal(d?.ok, false);
    assert.equal(d?.attempts.length, 4);
    assert.equal(d?.failure, 'HTTP 500 Internal Server Error (4 attempts)');
    assert.equal(report.ok, false);
  });

  it('passes when a redelivery gets a 2xx, and only redelivery retries', async () => {
    const seen = new Set<string>();
    const firstFails = (req: DeliveryRequest): DeliveryOutcome => {
      const id = String(req.body);
      if (seen.has(id)) return ok();
      seen.add(id);
      return status(503, 'Service Unavailable');
    };
    const r = fakes(firstFails);
    const redelivery = await replay([item('a', 1), item('b', 2)], r.options({ scenarios: ['redelivery'], backoffMs: 7 }));
    assert.equal(redelivery.ok, true);
    // A backoff of 7 ms is shorter than the rate's 10 ms: the rate still holds (7 + 3), and the
    // second event waits its 10 ms after the first event's last attempt.
    assert.deepEqual(r.slept, [7, 3, 10, 7, 3]);
    assert.deepEqual(redelivery.scenarios[0]?.deliveries.map((d) => d.attempts.length), [2, 2]);
    seen.clear();
    const o = fakes(firstFails);
    const inOrder = await replay([item('a', 1), item('b', 2)], o.options({ scenarios: ['in-order'] }));
    assert.equal(inOrder.ok, false);
    assert.equal(o.requests.length, 2);
    assert.equal(inOrder.scenarios[0]?.deliveries[0]?.failure, 'HTTP 503 Service Unavailable');
  });

  it('spaces requests 1000 / rate ms apart, start to start, less the time the last one took', async () => {
    const f = fakes();
    await replay([item('a', 1), item('b', 2), item('c', 3)], f.options({ scenarios: ['in-order'], ratePerSecond: 4 }));
    assert.deepEqual(f.slept, [250, 250]);
    const g = fakes(() => ok(100));
    await replay([item('a', 1), item('b', 2), item('c', 3)], g.options({ scenarios: ['in-order'], ratePerSecond: 4 }));
    assert.deepEqual(g.slept, [150, 150]);
  });

  it('refuses a plan over the cap before sending anything, counting state reads', async () => {
    const f = fakes();
    const items = [item('a', 1), item('b', 2)];
    // in-order 2 + duplicates 4 + shuffled 2 + redelivery 2 = 10 deliveries, + 4 state reads.
    await assert.rejects(replay(items, f.options({ maxRequests: 13, stateUrl: new URL('http://127.0.0.1:9/state') })), (err: unknown) => {
      assert.ok(err instanceof ReplayRefused);
      assert.equal(err.message, 'this replay needs 14 requests, more than the cap of 13 per run; nothing was sent');
      return true;
    });
    assert.equal(f.requests.length, 0);
    const g = fakes(() => (g.requests.at(-1)?.method === 'GET' ? { ...ok(), body: '{}' } : ok()));
    assert.equal((await replay(items, g.options({ maxRequests: 14, stateUrl: new URL('http://127.0.0.1:9/state') }))).requests, 14);
  });

  it('stops mid-run when retries reach the cap, marking what is left as not sent', async () => {
    const f = fakes(() => status(500, 'Internal Server Error'));
    const report = await replay([item('a', 1), item('b', 2), item('c', 3)], f.options({ scenarios: ['redelivery'], maxRequests: 5 }));
    assert.equal(f.requests.length, 5);
    assert.equal(report.requests, 5);
    const ds = report.scenarios[0]?.deliveries ?? [];
    assert.deepEqual(ds.map((d) => d.attempts.length), [4, 1, 0]);
    assert.equal(ds[1]?.failure, 'HTTP 500 Internal Server Error; not retried: the cap of 5 requests per run was reached');
    assert.equal(ds[2]?.failure, 'not sent: the cap of 5 requests per run was reached');
    assert.equal(report.scenarios[0]?.stopped, 'stopped: the cap of 5 requests per run was reached');
    assert.equal(report.ok, false);
  });

  it('a cancel stops before the next request and the report says so', async () => {
    const controller = new AbortController();
    const f = fakes((_req, n) => {
      if (n === 2) controller.abort();
      return ok();
    });
    const seen: string[] = [];
    const report = await replay([item('a', 1), item('b', 2), item('c', 3)], f.options({ signal: controller.signal, onScenario: (s) => seen.push(s.scenario) }));
    assert.equal(f.requests.length, 2);
    assert.equal(report.cancelled, true);
    assert.equal(report.ok, false);
    assert.deepEqual(seen, ['in-order']);
    assert.equal(report.scenarios[0]?.stopped, 'cancelled');
    assert.equal(report.scenarios[0]?.deliveries.length, 2);
  });
});

describe('replay: the state check', () => {
  const stateUrl = new URL('http://127.0.0.1:9/state');
  const json = (value: unknown): DeliveryOutcome => ({ ...ok(), body: JSON.stringify(value) });

  it('puts an in-order baseline first when the scenarios do not start with it, and names the first differing pointer', async () => {
    let count = 0;
    const f = fakes((req) => {
      if (req.method === 'GET') return json({ name: 'r', count });
      count++;
      return ok();
    });
    const report = await replay([item('a', 1)], f.options({ scenarios: ['duplicates'], stateUrl }));
    assert.deepEqual(report.scenarios.map((s) => [s.scenario, s.baseline, s.ok]), [['in-order', true, true], ['duplicates', false, false]]);
    assert.deepEqual(f.requests.map((r) => r.method), ['POST', 'GET', 'POST', 'POST', 'GET']);
    const state = report.scenarios[1]?.state;
    assert.equal(state?.pointer, '/count');
    assert.equal(state?.expected, 1);
    assert.equal(state?.actual, 3);
  });

  it('fails the check, saying why, when the state is not JSON or not a 2xx', async () => {
    const notJson = fakes((req) => (req.method === 'GET' ? { ...ok(), body: '<html>' } : ok()));
    const a = await replay([item('a', 1)], notJson.options({ scenarios: ['in-order'], stateUrl }));
    assert.match(a.scenarios[0]?.state?.message ?? '', /not JSON/);
    assert.equal(a.ok, false);
    const missing = fakes((req) => (req.method === 'GET' ? status(404, 'Not Found') : ok()));
    const b = await replay([item('a', 1)], missing.options({ scenarios: ['in-order', 'shuffled'], stateUrl }));
    assert.match(b.scenarios[0]?.state?.message ?? '', /HTTP 404 Not Found/);
    assert.match(b.scenarios[1]?.state?.message ?? '', /no reference state/);
  });
});
