// A worker thread of the CLI (bundled to dist/cli-worker.js): checks the chunks of a log it is
// sent, as raw bytes, and sends back the chunk's diagnostics and rows, transferring the rows'
// buffers (copying them would cost as much as the checks save).
import { parentPort, workerData } from 'node:worker_threads';
import { checkChunkBytes, rowBuffers, useMessages, type ChunkOptions, type Messages } from '../core/index';

// The messages of the main thread's language, which it hands each worker as it starts.
useMessages((workerData as { messages?: Messages } | null)?.messages);

/** What the main thread sends: a chunk's bytes (the buffer is transferred) and how to check it. */
export interface ChunkTask {
  id: number;
  buffer: ArrayBuffer;
  length: number;
  options: ChunkOptions;
}

parentPort?.on('message', (task: ChunkTask) => {
  const result = checkChunkBytes(new Uint8Array(task.buffer, 0, task.length), task.options);
  // The chunk's buffer goes back too, to be read into again.
  parentPort!.postMessage({ id: task.id, result, buffer: task.buffer }, [...rowBuffers(result.rows), task.buffer]);
});
