import { checkRecord, Sink } from '../checks/check-record';
import { isObject } from '../checks/findings';
import { idKey } from '../jobs/ids';
import { isStoryEvent, jobOf, type Job } from '../jobs/model';
import { toRecord, type EventRecord } from '../jobs/records';
import { checkJob, duplicateId, type CrossFinding } from '../jobs/rules';
import { toPointer, type JsonPath } from '../input/pointer';
import { LineIndex } from '../input/positions';
import { hasContent, withoutBom } from '../input/record';
import { spanOf } from '../jobs/place';
import { byOffset, makeDiagnostic, type Placer } from './diagnostic';
import { advance } from './steps';
import { validate } from './validate';
import type { Diagnostic, ValidateOptions } from '../types';
import { spliceAll } from '../util/arrays';
import type { RuleCode } from '../config/rules';

/** A line of a log, immutable once checked: an edit replaces it with a new one. */
interface Line {
  text: string;
  /** Length of the line break after it (0 for the last line, 2 for \r\n). */
  eol: number;
  /** Whitespace only: no record. Known once, as the line never changes. */
  blank: boolean;
  /** Where the line stands now; renumbered after each edit. */
  index: number;
  start: number;
  record: number | undefined;
  /** Diagnostics of the record alone, positions relative to the line. */
  local: Diagnostic[];
  /** What the cross-event checks need of it; absent for blank or broken lines. */
  event?: EventRecord;
  /** The key (idKey) of the job whose story it is part of (job events and file_added_to_job_event). */
  job?: string;
}

interface Placed {
  code: RuleCode;
  message: string;
  line: Line;
  offset: number;
  length: number;
  pointer: string;
  related: { line: Line; offset: number; length: number; message: string };
}

/**
 * A log checked once, then re-checked by the lines an edit touches: their records, the jobs
 * they belong to and the event ids they carry. What it reports equals a full validation of
 * the same text, record for record (a test compares them after random edits).
 */
export class LogSession {
  private lines: Line[] = [];
  /** The first check while it is under way: it runs in slices, like the whole-text validation. */
  private work: Generator<void, void> | undefined;
  private readonly byJob = new Map<string, Set<Line>>();
  private readonly byEventId = new Map<string, Set<Line>>();
  private readonly jobFindings = new Map<string, Placed[]>();
  private readonly idFindings = new Map<string, Placed[]>();
  /**
   * Records put through the per-record checks since the session began (blank lines are not
   * records). An edit adds only the records of the lines it touched: appending one line to a
   * log of 2,000 adds 1, which is how the tests see that a growing log is not checked again.
   */
  recordsChecked = 0;

  /**
   * `text` is the log, or its lines as an editor holds them (read one by one as they are
   * checked, so a long document is never copied into one string): `count` lines, each followed
   * by a break of `eol` characters but the last.
   */
  constructor(text: string | LineSource, private readonly options: ValidateOptions = {}) {
    this.work = this.firstCheck(typeof text === 'string' ? eachLine(withoutBom(text)) : linesOf(text));
  }

  /** Checks lines for about `budgetMs`; true once all are, and the cross-event checks with them. */
  step(budgetMs = Infinity): boolean {
    if (!this.work) return true;
    if (!advance(this.work, budgetMs)) return false;
    this.work = undefined;
    return true;
  }

  /**
   * The first check, as small steps: each line, then the indexes, then each event id and each
   * job; `step` runs as many as its budget allows, so no slice of a long log takes long.
   */
  private *firstCheck(pending: Iterable<{ text: string; eol: number }>): Generator<void, void> {
    // Lines are read as they are checked: splitting 100k lines up front would be one long step.
    for (const p of pending) {
      this.lines.push(this.check(p.text, p.eol));
      yield;
    }
    this.renumber();
    yield;
    const jobs = new Set<string>();
    const ids = new Set<string>();
    let n = 0;
    for (const l of this.lines) {
      this.index(l, jobs, ids);
      if (++n % 1024 === 0) yield;
    }
    for (const id of ids) {
      this.recheckId(id);
      if (++n % 256 === 0) yield;
    }
    for (const job of jobs) {
      this.recheckJob(job);
      if (++n % 64 === 0) yield;
    }
  }

  /**
   * Replaces `removed` lines from line `first` on by `inserted` lines, as one edit of the
   * document does; `eol` is the length of the document's line break. Only after `step` is done.
   */
  edit(first: number, removed: number, inserted: readonly string[], eol = 1): void {
    if (!this.step()) return;
    const last = first + removed >= this.lines.length;
    // The last line has no break after it; the lines inserted before the end do.
    this.replace(first, removed, inserted.map((text, i) => ({ text, eol: last && i === inserted.length - 1 ? 0 : eol })));
  }

