import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { checkChunkBytes, type ChunkOptions, type ChunkResult } from '../core/index';
import type { ChunkTask } from './worker';

/** Where a chunk's result goes, once every chunk before it was delivered. */
export type Deliver = (result: ChunkResult) => void;

/**
 * Chunks checked on worker threads (or, with no threads, right here), their results delivered
 * strictly in the order submitted, whichever thread finishes first: the cross-event pass and
 * the report need input order. At most two chunks per thread are in flight, so memory holds a
 * few chunks, never the file.
 */
export class ChunkPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: ChunkTask[] = [];
  private readonly waiting = new Map<number, Deliver>();
  private readonly done = new Map<number, ChunkResult>();
  private nextId = 0;
  private nextOut = 0;
  private wake: (() => void) | undefined;
  private failure: Error | undefined;

  constructor(threads: number) {
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(workerFile());
      worker.on('message', (m: { id: number; result: ChunkResult }) => {
        this.done.set(m.id, m.result);
        this.idle.push(worker);
        this.flush();
        this.dispatch();
      });
      worker.on('error', (err) => this.fail(err));
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  /** Checks a chunk (its buffer is handed over); resolves when another may be submitted. */
  async submit(bytes: Uint8Array<ArrayBuffer>, options: ChunkOptions, deliver: Deliver): Promise<void> {
    const id = this.nextId++;
    this.waiting.set(id, deliver);
    if (this.workers.length === 0) {
      this.done.set(id, checkChunkBytes(bytes, options));
      this.flush();
      return;
    }
    const buffer = bytes.byteOffset === 0 ? bytes.buffer : bytes.slice().buffer;
    this.queue.push({ id, buffer, length: bytes.length, options });
    this.dispatch();
    while (this.waiting.size > this.workers.length * 2 && !this.failure) await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.failure) throw this.failure;
  }

  /** A result made here (a file read whole), delivered in its turn among the chunks. */
  ready(result: ChunkResult, deliver: Deliver): void {
    const id = this.nextId++;
    this.waiting.set(id, deliver);
    this.done.set(id, result);
    this.flush();
  }

  /** Waits for every result. */
  async close(): Promise<void> {
    while (this.waiting.size > 0 && !this.failure) await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.failure) throw this.failure;
  }

  /** Ends the threads (after close, or after a failure). */
  async terminate(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const task = this.queue.shift()!;
      this.idle.pop()!.postMessage(task, [task.buffer]);
    }
  }

  private flush(): void {
    for (let result = this.done.get(this.nextOut); result; result = this.done.get(this.nextOut)) {
      this.done.delete(this.nextOut);
      const deliver = this.waiting.get(this.nextOut)!;
      this.waiting.delete(this.nextOut);
      this.nextOut++;
      try {
        deliver(result);
      } catch (err) {
        this.fail(err);
      }
    }
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
