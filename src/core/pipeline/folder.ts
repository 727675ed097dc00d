/**
 * The one way from a set of files to their findings, whichever door asks (Validate Workspace, an
 * open document among its workspace's files, the folder timeline): each file's own checks, then
 * the cross-event checks over all of them at once, as the CLI checks the files it is given
 * (README, "Command line"; the cross-event rules in "Rules").
 */
import { decodeBytes, encodingDiagnostics } from '../input/encoding';
import { t } from '../l10n';
import { crossCheckSources } from '../jobs/index';
import { idKey } from '../jobs/ids';
import { isStoryEvent } from '../jobs/model';
import { readRecords, type EventRecord, type Source } from '../jobs/records';
import { crossCheck, type CrossFinding } from '../jobs/rules';
import type { RuleCode } from '../config/rules';
import type { Diagnostic, DocumentMode } from '../types';
import { byOffset, makeDiagnostic, type Rules } from './diagnostic';
import { Validation } from './validate';

/** One file to check: its bytes as read, or an open document's text. */
export interface FileInput {
  /** How findings name it (a URI in the editor). */
  uri: string;
  mode: DocumentMode;
  bytes?: Uint8Array;
  text?: string;
  /** Its rules (its folder's configuration, already combined); the run's when absent. */
  rules?: Rules;
  /** Above this many bytes (code units for a text) it is not checked: one file-too-large notice instead. */
  maxBytes?: number;
  /** Its size when neither bytes nor text are given (a file too large to read). */
  size?: number;
  /**
   * The cross-event checks over its own records too (a log checked alone, from the records the
   * per-record checks parsed); off by default, as a set of files checks across all of them.
   */
  crossEvent?: boolean;
}

/**
 * The one notice of a file over the size limit (rule `file-too-large`, README "Rules"), at its
 * start; undefined when the rule is off. `size` and `limit` in bytes.
 */
export function tooLargeDiagnostic(size: number, limit: number, rules?: Rules): Diagnostic | undefined {
  const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
  const message = t('This file ({0} MB) is larger than the maxFileSizeMB limit ({1} MB), so it is not checked. Raise maxFileSizeMB in .alfred-events.json (in VS Code, also the alfredEvents.validation.maxFileSizeMB setting), or remove it there to check files of any size with the CLI.', mb(size), mb(limit));
  return makeDiagnostic({ code: 'file-too-large', offset: 0, length: 0, message, pointer: '' }, rules, START);
}

/** Every offset of a file not read is its start. */
const START = { position: () => ({ line: 0, character: 0 }) };

/** The rules whose findings come from the checks across events (jobs/rules.ts), not from one record. */
export const CROSS_EVENT_RULES: ReadonlySet<RuleCode> = new Set<RuleCode>([
  'duplicate-event-id', 'retries-decreasing', 'event-after-end', 'multiple-ends', 'exceeded-retries-unmarked', 'stage-before-start',
]);


/**
 * One file's own checks (encoding, then record by record; no cross-event checks), a slice at a
 * time: call `step(ms)` until it returns true. A file over its limit has only the notice, and
 * `text` undefined: it takes no part in the checks across files.
 */
export class FileValidation {
  readonly text: string | undefined;
  private readonly run: Validation | undefined;
  private readonly found: Diagnostic[] = [];

  constructor(readonly input: FileInput, fallbackRules?: Rules) {
    const rules = input.rules ?? fallbackRules;
    const size = input.bytes?.length ?? input.text?.length ?? input.size ?? 0;
    if (input.maxBytes !== undefined && size > input.maxBytes) {
      const notice = tooLargeDiagnostic(size, input.maxBytes, rules);
      if (notice) this.found.push(notice);
      return;
    }
    const decoded = input.text !== undefined ? { text: input.text, invalid: [] } : decodeBytes(input.bytes ?? new Uint8Array());
    this.text = decoded.text;
    this.found.push(...encodingDiagnostics(decoded.text, decoded.invalid, rules));
    this.run = new Validation(decoded.text, { mode: input.mode, rules, crossEvent: input.crossEvent ?? false });
  }

  step(budgetMs = Infinity): boolean {
    return this.run ? this.run.step(budgetMs) : true;
  }

  /** Only once `step` said true. */
  diagnostics(): Diagnostic[] {
    return [...this.found, ...(this.run?.diagnostics() ?? [])].sort(byOffset);
  }
}

/** What a set of files found: per file, in the order given, each sorted by offset. */
export interface FileResult {
  uri: string;
  mode: DocumentMode;
  diagnostics: Diagnostic[];
  /** Its text as checked; undefined for a file over its size limit. */
  text: string | undefined;
}

