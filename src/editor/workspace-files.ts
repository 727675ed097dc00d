import * as vscode from 'vscode';
import { decodeBytes, DETECT_LENGTH, isPayloadName, isPlainJsonName, modeOfName, payloadMode, type DocumentMode } from '../core/index';
import { readInOrder } from './read-files';
import type { Settings } from './settings';
import type { TeamConfigs } from './team-config';

/** Every name a payload file may have, by name or by content (README "Command line"). */
const CANDIDATE_GLOB = '**/*.{json,jsonl,ndjson}';

/** A payload file found, with the settings it is checked under. */
export interface PayloadFile {
  uri: vscode.Uri;
  mode: DocumentMode;
  settings: Settings;
  /** Its bytes, when detection already had to read them. */
  bytes?: Uint8Array;
}

/**
 * The payload files below `base` (a workspace folder, or a folder of one), or of the whole
 * workspace, chosen as the CLI chooses them: payload names whatever they hold, and plain JSON
 * whose content is a payload when detection is on for it; none in `node_modules` or a folder
 * whose name starts with a dot; none out of its configuration's scope. Sorted by path in code
 * units, as the CLI reads a folder, so that file order (which breaks ties between events) is
 * the same at every door and on every machine.
 */
export async function payloadFiles(configs: TeamConfigs, base?: vscode.Uri, token?: vscode.CancellationToken): Promise<PayloadFile[]> {
  const pattern = base ? new vscode.RelativePattern(base, CANDIDATE_GLOB) : CANDIDATE_GLOB;
  // An explicit exclude replaces files.exclude, which the CLI knows nothing of.
  const found = (await vscode.workspace.findFiles(pattern, '**/node_modules/**', undefined, token)).filter((uri) => !inSkippedFolder(uri));
  const named: PayloadFile[] = [];
  const plain: { uri: vscode.Uri; settings: Settings }[] = [];
  for (const uri of found) {
    if (token?.isCancellationRequested) return [];
    const settings = await configs.settings(uri);
    if (!settings.inScope) continue;
    if (isPayloadName(uri.path)) named.push({ uri, mode: modeOfName(uri.path), settings });
    else if (settings.plainJson && isPlainJsonName(uri.path)) plain.push({ uri, settings });
  }
  // Plain JSON is ours by its content: each is read (a few ahead, as each read is a round trip).
  const detected: PayloadFile[] = [];
  const opened = plain.map((p) => openText(p.uri));
  const reads = readInOrder(plain.filter((_, i) => opened[i] === undefined).map((p) => p.uri));
  for (const [i, { uri, settings }] of plain.entries()) {
    if (token?.isCancellationRequested) return [];
    const open = opened[i];
    let bytes: Uint8Array | undefined;
    if (open === undefined) {
      const next = await reads.next();
      bytes = next.done ? undefined : next.value[1];
      if (bytes === undefined) continue;
    }
    const head = (): string => open?.slice(0, DETECT_LENGTH) ?? decodeBytes(bytes!.subarray(0, DETECT_LENGTH)).text;
    const mode = payloadMode(uri.path, head, { plainJson: true });
    if (mode) detected.push({ uri, mode, settings, ...(bytes ? { bytes } : {}) });
  }
  return [...named, ...detected].sort((a, b) => (a.uri.path < b.uri.path ? -1 : a.uri.path > b.uri.path ? 1 : 0));
}

/**
 * Whether a file lies in `node_modules` or a dot-folder (`.git`, `.vscode`, tool state) below
 * its workspace folder: dependencies and tools' files, never the user's payloads (as the CLI).
 */
function inSkippedFolder(uri: vscode.Uri): boolean {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const rel = folder ? uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1) : uri.path;
  const dirs = rel.split('/').slice(0, -1);
  return dirs.some((d) => d === 'node_modules' || d.startsWith('.'));
}

/** The text of the document open at `uri`, if one is: what the user sees, saved or not. */
export function openText(uri: vscode.Uri): string | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key)?.getText();
}
