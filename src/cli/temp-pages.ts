import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PageStore } from '../core/index';

/**
 * Pages of the cross-event pass's columns put away in a temporary file until the end of the run
 * (a log of millions of events has a hundred MB of them), so that memory holds the few being
 * written or read. Where the system allows (not Windows), the file leaves its directory as soon
 * as it is open, so that nothing is left behind even when the run is killed; `close` deletes
 * whatever is left.
 */
export class TempPages implements PageStore {
  private readonly file: string;
  private readonly fd: number;
  private size = 0;
  private readonly at: { offset: number; length: number }[] = [];

  constructor() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alfred-events-'));
    this.file = path.join(dir, 'pages');
    this.fd = fs.openSync(this.file, 'w+');
    this.remove();
  }

  /** A store for the run, or none when no temporary file can be made (the pages then stay in memory). */
  static open(): TempPages | undefined {
    try {
      return new TempPages();
    } catch {
      return undefined;
    }
  }

  put(bytes: Uint8Array): number {
    fs.writeSync(this.fd, bytes, 0, bytes.length, this.size);
    this.at.push({ offset: this.size, length: bytes.length });
    this.size += bytes.length;
    return this.at.length - 1;
  }

  get(id: number, into: Uint8Array): void {
    const { offset, length } = this.at[id]!;
    let got = 0;
    while (got < length) got += fs.readSync(this.fd, into, got, length - got, offset + got);
  }

  close(): void {
    fs.closeSync(this.fd);
    this.remove();
  }

  private remove(): void {
    try {
      fs.rmSync(path.dirname(this.file), { recursive: true, force: true });
    } catch {
      // An open file cannot be removed on Windows: close() tries again.
    }
  }
}
