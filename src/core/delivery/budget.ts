/**
 * What a replay may spend (README "Replaying a log as a contract test", SECURITY.md): requests
 * spaced by the rate limit, and a hard cap on requests per run, retries and state reads included.
 */

/** Waits `ms` milliseconds, or less when `signal` aborts; never rejects. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The platform's timer (setTimeout is a global in Node and browsers alike). */
export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * Counts requests against `maxRequests` and spaces them `1000 / ratePerSecond` ms apart, start
 * to start. The time already gone since the last request started is what it took (its outcome's
 * `ms`) plus what was slept since (a backoff), so the spacing needs no clock of its own and a
 * test's injected sleep sees exact numbers.
 */
export class Budget {
  /** Requests sent so far. */
  sent = 0;
  private readonly interval: number;
  /** Milliseconds since the last request started, as far as known; Infinity before the first. */
  private since = Infinity;

  constructor(
    readonly maxRequests: number,
    ratePerSecond: number,
    private readonly wait: Sleep,
    private readonly signal?: AbortSignal,
  ) {
    // No rate (0, or not a number) is no spacing, not an endless wait.
    this.interval = ratePerSecond > 0 ? 1000 / ratePerSecond : 0;
  }

  /**
   * Takes one request from the budget, after waiting out the rate limit: `go`, or `cap` (at
   * once, without waiting) when the cap is reached, or `cancelled` when the signal aborted
   * meanwhile (then nothing is counted).
   */
  async take(): Promise<'go' | 'cap' | 'cancelled'> {
    if (this.sent >= this.maxRequests) return 'cap';
    const gap = this.interval - this.since;
    if (gap > 0) await this.wait(gap, this.signal);
    if (this.signal?.aborted) return 'cancelled';
    this.sent++;
    this.since = 0;
    return 'go';
  }

  /** The request just taken took `ms` (its outcome's time). */
  took(ms: number): void {
    this.since += ms;
  }

  /** Sleeps `ms` (a backoff) and counts it towards the spacing. */
  async pause(ms: number): Promise<void> {
    await this.wait(ms, this.signal);
    this.since += ms;
  }
}
