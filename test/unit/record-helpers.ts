// What the recorder's tests share: a recorder on 127.0.0.1 with an ephemeral port in a fresh
// folder (stopped when the test file ends), and plain HTTP requests to it with Node's client.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';
import { startRecorder, type Delivery, type Recorder, type RecorderOptions } from '../../src/recorder/index';

const dirs: string[] = [];
const running: Recorder[] = [];
after(async () => {
  await Promise.all(running.map((r) => r.stop()));
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed when the test file ends. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alfred-record-'));
  dirs.push(dir);
  return dir;
}

/** A recorder listening on 127.0.0.1 port 0, logging to `log.alfred.jsonl` in a fresh folder; its deliveries collected. */
export async function recorder(options: Partial<RecorderOptions> = {}): Promise<{ r: Recorder; out: string; sidecar: string; deliveries: Delivery[] }> {
  const out = options.out ?? path.join(tempDir(), 'log.alfred.jsonl');
  const r = await startRecorder({ host: '127.0.0.1', port: 0, ...options, out });
  running.push(r);
  const deliveries: Delivery[] = [];
  r.onDelivery((d) => deliveries.push(d));
  return { r, out, sidecar: options.sidecar ?? `${out}.sidecar.jsonl`, deliveries };
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The body's bytes, as they came (not decoded). */
  bytes: Buffer;
  /** The header lines as sent (names as written), in order. */
  rawHeaders: string[];
}

/** One request with Node's client (no header but those given, `host` and the length); the answer read whole. */
export function request(url: URL | string, options: { method?: string; body?: string | Buffer; headers?: Record<string, string>; agent?: http.Agent } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'POST', headers: options.headers ?? {}, agent: options.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), bytes: Buffer.concat(chunks), rawHeaders: res.rawHeaders }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** POSTs `body` as application/json. */
export const post = (url: URL | string, body: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> =>
  request(url, { body, headers: { 'content-type': 'application/json', ...headers } });

/** The lines of a file (each without its line feed); the file must end in one. */
export function linesOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  if (text === '') return [];
  if (!text.endsWith('\n')) throw new Error(`${file} does not end in a line feed: its last line is cut`);
  return text.slice(0, -1).split('\n');
}

/** The sidecar's entries, parsed. */
export const sidecarOf = (file: string): Record<string, unknown>[] => linesOf(file).map((l) => JSON.parse(l) as Record<string, unknown>);

/** A small event with its own id: compact JSON, as Alfred sends it. */
export function event(n: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    event_id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    event_type: 'job_event_type',
    event_time: 1716580800 + n,
    event: { event_name: 'job_start_event', event_type: 'job_event_type', job_id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', ...extra },
  });
}
