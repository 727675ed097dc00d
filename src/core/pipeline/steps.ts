/**
 * Work written as a generator that yields between small steps (a long log's first check, its
 * job model, its timeline) is run here: all at once, or for a time budget at a time, so that an
 * editor can interleave it with everything else.
 */

/** Runs steps for about `budgetMs`; the generator's result once it is done, else undefined. */
export function advance<T>(steps: Generator<void, T>, budgetMs = Infinity): { value: T } | undefined {
  const until = Date.now() + budgetMs;
  for (;;) {
    const r = steps.next();
    if (r.done) return { value: r.value };
    if (Date.now() >= until) return undefined;
  }
}

/** Runs every step; the generator's result. */
export function finish<T>(steps: Generator<void, T>): T {
  return advance(steps)!.value;
}
