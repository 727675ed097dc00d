import { idKey, UUID } from '../jobs/ids';
import { u32 } from './columns';

/**
 * Jobs numbered in order of first appearance, by idKey of their job_id (README, "Jobs across
 * events"), each shown as first written. A log of millions of events has hundreds of thousands
 * of jobs: a UUID is kept as four 32-bit words in an open-addressing table (16 bytes, not a
 * string and a map entry), its spelling only when it is not the lower-case form.
 */
export class JobIndex {
  private readonly words = [u32(), u32(), u32(), u32()];
  private table = new Int32Array(1 << 12);
  private uuids = 0;
  private readonly others = new Map<string, number>();
  /** The first spelling of a job whose id is no UUID, or a UUID not written in lower case. */
  private readonly spelling = new Map<number, string>();

  get size(): number {
    return this.words[0]!.length;
  }

  /** The job's number, a new one for a job not seen before. */
  number(jobId: string): number {
    if (!UUID.test(jobId)) {
      let job = this.others.get(jobId);
      if (job === undefined) {
        job = this.add(0, 0, 0, 0);
        this.others.set(jobId, job);
        this.spelling.set(job, jobId);
      }
      return job;
    }
    const hex = idKey(jobId).replace(/-/g, '');
    const w = [0, 8, 16, 24].map((at) => parseInt(hex.slice(at, at + 8), 16) >>> 0) as [number, number, number, number];
    if (this.uuids * 2 >= this.table.length) this.grow();
    const mask = this.table.length - 1;
    let slot = hash(w[0], w[1], w[2], w[3]) & mask;
    for (let e = this.table[slot]!; e !== 0; slot = (slot + 1) & mask, e = this.table[slot]!) {
      if (this.words.every((col, k) => col.get(e - 1) === w[k])) return e - 1;
    }
    const job = this.add(...w);
    this.table[slot] = job + 1;
    this.uuids++;
    if (jobId !== idKey(jobId)) this.spelling.set(job, jobId);
    return job;
  }

  /** The job's id as first written. */
  spelt(job: number): string {
    const given = this.spelling.get(job);
    if (given !== undefined) return given;
    const hex = this.words.map((col) => col.get(job).toString(16).padStart(8, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  private add(w0: number, w1: number, w2: number, w3: number): number {
    const job = this.size;
    this.words[0]!.push(w0);
    this.words[1]!.push(w1);
    this.words[2]!.push(w2);
    this.words[3]!.push(w3);
    return job;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    const mask = this.table.length - 1;
    for (const e of old) {
      if (e === 0) continue;
      const [w0, w1, w2, w3] = this.words.map((col) => col.get(e - 1)) as [number, number, number, number];
      let slot = hash(w0, w1, w2, w3) & mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & mask;
      this.table[slot] = e;
    }
  }
}

function hash(w0: number, w1: number, w2: number, w3: number): number {
  let h = Math.imul(w0 ^ (w0 >>> 16), 0x85ebca6b) ^ w1;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) ^ w2;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) ^ w3;
  return (h ^ (h >>> 15)) >>> 0;
}
