/**
 * The recorder (issue 16, README "Recording deliveries"): a local HTTP receiver that answers
 * Alfred's URL-verification handshake, appends every delivered event to a log as one line, files
 * everything else in a sidecar, and may pass each request on to the user's own receiver. Node
 * only (node:http, node:fs): the CLI's `record` and the desktop extension host use it, never the
 * web build.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { DEFAULT_TIMEOUT_MS, deliveryTarget, t, validate, valueAt, type RuleSetting } from '../core/index';
import { hostIsLoopback, hostPort } from './address';
import { bodyField, fileBody, sidecarHeaders } from './body';
import { forward, viaHas, viaToken, type Answer, type NoAnswer } from './forward';
import { MAX_BODY, STOP_GRACE_MS } from './limits';
import { checkFiles, closeFiles, openFiles, type Files } from './files';

export interface RecorderOptions {
  /** The address to listen on, e.g. `127.0.0.1`; one that is not loopback is refused unless `allowRemote`. */
  host: string;
  /** The port; 0 for any free one (the real one is in `Recorder.url`). */
  port: number;
  /** The log (a path; made absolute against the working directory). Appended to, created if missing. */
  out: string;
  /** The sidecar file; default `out` + `.sidecar.jsonl`. */
  sidecar?: string;
  /** The user's receiver to pass every request on to; checked as deliveryTarget checks a receiver. */
  forwardTo?: URL;
  /** Allows a listen address and a forward URL that are not this machine. */
  allowRemote?: boolean;
  /** Milliseconds the receiver may take to answer a forwarded request (default 10000). */
  forwardTimeoutMs?: number;
  /** The rules events are validated under (the team configuration's); default the rule table's. */
  rules?: Readonly<Record<string, RuleSetting | undefined>>;
}

/** One HTTP request answered. */
export interface Delivery {
  /** When it arrived: RFC 3339, UTC, with milliseconds. */
  time: string;
  /** `event`: a JSON object that went to the log; `handshake`: a URL verification; `other`: anything else (the sidecar). */
  kind: 'event' | 'handshake' | 'other';
  /** The request's method and target (path and query), as sent. */
  method: string;
  path: string;
  eventName?: string;
  jobId?: string;
  fileId?: string;
  /** The log line it was written to, from 1 (events only). */
  line?: number;
  /** Errors and warnings the validator reports on the event (0 for anything else). */
  findings: number;
  /** Why it is `other` (`not JSON`, `a JSON array, not an object`, `over 10 MiB`…). */
  reason?: string;
  /** The HTTP status the sender was answered. */
  status: number;
  /** With `forwardTo`: the receiver's status, or why it gave none. */
  forwarded?: { status?: number; error?: string };
}

