import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection, now. V8 grows its heap lazily, and a run over gigabytes of log makes
 * gigabytes of short-lived values (each record parsed, then dropped): left alone, the heap holds
 * some hundred MB of them between collections. Collecting every so often (between chunks, between
 * steps of the job checks) keeps the peak near what is live, which is what the README's
 * "Performance" section promises. Where the engine does not allow it, this does nothing.
 */
export const collectGarbage: () => void = (() => {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : () => undefined;
  } catch {
    return () => undefined;
  }
})();
