import * as vscode from 'vscode';
import { diff, summarizeChanges, type Change, type DiffOptions, type DocumentMode } from '../core/index';
import { isRecordList } from '../core/input/record';
import { compareTitle, label, modeOfUri, normalizedUri, NormalizedRecords, readRecord, sourceText, type RecordRef } from './compare-documents';
import { previousEvent } from './compare-previous';
import type { TeamConfigs } from './team-config';
import { payloadFiles } from './workspace-files';
import type { WorkspaceIndex } from './workspace-index';
import { recordPicks } from './compare-picks';

/** What a comparison opened: the two sides' addresses, the diff editor's title and the summary shown. */
export interface Comparison {
  left: vscode.Uri;
  right: vscode.Uri;
  title: string;
  /** `summarize(diff(left, right))`, or the sentence saying the two are equal. */
  summary: string;
  changes: Change[];
}

/** The result of Compare with Previous Event when there is nothing to compare: the message shown. */
export interface NoComparison {
  message: string;
}

/**
 * Registers the normalised sides and the two compare commands (README "Comparing payloads").
 * Both take their records as arguments too, so that keybindings and tests skip the pickers:
 * `compareWithPrevious(uri?, line?)` and `comparePayloads(a?, b?)`, where a record is a Uri (a
 * payload file) or `{ uri, line }` (a log's record, line 1-based). Each returns the Comparison
 * it opened, undefined when cancelled or a record cannot be read (the error shown), and
 * compareWithPrevious a NoComparison when the event has no previous one (the message shown).
 */
export function registerCompare(configs: TeamConfigs, index: WorkspaceIndex): vscode.Disposable {
  // The team file's `diff.ignore` replaces the volatile fields, as in the CLI.
  const options = async (uri: vscode.Uri): Promise<DiffOptions> => {
    const ignore = (await configs.settings(uri)).diff?.ignore;
    return ignore ? { ignore } : {};
  };
  return vscode.Disposable.from(
    NormalizedRecords.register(),
    vscode.commands.registerCommand('alfredEvents.compareWithPrevious', (uri?: unknown, line?: unknown) => compareWithPrevious(refOf(uri, line), index, options)),
    vscode.commands.registerCommand('alfredEvents.comparePayloads', (a?: unknown, b?: unknown) => comparePayloads(a, b, configs, options)),
  );
}

type Options = (uri: vscode.Uri) => Promise<DiffOptions>;

/** A record from a command argument: a Uri, a URI string, or `{ uri, line }`; else undefined. */
export function refOf(arg: unknown, line?: unknown): RecordRef | undefined {
  const lineOf = (l: unknown): { line?: number } => (typeof l === 'number' && Number.isInteger(l) && l >= 1 ? { line: l } : {});
  if (arg instanceof vscode.Uri) return { uri: arg, ...lineOf(line) };
  if (typeof arg === 'string') return { uri: vscode.Uri.parse(arg), ...lineOf(line) };
  if (typeof arg === 'object' && arg !== null && 'uri' in arg) {
    const r = arg as { uri: unknown; line?: unknown };
    const uri = r.uri instanceof vscode.Uri ? r.uri : typeof r.uri === 'string' ? vscode.Uri.parse(r.uri) : undefined;
    return uri ? { uri, ...lineOf(r.line ?? line) } : undefined;
  }
  return undefined;
}

/** The record under the cursor of the active editor (a log's line, or the whole payload). */
function activeRecord(): RecordRef | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor ? { uri: editor.document.uri, line: editor.selection.active.line + 1 } : undefined;
}

async function compareWithPrevious(given: RecordRef | undefined, index: WorkspaceIndex, options: Options): Promise<Comparison | NoComparison | undefined> {
  const ref = given ?? activeRecord();
  const say = (message: string): NoComparison => {
    void vscode.window.showInformationMessage(message);
    return { message };
  };
  if (!ref) return say(vscode.l10n.t('Open an Alfred payload or log, and put the cursor on an event, to compare it with the previous event of its job.'));
  const text = await sourceText(ref.uri);
  const mode = text === undefined ? undefined : modeOfUri(ref.uri, text);
  if (text === undefined || !mode) return say(vscode.l10n.t('{0} is not an Alfred payload or log.', label(ref)));
  const at = isRecordList(text, mode) ? ref : { uri: ref.uri };
  const prev = await previousEvent(at, text, mode, index);
  if (prev.found) return compare(prev.found, at, options);
  if (prev.why === 'orphan') return say(vscode.l10n.t('The event at {0} names no job: there is no previous event to compare it with.', label(at)));
  if (prev.why === 'unread') return say(vscode.l10n.t('{0} holds no event that parses as JSON.', label(at)));
  return say(vscode.l10n.t('The event at {0} is the first event of job {1}: there is no previous event to compare it with.', label(at), prev.job ?? ''));
}

