/**
 * Passing a delivery on to the user's own receiver (README "Recording deliveries", `--forward-to`),
 * as a proxy does (RFC 9110 §7.6): the method, the body's exact bytes and the end-to-end headers
 * go on; the receiver's status, headers and body come back. Redirects are not followed (the
 * sender gets the 3xx, as it would from the receiver itself), so nothing goes anywhere but the
 * URL the user named.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { MAX_BODY } from './limits';

/** The request as the recorder got it: method, raw header pairs (Node's rawHeaders), body. */
export interface Incoming {
  method: string;
  rawHeaders: readonly string[];
  body: Uint8Array;
}

/** The receiver's answer: to be returned to the sender as it is. */
export interface Answer {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: Uint8Array;
}

/** No answer: the status the sender gets (502, or 504 for a timeout) and why, in one sentence. */
export interface NoAnswer {
  status: 502 | 504;
  error: string;
}

/**
 * A received-by pseudonym for Via (RFC 9110 §7.6.3), unique to one recorder: recorders in a
 * chain (A → B → receiver) each add their own, and each knows a loop only by its own.
 */
export function viaToken(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(4));
  return `alfred-events-record-${Buffer.from(bytes).toString('hex')}`;
}

/** Whether a Via field value (RFC 9110 §7.6.3: `1.1 name, HTTP/1.1 other (comment)`) holds `token` as a received-by. */
export function viaHas(via: string | undefined, token: string): boolean {
  if (via === undefined) return false;
  return via.split(',').some((entry) => entry.trim().split(/[ \t]+/)[1] === token);
}

// Hop-by-hop fields (RFC 9110 §7.6.1) are the connection's, not the message's. Host and the
// length are the new connection's own; Expect is answered by the recorder itself.
const HOP_BY_HOP = new Set(['connection', 'proxy-connection', 'keep-alive', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'content-length', 'expect']);

/**
 * Sends `request` to `to` with node:http(s) (not fetch, which adds headers of its own and decodes
 * a compressed answer): exactly the sender's end-to-end headers, a Via naming `via` added, the
 * body's bytes. Resolves to the receiver's answer, its body as bytes as they came, less its
 * hop-by-hop headers; or to why there was none (refused, reset, no whole answer within
 * `timeoutMs` milliseconds, an answer over MAX_BODY bytes). Never rejects.
 */
export function forward(to: URL, request: Incoming, timeoutMs: number, via: string): Promise<Answer | NoAnswer> {
  // Host first, as clients write it; a Via line of its own after the sender's (field lines combine in order, RFC 9110 §5.3).
  const headers: [string, string][] = [['host', to.host], ...endToEnd(request.rawHeaders), ['via', `1.1 ${via}`]];
  const framed = request.rawHeaders.some((h, i) => i % 2 === 0 && /^(content-length|transfer-encoding)$/i.test(h));
  // A length whenever the request may have a body, so Node does not add a chunked encoding of its own.
  const withBody = framed || request.body.length > 0 || !/^(GET|HEAD)$/.test(request.method);
  if (withBody) headers.push(['content-length', String(request.body.length)]);
  const send = to.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: Answer | NoAnswer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      settle({ status: 504, error: `the receiver at ${to.href} did not answer within ${timeoutMs} ms` });
      req.destroy();
    }, timeoutMs);
    let req: http.ClientRequest;
    try {
      req = send(to, { method: request.method, headers: headers.flat(), agent: false, setHost: false }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY) {
            settle({ status: 502, error: `the receiver at ${to.href} answered HTTP ${res.statusCode} with a body over ${MAX_BODY / 1024 / 1024} MiB, not passed on` });
            res.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => settle({ status: res.statusCode ?? 502, statusText: res.statusMessage ?? '', headers: endToEnd(res.rawHeaders, true), body: Buffer.concat(chunks) }));
        res.on('error', (err) => settle(failure(err, to)));
        res.on('close', () => {
          if (!res.complete) settle({ status: 502, error: `the receiver at ${to.href} closed the connection before the end of its answer` });
        });
      });
    } catch (err) {
      // A header value Node will not send (its parser took it from the sender).
      settle({ status: 502, error: `not passed on to ${to.href}: ${(err as Error).message.split('\n')[0]}` });
      return;
    }
    req.on('error', (err) => settle(failure(err, to)));
    req.end(withBody ? request.body : undefined);
  });
}

/** The end-to-end header pairs of raw headers: not hop-by-hop, not named by Connection (RFC 9110 §7.6.1). Names lowercased for an answer. */
function endToEnd(rawHeaders: readonly string[], lower = false): [string, string][] {
  const listed = connectionTokens(rawHeaders);
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    if (HOP_BY_HOP.has(name.toLowerCase()) || listed.has(name.toLowerCase())) continue;
    out.push([lower ? name.toLowerCase() : name, rawHeaders[i + 1]!]);
  }
  return out;
}

/** The names a Connection field lists: hop-by-hop too (RFC 9110 §7.6.1). */
function connectionTokens(rawHeaders: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() !== 'connection') continue;
    for (const token of rawHeaders[i + 1]!.split(',')) names.add(token.trim().toLowerCase());
  }
  return names;
}

function failure(err: unknown, to: URL): NoAnswer {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ECONNREFUSED') return { status: 502, error: `the receiver at ${to.href} refused the connection: is it running on that port?` };
  if (e.code === 'ECONNRESET' || e.code === 'EPIPE') return { status: 502, error: `the receiver at ${to.href} closed the connection without an answer` };
  return { status: 502, error: `no answer from the receiver at ${to.href}: ${(e.message ?? String(err)).split('\n')[0]}` };
}
