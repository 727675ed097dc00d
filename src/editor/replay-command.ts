import * as vscode from 'vscode';
import { decodeBytes, deliverablesOf, DETECT_LENGTH, payloadMode, REPLAY_DEFAULTS, ReplayRefused, SCENARIOS, type Deliverable, type ReplayReport, type ScenarioName } from '../core/index';
import { modeWith } from './documents';
import { readBytes } from './read-files';
import { namedScenarios } from './replay-args';
import { guardTrust, resolveReceiver } from './receiver';
import type { Prepared, ReplayTests } from './replay-tests';
import type { TeamConfigs } from './team-config';
import { payloadFiles } from './workspace-files';

/**
 * What `alfredEvents.replayLog` accepts from a keybinding or another extension (README
 * "Replaying a log against your receiver"): the files, the scenarios and the seed, each skipping
 * its picker. Menus pass a URI (and the Explorer the whole selection) instead.
 */
export interface ReplayArgs {
  /** URIs (as strings or Uri objects) or absolute paths. */
  uris?: readonly (vscode.Uri | string)[];
  scenarios?: readonly string[];
  seed?: number;
}

/** The workspace state key of the scenarios last picked. */
const LAST_SCENARIOS = 'alfredEvents.replay.scenarios';

export function registerReplay(context: vscode.ExtensionContext, configs: TeamConfigs, tests: ReplayTests): vscode.Disposable {
  return vscode.commands.registerCommand('alfredEvents.replayLog', (first?: unknown, second?: unknown) => replayLog(context, configs, tests, argsOf(first, second)));
}

/** The events of the files and the receiver they go to; says itself why not when undefined. */
export async function prepareReplay(configs: TeamConfigs, files: readonly vscode.Uri[]): Promise<Prepared | undefined> {
  // Untrusted: resolveReceiver says so and answers undefined.
  const receiver = await resolveReceiver(files[0], configs);
  if (!receiver) return undefined;
  const items: Deliverable[] = [];
  const skipped: Prepared['skipped'] = [];
  const unread: string[] = [];
  for (const uri of files) {
    const found = await deliverablesIn(uri, configs);
    if (!found) unread.push(vscode.workspace.asRelativePath(uri));
    else {
      items.push(...found.items);
      skipped.push(...found.skipped.map((s) => ({ uri, ...s })));
    }
  }
  if (unread.length) void vscode.window.showWarningMessage(vscode.l10n.t('Not replayed (unreadable, or not an Alfred payload or log): {0}', unread.join(', ')));
  if (!items.length) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Nothing to replay: the files hold no event (a JSON object that is not a URL verification).'));
    return undefined;
  }
  return { items, skipped, to: receiver.url, ...(receiver.stateUrl ? { stateUrl: receiver.stateUrl } : {}) };
}

/**
 * Replays the files' events against the receiver under the scenarios picked, with progress and
 * cancel, into the Testing view. Resolves to the report, or undefined when nothing was sent (a
 * picker dismissed, an untrusted workspace, a refused target or plan).
 */
async function replayLog(context: vscode.ExtensionContext, configs: TeamConfigs, tests: ReplayTests, args: ReplayArgs): Promise<ReplayReport | undefined> {
  if (!guardTrust() || !tests.idle()) return undefined;
  const scenarios = args.scenarios ? knownScenarios(args.scenarios) : undefined;
  const seed = args.seed ?? REPLAY_DEFAULTS.seed;
  // As the CLI's --seed: mulberry32's 32-bit state.
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The seed must be a whole number from 0 to 4294967295, not {0}.', String(args.seed)));
    return undefined;
  }
  if (scenarios === null) return undefined;
  const files = args.uris?.length ? args.uris.map(toUri) : await pickFiles(configs);
  if (!files?.length) return undefined;
  const chosen = scenarios ?? (await pickScenarios(context, seed));
  if (!chosen?.length) return undefined;
  const prepared = await prepareReplay(configs, files);
  if (!prepared) return undefined;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Replaying against {0}', prepared.to.href), cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        const report = await tests.start({ files, scenarios: chosen, seed }, prepared, abort.signal, (p) => {
          progress.report({ increment: 100 / p.total, message: vscode.l10n.t('scenario {0}/{1}: {2}, {3}/{4} deliveries', p.position, p.scenarios, p.scenario, p.delivered, p.planned) });
        });
        if (report) void summarize(report, prepared.skipped);
        return report;
      } catch (err) {
        if (!(err instanceof ReplayRefused)) throw err;
        void vscode.window.showErrorMessage(vscode.l10n.t('Replay refused: {0}', err.message));
        return undefined;
      } finally {
        sub.dispose();
      }
    },
  );
}

/** The command's arguments, whichever door called it: a menu's URI(s), or ReplayArgs. */
function argsOf(first: unknown, second: unknown): ReplayArgs {
  // The Explorer passes the clicked file and the whole selection; editor menus the file alone.
  if (Array.isArray(second) && second.every((u) => u instanceof vscode.Uri)) return { uris: second };
  if (first instanceof vscode.Uri) return { uris: [first] };
  if (typeof first !== 'object' || first === null) return {};
  // From a keybinding's JSON: whatever is not of the documented shape is left to the pickers.
  const given = first as Record<string, unknown>;
  const args: ReplayArgs = {};
  if (Array.isArray(given.uris) && given.uris.every((u) => u instanceof vscode.Uri || typeof u === 'string')) args.uris = given.uris;
  if (Array.isArray(given.scenarios) && given.scenarios.every((s) => typeof s === 'string')) args.scenarios = given.scenarios;
  if (given.seed !== undefined) args.seed = given.seed as number;
  return args;
}

