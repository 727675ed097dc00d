/**
 * The progress line of a long run, on a terminal only: one line on stderr rewritten in place
 * (carriage return, then erase to the end of the line), at most a few times a second, shown only
 * once a run has taken a while, and erased at the end so that nothing of it stays in the scrollback.
 */
export class Progress {
  private shown = false;
  private last = 0;
  private readonly started: number;

  constructor(
    private readonly write: (text: string) => void,
    private readonly now: () => number = Date.now,
    /** Milliseconds before the line first appears, and between updates. */
    private readonly after = 1000,
    private readonly every = 200,
  ) {
    this.started = now();
  }

  update(done: number, total: number): void {
    const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
    this.status(() => `checked ${megabytes(done)} of ${megabytes(total)} (${percent}%)`);
  }

  /** Shows `text()` as the line (replay's deliveries, say), under the same timing as update. */
  status(text: () => string): void {
    const t = this.now();
    if (t - this.started < this.after || t - this.last < this.every) return;
    this.last = t;
    this.shown = true;
    this.write(`\r\x1b[Kalfred-events: ${text()}`);
  }

  /** Erases the line, if it was ever shown. */
  clear(): void {
    if (this.shown) this.write('\r\x1b[K');
    this.shown = false;
  }
}

function megabytes(bytes: number): string {
  return bytes >= 1 << 30 ? `${(bytes / (1 << 30)).toFixed(1)} GB` : `${Math.round(bytes / (1 << 20))} MB`;
}
