import * as vscode from 'vscode';
import { CONFIG_FILE, combineRules, decodeBytes, defaultRules, inScope, parseTeamConfig, type ConfigProblem, type TeamConfig } from '../core/index';
import pkg from '../../package.json';
import { SOURCE, toRange } from './convert';
import { settingsFor, type Settings } from './settings';

/** A document's settings with its team configuration applied, and whether the configuration checks it at all. */
export interface TeamSettings extends Settings {
  /** False when the configuration's `include`/`exclude` leave the document out: it is then not checked. */
  inScope: boolean;
  /** The team file's `receiver` key, when its file has one (where Send to receiver delivers without a setting). */
  receiver?: TeamConfig['receiver'];
  /** The team file's `diff` key: what the editor's comparisons ignore (README "Comparing payloads"). */
  diff?: TeamConfig['diff'];
}

/** The configuration file that applies to a folder: where it is, and what it says (undefined while invalid). */
interface Found {
  dir: vscode.Uri;
  config: TeamConfig | undefined;
}

/** The `code` of a configuration problem: stable, and linked to the README section that explains the file. */
export const CONFIG_PROBLEM = 'config';

/**
 * The team configuration in the editor (README "Team configuration"): for each document, the
 * nearest `.alfred-events.json` in its folder or above, up to its workspace folder's root, read
 * with `workspace.fs` (so the web build reads it too), each folder looked up once. Files are
 * watched; any change re-reads them and fires onDidChange, so that open documents are re-checked.
 *
 * An invalid file is never silently ignored: its problems are diagnostics on the file itself,
 * whether or not it is open (every config file of the workspace is read at start), and while it
 * is invalid the documents below it are checked with the defaults and the user's settings.
 */