/**
 * A set of files checked as one body of events (a workspace, a folder): each file's own checks
 * in slices, then the cross-event checks across every file that was checked (a job's story may
 * be spread over many files), each finding with the severity of the file it is on.
 */
export class FolderValidation {
  private next = 0;
  private current: FileValidation | undefined;
  private readonly done: { check: FileValidation; diagnostics: Diagnostic[] }[] = [];
  private results: FileResult[] | undefined;

  constructor(private readonly inputs: readonly FileInput[], private readonly rules?: Rules) {}

  /** Checks for about `budgetMs`; true once every file is checked and the cross-event checks ran. */
  step(budgetMs = Infinity): boolean {
    if (this.results) return true;
    const until = Date.now() + budgetMs;
    while (this.next < this.inputs.length) {
      this.current ??= new FileValidation(this.inputs[this.next]!, this.rules);
      if (!this.current.step(Math.max(0, until - Date.now()))) return false;
      this.done.push({ check: this.current, diagnostics: this.current.diagnostics() });
      this.current = undefined;
      this.next++;
      if (Date.now() >= until && this.next < this.inputs.length) return false;
    }
    const checked = this.done.filter((d) => d.check.text !== undefined);
    const sources: Source[] = checked.map(({ check }) => ({ uri: check.input.uri, text: check.text!, mode: check.input.mode, ...(check.input.rules ? { rules: check.input.rules } : {}) }));
    crossCheckSources(sources, this.rules).forEach((extra, i) => {
      if (extra.length > 0) checked[i]!.diagnostics = [...checked[i]!.diagnostics, ...extra].sort(byOffset);
    });
    this.results = this.done.map(({ check, diagnostics }) => ({ uri: check.input.uri, mode: check.input.mode, diagnostics, text: check.text }));
    return true;
  }

  /**
   * The files checked since the last call, with their own findings: a door may show them at once
   * (the Problems panel fills as the run goes on). The checks across files may add to them at
   * the end: `fileResults` has the final findings.
   */
  drain(): FileResult[] {
    const fresh = this.done.slice(this.drained).map(({ check, diagnostics }) => ({ uri: check.input.uri, mode: check.input.mode, diagnostics, text: check.text }));
    this.drained = this.done.length;
    return fresh;
  }

  private drained = 0;

  /** Files checked so far, 0 to `inputs.length`. */
  get checkedCount(): number {
    return this.next;
  }

  /** Only once `step` said true. */
  fileResults(): FileResult[] {
    if (!this.results) throw new Error('the files are not all checked');
    return this.results;
  }
}

/** The events of one file as the cross-event checks read them, without its text. */
export interface RecordSet {
  uri: string;
  mode: DocumentMode;
  records: readonly EventRecord[];
}

/** A file's records, compact: only what the cross-event rules read (toRecord's `checks`). */
export function recordsOf(text: string, mode: DocumentMode): EventRecord[] {
  return readRecords([{ uri: '', text, mode }], 'checks');
}

/**
 * The cross-event findings on the records of `sets[target]` when it is checked together with
 * the other sets (in the order given: file order breaks ties, as in the CLI); undefined when no
 * record of another set shares a job or an event_id with it, so that it alone says the same.
 * Only the records that can matter are read: the jobs and event_ids the target has, and the
 * earlier records sharing an event_id with those (a repeated id leaves its job's story).
 * The findings' records carry their set's index as `source`.
 */
export function crossFindingsOn(target: number, sets: readonly RecordSet[]): CrossFinding[] | undefined {
  const own = sets[target]?.records ?? [];
  const jobs = new Set<string>();
  const ids = new Set<string>();
  for (const r of own) {
    if (isStoryEvent(r)) jobs.add(idKey(r.jobId));
    if (r.eventId) ids.add(idKey(r.eventId));
  }
  const meets = (r: EventRecord): boolean => (isStoryEvent(r) && jobs.has(idKey(r.jobId))) || (!!r.eventId && ids.has(idKey(r.eventId)));
  const picked = sets.map((s, i) => (i === target ? s.records.map(() => true) : s.records.map(meets)));
  if (!picked.some((p, i) => i !== target && p.includes(true))) return undefined;
  const pickedIds = new Set<string>();
  sets.forEach((s, i) => s.records.forEach((r, k) => {
    if (picked[i]![k] && r.eventId) pickedIds.add(idKey(r.eventId));
  }));
  const list: EventRecord[] = [];
  sets.forEach((s, i) => s.records.forEach((r, k) => {
    if (picked[i]![k] || (r.eventId && pickedIds.has(idKey(r.eventId)))) list.push({ ...r, source: i, order: list.length });
  }));
  return crossCheck(list).filter((f) => f.record.source === target);
}
