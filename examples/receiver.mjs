#!/usr/bin/env node
// An example Alfred webhook receiver, to try `alfred-events send`, `handshake` and `replay` on
// (README "Delivering to your receiver"). Plain Node, no dependencies:
//
//   node examples/receiver.mjs [--port 3000] [--flaw count-duplicates|order|fail-first]
//
// POST /webhooks  answers the URL-verification handshake with the challenge, and records each
//                 event once by its event_id (a redelivery changes nothing), answering 200.
// GET  /state     the receiver's own JSON view of what it holds: per job, the events seen.
//
// --flaw makes it wrong in one of the ways replay finds:
//   count-duplicates  counts every delivery, so a redelivered event is counted twice;
//   order             answers 409 to a file event of a job whose job_start_event it has not seen;
//   fail-first        answers 500 the first time it sees each event, after recording it.
// It listens on 127.0.0.1 only.
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { port: { type: 'string', default: '3000' }, flaw: { type: 'string' } } });
const flaw = values.flaw;
if (flaw !== undefined && !['count-duplicates', 'order', 'fail-first'].includes(flaw)) {
  console.error(`unknown --flaw '${flaw}' (expected count-duplicates, order or fail-first)`);
  process.exit(2);
}

/** event_id → the event, and job_id → how many deliveries of its events were counted. */
const seen = new Map();
const counted = new Map();
const started = new Set();

function state() {
  const jobs = {};
  for (const [jobId, count] of [...counted].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const events = [...seen.values()].filter((e) => e.job_id === jobId).map((e) => e.event_name).sort();
    jobs[jobId] = { deliveries_counted: count, events };
  }
  return { events: seen.size, jobs };
}

function answer(res, status, body, type = 'application/json') {
  res.writeHead(status, { 'content-type': type });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.method === 'GET' && req.url === '/state') return answer(res, 200, state());
    if (req.method !== 'POST' || req.url !== '/webhooks') return answer(res, 404, { error: 'POST /webhooks or GET /state' });
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return answer(res, 400, { error: 'the body is not JSON' });
    }
    if (body?.type === 'url_verification') return answer(res, 200, { challenge: body.challenge });
    // The envelope carries the event's id; the inner event its name and job.
    const event = body?.event;
    if (typeof body?.event_id !== 'string' || typeof event?.event_name !== 'string') return answer(res, 400, { error: 'not an Alfred event' });
    const jobId = typeof event.job_id === 'string' ? event.job_id.toLowerCase() : '(no job)';
    if (flaw === 'order' && event.event_name.startsWith('file_') && typeof event.job_id === 'string' && !started.has(jobId)) {
      return answer(res, 409, { error: `job ${jobId} has not started` });
    }
    const id = body.event_id.toLowerCase();
    const first = !seen.has(id);
    if (first || flaw === 'count-duplicates') counted.set(jobId, (counted.get(jobId) ?? 0) + 1);
    seen.set(id, { job_id: jobId, event_name: event.event_name });
    if (event.event_name === 'job_start_event') started.add(jobId);
    if (flaw === 'fail-first' && first) return answer(res, 500, { error: 'try again' });
    return answer(res, 200, { received: body.event_id });
  });
});

server.listen(Number(values.port), '127.0.0.1', () => {
  const { port } = server.address();
  console.log(`receiver on http://127.0.0.1:${port}/webhooks, state at http://127.0.0.1:${port}/state${flaw ? ` (flaw: ${flaw})` : ''}`);
});