export interface Recorder {
  /** Where it listens, with the real port: `http://127.0.0.1:PORT/`. */
  readonly url: URL;
  /** Events written to the log since it started. */
  readonly count: number;
  /** The log and sidecar files (absolute). */
  readonly out: string;
  readonly sidecar: string;
  /** Calls `listener` after each answered request. */
  onDelivery(listener: (d: Delivery) => void): { dispose(): void };
  /** Stops accepting, waits for requests in flight (up to STOP_GRACE_MS), closes the files. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts a recorder. Rejects with a one-line Error when the address is refused (not loopback
 * without `allowRemote`) or taken, the forward URL is refused, or a file cannot be written. It
 * listens before it creates the log, sidecar or lock, so a start that fails leaves none of them.
 */
export async function startRecorder(options: RecorderOptions): Promise<Recorder> {
  const loopback = hostIsLoopback(options.host);
  if (loopback === undefined) throw new Error(t("'{0}' is not a host name or address to listen on", options.host));
  if (!loopback && !options.allowRemote) {
    throw new Error(t('{0} is not a loopback address (127.0.0.0/8, ::1, localhost): allow remote addresses (--allow-remote) to listen where other machines can reach it', options.host));
  }
  if (!(Number.isInteger(options.port) && options.port >= 0 && options.port <= 65535)) throw new Error(t('port {0} is not a port from 0 to 65535', options.port));
  if (options.forwardTo) {
    const target = deliveryTarget(options.forwardTo.href, options.allowRemote === true);
    if ('error' in target) throw new Error(t('the forward URL: {0}', target.error));
    if (options.forwardTo.port === '0') throw new Error(t("the forward URL {0}: port 0 is no port to send to; name your receiver's port", options.forwardTo.href));
  }
  const out = path.resolve(options.out);
  const sidecar = path.resolve(options.sidecar ?? `${options.out}.sidecar.jsonl`);
  if (sidecar === out) throw new Error(t('the sidecar cannot be the log itself ({0})', out));
  // Nothing is created before the address is ours: a port in use leaves no empty log, sidecar or lock behind.
  checkFiles(out, sidecar);
  const server = http.createServer({ requestTimeout: 60_000 });
  await listen(server, options.host, options.port);
  const close = (): Promise<void> => new Promise((resolve) => server.close(() => resolve()));
  const port = (server.address() as AddressInfo).port;
  if (options.forwardTo && forwardsToItself(options.forwardTo, options.host, port)) {
    await close();
    throw new Error(t("the forward URL {0} is the recorder's own address: name your receiver's", options.forwardTo.href));
  }
  let files: Files;
  try {
    files = openFiles(out, sidecar);
  } catch (err) {
    await close();
    throw err;
  }
  return new Running(server, new URL(`http://${hostPort(options.host, port)}/`), out, sidecar, files, options);
}

function listen(server: http.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (err: NodeJS.ErrnoException): void => reject(new Error(listenError(err, host, port)));
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
}

function listenError(err: NodeJS.ErrnoException, host: string, port: number): string {
  const where = hostPort(host, port);
  switch (err.code) {
    case 'EADDRINUSE':
      return t('{0} is in use by another program: choose another port, or port 0 for any free one', where);
    case 'EACCES':
      return t('cannot listen on {0}: permission denied (ports below 1024 need privileges)', where);
    case 'EADDRNOTAVAIL':
      return t('cannot listen on {0}: {1} is not an address of this machine', where, host);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return t('cannot listen on {0}: the host name {1} is not known', where, host);
    default:
      return t('cannot listen on {0}: {1}', where, err.message.split('\n')[0]);
  }
}

/**
 * Whether `to` is this recorder: plain http, the same port, and the address it listens on (as
 * the URL standard writes it: `127.1` is 127.0.0.1). `localhost` is taken for 127.0.0.1 and
 * ::1 only on that side's own account, and listening on every address (0.0.0.0, ::) takes in
 * the loopback ones; another loopback address (127.0.0.2) is another listener.
 */
function forwardsToItself(to: URL, host: string, port: number): boolean {
  const toPort = to.port !== '' ? Number(to.port) : 80;
  if (to.protocol !== 'http:' || toPort !== port) return false;
  const listening = urlHost(host);
  const target = to.hostname;
  const names = (h: string): string[] => (h === 'localhost' ? ['127.0.0.1', '[::1]', 'localhost'] : [h]);
  if (names(listening).some((n) => names(target).includes(n))) return true;
  if (listening === '0.0.0.0') return /^127\./.test(target) || target === 'localhost';
  if (listening === '[::]') return hostIsLoopback(target.replace(/^\[|\]$/g, '')) === true;
  return false;
}

/** A host as the URL standard writes it (lower case, IPv4 in dotted decimal, IPv6 in brackets). */
function urlHost(host: string): string {
  try {
    return new URL(`http://${host.includes(':') ? `[${host}]` : host}/`).hostname;
  } catch {
    return host;
  }
}

/** What the sender is answered. */
interface Reply {
  status: number;
  statusText?: string;
  headers: [string, string][];
  body: Uint8Array;
}

const text = (status: number, body: string, ...headers: [string, string][]): Reply => ({
  status,
  headers: [['content-type', 'text/plain; charset=utf-8'], ...headers],
  body: Buffer.from(body.endsWith('\n') ? body : `${body}\n`),
});

class Running implements Recorder {
  count = 0;
  /** This recorder's received-by in Via: it answers 508 only to a request that already passed through it. */
  private readonly via = viaToken();
  private readonly listeners = new Set<(d: Delivery) => void>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly server: http.Server,
    readonly url: URL,
    readonly out: string,
    readonly sidecar: string,
    private readonly files: Files,
    private readonly options: RecorderOptions,
  ) {
    // Expect: 100-continue (RFC 9110 §10.1.1): a body declared over MAX_BODY is refused (413) before it is sent.
    server.on('checkContinue', (req: http.IncomingMessage, res: http.ServerResponse) => {
      if (!(Number(req.headers['content-length']) > MAX_BODY)) res.writeContinue();
      server.emit('request', req, res);
    });
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      const handled: Promise<void> = this.handle(req, res)
        .catch((err: unknown) => {
          if (!res.headersSent) this.reply(res, text(500, `alfred-events record: ${err instanceof Error ? err.message : String(err)}`));
          else res.destroy();
        })
        .finally(() => this.inFlight.delete(handled));
      this.inFlight.add(handled);
    });
  }

  onDelivery(listener: (d: Delivery) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  stop(): Promise<void> {
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  private async shutDown(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const deadline = Date.now() + STOP_GRACE_MS;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_GRACE_MS)));
    // Requests that arrive on open connections meanwhile are in flight too (each answer closes its connection).
    while (this.inFlight.size > 0 && Date.now() < deadline) await Promise.race([Promise.allSettled([...this.inFlight]), grace]);
    clearTimeout(timer);
    this.server.closeAllConnections();
    await closed;
    closeFiles(this.files);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const time = new Date().toISOString();
    const method = req.method ?? '';
    const target = req.url ?? '';
    const base = { time, method, path: target };
    // What every sidecar entry of this request starts with: when, what, and the headers it came with.
    const request = { ...base, headers: sidecarHeaders(req.headers) };
    if (viaHas(req.headers.via, this.via)) {
      req.resume();
      const reply = text(508, 'alfred-events record: this request came from this recorder (Via): --forward-to points back at it');
      this.sidecarEntry({ ...request, answer: answerField(reply) });
      return this.answer(res, reply, { ...base, kind: 'other', findings: 0, reason: 'a loop', status: 508 });
    }
    const read = await readBody(req);
    if (read === 'aborted') return;
    if (read === 'too large') {
      const reply = text(413, `alfred-events record: the body is over ${MAX_BODY / 1024 / 1024} MiB; not recorded`, ['connection', 'close']);
      this.sidecarEntry({ ...request, bodyOmitted: `over ${MAX_BODY} bytes`, answer: answerField(reply) });
      return this.answer(res, reply, { ...base, kind: 'other', findings: 0, reason: `over ${MAX_BODY / 1024 / 1024} MiB`, status: 413 });
    }
    const encoding = contentCoding(req.headers['content-encoding']);
    const filed: Filed = method !== 'POST'
      ? { kind: 'other', reason: `${/^[AEIOU]/i.test(method) ? 'an' : 'a'} ${method} request` }
      : encoding !== undefined ? { kind: 'other', reason: `encoded (Content-Encoding: ${encoding})`, encoded: true } : fileBody(read);
    const delivery: Delivery = { ...base, kind: filed.kind, findings: 0, status: 0 };
    let line: number | undefined;
    if (filed.kind === 'event') {
      const inner = (key: string): string | undefined => {
        const v = valueAt(filed.value, ['event', key]);
        return typeof v === 'string' ? v : undefined;
      };
      delivery.eventName = inner('event_name');
      delivery.jobId = inner('job_id');
      delivery.fileId = inner('file_id');
      try {
        line = this.files.log.append(Buffer.from(filed.line));
      } catch (err) {
        const reply = text(500, `alfred-events record: the event was not recorded: ${this.out}: ${(err as Error).message}`);
        return this.answer(res, reply, { ...delivery, reason: 'not recorded', status: 500 });
      }
      this.count++;
      delivery.line = line;
      delivery.findings = validate(filed.line, { mode: 'document', rules: this.options.rules }).filter((d) => d.severity === 'error' || d.severity === 'warning').length;
    } else if (filed.kind === 'other') {
      delivery.reason = filed.reason;
    }

    let reply: Reply;
    if (this.options.forwardTo) {
      const outcome = await forward(this.options.forwardTo, { method, rawHeaders: req.rawHeaders, body: read }, this.options.forwardTimeoutMs ?? DEFAULT_TIMEOUT_MS, this.via);
      reply = isAnswer(outcome) ? outcome : text(outcome.status, `alfred-events record: ${outcome.error}${line === undefined ? '' : `; the event was recorded (line ${line} of ${path.basename(this.out)})`}`);
      delivery.forwarded = isAnswer(outcome) ? { status: outcome.status } : { error: outcome.error };
      this.sidecarEntry({
        ...request, ...(line === undefined ? bodyField(read) : { line }),
        forwardedTo: this.options.forwardTo.href, answer: { ...answerField(reply), ...(isAnswer(outcome) ? {} : { error: outcome.error }) },
      });
    } else {
      reply = ownReply(filed, method);
      if (filed.kind !== 'event') this.sidecarEntry({ ...request, ...bodyField(read), answer: answerField(reply) });
    }
    return this.answer(res, reply, { ...delivery, status: reply.status });
  }

  /** Appends one JSON line to the sidecar; a failure to write it is not the sender's problem. */
  private sidecarEntry(entry: object): void {
    try {
      this.files.side.append(Buffer.from(JSON.stringify(entry)));
    } catch {
      // The answer still goes out; the log, not the sidecar, is what must be whole.
    }
  }

  /** Answers, tells the listeners, and resolves once the answer is handed to the system (so stop() never cuts it). */
  private answer(res: http.ServerResponse, reply: Reply, delivery: Delivery): Promise<void> {
    const sent = new Promise<void>((resolve) => {
      res.once('finish', resolve);
      res.once('close', resolve);
    });
    this.reply(res, reply);
    for (const listener of [...this.listeners]) {
      try {
        listener(delivery);
      } catch (err) {
        // A listener's bug is the listener's: reported as uncaught, never the sender's answer.
        setImmediate(() => {
          throw err;
        });
      }
    }
    return sent;
  }

  private reply(res: http.ServerResponse, reply: Reply): void {
    const headers = reply.headers.flatMap(([name, value]) => [name, value]);
    headers.push('content-length', String(reply.body.length));
    // Stopping: each answer ends its connection, so keep-alive cannot hold the recorder open.
    if (this.stopping && !reply.headers.some(([name]) => name === 'connection')) headers.push('connection', 'close');
    try {
      res.writeHead(reply.status, reply.statusText, headers);
    } catch {
      // A receiver's status text or header Node will not write again: the status and body still go.
      res.writeHead(reply.status, { 'content-length': String(reply.body.length) });
    }
    res.end(reply.body);
  }
}