  /** Each record that parsed to an object, in order, as the job model reads them. */
  records(): EventRecord[] {
    this.step();
    const out: EventRecord[] = [];
    for (const l of this.lines) if (l.event) out.push(l.event);
    return out;
  }

  /**
   * The record number of a line (undefined for a blank line): what the preview highlights as the
   * cursor moves, found without reading the text again. Only once the first check is done.
   */
  recordOfLine(line: number): number | undefined {
    return this.work ? undefined : this.lines[line]?.record;
  }

  /** Records and jobs, for the status bar. */
  counts(): { records: number; jobs: number } {
    this.step();
    let records = 0;
    for (const l of this.lines) if (l.record !== undefined) records++;
    let jobs = 0;
    for (const set of this.byJob.values()) if (set.size > 0) jobs++;
    return { records, jobs };
  }

  /** The text as the session knows it. */
  text(): string {
    return this.lines.map((l) => l.text + (l.eol === 2 ? '\r\n' : l.eol === 1 ? '\n' : '')).join('');
  }

  diagnostics(): Diagnostic[] {
    this.step();
    // A pretty-printed document saved as a log is one finding about the whole text.
    const first = this.lines.find((l) => !l.blank);
    if (first && /^\s*[[{]\s*$/.test(first.text)) return validate(this.text(), { ...this.options, mode: 'log' });
    const out: Diagnostic[] = [];
    for (const line of this.lines) {
      for (const d of line.local) {
        out.push({ ...d, offset: d.offset + line.start, range: { start: { line: line.index, character: d.range.start.character }, end: { line: line.index, character: d.range.end.character } }, ...(line.record !== undefined ? { record: line.record } : {}) });
      }
    }
    for (const list of [...this.idFindings.values(), ...this.jobFindings.values()]) {
      for (const f of list) {
        // Each finding lies on one line: its offsets map onto that line.
        const onLine = (l: Line): Placer => ({ position: (offset) => ({ line: l.index, character: offset - l.start }) });
        const d = makeDiagnostic({ code: f.code, offset: f.line.start + f.offset, length: f.length, message: f.message, pointer: f.pointer, record: f.line.record }, this.options.rules, onLine(f.line));
        if (!d) continue;
        const at = (l: Line, offset: number, length: number) => ({ start: { line: l.index, character: offset }, end: { line: l.index, character: offset + length } });
        const r = f.related;
        d.related = [{ message: r.message, range: at(r.line, r.offset, r.length), offset: r.line.start + r.offset, length: r.length, ...(r.line.record !== undefined ? { record: r.line.record } : {}) }];
        out.push(d);
      }
    }
    return out.sort(byOffset);
  }

  private replace(first: number, removed: number, inserted: readonly { text: string; eol: number }[]): void {
    const gone = this.lines.slice(first, first + removed);
    const fresh = inserted.map((l) => this.check(l.text, l.eol));
    spliceAll(this.lines, first, removed, fresh);
    this.renumber(first);
    const jobs = new Set<string>();
    const ids = new Set<string>();
    for (const l of gone) this.unindex(l, jobs, ids);
    for (const l of fresh) this.index(l, jobs, ids);
    // A repeated event_id leaves its job's story: the jobs of every line with a changed id change.
    for (const id of ids) for (const l of this.byEventId.get(id) ?? []) if (l.job) jobs.add(l.job);
    for (const id of ids) this.recheckId(id);
    for (const job of jobs) this.recheckJob(job);
  }

  private check(text: string, eol: number): Line {
    const line: Line = { text, eol, blank: !hasContent(text), index: 0, start: 0, record: undefined, local: [] };
    if (line.blank) return line;
    this.recordsChecked++;
    // A record is one line, so positions relative to it are its own line's characters.
    const sink = new Sink(new LineIndex(text), { ...this.options, crossEvent: false });
    const value = checkRecord(text, 0, text.length, 0, sink);
    line.local = sink.sorted().map(({ record: _record, ...d }) => d);
    if (isObject(value)) {
      line.event = toRecord(value, 0, { start: 0, end: text.length, index: 0 }, 0);
      if (isStoryEvent(line.event)) line.job = idKey(line.event.jobId);
    }
    return line;
  }

  /**
   * Numbers the lines from `from` on (those before an edit keep theirs). Runs at every edit over
   * the rest of the log, so it allocates nothing: spans are updated in place.
   */
  private renumber(from = 0): void {
    const prev = from > 0 ? this.lines[from - 1] : undefined;
    let start = prev ? prev.start + prev.text.length + prev.eol : 0;
    let record = from > 0 ? this.recordsThrough(from - 1) : 0;
    const lines = this.lines;
    for (let i = from; i < lines.length; i++) {
      const l = lines[i]!;
      l.index = i;
      l.start = start;
      start += l.text.length + l.eol;
      // The blank test is not redone here: a line never changes.
      l.record = l.blank ? undefined : record++;
      if (l.event) {
        l.event.order = i;
        l.event.span.start = l.start;
        l.event.span.end = l.start + l.text.length;
        l.event.span.index = l.record;
      }
    }
  }

  /** The number of records in lines 0 to `i`: one more than the last record number up to there. */
  private recordsThrough(i: number): number {
    for (let k = i; k >= 0; k--) {
      const r = this.lines[k]!.record;
      if (r !== undefined) return r + 1;
    }
    return 0;
  }

  private index(l: Line, jobs: Set<string>, ids: Set<string>): void {
    const id = eventKey(l);
    if (l.job) {
      add(this.byJob, l.job, l);
      jobs.add(l.job);
    }
    if (id) {
      add(this.byEventId, id, l);
      ids.add(id);
    }
  }

  private unindex(l: Line, jobs: Set<string>, ids: Set<string>): void {
    const id = eventKey(l);
    if (l.job) {
      this.byJob.get(l.job)?.delete(l);
      jobs.add(l.job);
    }
    if (id) {
      this.byEventId.get(id)?.delete(l);
      ids.add(id);
    }
  }

  private recheckId(id: string): void {
    const lines = [...(this.byEventId.get(id) ?? [])].sort((a, b) => a.index - b.index);
    if (lines.length < 2) return void this.idFindings.delete(id);
    const [firstLine, ...later] = lines;
    this.idFindings.set(id, later.map((l) => place(duplicateId(l.event!, firstLine!.event!), new Map([[l.event!, l], [firstLine!.event!, firstLine!]]))));
  }

  /** Whether an earlier line has the event_id of this one: then it is left out of its job's story. */
  private repeats(l: Line): boolean {
    const id = eventKey(l);
    if (!id) return false;
    for (const other of this.byEventId.get(id) ?? []) if (other.index < l.index) return true;
    return false;
  }

  private recheckJob(key: string): void {
    const lines = [...(this.byJob.get(key) ?? [])].filter((l) => !this.repeats(l)).sort((a, b) => a.index - b.index);
    if (lines.length === 0) return void this.jobFindings.delete(key);
    const owner = new Map(lines.map((l) => [l.event!, l]));
    // Shown as the full validation shows it: as first written in the story.
    const job: Job = { ...jobOf(lines[0]!.event!.jobId!, lines.map((l) => l.event!)), files: new Map() };
    this.jobFindings.set(key, checkJob(job).map((f) => place(f, owner)));
  }
}

/** The key (idKey) of a line's event_id, if it has one. */
function eventKey(l: Line): string | undefined {
  const id = l.event?.eventId;
  return id ? idKey(id) : undefined;
}

/** A finding's spans, relative to their lines: they stay right however lines above move. */
function place(f: CrossFinding, owner: Map<EventRecord, Line>): Placed {
  const line = owner.get(f.record)!;
  const rel = owner.get(f.related.record)!;
  const at = spanIn(line, f.path);
  const to = spanIn(rel, f.related.path);
  return { code: f.code, message: f.message, line, ...at, pointer: toPointer(f.path), related: { line: rel, ...to, message: f.related.message } };
}

function spanIn(line: Line, path: JsonPath): { offset: number; length: number } {
  return spanOf(line.text, { start: 0, end: line.text.length }, path);
}

function add<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

/** A document's lines, as an editor gives them. */
export interface LineSource {
  count: number;
  line(index: number): string;
  eol: number;
}

function* linesOf(source: LineSource): Generator<{ text: string; eol: number }> {
  for (let i = 0; i < source.count; i++) yield { text: source.line(i), eol: i + 1 < source.count ? source.eol : 0 };
}

/** A text's lines, one at a time, and the length of the break after each (\n, \r\n or a lone \r). */
function* eachLine(text: string): Generator<{ text: string; eol: number }> {
  const breaks = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
    yield { text: text.slice(start, m.index), eol: m[0].length };
    start = m.index + m[0].length;
  }
  yield { text: text.slice(start), eol: 0 };
}
