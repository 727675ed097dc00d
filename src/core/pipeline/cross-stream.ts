import { eventByName, type EventInfo } from '../catalogue';
import { isObject, member } from '../checks/findings';
import type { JsonPath } from '../input/pointer';
import { LineIndex } from '../input/positions';
import { withoutBom } from '../input/record';
import { idKey } from '../jobs/ids';
import { jobOf } from '../jobs/model';
import { placeFinding, spanOf, type Placed } from '../jobs/place';
import type { EventRecord } from '../jobs/records';
import { checkJob, duplicateId, type CrossFinding } from '../jobs/rules';
import type { Diagnostic, Position } from '../types';
import { HAS_ID, STORY, type ChunkRows } from './chunk';
import { finish as runAll } from './steps';
import { f64, i32, i8, OpenTable, type Column, type PageStore } from './columns';
import { JobIndex } from './job-index';
import { RowPlaces } from './row-places';
import type { Rules } from './diagnostic';

/**
 * Where a door keeps its sources: the text of units [start, end) of one (bytes of a file read as
 * UTF-8 chunks, decoded; UTF-16 code units of a text held whole). Asked only for the records a
 * cross-event finding is on, and for an event_id to confirm a duplicate.
 */
export interface RecordTexts {
  read(source: number, start: number, end: number): string;
  /** The text of a line from `start` (a record of a log) to its end: a line feed, a carriage return or the end. */
  line(source: number, start: number): string;
}

/** Where a chunk starts in its source: units, UTF-16 units, lines and records before it. */
export interface ChunkStart {
  unit: number;
  units: number;
  lines: number;
  records: number;
}

/**
 * The cross-event rules (jobs/rules.ts crossCheck) over records streamed in a chunk at a time,
 * with memory bounded by the rows and jobs, never the text: each record that parses is a row of
 * numbers in paged typed-array columns (where it is; for a job's own events, the fields checkJob
 * reads), event_ids a 32-bit hash in an open-addressing table (a hash match is confirmed by
 * reading both ids again, so the answer is exact). At the end the rows are grouped by job and
 * the existing checkJob runs on one job's EventRecords at a time. Findings are placed by reading
 * their record's text again. The answer is crossCheckSources' for the same sources, in its order.
 */
export class CrossEventPass {
  // Every row: where it is, and the hash of its event_id.
  private readonly places = new RowPlaces();
  private readonly hash = i32();
  // Rows of job stories (not duplicates): the row, and what checkJob reads. Read only at the
  // end, so their full pages may be put away (a temporary file in the CLI).
  private readonly storyRow: Column<Int32Array>;
  private readonly job: Column<Int32Array>;
  /** The event_name and stage together: a log has a few dozen pairs of them, and a row needs one number. */
  private readonly kind: Column<Int32Array>;
  private readonly time: Column<Float64Array>;
  /** Whole retry counts as they are; RETRIES_NONE, or RETRIES_ELSEWHERE with the count in `oddRetries`. */
  private readonly retries: Column<Int32Array>;
  private readonly oddRetries = new Map<number, number>();
  private readonly exceeded: Column<Int8Array>;
  private readonly kinds = new Map<string, Map<string | undefined, number>>();
  private readonly kindOf: { name: string; stage: string | undefined; info: EventInfo | undefined }[] = [];
  private readonly jobs = new JobIndex();
  /** The first row of each event_id, by its hash. */
  private readonly ids = new OpenTable((row) => this.hash.get(row));
  private readonly out: Diagnostic[][] = [];
  private readonly texts = new Map<number, string>();

  constructor(
    private readonly reader: RecordTexts,
    private readonly rulesOf: (source: number) => Rules,
    private readonly uriOf: (source: number) => string,
    store?: PageStore,
  ) {
    this.storyRow = i32(store);
    this.job = i32(store);
    this.kind = i32(store);
    this.time = f64(store);
    this.retries = i32(store);
    this.exceeded = i8(store);
  }

  /** Rows stored so far. */
  get rows(): number {
    return this.places.rows;
  }