const isAnswer = (outcome: Answer | NoAnswer): outcome is Answer => 'body' in outcome;

/** A body as filed: fileBody's answer, or why it was not looked at (a method, an encoding). */
type Filed = ReturnType<typeof fileBody> | { kind: 'other'; reason: string; encoded?: true };

/**
 * The content codings a Content-Encoding value applies (RFC 9110 §8.4), as written, or undefined
 * when there is none but `identity`.
 */
function contentCoding(value: string | undefined): string | undefined {
  const codings = (value ?? '').split(',').map((c) => c.trim()).filter((c) => c !== '' && c.toLowerCase() !== 'identity');
  return codings.length === 0 ? undefined : codings.join(', ');
}

/**
 * What a correct receiver answers (README "Delivering to your receiver"): the challenge for the
 * handshake, 2xx for an event; 415 with `Accept-Encoding: identity` to an encoded body (RFC 9110
 * §15.5.16, §12.5.3), which the recorder does not decode: the log keeps what was sent.
 */
function ownReply(filed: Filed, method: string): Reply {
  switch (filed.kind) {
    case 'handshake':
      return filed.challenge === undefined
        ? text(400, 'alfred-events record: a url_verification body without a challenge string')
        : { status: 200, headers: [['content-type', 'application/json']], body: Buffer.from(JSON.stringify({ challenge: filed.challenge })) };
    case 'event':
      return text(200, 'recorded');
    case 'other':
      if ('encoded' in filed) return text(415, `alfred-events record: not recorded: the body is ${filed.reason}; send it unencoded (identity)`, ['accept-encoding', 'identity']);
      return method === 'POST'
        ? text(400, `alfred-events record: not recorded: the body is ${filed.reason}; Alfred delivers each event as a JSON object`)
        : text(405, 'alfred-events record: deliveries are POSTs of a JSON object', ['allow', 'POST']);
  }
}

/** The answer as the sidecar keeps it: a repeated header as a list, credentials (`set-cookie`) masked. */
function answerField(reply: Reply): object {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of reply.headers) {
    const had = headers[name];
    headers[name] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
  }
  return { status: reply.status, headers: sidecarHeaders(headers), ...bodyField(reply.body) };
}

/** The request body, or why there is none: over MAX_BODY, or the sender went away before its end. */
function readBody(req: http.IncomingMessage): Promise<Buffer | 'too large' | 'aborted'> {
  const declared = Number(req.headers['content-length']);
  if (declared > MAX_BODY) return Promise.resolve('too large');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > MAX_BODY) {
        done = true;
        chunks.length = 0;
        resolve('too large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks));
    });
    req.on('close', () => {
      if (done) return;
      done = true;
      resolve('aborted');
    });
  });
}
