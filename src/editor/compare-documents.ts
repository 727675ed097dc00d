import * as vscode from 'vscode';
import { decodeBytes, modeOfName, normalizedText, payloadMode, readValue, type DiffOptions, type DocumentMode } from '../core/index';
import { lineSpans } from '../core/input/positions';
import { captureSpans, withoutBom } from '../core/input/record';
import { modeOf } from './documents';
import { readBytes } from './read-files';
import { openText } from './workspace-files';

/** The scheme of the normalised records the diff editor shows side by side. */
export const SCHEME = 'alfred-events-normalized';

/**
 * One record to compare: a payload file (no line), or the record on a line of a log. `line` is
 * 1-based, as the editor's gutter and the CLI's `FILE:LINE` number it.
 */
export interface RecordRef {
  uri: vscode.Uri;
  line?: number;
}

/** A record read: its parsed value, the event it names, and the text it came from. */
export interface ReadRecord extends RecordRef {
  value: unknown;
  /** `event.event_name`, else the URL verification's `type`, else undefined. */
  name?: string;
}

/** A document's text as the user sees it: its editor's, else decoded from disk. */
export async function sourceText(uri: vscode.Uri): Promise<string | undefined> {
  const open = openText(uri);
  if (open !== undefined) return open;
  const bytes = await readBytes(uri);
  return bytes ? decodeBytes(bytes).text : undefined;
}

/** How to read `uri`: as its open editor says, else by its name (a plain .json by its content). */
export function modeOfUri(uri: vscode.Uri, text: string): DocumentMode | undefined {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (doc) return modeOf(doc);
  return payloadMode(uri.path, () => text.slice(0, 4096), { plainJson: true, mode: modeOfName(uri.path) });
}

/**
 * Reads the record `ref` names: a log's line (1-based) or a whole payload. Throws an Error whose
 * message a person reads when the file is gone, the line is out of range or blank, or the text
 * is not JSON (ECMA-404): the diff needs a value on each side.
 */
export async function readRecord(ref: RecordRef): Promise<ReadRecord> {
  const text = await sourceText(ref.uri);
  if (text === undefined) throw new Error(vscode.l10n.t('{0} cannot be read.', label(ref)));
  const mode = modeOfUri(ref.uri, text) ?? 'document';
  let slice = withoutBom(text);
  let line = ref.line;
  const payloads = mode === 'log' ? undefined : captureSpans(slice);
  if (payloads) {
    // A capture: the payload the line is part of.
    const at = lineSpans(slice)[(line ?? 1) - 1];
    const payload = at && payloads.find((p) => p.start <= at.end && at.start <= p.end);
    if (!payload) throw new Error(vscode.l10n.t('{0} holds no record.', label({ uri: ref.uri, line: line ?? 1 })));
    line ??= 1;
    slice = slice.slice(payload.start, payload.end);
  } else if (mode === 'log' || line !== undefined) {
    const lines = lineSpans(slice).map((l) => slice.slice(l.start, l.end));
    // A payload file is one record wherever the cursor is; only a log has one per line.
    if (mode !== 'log') line = undefined;
    else {
      line ??= 1;
      if (line < 1 || line > lines.length || !lines[line - 1]!.trim()) throw new Error(vscode.l10n.t('{0} holds no record.', label({ uri: ref.uri, line })));
      slice = lines[line - 1]!;
    }
  }
  // Read as the CLI reads a side: numbers a double cannot hold stay as written.
  const read = readValue(slice);
  if (!('value' in read)) throw new Error(vscode.l10n.t('{0} is not valid JSON.', label({ uri: ref.uri, line })));
  return { uri: ref.uri, line, value: read.value, name: eventName(read.value) };
}

function eventName(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { event?: { event_name?: unknown }; type?: unknown };
  if (typeof v.event?.event_name === 'string') return v.event.event_name;
  return typeof v.type === 'string' ? v.type : undefined;
}

const basename = (uri: vscode.Uri): string => uri.path.slice(uri.path.lastIndexOf('/') + 1);

/** "jobs.alfred.jsonl:40" or "job_retry_event.alfred.json": where a record is, for messages. */
export function label(ref: RecordRef): string {
  return ref.line === undefined ? basename(ref.uri) : `${basename(ref.uri)}:${ref.line}`;
}

/**
 * The diff editor's title, naming both records: "job_retry_event line 39 ↔ line 40" for two
 * records of one file and one event, else each with its event and place.
 */
export function compareTitle(a: ReadRecord, b: ReadRecord): string {
  const sameFile = a.uri.toString() === b.uri.toString();
  if (sameFile && a.name === b.name && a.line !== undefined && b.line !== undefined) {
    return vscode.l10n.t('{0} line {1} ↔ line {2}', a.name ?? vscode.l10n.t('record'), a.line, b.line);
  }
  const one = (r: ReadRecord): string => `${r.name ?? vscode.l10n.t('record')} (${label(r)})`;
  return `${one(a)} ↔ ${one(b)}`;
}

/** What a normalised side shows: the record, and the options it is normalised with. */
interface SideQuery {
  source: string;
  line?: number;
  options: DiffOptions;
}

/**
 * The address of a record's normalised side. The options travel in it, so that both sides and
 * the summary read the record alike. Its path ends in .json so that it reads as JSON.
 */
export function normalizedUri(ref: RecordRef, options: DiffOptions): vscode.Uri {
  const query: SideQuery = { source: ref.uri.toString(), ...(ref.line !== undefined ? { line: ref.line } : {}), options };
  const name = ref.line === undefined ? basename(ref.uri) : `${basename(ref.uri)} line ${ref.line}`;
  return vscode.Uri.from({ scheme: SCHEME, path: `/${name}.normalized.json`, query: JSON.stringify(query) });
}

/** The record a normalised side shows, from its address. */
export function sideOf(uri: vscode.Uri): { ref: RecordRef; options: DiffOptions } {
  const q = JSON.parse(uri.query) as SideQuery;
  return { ref: { uri: vscode.Uri.parse(q.source), ...(q.line !== undefined ? { line: q.line } : {}) }, options: q.options ?? {} };
}

const refuse = (): never => {
  throw vscode.FileSystemError.NoPermissions();
};

/**
 * A read-only file system holding each record normalised (`normalizedText`), so that the built-in
 * diff editor compares what `diff` compares. A read-only file system rather than a content
 * provider: the checks leave read-only snapshots alone (documents.ts `isCheckable`), and these
 * sides, without their volatile fields, would otherwise be reported as broken payloads.
 * Each read takes the record as it is now.
 */
export class NormalizedRecords implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private readonly born = Date.now();

  static register(): vscode.Disposable {
    const fs = new NormalizedRecords();
    return vscode.Disposable.from(fs.changed, vscode.workspace.registerFileSystemProvider(SCHEME, fs, { isReadonly: true, isCaseSensitive: true }));
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const { ref, options } = sideOf(uri);
    let record: ReadRecord;
    try {
      record = await readRecord(ref);
    } catch (err) {
      throw vscode.FileSystemError.FileNotFound(err instanceof Error ? err.message : String(err));
    }
    return new TextEncoder().encode(normalizedText(record.value, options));
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const size = (await this.readFile(uri)).length;
    return { type: vscode.FileType.File, ctime: this.born, mtime: this.born, size };
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  // Nothing here is written: every change is refused.
  readonly createDirectory = refuse;
  readonly writeFile = refuse;
  readonly delete = refuse;
  readonly rename = refuse;
}
