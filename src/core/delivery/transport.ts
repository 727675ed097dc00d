import { t } from '../l10n';
/**
 * One HTTP request to the user's receiver (README "Delivering to your receiver"), made the same
 * way by every door: the CLI in Node, the extension host, and VS Code for the Web in the browser.
 * It uses the platform's own `fetch` (WHATWG Fetch, in Node since 18), follows no redirect, so
 * nothing goes anywhere but the URL the user named, and reads at most `MAX_BODY_BYTES` of the answer.
 */

/** What is sent: a POST of `body` as `application/json` (or a GET, for a receiver's state). */
export interface DeliveryRequest {
  url: URL;
  method: 'POST' | 'GET';
  /** The exact bytes to send (a string is sent as UTF-8). Ignored for GET. */
  body?: string | Uint8Array;
  /** Milliseconds the receiver may take to answer, headers and body both. */
  timeoutMs: number;
  /** Cancels the request (the user pressed Cancel); the result is then a failure of kind `cancelled`. */
  signal?: AbortSignal;
}

/** The receiver answered. */
export interface DeliveryResponse {
  status: number;
  statusText: string;
  /** The response headers as received, names in lower case (the Fetch standard's order: sorted). */
  headers: [string, string][];
  /** The body decoded as UTF-8, at most `MAX_BODY_BYTES` of it. */
  body: string;
  /** Whether the body was longer than what `body` holds. */
  truncated: boolean;
  /** Milliseconds from sending to the end of the body (performance.now, monotonic). */
  ms: number;
}

/** No answer came: why, as a kind for programs and one sentence for people. */
export interface DeliveryFailure {
  failure: 'timeout' | 'refused' | 'reset' | 'redirect' | 'cancelled' | 'network';
  message: string;
  ms: number;
}

export type DeliveryOutcome = DeliveryResponse | DeliveryFailure;

/**
 * How long a receiver may take to answer one request, in milliseconds, unless the user says
 * otherwise (the CLI's `--timeout` default; the editor's every request). README "Delivering to your receiver".
 */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The most of a response body kept (bytes): enough to show and to judge a state, never a whole download. */
export const MAX_BODY_BYTES = 1 << 20;

/** A stand-in for `fetch` (tests and the browser pass their own); the platform's by default. */
export type Fetch = (url: URL, init: RequestInit) => Promise<Response>;

/** Whether an outcome is an answer (any status) rather than a failure to get one. */
export function answered(outcome: DeliveryOutcome): outcome is DeliveryResponse {
  return !('failure' in outcome);
}

/**
 * Sends `request` and resolves to the answer or to why there was none; never rejects. A redirect
 * (3xx, or the browser's opaque redirect) is reported as a failure of kind `redirect` naming the
 * Location, not followed. `fetchImpl` defaults to the global `fetch`.
 */
export async function deliver(request: DeliveryRequest, fetchImpl: Fetch = (url, init) => fetch(url, init)): Promise<DeliveryOutcome> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? anySignal([request.signal, timeout]) : timeout;
  let status: number | undefined;
  try {
    const init: RequestInit = { method: request.method, redirect: 'manual', signal };
    if (request.method === 'POST') {
      init.headers = { 'content-type': 'application/json' };
      init.body = request.body ?? '';
    }
    const response = await fetchImpl(request.url, init);
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400 && response.headers.has('location'))) {
      await response.body?.cancel().catch(() => undefined);
      // A browser hides a manual redirect behind status 0 and no headers (WHATWG Fetch "opaque-redirect filtered response").
      const location = response.headers.get('location');
      const where = response.type === 'opaqueredirect' ? t('the browser does not say where') : location ? t('HTTP {0} to {1}', response.status, location) : `HTTP ${response.status}`;
      return { failure: 'redirect', message: t('the receiver redirected ({0}); redirects are not followed: name the final URL', where), ms: elapsed() };
    }
    status = response.status;
    const { text, truncated } = await readCapped(response);
    return { status: response.status, statusText: response.statusText, headers: [...response.headers], body: text, truncated, ms: elapsed() };
  } catch (err) {
    if (request.signal?.aborted) return { failure: 'cancelled', message: t('cancelled'), ms: elapsed() };
    const failure = describeFailure(err, request.timeoutMs, timeout.aborted);
    // The status came but the body did not: say so, rather than "no answer".
    if (status !== undefined) failure.message = failure.failure === 'timeout'
      ? t('the receiver answered HTTP {0}, but its body did not end within {1} ms', status, request.timeoutMs)
      : failure.failure === 'reset'
        ? t('the receiver answered HTTP {0}, but closed the connection before the end of its body', status)
        : t('the receiver answered HTTP {0}, but its body could not be read ({1})', status, failure.message);
    return { ...failure, ms: elapsed() };
  }
}

/**
 * Reads at most MAX_BODY_BYTES of the body, then stops reading (the rest is never downloaded).
 * Decoded with the Content-Type's charset when the Encoding standard knows its label
 * (`iso-8859-1`, `windows-1252`, `utf-16le`…), else as UTF-8 (RFC 8259 §8.1 for JSON).
 */
async function readCapped(response: Response): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false };
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = decoderFor(response.headers.get('content-type'));
  let text = '';
  let kept = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = MAX_BODY_BYTES - kept;
    if (value.byteLength > room) {
      text += decoder.decode(value.subarray(0, room));
      await reader.cancel().catch(() => undefined);
      return { text, truncated: true };
    }
    kept += value.byteLength;
    text += decoder.decode(value, { stream: true });
  }
  return { text: text + decoder.decode(), truncated: false };
}

function decoderFor(contentType: string | null): InstanceType<typeof TextDecoder> {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  if (charset) {
    try {
      return new TextDecoder(charset);
    } catch {
      // A label the Encoding standard does not know: read as UTF-8, as if none were given.
    }
  }
  return new TextDecoder();
}

/** Why no answer came, in words: too slow, refused, reset, or what the platform says. */
function describeFailure(err: unknown, timeoutMs: number, timedOut: boolean): Omit<DeliveryFailure, 'ms'> {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (timedOut || e.name === 'TimeoutError') return { failure: 'timeout', message: t('no answer within {0} ms', timeoutMs) };
  const code = e.cause?.code;
  if (code === 'ECONNREFUSED') return { failure: 'refused', message: t('the connection was refused: is the receiver running on that port?') };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return { failure: 'reset', message: t('the receiver closed the connection without an answer') };
  if (code === 'UND_ERR_HEADERS_OVERFLOW') return { failure: 'network', message: t("the receiver's response headers are larger than Node accepts (16 KB)") };
  return { failure: 'network', message: t('no answer: {0}', e.cause?.message ?? e.message ?? String(err)) };
}

/** AbortSignal.any where the platform has it (Node 20.3+, current browsers), else a small equivalent. */
function anySignal(signals: AbortSignal[]): AbortSignal {
  const any = (AbortSignal as { any?: (s: AbortSignal[]) => AbortSignal }).any;
  if (any) return any(signals);
  const controller = new AbortController();
  for (const s of signals) {
    if (s.aborted) controller.abort(s.reason);
    else s.addEventListener('abort', () => controller.abort(s.reason), { once: true });
  }
  return controller.signal;
}
