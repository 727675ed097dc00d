import * as vscode from 'vscode';
import { answered, deliveryMs, replay, REPLAY_DEFAULTS, SCENARIOS, type Deliverable, type DeliveryResult, type ReplayReport, type ScenarioName, type ScenarioResult } from '../core/index';

/** What a replay runs on: the files (read again at each run) and how. */
export interface ReplaySession {
  files: readonly vscode.Uri[];
  scenarios: readonly ScenarioName[];
  seed: number;
}

/** The events of a session's files, and where they go; undefined when the user was told why not. */
export interface Prepared {
  items: Deliverable[];
  /** Records that are no event to deliver (not a JSON object, a URL verification), by file. */
  skipped: { uri: vscode.Uri; line: number; reason: string }[];
  to: URL;
  stateUrl?: URL;
}

/** Reads the files and resolves the receiver, saying why not (untrusted, refused, unreadable) itself. */
export type Prepare = (files: readonly vscode.Uri[]) => Promise<Prepared | undefined>;

export type DeliveryState = 'passed' | 'failed' | 'errored' | 'skipped';

/** One delivery as reported to the Testing view: what the API's replayResults() gives tests. */
export interface ReportedDelivery {
  id: string;
  uri: string;
  /** 1-based line of the record. */
  line: number;
  copy: number;
  state: DeliveryState;
  message?: string;
}

export interface ReportedScenario {
  scenario: ScenarioName;
  baseline: boolean;
  ok: boolean;
  deliveries: ReportedDelivery[];
  state?: { ok: boolean; pointer?: string; message: string };
  stopped?: string;
}

/** Where a run stands, for a progress notification. */
export interface ReplayProgress {
  scenario: ScenarioName;
  /** 1-based position of the scenario in the run, and how many the run has. */
  position: number;
  scenarios: number;
  /** Deliveries of this scenario made, of its plan. */
  delivered: number;
  planned: number;
  /** Deliveries of the whole run planned. */
  total: number;
}

interface DeliveryInfo {
  scenario: ScenarioName;
  uri: vscode.Uri;
  line: number;
  copy: number;
  /** The text delivered, and its event_id: a re-run sends this record, wherever it is now, or none. */
  body: string;
  eventId?: string;
}

/**
 * The replay results in VS Code's Testing view (README "Replaying a log against your receiver"):
 * one test item per scenario, a child per delivery located at its record's line, reported as the
 * results come in. Its run profile re-runs what the user picks there or in the gutter: a scenario
 * on the same files, read again; or one delivery, sent again (with retries under `redelivery`).
 * What it reports to a TestRun it records too, in the same call, for `results()`.
 */
