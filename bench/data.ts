// Generated benchmark inputs: the 24 example payloads, and logs of a realistic mix of events in
// jobs of about ten events each, with about 1% invalid records. Deterministic (seeded).
import { closeSync, openSync, readFileSync, readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(__dirname, '..', 'test', 'fixtures');

/** The 24 correct examples and the broken single payloads, as texts. */
export function singlePayloads(): string[] {
  const read = (dir: string) => readdirSync(join(FIXTURES, dir)).filter((f) => f.endsWith('.alfred.json')).map((f) => readFileSync(join(FIXTURES, dir, f), 'utf8'));
  return [...read('examples'), ...read('docs'), ...read('broken').filter((t) => { try { JSON.parse(t); return true; } catch { return false; } })];
}

/**
 * A log of about `events` events: the example log's jobs repeated with fresh ids, 1% broken.
 * `examples` is the folder of the example payloads (the editor benchmark runs from a bundle).
 */
export function log(events: number, examples = join(FIXTURES, 'examples')): string {
  return [...logLines(events, examples)].join('\n') + '\n';
}

/**
 * The same log written to a file a few thousand lines at a time, never held whole: a log of
 * gigabytes is longer than a JavaScript string may be. Returns the file's size in bytes.
 */
export function writeLog(file: string, events: number): number {
  const fd = openSync(file, 'w');
  let bytes = 0;
  let batch: string[] = [];
  const flush = (): void => {
    const text = batch.join('');
    bytes += writeSync(fd, text);
    batch = [];
  };
  try {
    for (const line of logLines(events)) {
      batch.push(line + '\n');
      if (batch.length === 4096) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/** The lines of log(): the same in both, so that a file written by writeLog equals log(). */
export function* logLines(events: number, examples = join(FIXTURES, 'examples')): Generator<string> {
  const base = readFileSync(join(examples, 'jobs.alfred.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
  let seed = 42;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0').slice(-width);
  let made = 0;
  for (let copy = 0; made < events; copy++) {
    for (const line of base) {
      if (made >= events) break;
      let l = line
        .replace(/"(job_id|file_id|event_id)":"([0-9a-f]{8})/g, (_m, k: string, p: string) => `"${k}":"${hex(parseInt(p, 16) + copy, 8)}`)
        .replace(/"event_time":(\d+)/, (_m, t: string) => `"event_time":${Number(t) + copy * 600}`);
      const r = random();
      // About 1% of the records carry one of the usual mistakes.
      if (r < 0.004) l = l.replace(/"event_name":"([a-z_]+)_event"/, '"event_name":"$1_evnt"');
      else if (r < 0.007) l = l.replace(/"event_time":(\d+(\.\d+)?)/, '"event_time":"$1"');
      else if (r < 0.009) l = l.replace(/"company_id":"[^"]+"/, '"company_id":"not-a-uuid"');
      else if (r < 0.01) l = l.slice(0, -2);
      made++;
      yield l;
    }
  }
}
