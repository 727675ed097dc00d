import * as vscode from 'vscode';
import { captureOf } from '../core/index';
import { isCheckable, modeWith } from './documents';
import { receiverSettingsFor } from './settings';
import type { TeamConfigs } from './team-config';

/** The command each lens runs, with (uri, 1-based line, LensStamp). */
export const SEND_COMMAND = 'alfredEvents.sendToReceiver';

/** At most this many lenses on a log: past it, one lens at the top says so. */
export const MAX_LENSES = 5_000;

/** A log line holding a record: a JSON object, by its first character (no parse: a lens request must stay cheap). */
export const isRecordLine = (text: string): boolean => /^[\s\uFEFF]*\{/.test(text);

/**
 * What a lens saw of its line, passed as its command's third argument: the document's version,
 * and the line's length and hash. A lens shown before an edit still names its old line number;
 * with this, the command finds the record it was above (findLine) rather than whatever is on
 * that line now.
 */
export interface LensStamp {
  version: number;
  length: number;
  hash: number;
}

export function isLensStamp(value: unknown): value is LensStamp {
  const v = value as Partial<LensStamp> | null;
  return typeof v === 'object' && v !== null && typeof v.version === 'number' && typeof v.length === 'number' && typeof v.hash === 'number';
}

/** The stamp of `text` in a document at `version`. */
export function stampOf(text: string, version: number): LensStamp {
  return { version, length: text.length, hash: fnv1a(text) };
}

/**
 * The 1-based line of `doc` holding the text a lens saw at `line`: that line when it still does,
 * else the nearest line that does (an edit above moved it); undefined when no line does (the
 * record was edited or deleted).
 */
export function findLine(doc: vscode.TextDocument, line: number, seen: LensStamp): number | undefined {
  const holds = (n: number): boolean => {
    if (n < 1 || n > doc.lineCount) return false;
    const text = doc.lineAt(n - 1).text;
    return text.length === seen.length && fnv1a(text) === seen.hash;
  };
  for (let d = 0; line - d >= 1 || line + d <= doc.lineCount; d++) {
    if (holds(line - d)) return line - d;
    if (holds(line + d)) return line + d;
  }
  return undefined;
}

/** 32-bit FNV-1a over UTF-16 code units (http://www.isthe.com/chongo/tech/comp/fnv/): cheap enough for every lens of a log, and with the length a record's stand-in. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * **Send to receiver** (README "Sending to your receiver"): a lens above a payload and above each
 * record of a log, for the documents the diagnostics check (our languages, and plain JSON holding
 * a payload while detection is on), in a trusted workspace while `alfredEvents.receiver.codeLens`
 * is on. One pass over the lines, reading only each line's first characters, and stopping
 * after MAX_LENSES records, so a long log costs no more than its first 5,000 records.
 */
export class SendLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly configs: TeamConfigs) {
    const refresh = (): void => this.changed.fire();
    this.subscriptions = [
      this.changed,
      vscode.workspace.onDidGrantWorkspaceTrust(refresh),
      configs.onDidChange(refresh),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('alfredEvents.receiver.codeLens') || e.affectsConfiguration('alfredEvents.detection.plainJson')) refresh();
      }),
    ];
  }

  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.isTrusted || !receiverSettingsFor(doc.uri).codeLens || !isCheckable(doc.uri)) return [];
    const mode = modeWith(doc, (await this.configs.settings(doc.uri)).plainJson);
    if (!mode || token.isCancellationRequested) return [];
    const title = vscode.l10n.t('Send to receiver');
    const tooltip = vscode.l10n.t('POST this record to your receiver (alfredEvents.receiver.url) and show the answer');
    const lens = (line: number): vscode.CodeLens =>
      new vscode.CodeLens(new vscode.Range(line, 0, line, 0), { title, tooltip, command: SEND_COMMAND, arguments: [doc.uri, line + 1, stampOf(doc.lineAt(line).text, doc.version)] });
    // A capture is no one body to send (README "Captures made before"): no lens on it.
    if (mode === 'document') return captureOf(doc.getText()) ? [] : [lens(0)];
    const lenses: vscode.CodeLens[] = [];
    for (let i = 0; i < doc.lineCount; i++) {
      if (!isRecordLine(doc.lineAt(i).text)) continue;
      if (lenses.length === MAX_LENSES) {
        // A title without a command: VS Code shows it as text.
        const note = vscode.l10n.t('More than {0} records: Send to receiver is shown on the first {0} only (Alfred: Send to Receiver sends the record at the cursor)', MAX_LENSES.toLocaleString('en-US'));
        lenses.unshift(new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: note, command: '' }));
        break;
      }
      lenses.push(lens(i));
    }
    return lenses;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
