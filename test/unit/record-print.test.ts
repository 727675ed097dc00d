// record's printing when stdout is not read (README "Recording deliveries": a bounded queue, one
// write at a time, lines that do not fit dropped and counted in one line once it drains). The
// stdout here is a function whose writes the test completes by hand, as a paused pipe would.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LinePrinter } from '../../src/cli/record-print';
import { recordCommand, type Signals } from '../../src/cli/record';
import { parseCommandLine } from '../../src/cli/args';
import type { RecordCommand } from '../../src/cli/record-args';
import { event, post, tempDir } from './record-helpers';

/** A stdout whose every write stays pending until `drain()`; counts the writes pending at once. */
function pausedStdout(): { write: (t: string) => Promise<void>; written: string[]; drain: () => void; pending: () => number; most: () => number } {
  const written: string[] = [];
  let waiting: (() => void)[] = [];
  let most = 0;
  return {
    write: (t) => {
      written.push(t);
      return new Promise<void>((resolve) => {
        waiting.push(resolve);
        most = Math.max(most, waiting.length);
      });
    },
    written,
    drain: () => {
      const now = waiting;
      waiting = [];
      for (const resolve of now) resolve();
    },
    pending: () => waiting.length,
    most: () => most,
  };
}

const note = (n: number): string => `(${n} line${n === 1 ? '' : 's'} not printed: stdout was not read fast enough; the log and the sidecar have everything)\n`;

describe('record: printing respects a stdout that is not read', () => {
  it('holds at most the limit, drops the rest, and says how many where they were dropped; a kept line always goes', async () => {
    const stdout = pausedStdout();
    const printer = new LinePrinter(stdout.write, 20);
    printer.print('a\n');
    for (const line of ['bbbbbbbbb\n', 'cccccccc\n', 'd\n', 'e\n']) printer.print(line);
    printer.print('S\n', true);
    assert.deepEqual(stdout.written, ['a\n']);
    stdout.drain();
    await new Promise(setImmediate);
    assert.deepEqual(stdout.written, ['a\n', `bbbbbbbbb\ncccccccc\n${note(2)}S\n`]);
    // Dropped at the end: the count comes alone once the queue is written.
    for (const line of ['x'.repeat(19) + '\n', 'y\n', 'z\n']) printer.print(line);
    stdout.drain();
    await new Promise(setImmediate);
    stdout.drain();
    await new Promise(setImmediate);
    stdout.drain();
    await printer.idle();
    assert.deepEqual(stdout.written.slice(2), [`${'x'.repeat(19)}\n`, note(2)]);
    assert.equal(stdout.most(), 1, 'one write at a time: one drain listener on a real stdout');
  });

  it('recordCommand: a paused stdout gets one write at a time however many deliveries, and the summary at the end', async () => {
    const stdout = pausedStdout();
    let stop: (name: string) => void = () => undefined;
    const signals: Signals = { onStop: (handler) => ((stop = handler), () => undefined), exit: () => assert.fail('no second signal') };
    const done = recordCommand(parseCommandLine(['record', '--listen', ':0', '--no-config', '--out', 'p.alfred.jsonl']) as RecordCommand, tempDir(), stdout.write, signals);
    while (stdout.written.length === 0) await new Promise(setImmediate);
    const url = new URL(/^Recording deliveries to (\S+) /.exec(stdout.written[0]!)![1]!);
    // stdout stays paused: every delivery is answered all the same.
    const statuses = await Promise.all(Array.from({ length: 50 }, (_, i) => post(url, event(i)).then((r) => r.status)));
    assert.deepEqual(statuses, statuses.map(() => 200));
    stop('SIGINT');
    while (stdout.pending() > 0 || !stdout.written.join('').includes('Stopped: ')) {
      stdout.drain();
      await new Promise(setImmediate);
    }
    assert.equal(await done, 0);
    assert.equal(stdout.most(), 1);
    const text = stdout.written.join('');
    assert.equal(text.match(/ {2}line \d+ {2}job_start_event/g)?.length, 50);
    assert.match(text, /\nStopped: 50 events recorded in p\.alfred\.jsonl, 0 other requests/);
  });
});
