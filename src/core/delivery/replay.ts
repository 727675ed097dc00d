/**
 * Replay: a log's events delivered to the user's receiver as webhooks really come, in order,
 * twice, shuffled and again after a failure, as a contract test of the receiver (README
 * "Replaying a log as a contract test"). One runner for the CLI and the editor; every request
 * goes through `deliver`, spaced by the rate limit and counted against the cap.
 */
import { Budget, sleep as platformSleep, type Sleep } from './budget';
import type { Deliverable } from './deliverables';
import { plan, type Planned, type ScenarioName } from './scenarios';
import { describeDifference, firstDifference, readState, statusLine, type StateRead } from './state';
import { answered, deliver, DEFAULT_TIMEOUT_MS, type DeliveryOutcome } from './transport';
import { t } from '../l10n';

export { SCENARIOS, type ScenarioName } from './scenarios';

/** The defaults of every door (README "Delivering to your receiver"): ms, requests per second, requests per run, redeliveries, ms, seed. */
export const REPLAY_DEFAULTS = { timeoutMs: DEFAULT_TIMEOUT_MS, ratePerSecond: 100, maxRequests: 10000, retries: 3, backoffMs: 1000, seed: 1 } as const;

/** The highest cap a run may be given (README, SECURITY.md). */
export const MAX_REQUESTS_LIMIT = 1_000_000;

export interface ReplayOptions {
  to: URL;
  /** GET after each scenario; its JSON is compared with the one after the first in-order run. */
  stateUrl?: URL;
  scenarios: readonly ScenarioName[];
  /** Seeds the `shuffled` order (mulberry32, taken modulo 2^32). */
  seed: number;
  /** Milliseconds each request may take. */
  timeoutMs: number;
  ratePerSecond: number;
  /** The hard cap on requests of the run, retries and state reads included. */
  maxRequests: number;
  /** Redeliveries after a failed attempt, in the `redelivery` scenario only. */
  retries: number;
  /** Milliseconds before the first redelivery; each next one waits twice as long. */
  backoffMs: number;
  /** Cancel: the run stops before its next request and the report says it was cancelled. */
  signal?: AbortSignal;
  /** Injected in tests; the core's deliver by default. */
  deliver?: typeof deliver;
  sleep?: Sleep;
  /** After each delivery, with all its attempts. */
  onDelivery?: (result: DeliveryResult) => void;
  /** After each scenario, with its state check. */
  onScenario?: (result: ScenarioResult) => void;
}

export interface DeliveryResult {
  scenario: ScenarioName;
  /** 0-based position in the scenario's order. */
  index: number;
  item: Deliverable;
  /** 1, or 2 for the second copy in `duplicates`. */
  copy: number;
  /** One, or more under `redelivery`; none when it was not sent (the cap). */
  attempts: DeliveryOutcome[];
  ok: boolean;
  /** One sentence: "HTTP 500 Internal Server Error", "no answer within 200 ms", … */
  failure?: string;
}

export interface StateCheck {
  ok: boolean;
  /** RFC 6901 pointer of the first difference, and the value on each side there. */
  pointer?: string;
  expected?: unknown;
  actual?: unknown;
  message: string;
}

export interface ScenarioResult {
  scenario: ScenarioName;
  /** An in-order run put first only to read the reference state (a state URL, and scenarios not starting with in-order). */
  baseline: boolean;
  deliveries: DeliveryResult[];
  state?: StateCheck;
  ok: boolean;
  /** Why the scenario did not run to its end: the cap, or a cancel. */
  stopped?: string;
}

export interface ReplayReport {
  scenarios: ScenarioResult[];
  /** Requests sent, retries and state reads included. */
  requests: number;
  ok: boolean;
  cancelled: boolean;
}

/** The plan needs more requests than the cap allows; nothing was sent. Its message is one line. */
export class ReplayRefused extends Error {
  override name = 'ReplayRefused';
}

/** Milliseconds a delivery took: all its attempts, backoff not included. */
export function deliveryMs(result: DeliveryResult): number {
  return result.attempts.reduce((sum, a) => sum + a.ms, 0);
}

/**
 * Plans the run and carries it out; resolves to the report and never rejects for a delivery's
 * sake (failures are results). Rejects only with a ReplayRefused when the planned requests
 * (every delivery of every scenario, plus one state read per scenario) exceed `maxRequests`,
 * before sending anything. Each delivery is a POST of the item's body; in `redelivery` a failed
 * attempt (no 2xx, or no answer) is sent again after backoffMs × 2^(k−1) ms, up to `retries`
 * times. The receiver is not reset between scenarios. Reaching the cap through retries stops
 * the run: what is left is reported "not sent". A cancel stops before the next request.
 */
export async function replay(items: readonly Deliverable[], options: ReplayOptions): Promise<ReplayReport> {
  const runs = options.scenarios.map((scenario) => ({ scenario, baseline: false }));
  if (options.stateUrl && runs[0]?.scenario !== 'in-order') runs.unshift({ scenario: 'in-order', baseline: true });
  const plans = runs.map((run) => plan(items, run.scenario, options.seed));
  const planned = plans.reduce((sum, p) => sum + p.length, 0) + (options.stateUrl ? runs.length : 0);
  if (planned > options.maxRequests) {
    throw new ReplayRefused(t('this replay needs {0} requests, more than the cap of {1} per run; nothing was sent', planned, options.maxRequests));
  }
  const runner = new Runner(options);
  const report: ReplayReport = { scenarios: [], requests: 0, ok: true, cancelled: false };
  for (const [k, run] of runs.entries()) {
    if (runner.cancelled) break;
    const result = await runner.scenario(run.scenario, run.baseline, plans[k] ?? []);
    report.scenarios.push(result);
    options.onScenario?.(result);
  }
  report.requests = runner.budget.sent;
  report.cancelled = runner.cancelled;
  report.ok = !report.cancelled && report.scenarios.every((s) => s.ok);
  return report;
}

