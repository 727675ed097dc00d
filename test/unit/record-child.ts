// A recorder in a process of its own, for record-burst.test.ts: it starts on 127.0.0.1:0 with
// the log named in argv[2], says its URL over the IPC channel, and on `memory` answers its heap
// and array-buffer bytes after a full collection (node --expose-gc), so the parent can see
// whether memory grows with the number of deliveries.
import { startRecorder } from '../../src/recorder/index';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc || !process.send) throw new Error('run with --expose-gc and an IPC channel');

void startRecorder({ host: '127.0.0.1', port: 0, out: process.argv[2]! }).then((recorder) => {
  process.send!({ url: recorder.url.href });
  process.on('message', (message: string) => {
    if (message === 'memory') {
      // Two collections a turn apart: what the first frees may only be released by the second
      // (finalizers, sockets closed in between).
      gc();
      setImmediate(() => {
        gc();
        const { heapUsed, arrayBuffers } = process.memoryUsage();
        process.send!({ heapUsed, arrayBuffers, count: recorder.count });
      });
    } else if (message === 'stop') {
      void recorder.stop().then(() => process.disconnect());
    }
  });
});
