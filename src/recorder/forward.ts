/**
 * Passing a delivery on to the user's own receiver (README "Recording deliveries", `--forward-to`),
 * as a proxy does (RFC 9110 §7.6): the method, the body's exact bytes and the end-to-end headers
 * go on; the receiver's status, headers and body come back. Redirects are not followed (the
 * sender gets the 3xx, as it would from the receiver itself), so nothing goes anywhere but the
 * URL the user named.
 */
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

/** The token this recorder adds to Via (RFC 9110 §7.6.3), by which it knows a request it sent itself. */
export const VIA_TOKEN = 'alfred-events-record';

// Hop-by-hop fields (RFC 9110 §7.6.1) are the connection's, not the message's. Host and the
// length are the new connection's own; Expect is answered by the recorder itself.
const HOP_BY_HOP = new Set(['connection', 'proxy-connection', 'keep-alive', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'content-length', 'expect']);
// fetch decodes a compressed answer: its encoding and length no longer describe the body passed back.
const NOT_PASSED_BACK = new Set([...HOP_BY_HOP, 'content-encoding']);

/**
 * Sends `request` to `to` and resolves to the receiver's answer, or to why there was none
 * (refused, reset, no answer within `timeoutMs` milliseconds, an answer over MAX_BODY bytes).
 * Never rejects.
 */
export async function forward(to: URL, request: Incoming, timeoutMs: number): Promise<Answer | NoAnswer> {
  const headers = new Headers();
  const listed = connectionTokens(request.rawHeaders);
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i]!.toLowerCase();
    if (HOP_BY_HOP.has(name) || listed.has(name)) continue;
    try {
      headers.append(name, request.rawHeaders[i + 1]!);
    } catch {
      // A value fetch will not send (Node's parser took it): the receiver does without it.
    }
  }
  const via = headers.get('via');
  headers.set('via', via ? `${via}, 1.1 ${VIA_TOKEN}` : `1.1 ${VIA_TOKEN}`);
  const bodyless = request.method === 'GET' || request.method === 'HEAD';
  try {
    const response = await fetch(to, {
      method: request.method,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      ...(bodyless ? {} : { body: request.body }),
    });
    const body = await readCapped(response);
    if (body === undefined) return { status: 502, error: `the receiver at ${to.href} answered HTTP ${response.status} with a body over ${MAX_BODY / 1024 / 1024} MiB, not passed on` };
    const passed = [...response.headers].filter(([name]) => !NOT_PASSED_BACK.has(name));
    return { status: response.status, statusText: response.statusText, headers: passed, body };
  } catch (err) {
    return failure(err, to, timeoutMs);
  }
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

/** The whole body, or undefined once it passes MAX_BODY (the rest is not read). */
async function readCapped(response: Response): Promise<Uint8Array | undefined> {
  if (!response.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_BODY) {
      await response.body.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function failure(err: unknown, to: URL, timeoutMs: number): NoAnswer {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return { status: 504, error: `the receiver at ${to.href} did not answer within ${timeoutMs} ms` };
  const code = e.cause?.code;
  if (code === 'ECONNREFUSED') return { status: 502, error: `the receiver at ${to.href} refused the connection: is it running on that port?` };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return { status: 502, error: `the receiver at ${to.href} closed the connection without an answer` };
  return { status: 502, error: `no answer from the receiver at ${to.href}: ${(e.cause?.message ?? e.message ?? String(err)).split('\n')[0]}` };
}
