// Real HTTP receivers for the delivery tests: each listens on 127.0.0.1 on an ephemeral port,
// records every request it gets, and is closed when the test file ends (or by `close`).
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after } from 'node:test';

/** One request as the receiver got it: the body as raw bytes, to compare with what was meant to be sent. */
export interface Received {
  method: string;
  /** The request target (path and query). */
  url: string;
  headers: http.IncomingHttpHeaders;
  /** The header lines as they came (names as written), in order. */
  rawHeaders: string[];
  body: Buffer;
}

export interface Receiver {
  /** `http://127.0.0.1:PORT/alfred`. */
  url: string;
  /** Every request, in the order their bodies ended, before `answer` saw each. */
  requests: Received[];
  /** Drops open connections (a receiver that never answers holds some) and stops listening: the port is then down. */
  close: () => Promise<void>;
}

const open = new Set<http.Server>();
after(() => Promise.all([...open].map(stop)));

/** Starts a receiver; `answer` decides what it says (or, by never ending `res`, that it says nothing). */
export async function receiver(answer: (request: Received, res: http.ServerResponse) => void): Promise<Receiver> {
  const requests: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, rawHeaders: req.rawHeaders, body: Buffer.concat(chunks) };
      requests.push(request);
      answer(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.add(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alfred`, requests, close: () => stop(server) };
}

function stop(server: http.Server): Promise<void> {
  open.delete(server);
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