  /** Takes a chunk's rows, in input order: every chunk of every source, one after the other. */
  add(source: number, at: ChunkStart, rows: ChunkRows, strings: readonly string[], spans?: readonly { end: number; character: number }[]): void {
    while (this.out.length <= source) this.out.push([]);
    const jobs: (number | undefined)[] = [];
    for (let i = 0; i < rows.count; i++) {
      const place = { utf16: at.units + rows.utf16Start[i]!, line: at.lines + rows.line[i]!, record: rows.record[i]! < 0 ? -1 : at.records + rows.record[i]! };
      // A capture's payload (chunk.ts checkCapture) is placed by its own span, not as a line.
      const span = spans?.[i];
      const row = this.places.add(source, at.unit + rows.unitStart[i]!, place, span && { end: at.unit + span.end, character: span.character });
      this.hash.push(rows.idHash[i]!);
      const flags = rows.flags[i]!;
      if (flags & HAS_ID && this.duplicate(row, rows.idHash[i]!)) continue;
      if (!(flags & STORY)) continue;
      // Numbered once per string of the chunk: a job's events come in runs.
      const job = (jobs[rows.job[i]!] ??= this.jobs.number(strings[rows.job[i]!]!));
      this.storyRow.push(row);
      this.job.push(job);
      const name = strings[rows.name[i]!]!;
      const stage = rows.stage[i]! < 0 ? undefined : strings[rows.stage[i]!]!;
      this.kind.push(this.kindNumber(name, stage));
      this.time.push(rows.time[i]!);
      const retries = rows.retries[i]!;
      if (Number.isNaN(retries)) this.retries.push(RETRIES_NONE);
      else if (Number.isInteger(retries) && Math.abs(retries) < 2 ** 31 - 2) this.retries.push(retries);
      else {
        this.oddRetries.set(this.retries.length, retries);
        this.retries.push(RETRIES_ELSEWHERE);
      }
      this.exceeded.push(rows.exceeded[i]!);
    }
  }

  /**
   * The cross-event diagnostics of every source (by index, as added), each list in
   * crossCheck's order: the duplicates as found, then the jobs in order of first appearance.
   */
  finish(): Diagnostic[][] {
    return runAll(this.finishSteps());
  }

  /** The same in steps of some thousands of jobs, so that a door can do other work between them. */
  *finishSteps(): Generator<void, Diagnostic[][]> {
    const jobs = this.jobs.size;
    const n = this.storyRow.length;
    // A counting sort by job keeps each job's rows in input order.
    const first = new Int32Array(jobs + 1);
    for (let i = 0; i < n; i++) first[this.job.get(i) + 1]!++;
    for (let j = 0; j < jobs; j++) first[j + 1]! += first[j]!;
    const byJob = new Int32Array(n);
    const next = first.slice(0, jobs);
    for (let i = 0; i < n; i++) byJob[next[this.job.get(i)]!++] = i;
    for (let j = 0; j < jobs; j++) {
      const events: EventRecord[] = [];
      for (let k = first[j]!; k < first[j + 1]!; k++) events.push(this.story(byJob[k]!));
      for (const f of checkJob(jobOf(this.jobs.spelt(j), events))) this.place(f);
      this.texts.clear();
      if ((j + 1) % JOBS_PER_STEP === 0) yield;
    }
    return this.out;
  }

  private kindNumber(name: string, stage: string | undefined): number {
    let byStage = this.kinds.get(name);
    if (!byStage) this.kinds.set(name, (byStage = new Map<string | undefined, number>()));
    let kind = byStage.get(stage);
    if (kind === undefined) {
      kind = this.kindOf.length;
      byStage.set(stage, kind);
      this.kindOf.push({ name, stage, info: eventByName(name) });
    }
    return kind;
  }