export class TeamConfigs implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('alfred-events-config');
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a configuration file is created, changed or deleted (or the workspace folders change). */
  readonly onDidChange = this.changed.event;
  private readonly nearest = new Map<string, Promise<Found | undefined>>();
  /** Each file's reading: what it says, undefined when invalid, null when there is no file. */
  private readonly files = new Map<string, Promise<TeamConfig | undefined | null>>();
  /** Bumped by every change: a reading that started before it must not publish its problems. */
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`);
    const changed = (uri?: vscode.Uri): void => this.refresh(uri);
    this.subscriptions = [
      this.collection,
      this.changed,
      watcher,
      watcher.onDidCreate(changed),
      watcher.onDidChange(changed),
      watcher.onDidDelete(changed),
      vscode.workspace.onDidChangeWorkspaceFolders(() => changed()),
      // While the file is edited, its problems follow the text; the checks follow the saved file,
      // as the CLI reads it.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (isConfigFile(e.document.uri)) this.show(e.document.uri, parseTeamConfig(e.document.getText()).problems);
      }),
      // Closed unsaved, the file on disk is what holds again.
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (isConfigFile(d.uri)) void this.load(d.uri);
      }),
    ];
    void this.readAll();
  }

  /**
   * The settings of the document at `uri`: rules combined as the table's defaults <
   * `alfredEvents.rules` < its `.alfred-events.json`; `plainJson` from the file's `detect` when it
   * says; `inScope` from its `include` and `exclude`. A document outside every workspace folder
   * (an untitled one, say) has no team configuration.
   */
  async settings(uri: vscode.Uri): Promise<TeamSettings> {
    const base = settingsFor(uri);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const found = folder && within(uri, folder.uri) ? await this.nearestTo(parentOf(uri), folder.uri) : undefined;
    const team = found?.config;
    return {
      ...base,
      rules: combineRules(defaultRules(), base.rules, team?.rules),
      plainJson: team?.detect ?? base.plainJson,
      maxBytes: team?.maxFileSizeMB !== undefined ? team.maxFileSizeMB * 1024 * 1024 : base.maxBytes,
      inScope: !found || !team || inScope(relativePath(found.dir, uri), team),
      ...(team?.receiver ? { receiver: team.receiver } : {}),
      ...(team?.diff ? { diff: team.diff } : {}),
    };
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }

  private nearestTo(dir: vscode.Uri, root: vscode.Uri): Promise<Found | undefined> {
    const key = dir.toString();
    let found = this.nearest.get(key);
    if (!found) this.nearest.set(key, (found = this.lookUp(dir, root)));
    return found;
  }

  private async lookUp(dir: vscode.Uri, root: vscode.Uri): Promise<Found | undefined> {
    const config = await this.read(vscode.Uri.joinPath(dir, CONFIG_FILE));
    if (config !== null) return { dir, config };
    const up = parentOf(dir);
    return dir.path === root.path || up.path === dir.path || !within(up, root) ? undefined : this.nearestTo(up, root);
  }

  private read(file: vscode.Uri): Promise<TeamConfig | undefined | null> {
    const key = file.toString();
    let reading = this.files.get(key);
    if (!reading) this.files.set(key, (reading = this.load(file)));
    return reading;
  }

  private async load(file: vscode.Uri): Promise<TeamConfig | undefined | null> {
    const generation = this.generation;
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(file);
    } catch {
      // No such file (or a folder of that name): nothing to apply, nothing to report.
      if (generation === this.generation) this.collection.delete(file);
      return null;
    }
    // As the CLI reads it: a BOM dropped, invalid UTF-8 as U+FFFD (then a syntax problem).
    const { config, problems } = parseTeamConfig(decodeBytes(bytes).text);
    if (generation === this.generation) {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.toString());
      this.show(file, open ? parseTeamConfig(open.getText()).problems : problems);
    }
    return problems.length === 0 ? config : undefined;
  }

  /** Reads every configuration file of the workspace, so that a broken one shows before anything is checked below it. */
  private async readAll(): Promise<void> {
    const generation = this.generation;
    let files: vscode.Uri[];
    try {
      files = await vscode.workspace.findFiles(`**/${CONFIG_FILE}`, '**/node_modules/**');
    } catch {
      // A file system with no search (some virtual workspaces): each file is still read when a
      // document below it is checked, and reported then.
      return;
    }
    if (generation === this.generation) await Promise.all(files.map((f) => this.read(f)));
  }

  private refresh(file?: vscode.Uri): void {
    this.generation++;
    this.nearest.clear();
    this.files.clear();
    if (file) void this.read(file);
    else void this.readAll();
    this.changed.fire();
  }

  private show(file: vscode.Uri, problems: readonly ConfigProblem[]): void {
    this.collection.set(file, problems.map(toDiagnostic));
  }
}

const DOCS = vscode.Uri.parse(`${pkg.homepage.replace(/#.*$/, '')}#team-configuration`);

function toDiagnostic(p: ConfigProblem): vscode.Diagnostic {
  // The core words problems for a `file:line:col: problem` line; the Problems panel shows sentences.
  const d = new vscode.Diagnostic(toRange(p.range), p.message.replace(/^[a-z]/, (c) => c.toUpperCase()), vscode.DiagnosticSeverity.Error);
  d.source = SOURCE;
  d.code = { value: CONFIG_PROBLEM, target: DOCS };
  return d;
}

/** A team configuration file of the workspace (not, say, the `git:` side of a diff of one). */
const isConfigFile = (uri: vscode.Uri): boolean => uri.path.endsWith(`/${CONFIG_FILE}`) && vscode.workspace.getWorkspaceFolder(uri) !== undefined;

const parentOf = (uri: vscode.Uri): vscode.Uri => vscode.Uri.joinPath(uri, '..');

/** Whether `uri` lies in the folder `root` (or is it), on the same file system. */
function within(uri: vscode.Uri, root: vscode.Uri): boolean {
  if (uri.scheme !== root.scheme || uri.authority !== root.authority) return false;
  const base = root.path.endsWith('/') ? root.path : `${root.path}/`;
  return uri.path === root.path || uri.path.startsWith(base);
}

/** The path of `uri` relative to the folder `dir`, `/` separated, as include and exclude globs match it. */
function relativePath(dir: vscode.Uri, uri: vscode.Uri): string {
  const base = dir.path.endsWith('/') ? dir.path : `${dir.path}/`;
  return uri.path.startsWith(base) ? uri.path.slice(base.length) : `../${uri.path}`;
}
