import * as vscode from 'vscode';
import { DEFAULT_LOG, parseForward, parsePort, readArgs } from './record-plan';
import { chooseReceiver } from './receiver-policy';
import { receiverSettingsFor, type Settings } from './settings';
import type { TeamConfigs } from './team-config';

/** The answers a recording starts from. */
export interface RecordingPlan {
  port: number;
  /** The log, a file on the extension host's disk. */
  out: vscode.Uri;
  forwardTo?: URL;
  /** Whether the forward URL may be another machine (the receiver settings' allowRemote). */
  allowRemote: boolean;
  /** The rules the log's folder checks events under: the recorder counts each event's findings with them. */
  rules: Settings['rules'];
}

/**
 * Asks what *Start Recording Deliveries…* needs, question by question (README "Recording in the
 * editor"): the port (0, any free port, first), the log (a save dialog on `deliveries.alfred.jsonl`
 * in the first workspace folder), and the URL to forward to (the configured receiver first, empty
 * for none). An answer in `raw` (see readArgs) skips its question. Undefined when the user
 * dismissed one; `{ refused }` with one sentence when an answer given in `raw` is unusable.
 */
export async function askPlan(raw: unknown, configs: TeamConfigs): Promise<RecordingPlan | { refused: string } | undefined> {
  const read = readArgs(raw, vscode.l10n);
  if ('error' in read) return { refused: read.error };
  const { args } = read;
  let port = args.port;
  if (port === undefined) {
    const text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Alfred: Record Deliveries (1/3)'),
      prompt: vscode.l10n.t('The port to listen on, on 127.0.0.1 (this machine only): 0 takes any free port.'),
      value: '0',
      ignoreFocusOut: true,
      validateInput: (v) => {
        const p = parsePort(v, vscode.l10n);
        return 'error' in p ? p.error : undefined;
      },
    });
    if (text === undefined) return undefined;
    const p = parsePort(text, vscode.l10n);
    if ('error' in p) return undefined;
    port = p.port;
  }

  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  let out = args.out !== undefined ? toUri(args.out) : undefined;
  if (!out) {
    out = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Alfred: Record Deliveries (2/3): the log to append them to'),
      saveLabel: vscode.l10n.t('Record Here'),
      filters: { [vscode.l10n.t('Alfred event logs')]: ['alfred.jsonl', 'jsonl'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, DEFAULT_LOG) } : {}),
    });
    if (!out) return undefined;
    // VS Code's save dialog asks whether to overwrite an existing file; the recorder appends.
    if (!(await appendConfirmed(out))) return undefined;
  }
  // The recorder writes with the extension host's own file system calls.
  if (out.scheme !== 'file' && out.scheme !== 'vscode-remote') return { refused: vscode.l10n.t('Recording writes to a file on this machine\'s disk; {0} is not one.', out.toString()) };

  // The team's receiver: chosen as a send chooses it, but only offered here, never required.
  const settings = receiverSettingsFor(out);
  const { receiver: team, rules } = await configs.settings(out);
  const choice = chooseReceiver({ trusted: true, settingUrl: settings.url, settingAllowRemote: settings.allowRemote, team }, vscode.l10n);
  const allowRemote = 'receiver' in choice ? choice.receiver.allowRemote : 'ask' in choice ? choice.allowRemote : false;
  let forward = args.forwardTo;
  if (forward === undefined) {
    forward = await vscode.window.showInputBox({
      title: vscode.l10n.t('Alfred: Record Deliveries (3/3)'),
      prompt: vscode.l10n.t('Forward each request to your receiver and return its answer (empty: record only, and answer the URL-verification handshake here).'),
      value: 'receiver' in choice ? choice.receiver.url.toString() : '',
      ignoreFocusOut: true,
      validateInput: (v) => {
        const f = parseForward(v, allowRemote, port, vscode.l10n);
        return 'error' in f ? f.error : undefined;
      },
    });
    if (forward === undefined) return undefined;
  }
  const f = parseForward(forward, allowRemote, port, vscode.l10n);
  if ('error' in f) return { refused: f.error };
  return { port, out, allowRemote, rules, ...(f.url ? { forwardTo: f.url } : {}) };
}

/**
 * Whether the user, having picked an existing log in the save dialog (which asked whether to
 * overwrite it), means to append to it: the recorder never empties a log, so say so and ask.
 * A new or empty file needs no question.
 */
async function appendConfirmed(out: vscode.Uri): Promise<boolean> {
  let size: number;
  try {
    size = (await vscode.workspace.fs.stat(out)).size;
  } catch {
    return true; // a new file
  }
  if (size === 0) return true;
  const append = vscode.l10n.t('Append');
  const pick = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} already holds deliveries. The recorder appends to it and never empties it: new deliveries go after its last line.', vscode.workspace.asRelativePath(out, false)),
    { modal: true },
    append,
  );
  return pick === append;
}

/** A URI as a string (`file:///…`), or a path on this machine. */
function toUri(text: string): vscode.Uri {
  return /^[a-zA-Z][\w+.-]+:/.test(text) ? vscode.Uri.parse(text) : vscode.Uri.file(text);
}