/** Why a delivery or a state read did not get a request: the cap, or a cancel. */
type Stop = 'cap' | 'cancelled';

class Runner {
  readonly budget: Budget;
  private readonly send: typeof deliver;
  private stop: Stop | undefined;
  private reference: StateRead | undefined;
  private readonly capped: string;

  constructor(private readonly options: ReplayOptions) {
    this.budget = new Budget(options.maxRequests, options.ratePerSecond, options.sleep ?? platformSleep, options.signal);
    this.send = options.deliver ?? deliver;
    this.capped = t('the cap of {0} requests per run was reached', options.maxRequests);
  }

  get cancelled(): boolean {
    return this.stop === 'cancelled' || this.options.signal?.aborted === true;
  }

  async scenario(scenario: ScenarioName, baseline: boolean, deliveries: readonly Planned[]): Promise<ScenarioResult> {
    const result: ScenarioResult = { scenario, baseline, deliveries: [], ok: true };
    for (const [index, { item, copy }] of deliveries.entries()) {
      if (this.cancelled) break;
      const delivery: DeliveryResult = { scenario, index, item, copy, attempts: [], ok: false };
      if (this.stop === 'cap') delivery.failure = t('not sent: {0}', this.capped);
      else await this.deliverOne(delivery, scenario === 'redelivery' ? this.options.retries : 0);
      // A delivery cancelled before its first request never happened.
      if (this.cancelled && delivery.attempts.length === 0) break;
      result.deliveries.push(delivery);
      this.options.onDelivery?.(delivery);
    }
    if (this.options.stateUrl && !this.cancelled) result.state = await this.checkState(this.options.stateUrl);
    if (this.cancelled) result.stopped = 'cancelled';
    else if (this.stop === 'cap') result.stopped = t('stopped: {0}', this.capped);
    result.ok = result.stopped === undefined && result.deliveries.every((d) => d.ok) && result.state?.ok !== false;
    return result;
  }

  /** Takes a request from the budget: undefined to go ahead, or why not. */
  private async take(): Promise<Stop | undefined> {
    if (this.cancelled) return 'cancelled';
    const taken = await this.budget.take();
    if (taken === 'go') return undefined;
    this.stop = taken;
    return taken;
  }

  private async deliverOne(delivery: DeliveryResult, retries: number): Promise<void> {
    const { options } = this;
    let stopped: Stop | undefined;
    for (let k = 0; k <= retries; k++) {
      if (k > 0) await this.budget.pause(options.backoffMs * 2 ** (k - 1));
      stopped = await this.take();
      if (stopped) break;
      const outcome = await this.send({ url: options.to, method: 'POST', body: delivery.item.body, timeoutMs: options.timeoutMs, signal: options.signal });
      this.budget.took(outcome.ms);
      delivery.attempts.push(outcome);
      if (passed(outcome) || (!answered(outcome) && outcome.failure === 'cancelled')) break;
    }
    const last = delivery.attempts.at(-1);
    delivery.ok = last !== undefined && passed(last);
    if (delivery.ok) return;
    if (!last) delivery.failure = t('not sent: {0}', this.capped);
    else if (stopped === 'cap') delivery.failure = t('{0}; not retried: {1}', describe(last), this.capped);
    else delivery.failure = delivery.attempts.length > 1 ? t('{0} ({1} attempts)', describe(last), delivery.attempts.length) : describe(last);
  }

  /** GETs the state and compares it with the reference, which the first read of the run becomes. */
  private async checkState(url: URL): Promise<StateCheck | undefined> {
    const stop = await this.take();
    if (stop === 'cancelled') return undefined;
    if (stop === 'cap') return { ok: false, message: t('not read: {0}', this.capped) };
    const outcome = await this.send({ url, method: 'GET', timeoutMs: this.options.timeoutMs, signal: this.options.signal });
    this.budget.took(outcome.ms);
    if (this.cancelled) return undefined;
    const read = readState(outcome);
    if (this.reference === undefined) {
      this.reference = read;
      return 'error' in read ? { ok: false, message: read.error } : { ok: true, message: t('the state was read as the reference every later scenario must leave unchanged') };
    }
    if ('error' in this.reference) return { ok: false, message: t('no reference state to compare with: the state after the first in-order run could not be read') };
    if ('error' in read) return { ok: false, message: read.error };
    const d = firstDifference(this.reference.value, read.value);
    if (!d) return { ok: true, message: t('the state is unchanged since the first in-order run') };
    return { ok: false, pointer: d.pointer, expected: d.expected, actual: d.actual, message: t('the state differs from the one after the first in-order run, {0}', describeDifference(d)) };
  }
}

/** A 2xx answer (RFC 9110 §15.3: the request succeeded). */
function passed(outcome: DeliveryOutcome): boolean {
  return answered(outcome) && outcome.status >= 200 && outcome.status <= 299;
}

/** One sentence for an attempt that did not pass: the status line, or why no answer came. */
function describe(outcome: DeliveryOutcome): string {
  return answered(outcome) ? `HTTP ${statusLine(outcome.status, outcome.statusText)}` : outcome.message;
}
