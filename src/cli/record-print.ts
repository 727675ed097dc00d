/**
 * record's printing under backpressure (README "Recording deliveries"): one write to stdout at a
 * time, awaited, so a stdout nobody reads (`record … | less` paused) holds at most `limit`
 * characters of waiting lines and one 'drain' listener. Lines that do not fit are dropped, and
 * once the waiting lines are written, one line says how many were not printed. The log and the
 * sidecar hold everything; stdout is only a view.
 */
import type { Write } from './output';
import { t } from '../core/index';

/** Characters of lines waiting for stdout, at most (a line alone is always taken). */
export const PRINT_LIMIT = 256 * 1024;

export class LinePrinter {
  private waiting: string[] = [];
  private size = 0;
  private dropped = 0;
  private writing: Promise<void> | undefined;

  constructor(private readonly write: Write, private readonly limit = PRINT_LIMIT) {}

  /**
   * Queues `line` (ending in a line feed) for stdout, or counts it as not printed when the queue
   * is full; a line that must be seen (`keep`: the summary) is queued whatever the queue holds.
   */
  print(line: string, keep = false): void {
    if (!keep && this.waiting.length > 0 && this.size + line.length > this.limit) {
      this.dropped++;
      return;
    }
    // Room again after a gap: the count goes where the dropped lines would have been.
    if (this.dropped > 0) this.waiting.push(this.note());
    this.waiting.push(line);
    this.size += line.length;
    this.writing ??= this.pump();
  }

  /** Resolves once every queued line (and the count of those dropped) is written. */
  async idle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /** The line saying how many lines were dropped; resets the count. */
  private note(): string {
    const count = this.dropped;
    this.dropped = 0;
    return `${count === 1
      ? t('(1 line not printed: stdout was not read fast enough; the log and the sidecar have everything)')
      : t('({0} lines not printed: stdout was not read fast enough; the log and the sidecar have everything)', count)}\n`;
  }

  private async pump(): Promise<void> {
    try {
      while (this.waiting.length > 0 || this.dropped > 0) {
        if (this.waiting.length === 0) this.waiting.push(this.note());
        const text = this.waiting.join('');
        this.waiting = [];
        this.size = 0;
        await this.write(text);
      }
    } catch {
      // stdout is gone (a reader that quit): nothing more can be shown; the files have it all.
      this.waiting = [];
      this.size = 0;
      this.dropped = 0;
    } finally {
      this.writing = undefined;
    }
  }
}