async function comparePayloads(a: unknown, b: unknown, configs: TeamConfigs, options: Options): Promise<Comparison | undefined> {
  // From the Explorer: the clicked file, then every selected file.
  const selected = Array.isArray(b) ? b.map((x) => refOf(x)).filter((r): r is RecordRef => !!r) : undefined;
  let first = selected && selected.length >= 2 ? selected[0] : refOf(a) ?? activeRecord();
  let second = selected && selected.length >= 2 ? selected[1] : selected ? undefined : refOf(b);
  if (first && !selected && refOf(a) === undefined) {
    // The active editor: a payload file is one record wherever the cursor is.
    const text = await sourceText(first.uri);
    if (text !== undefined && !isRecordList(text, modeOfUri(first.uri, text))) first = { uri: first.uri };
  }
  const firstTitle = vscode.l10n.t('The first payload to compare');
  first = first ? await recordOf(first, firstTitle) : await pickRecord(configs, firstTitle);
  if (!first) return undefined;
  const title = vscode.l10n.t('Compare {0} with…', label(first));
  second = second ? await recordOf(second, title) : await pickRecord(configs, title);
  if (!second) return undefined;
  return compare(first, second, options);
}

/** A payload file of the workspace, then, for a log, one of its records. */
async function pickRecord(configs: TeamConfigs, title: string): Promise<RecordRef | undefined> {
  const files = payloadFiles(configs).then((fs) => fs.map((f) => ({ label: vscode.workspace.asRelativePath(f.uri), file: f })));
  const picked = await vscode.window.showQuickPick(files, { title, placeHolder: vscode.l10n.t('An Alfred payload or log of the workspace'), matchOnDescription: true });
  if (!picked) return undefined;
  const text = (await sourceText(picked.file.uri)) ?? '';
  return isRecordList(text, picked.file.mode) ? pickLine(picked.file.uri, text, picked.file.mode, title) : { uri: picked.file.uri };
}

/** A log given without a line (from the Explorer): one of its records, picked. */
async function recordOf(ref: RecordRef, title: string): Promise<RecordRef | undefined> {
  if (ref.line !== undefined) return ref;
  const text = await sourceText(ref.uri);
  const mode = text === undefined ? undefined : modeOfUri(ref.uri, text);
  return text !== undefined && mode && isRecordList(text, mode) ? pickLine(ref.uri, text, mode, title) : ref;
}

async function pickLine(uri: vscode.Uri, text: string, mode: DocumentMode, title: string): Promise<RecordRef | undefined> {
  const record = await vscode.window.showQuickPick(recordPicks(uri, text, mode), { title, placeHolder: vscode.l10n.t('A record of {0}', vscode.workspace.asRelativePath(uri)), matchOnDescription: true });
  return record?.ref;
}

/**
 * Opens the built-in diff editor on the two records normalised (left `a`, right `b`) and shows
 * the structural summary of `diff(a, b)` as an information message. Errors reading either record
 * are shown, and the comparison is not opened.
 */
export async function compare(a: RecordRef, b: RecordRef, options: Options): Promise<Comparison | undefined> {
  let left, right;
  try {
    [left, right] = await Promise.all([readRecord(a), readRecord(b)]);
  } catch (err) {
    void vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err));
    return undefined;
  }
  // One set of options for both sides: those of the record being looked at (the right one).
  const opts = await options(b.uri);
  const changes = diff(left.value, right.value, opts);
  const title = compareTitle(left, right);
  const summary = changes.length === 0 ? vscode.l10n.t('No change that matters: the two are equal once normalised.') : summarizeChanges(changes);
  const leftUri = normalizedUri(left, opts);
  const rightUri = normalizedUri(right, opts);
  await vscode.commands.executeCommand('vscode.diff', leftUri, rightUri, title, { preview: true });
  void vscode.window.showInformationMessage(`${title}: ${summary}`);
  return { left: leftUri, right: rightUri, title, summary, changes };
}
