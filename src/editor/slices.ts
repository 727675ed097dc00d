import { advance } from '../core/index';

/**
 * Long work in the extension host goes in slices of about this long, with a turn of the event
 * loop between them: typing, other extensions and the window's requests wait no longer.
 */
export const SLICE_MS = 15;

/** A turn of the event loop. */
export const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Runs `step(budgetMs)` (true once all is done) a slice at a time; false when `stopped` said so
 * between two slices (the document changed, the panel closed, the user cancelled).
 */
export async function inSlices(step: (budgetMs: number) => boolean, stopped: () => boolean): Promise<boolean> {
  while (!step(SLICE_MS)) {
    await tick();
    if (stopped()) return false;
  }
  return true;
}

/** A generator's steps as `inSlices` runs them; `result()` is its return value once done. */
export function stepper<T>(steps: Generator<void, T>): { step: (budgetMs: number) => boolean; result: () => T } {
  let done: { value: T } | undefined;
  return {
    step: (budgetMs) => (done ??= advance(steps, budgetMs)) !== undefined,
    result: () => {
      if (!done) throw new Error('the steps are not done');
      return done.value;
    },
  };
}