export class ReplayTests implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController('alfredEvents.replay', vscode.l10n.t('Alfred replay'));
  readonly profile: vscode.TestRunProfile;
  private readonly ended = new vscode.EventEmitter<void>();
  /** Fires when a run ends, whichever door started it. */
  readonly onDidReplay = this.ended.event;
  private session: ReplaySession | undefined;
  private readonly deliveries = new Map<string, DeliveryInfo>();
  private readonly reported = new Map<ScenarioName, ReportedScenario>();
  private running = false;

  constructor(private readonly prepare: Prepare) {
    this.profile = this.controller.createRunProfile(vscode.l10n.t('Replay'), vscode.TestRunProfileKind.Run, (request, token) => this.rerun(request, token), true);
  }

  dispose(): void {
    this.ended.dispose();
    this.controller.dispose();
  }

  /**
   * Whether a replay may start: one at a time, as two would share the receiver's state. When
   * not, the user is told so.
   */
  idle(): boolean {
    if (this.running) void vscode.window.showInformationMessage(vscode.l10n.t('A replay is already running: wait for it, or cancel it.'));
    return !this.running;
  }

  /** What was reported, scenario by scenario in run order, deliveries in their order. */
  results(): ReportedScenario[] {
    const order = [...this.controller.items].map(([id]) => id);
    return [...this.reported.values()].sort((a, b) => order.indexOf(a.scenario) - order.indexOf(b.scenario)).map((s) => ({ ...s, deliveries: [...s.deliveries] }));
  }

  /**
   * Replays a session as a new run, replacing the tree: the command's door. Resolves to the
   * report (undefined when nothing was sent: see `Prepare`); `signal` and the Testing view's
   * stop button both cancel it.
   */
  async start(session: ReplaySession, prepared: Prepared, signal: AbortSignal, progress?: (p: ReplayProgress) => void): Promise<ReplayReport | undefined> {
    if (!this.claim()) return undefined;
    this.session = session;
    this.deliveries.clear();
    this.reported.clear();
    this.controller.items.replace([]);
    const run = this.controller.createTestRun(new vscode.TestRunRequest(undefined, undefined, this.profile), vscode.l10n.t('Replay'), false);
    try {
      return await this.replayInto(run, session.scenarios, session.seed, prepared, signal, progress);
    } finally {
      this.finish(run);
    }
  }

  /** The run profile's handler: re-runs the scenarios and deliveries picked in the Testing view. */
  async rerun(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const session = this.session;
    if (!session || !this.claim()) return;
    const run = this.controller.createTestRun(request, vscode.l10n.t('Replay'), false);
    const abort = new AbortController();
    const subs = [token.onCancellationRequested(() => abort.abort()), run.token.onCancellationRequested(() => abort.abort())];
    try {
      const excluded = new Set((request.exclude ?? []).map((i) => i.id));
      const picked = (request.include ?? [...this.controller.items].map(([, item]) => item)).filter((i) => !excluded.has(i.id));
      const scenarios = SCENARIOS.filter((s) => picked.some((i) => i.id === s));
      const single = picked.filter((i) => this.deliveries.has(i.id) && !scenarios.includes(this.deliveries.get(i.id)!.scenario));
      if (scenarios.length) {
        const prepared = await this.prepare(session.files);
        if (prepared) await this.replayInto(run, scenarios, session.seed, prepared, abort.signal);
        else for (const s of scenarios) run.skipped(this.root(s));
      }
      for (const item of single) {
        if (abort.signal.aborted) run.skipped(item);
        else await this.redeliver(run, item, abort.signal);
      }
    } finally {
      for (const s of subs) s.dispose();
      this.finish(run);
    }
  }

  private claim(): boolean {
    if (!this.idle()) return false;
    this.running = true;
    return true;
  }

  private finish(run: vscode.TestRun): void {
    run.end();
    this.running = false;
    this.ended.fire();
  }

  /** Runs scenarios through the core's replay, reporting each delivery and scenario as it ends. */
  private async replayInto(run: vscode.TestRun, scenarios: readonly ScenarioName[], seed: number, prepared: Prepared, signal: AbortSignal, progress?: (p: ReplayProgress) => void): Promise<ReplayReport | undefined> {
    const abort = new AbortController();
    const cancel = (): void => abort.abort();
    signal.addEventListener('abort', cancel);
    const sub = run.token.onCancellationRequested(cancel);
    // The core prepends an in-order baseline when a state is compared and the run lacks one.
    const ran: ScenarioName[] = prepared.stateUrl && scenarios[0] !== 'in-order' ? ['in-order', ...scenarios] : [...scenarios];
    for (const s of ran) {
      const root = this.root(s);
      root.children.replace([]);
      for (const id of this.deliveries.keys()) if (this.deliveries.get(id)!.scenario === s) this.deliveries.delete(id);
      this.reported.set(s, { scenario: s, baseline: false, ok: false, deliveries: [] });
      run.enqueued(root);
    }
    let position = 0;
    let current: ScenarioName | undefined;
    let delivered = 0;
    const planned = (s: ScenarioName): number => (s === 'duplicates' ? 2 : 1) * prepared.items.length;
    const total = ran.reduce((sum, s) => sum + planned(s), 0);
    const finished = new Set<ScenarioName>();
    try {
      return await replay(prepared.items, {
        ...REPLAY_DEFAULTS,
        to: prepared.to,
        ...(prepared.stateUrl ? { stateUrl: prepared.stateUrl } : {}),
        scenarios,
        seed,
        signal: abort.signal,
        onDelivery: (result) => {
          if (result.scenario !== current) {
            current = result.scenario;
            position++;
            delivered = 0;
            run.started(this.root(current));
          }
          delivered++;
          this.reportDelivery(run, this.child(result), result);
          progress?.({ scenario: current, position, scenarios: ran.length, delivered, planned: planned(current), total });
        },
        // The run's first state read is the reference the later ones are compared with.
        onScenario: (result) => {
          finished.add(result.scenario);
          this.reportScenario(run, result, position <= 1);
        },
      });
    } catch (err) {
      // Only the cap refuses a plan, before anything is sent: the Testing view says so too.
      const message = new vscode.TestMessage(err instanceof Error ? err.message : String(err));
      for (const s of ran) {
        finished.add(s);
        run.errored(this.root(s), message);
      }
      throw err;
    } finally {
      // A cancel leaves the scenarios after it unrun.
      for (const s of ran) if (!finished.has(s)) run.skipped(this.root(s));
      signal.removeEventListener('abort', cancel);
      sub.dispose();
    }
  }

  /** Delivers one event of the tree again, read afresh from its file; updates its item. */
  private async redeliver(run: vscode.TestRun, item: vscode.TestItem, signal: AbortSignal): Promise<void> {
    const info = this.deliveries.get(item.id)!;
    run.started(item);
    const prepared = await this.prepare([info.uri]);
    if (!prepared) return this.record(run, item, info, 'skipped');
    // Lines move as the file is edited: the record delivered is found by its text, the nearest to its old line.
    const same = prepared.items.filter((d) => d.body === info.body && d.eventId === info.eventId);
    const event = same.sort((x, y) => Math.abs(x.line - info.line) - Math.abs(y.line - info.line))[0];
    if (!event) return this.record(run, item, info, 'errored', vscode.l10n.t('The record changed since the replay: re-run its scenario.'));
    info.line = event.line;
    item.range = new vscode.Range(event.line - 1, 0, event.line - 1, 0);
    // One delivery as its scenario would make it: once, or with its retries under redelivery.
    const report = await replay([event], { ...REPLAY_DEFAULTS, to: prepared.to, scenarios: [info.scenario === 'redelivery' ? 'redelivery' : 'in-order'], seed: this.session?.seed ?? REPLAY_DEFAULTS.seed, signal });
    const result = report.scenarios.at(-1)?.deliveries[0];
    if (!result) return this.record(run, item, info, 'skipped');
    this.label(item, { ...result, scenario: info.scenario, copy: info.copy });
    this.reportDelivery(run, item, result);
  }

  private root(scenario: ScenarioName): vscode.TestItem {
    let root = this.controller.items.get(scenario);
    if (!root) {
      root = this.controller.createTestItem(scenario, scenario);
      root.sortText = String(SCENARIOS.indexOf(scenario));
      this.controller.items.add(root);
    }
    return root;
  }

  /** The item of one delivery: `line N event_name` at the record's line, in delivery order. */
  private child(result: DeliveryResult): vscode.TestItem {
    const uri = vscode.Uri.parse(result.item.source);
    const id = `${result.scenario}/${result.index}`;
    const item = this.controller.createTestItem(id, '', uri);
    item.range = new vscode.Range(result.item.line - 1, 0, result.item.line - 1, 0);
    item.sortText = String(result.index).padStart(7, '0');
    this.label(item, result);
    const info: DeliveryInfo = { scenario: result.scenario, uri, line: result.item.line, copy: result.copy, body: result.item.body };
    if (result.item.eventId !== undefined) info.eventId = result.item.eventId;
    this.deliveries.set(id, info);
    this.root(result.scenario).children.add(item);
    return item;
  }

  private label(item: vscode.TestItem, result: Pick<DeliveryResult, 'item' | 'copy' | 'attempts' | 'scenario'>): void {
    item.label = vscode.l10n.t('line {0} {1}', result.item.line, result.item.eventName ?? vscode.l10n.t('(no event_name)'));
    const parts: string[] = [];
    if (this.session && this.session.files.length > 1) parts.push(vscode.workspace.asRelativePath(item.uri!));
    if (result.copy > 1) parts.push(vscode.l10n.t('copy {0}', result.copy));
    if (result.attempts.length > 1) parts.push(vscode.l10n.t('{0} attempts', result.attempts.length));
    item.description = parts.join(' · ');
  }

  private reportDelivery(run: vscode.TestRun, item: vscode.TestItem, result: DeliveryResult): void {
    const info = this.deliveries.get(item.id)!;
    this.record(run, item, info, stateOf(result), result.ok ? undefined : failureText(result), deliveryMs(result));
  }

  /** Reports one delivery's state to the run, and records exactly that for the API. */
  private record(run: vscode.TestRun, item: vscode.TestItem, info: DeliveryInfo, state: DeliveryState, text?: string, ms?: number): void {
    const at = new vscode.Location(info.uri, item.range ?? new vscode.Range(info.line - 1, 0, info.line - 1, 0));
    const message = (): vscode.TestMessage => Object.assign(new vscode.TestMessage(text ?? ''), { location: at });
    if (state === 'passed') run.passed(item, ms);
    else if (state === 'failed') run.failed(item, message(), ms);
    else if (state === 'errored') run.errored(item, message(), ms);
    else run.skipped(item);
    const scenario = this.reported.get(info.scenario);
    if (!scenario) return;
    const entry: ReportedDelivery = { id: item.id, uri: info.uri.toString(), line: info.line, copy: info.copy, state, ...(text !== undefined ? { message: text } : {}) };
    const i = scenario.deliveries.findIndex((d) => d.id === item.id);
    if (i >= 0) scenario.deliveries[i] = entry;
    else scenario.deliveries.push(entry);
    scenario.ok = scenario.deliveries.every((d) => d.state === 'passed') && scenario.state?.ok !== false && !scenario.stopped;
  }

  /** A scenario's verdict: its deliveries, its state check (a diff naming the pointer), a stop. */
  private reportScenario(run: vscode.TestRun, result: ScenarioResult, reference: boolean): void {
    const root = this.root(result.scenario);
    const recorded = this.reported.get(result.scenario) ?? { scenario: result.scenario, baseline: result.baseline, ok: result.ok, deliveries: [] };
    recorded.baseline = result.baseline;
    recorded.ok = result.ok;
    if (result.state) recorded.state = { ok: result.state.ok, ...(result.state.pointer !== undefined ? { pointer: result.state.pointer } : {}), message: result.state.message };
    if (result.stopped) recorded.stopped = result.stopped;
    this.reported.set(result.scenario, recorded);
    const parts = [vscode.l10n.t('{0} deliveries', result.deliveries.length)];
    if (result.state) parts.push(!result.state.ok ? (result.state.pointer !== undefined ? vscode.l10n.t('state differs at {0}', result.state.pointer || '""') : vscode.l10n.t('state check failed')) : reference ? vscode.l10n.t('reference state') : vscode.l10n.t('state unchanged'));
    if (result.baseline) parts.push(vscode.l10n.t('baseline'));
    root.description = parts.join(' · ');
    const messages: vscode.TestMessage[] = [];
    if (result.state && !result.state.ok) {
      const s = result.state;
      messages.push(s.pointer !== undefined ? vscode.TestMessage.diff(s.message, show(s.expected), show(s.actual)) : new vscode.TestMessage(s.message));
    }
    const failed = result.deliveries.filter((d) => !d.ok).length;
    if (failed) messages.push(new vscode.TestMessage(vscode.l10n.t('{0} of {1} deliveries failed.', failed, result.deliveries.length)));
    if (result.stopped && result.stopped !== 'cancelled') messages.push(new vscode.TestMessage(result.stopped));
    const ms = result.deliveries.reduce((sum, d) => sum + deliveryMs(d), 0);
    if (result.ok) run.passed(root, ms);
    else if (result.stopped === 'cancelled') run.skipped(root);
    else run.failed(root, messages, ms);
  }
}