/** A URI as given, or an absolute path (a scheme has two letters or more: `C:\\` is a path). */
function toUri(u: vscode.Uri | string): vscode.Uri {
  if (typeof u !== 'string') return u;
  return /^[a-z][a-z0-9+.-]+:/i.test(u) ? vscode.Uri.parse(u) : vscode.Uri.file(u);
}

/** The scenarios named, in the run's order; null (and an error message) when one is unknown or none is named. */
function knownScenarios(names: readonly string[]): ScenarioName[] | null {
  const named = namedScenarios(names, vscode.l10n);
  if ('scenarios' in named) return named.scenarios;
  void vscode.window.showErrorMessage(named.error);
  return null;
}

/** The active Alfred document, else the workspace's Alfred files to pick from. */
async function pickFiles(configs: TeamConfigs): Promise<vscode.Uri[] | undefined> {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc && modeWith(doc, (await configs.settings(doc.uri)).plainJson)) return [doc.uri];
  const files = await payloadFiles(configs);
  if (!files.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No Alfred payload or log in this workspace to replay.'));
    return undefined;
  }
  const picks = await vscode.window.showQuickPick(
    files.map((f) => ({ label: vscode.workspace.asRelativePath(f.uri), description: f.mode === 'log' ? vscode.l10n.t('log') : vscode.l10n.t('payload'), uri: f.uri })),
    { canPickMany: true, title: vscode.l10n.t('Replay Log Against Receiver'), placeHolder: vscode.l10n.t('Which files to replay?'), matchOnDescription: true },
  );
  return picks?.map((p) => p.uri);
}

/** A multi-select of the scenarios, in run order, the last choice of this workspace ticked. */
async function pickScenarios(context: vscode.ExtensionContext, seed: number): Promise<ScenarioName[] | undefined> {
  const last = context.workspaceState.get<string[]>(LAST_SCENARIOS) ?? [...SCENARIOS];
  const describe: Record<ScenarioName, string> = {
    'in-order': vscode.l10n.t('each event once, by event_time'),
    duplicates: vscode.l10n.t('each event twice in a row: the second must change nothing'),
    shuffled: vscode.l10n.t('each event once, in a random order drawn from seed {0}', seed),
    redelivery: vscode.l10n.t('an event not answered 2xx is sent again after {0} s, {1} s, {2} s', 1, 2, 4),
  };
  const picks = await vscode.window.showQuickPick(
    SCENARIOS.map((s) => ({ label: s, description: describe[s], picked: last.includes(s), scenario: s })),
    { canPickMany: true, title: vscode.l10n.t('Replay Log Against Receiver'), placeHolder: vscode.l10n.t('Which scenarios? Results go to the Testing view.') },
  );
  if (!picks?.length) return undefined;
  const chosen = picks.map((p) => p.scenario);
  await context.workspaceState.update(LAST_SCENARIOS, chosen);
  return SCENARIOS.filter((s) => chosen.includes(s));
}

/**
 * One file's events: the text of its editor when it has unsaved edits or no file (what the user
 * sees exists nowhere else), else its bytes from disk decoded as the CLI decodes them (VS Code's
 * text of a saved file has its line ends made alike). Undefined when it cannot be read or is no
 * Alfred payload or log.
 */
async function deliverablesIn(uri: vscode.Uri, configs: TeamConfigs): Promise<ReturnType<typeof deliverablesOf> | undefined> {
  const settings = await configs.settings(uri);
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const bytes = doc && (doc.isDirty || doc.isUntitled) ? undefined : await readBytes(uri);
  const text = bytes ? decodeBytes(bytes).text : doc?.getText();
  if (text === undefined) return undefined;
  const head = text.slice(0, DETECT_LENGTH);
  const mode = doc ? modeWith(doc, settings.plainJson) : payloadMode(uri.path, () => head, { plainJson: settings.plainJson });
  return mode ? deliverablesOf(text, uri.toString(), mode) : undefined;
}

/** The run's outcome in a line, with the way to the Testing view. */
async function summarize(report: ReplayReport, skipped: Prepared['skipped']): Promise<void> {
  const failed = report.scenarios.filter((s) => !s.ok).length;
  const show = vscode.l10n.t('Show Testing View');
  const verdict = report.cancelled
    ? vscode.l10n.t('Replay cancelled after {0} requests.', report.requests)
    : failed
      ? vscode.l10n.t('Replay: {0} of {1} scenarios failed.', failed, report.scenarios.length)
      : vscode.l10n.t('Replay: all {0} scenarios passed.', report.scenarios.length);
  // As the CLI notes them: a line left out is not a delivery that passed.
  const first = skipped[0];
  const text = first
    ? `${verdict} ${vscode.l10n.t('{0} records not delivered, such as line {1} of {2}: {3}.', skipped.length, first.line, vscode.workspace.asRelativePath(first.uri), first.reason)}`
    : verdict;
  const answer = failed && !report.cancelled ? await vscode.window.showWarningMessage(text, show) : await vscode.window.showInformationMessage(text, show);
  if (answer === show) await vscode.commands.executeCommand('workbench.view.testing.focus');
}
