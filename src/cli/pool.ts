import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { activeMessages, checkChunkBytes, type ChunkOptions, type ChunkResult } from '../core/index';
import type { ChunkTask } from './worker';

/** Where a chunk's result goes, once every chunk before it was delivered. */
export type Deliver = (result: ChunkResult) => void;

/** A chunk to check: its bytes, how, where the result goes, and how to read the bytes again. */
interface Job {
  id: number;
  bytes: Uint8Array<ArrayBuffer>;
  options: ChunkOptions;
  /** The chunk's bytes once more, for a thread that failed on it (they were handed over to it). */
  again: () => Uint8Array<ArrayBuffer>;
}

/** Young generation of a worker's heap, in MB. */
const YOUNG_MB = 4;

/**
 * Old generation of a worker's heap, in MB: ample for a chunk of a few MB, and a bound on what
 * each thread adds to the process's peak memory. A chunk that needs more (a record of many MB)
 * ends its thread, and is checked on the main thread instead.
 */
const OLD_MB = 64;

/**
 * Chunks checked on worker threads (or, with no threads, right here), their results delivered
 * strictly in the order submitted, whichever thread finishes first: the cross-event pass and
 * the report need input order. At most two chunks per thread are in flight, so memory holds a
 * few chunks, never the file. Buffers come back with the results and are read into again.
 */
export class ChunkPool {
  private readonly workers = new Map<Worker, Job | undefined>();
  private readonly queue: Job[] = [];
  private readonly free: ArrayBuffer[] = [];
  private readonly waiting = new Map<number, Deliver>();
  private readonly done = new Map<number, ChunkResult>();
  private nextId = 0;
  private nextOut = 0;
  private wake: (() => void) | undefined;
  private failure: Error | undefined;

  constructor(threads: number) {
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(workerFile(), { workerData: { messages: activeMessages() }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB, maxOldGenerationSizeMb: OLD_MB } });
      worker.on('message', (m: { id: number; result: ChunkResult; buffer: ArrayBuffer }) => {
        this.free.push(m.buffer);
        this.workers.set(worker, undefined);
        this.finished(m.id, m.result);
      });
      worker.on('error', () => {
        // Out of memory on a huge record, most likely: that chunk is checked here, the rest by the other threads.
        const job = this.workers.get(worker);
        this.workers.delete(worker);
        void worker.terminate();
        if (job) this.inThread({ ...job, bytes: job.again() });
        this.dispatch();
      });
      this.workers.set(worker, undefined);
    }
  }

  /** A buffer of at least `size` bytes to read a chunk into (submit hands it over). */
  buffer(size: number): Uint8Array<ArrayBuffer> {
    const i = this.free.findIndex((b) => b.byteLength >= size);
    return new Uint8Array(i < 0 ? new ArrayBuffer(size) : this.free.splice(i, 1)[0]!);
  }

  /** Checks a chunk read into a buffer from `buffer()`; resolves when another may be submitted. */
  async submit(bytes: Uint8Array<ArrayBuffer>, options: ChunkOptions, deliver: Deliver, again: () => Uint8Array<ArrayBuffer>): Promise<void> {
    const id = this.nextId++;
    this.waiting.set(id, deliver);
    const job = { id, bytes, options, again };
    if (this.workers.size === 0) {
      this.inThread(job);
      return;
    }
    this.queue.push(job);
    this.dispatch();
    while (this.waiting.size > this.workers.size * 2 && !this.failure) await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.failure) throw this.failure;
  }

  /** A result made here (a file read whole), delivered in its turn among the chunks. */
  ready(result: ChunkResult, deliver: Deliver): void {
    const id = this.nextId++;
    this.waiting.set(id, deliver);
    this.finished(id, result);
  }

  /** Waits for every result. */
  async close(): Promise<void> {
    while (this.waiting.size > 0 && !this.failure) await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.failure) throw this.failure;
  }

  /** Ends the threads (after close, or after a failure). */
  async terminate(): Promise<void> {
    await Promise.all([...this.workers.keys()].map((w) => w.terminate()));
  }

  private inThread(job: Job): void {
    let result: ChunkResult;
    try {
      result = checkChunkBytes(job.bytes, job.options);
    } catch (err) {
      this.fail(err);
      return;
    }
    if (job.bytes.byteOffset === 0) this.free.push(job.bytes.buffer);
    this.finished(job.id, result);
  }

  private dispatch(): void {
    for (const [worker, busy] of this.workers) {
      if (busy || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      this.workers.set(worker, job);
      const task: ChunkTask = { id: job.id, buffer: job.bytes.buffer, length: job.bytes.length, options: job.options };
      worker.postMessage(task, [task.buffer]);
    }
    // Every thread gone: what is left is checked here.
    if (this.workers.size === 0) for (let job = this.queue.shift(); job; job = this.queue.shift()) this.inThread(job);
  }

  private finished(id: number, result: ChunkResult): void {
    this.done.set(id, result);
    for (let r = this.done.get(this.nextOut); r; r = this.done.get(this.nextOut)) {
      this.done.delete(this.nextOut);
      const deliver = this.waiting.get(this.nextOut)!;
      this.waiting.delete(this.nextOut);
      this.nextOut++;
      try {
        deliver(r);
      } catch (err) {
        this.fail(err);
      }
    }
    this.dispatch();
    this.wake?.();
    this.wake = undefined;
  }

  private fail(err: unknown): void {
    this.failure ??= err instanceof Error ? err : new Error(String(err));
    this.wake?.();
  }
}

/** The worker's script: dist/cli-worker.js beside the bundle, or the source when run by tsx. */
function workerFile(): string {
  const bundled = path.join(__dirname, 'cli-worker.js');
  return fs.existsSync(bundled) ? bundled : path.join(__dirname, 'worker.ts');
}