/**
 * A failed delivery is the receiver's fault (it answered, but not 2xx, or not in time, or
 * redirected, or dropped the connection); an errored one never reached a receiver (none
 * listening, the network, the run's cap); a cancelled one was skipped.
 */
function stateOf(result: DeliveryResult): DeliveryState {
  if (result.ok) return 'passed';
  const last = result.attempts.at(-1);
  if (!last) return 'errored';
  if (answered(last)) return 'failed';
  if (last.failure === 'cancelled') return 'skipped';
  return last.failure === 'refused' || last.failure === 'network' ? 'errored' : 'failed';
}

/** How much of the receiver's answer a failure shows: its error message, not a whole page. */
const ANSWER_CHARS = 2000;

/** The core's sentence, then what the receiver answered (its error, often), as the user would debug it. */
function failureText(result: DeliveryResult): string {
  const sentence = result.failure ?? vscode.l10n.t('no 2xx answer');
  const last = result.attempts.at(-1);
  const body = last && answered(last) ? last.body.trim() : '';
  if (!body) return sentence;
  const cut = body.length > ANSWER_CHARS || (last && answered(last) && last.truncated);
  return `${sentence}\n${vscode.l10n.t('The receiver answered:')}\n${body.slice(0, ANSWER_CHARS)}${cut ? '…' : ''}`;
}

/** A JSON value for the diff editor: pretty, and `undefined` (absent) said as such. */
function show(value: unknown): string {
  return value === undefined ? vscode.l10n.t('(absent)') : JSON.stringify(value, null, 2);
}

/** The replay's part of the extension's API (src/extension.ts), for the integration tests. */
export interface ReplayApi {
  /** What the last replay reported to the Testing view, scenario by scenario (re-runs update it). */
  replayResults(): ReportedScenario[];
  /** Fires when a replay run ends (the command's, or a re-run from the Testing view). */
  onDidReplay: vscode.Event<void>;
  /**
   * The replay's test items, and what the Testing view's Run calls for some of them (all when
   * `include` is undefined); `token` is its Stop button.
   */
  replayTests: { items: vscode.TestItemCollection; run(include?: readonly vscode.TestItem[], token?: vscode.CancellationToken): Promise<void> };
}

export function replayApi(tests: ReplayTests): ReplayApi {
  return {
    replayResults: () => tests.results(),
    onDidReplay: tests.onDidReplay,
    replayTests: {
      items: tests.controller.items,
      run: (include, token) => tests.rerun(new vscode.TestRunRequest(include, undefined, tests.profile), token ?? new vscode.CancellationTokenSource().token),
    },
  };
}