  private story(i: number): EventRecord {
    const row = this.storyRow.get(i);
    const kind = this.kindOf[this.kind.get(i)]!;
    const time = this.time.get(i);
    const retries = this.retries.get(i);
    const exceeded = this.exceeded.get(i);
    return {
      source: this.places.source(row),
      span: NO_SPAN,
      // The row is the record's place among all records of all sources: readRecords' order.
      order: row,
      name: kind.name,
      info: kind.info,
      time: Number.isNaN(time) ? undefined : time,
      retries: retries === RETRIES_NONE ? undefined : retries === RETRIES_ELSEWHERE ? this.oddRetries.get(i) : retries,
      exceeded: exceeded < 0 ? undefined : exceeded === 1,
      stage: kind.stage,
    };
  }

  /** Whether the row's event_id is an earlier row's (then it is reported); else it is indexed. */
  private duplicate(row: number, hash: number): boolean {
    let id: string | undefined;
    let had = '';
    const same = (earlier: number): boolean => {
      if (this.hash.get(earlier) !== hash) return false;
      // Equal hashes, most likely equal ids: the ids themselves, read again, say for sure.
      id ??= this.eventId(row);
      had = this.eventId(earlier);
      return idKey(had) === idKey(id);
    };
    const earlier = this.ids.lookup(hash, same, row);
    if (earlier < 0) return false;
    const at = (r: number, eventId: string): EventRecord => ({ source: this.places.source(r), span: NO_SPAN, order: r, name: '', eventId });
    this.place(duplicateId(at(row, id!), at(earlier, had)));
    return true;
  }

  private eventId(row: number): string {
    const value: unknown = JSON.parse(this.text(row));
    const id = isObject(value) ? member(value, 'event_id') : undefined;
    return typeof id === 'string' ? id : '';
  }

  private place(f: CrossFinding): void {
    const source = f.record.source;
    const d = placeFinding(f, this.rulesOf(source), (r, path) => this.locate(r.order, path), this.uriOf);
    if (d) this.out[source]!.push(d);
  }

  private locate(row: number, path: JsonPath): Placed {
    const text = this.text(row);
    const at = spanOf(text, { start: 0, end: text.length }, path);
    const place = this.places.place(row, (source, start, end) => this.reader.read(source, start, end));
    const base = { offset: place.utf16, line: place.line, character: this.places.start(row).character };
    return { offset: base.offset + at.offset, length: at.length, lines: new RecordLines(text, base), record: place.record < 0 ? undefined : place.record };
  }

  /** A record's text, as validate() sees it; the texts of one job are kept while it is checked. */
  private text(row: number): string {
    let text = this.texts.get(row);
    if (text === undefined) {
      const { start, line, end } = this.places.start(row);
      const source = this.places.source(row);
      text = end !== undefined ? this.reader.read(source, start, end) : line ? this.reader.line(source, start) : this.reader.read(source, start, Infinity);
      // The first record of a text starts where a BOM may have been (validate.ts blanks it).
      if (text.charCodeAt(0) === 0xfeff && this.places.place(row, (source, from, to) => this.reader.read(source, from, to)).utf16 === 0) text = withoutBom(text);
      if (this.texts.size > 256) this.texts.clear();
      this.texts.set(row, text);
    }
    return text;
  }
}

/** Jobs checked per step of finishSteps. */
const JOBS_PER_STEP = 32768;

/** Records here are placed by their rows, not by spans; one object for all of them. */
const NO_SPAN = Object.freeze({ start: 0, end: 0 });

const RETRIES_NONE = -(2 ** 31);
const RETRIES_ELSEWHERE = -(2 ** 31) + 1;

/**
 * Positions in a record: its own lines, moved down to where it is in the file, and its first line
 * moved right to the column it starts at (0 for a log's line or a document; a capture's payload
 * starts after its key).
 */
class RecordLines {
  private readonly lines: LineIndex;

  constructor(
    text: string,
    private readonly base: { offset: number; line: number; character: number },
  ) {
    this.lines = new LineIndex(text);
  }

  position(offset: number): Position {
    const p = this.lines.position(offset - this.base.offset);
    return { line: p.line + this.base.line, character: p.line === 0 ? p.character + this.base.character : p.character };
  }
}
