import { idKey, UUID } from '../jobs/ids';
import { OpenTable, u32 } from './columns';

/**
 * Jobs numbered in order of first appearance, by idKey of their job_id (README, "Jobs across
 * events"), each shown as first written. A log of millions of events has hundreds of thousands
 * of jobs: a UUID is kept as four 32-bit words in an open-addressing table (16 bytes, not a
 * string and a map entry), its spelling only when it is not the lower-case form.
 */
export class JobIndex {
  private readonly words = [u32(), u32(), u32(), u32()];
  private readonly table = new OpenTable((job) => hash(...(this.words.map((col) => col.get(job)) as [number, number, number, number])));
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
    const found = this.table.lookup(hash(...w), (job) => this.words.every((col, k) => col.get(job) === w[k]), this.size);
    if (found >= 0) return found;
    const job = this.add(...w);
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
}

function hash(w0: number, w1: number, w2: number, w3: number): number {
  let h = Math.imul(w0 ^ (w0 >>> 16), 0x85ebca6b) ^ w1;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) ^ w2;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) ^ w3;
  return (h ^ (h >>> 15)) >>> 0;
}
