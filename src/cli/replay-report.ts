import { answered, deliveryLabel, scenarioLabel, t, type DeliveryResult, type ReplayReport, type ScenarioResult } from '../core/index';
import { Streamed, writeJson, type Output } from './output';
import { printableLine } from './terminal';

/** A record that was not delivered, and why. */
export interface SkippedLine {
  file: string;
  line: number;
  reason: string;
}

/** What the run was, besides its results: where it sent, the seed, what it skipped. */
export interface ReplayRun {
  to: URL;
  stateUrl?: URL;
  seed: number;
  skipped: readonly SkippedLine[];
}

/**
 * The text report (README "Replaying a log as a contract test"): a line per scenario with its
 * deliveries passed and failed and the state's verdict, then each failed delivery as
 * `file:line event_name: reason` under its scenario, then the verdict. No time is printed, so
 * the same run against the same receiver prints the same text.
 */
export async function writeReplayText(report: ReplayReport, run: ReplayRun, out: Output): Promise<void> {
  const width = Math.max(...report.scenarios.map((s) => scenarioLabel(s).length));
  for (const s of report.scenarios) await out.put(`${s.ok ? 'ok  ' : 'FAIL'}  ${scenarioLabel(s).padEnd(width)}  ${printableLine(summary(s))}\n`);
  for (const s of report.scenarios) {
    const failed = s.deliveries.filter((d) => !d.ok);
    if (failed.length === 0) continue;
    await out.put(`\n${scenarioLabel(s)}:\n`);
    for (const d of failed) await out.put(`${printableLine(failureLine(d))}\n`);
  }
  const failed = report.scenarios.filter((s) => !s.ok).length;
  const count = report.scenarios.length;
  const verdict = report.cancelled
    ? t('cancelled')
    : count === 1
      ? failed === 0 ? t('the scenario passed') : t('the scenario failed')
      : failed === 0
        ? t('all {0} scenarios passed', count)
        : t('{0} of {1} scenarios failed', failed, count);
  const posts = report.scenarios.reduce((sum, s) => sum + s.deliveries.reduce((n, d) => n + d.attempts.length, 0), 0);
  const reads = report.requests - posts;
  const sent = `${posts === 1 ? t('1 request to {0}', run.to.href) : t('{0} requests to {1}', posts, run.to.href)}${reads > 0 && run.stateUrl ? `, ${reads === 1 ? t('1 state read from {0}', run.stateUrl.href) : t('{0} state reads from {1}', reads, run.stateUrl.href)}` : ''}`;
  const skipped = run.skipped.length === 0 ? '' : `, ${run.skipped.length === 1 ? t('1 record skipped') : t('{0} records skipped', run.skipped.length)}`;
  await out.put(`\n${verdict} (${sent}${skipped})\n`);
}

function summary(s: ScenarioResult): string {
  const failed = s.deliveries.filter((d) => !d.ok).length;
  const parts = [t('{0} delivered, {1} failed', s.deliveries.length - failed, failed)];
  if (s.state) parts.push(s.state.message);
  if (s.stopped) parts.push(s.stopped);
  return parts.join('; ');
}

/** `logs/a.alfred.jsonl:3 job_start_event: HTTP 500 Internal Server Error`, with the copy of a duplicate. */
function failureLine(d: DeliveryResult): string {
  const name = d.item.eventName ?? t('(no event_name)');
  return `${d.item.source}:${d.item.line} ${name}${d.copy > 1 ? t(' (copy {0})', d.copy) : ''}: ${d.failure ?? t('failed')}`;
}

/**
 * The JSON report: the run, then each scenario with its state check and its deliveries, each
 * delivery with every attempt. `ms` (milliseconds) are the only values that vary between runs.
 */
export async function writeReplayJson(report: ReplayReport, run: ReplayRun, out: Output): Promise<void> {
  const value = {
    ok: report.ok,
    cancelled: report.cancelled,
    requests: report.requests,
    to: run.to.href,
    stateUrl: run.stateUrl?.href,
    seed: run.seed,
    skipped: run.skipped,
    scenarios: report.scenarios.map((s) => ({
      scenario: s.scenario,
      name: scenarioLabel(s),
      baseline: s.baseline,
      ok: s.ok,
      stopped: s.stopped,
      state: s.state,
      deliveries: new Streamed(s.deliveries.map(deliveryJson)),
    })),
  };
  await writeJson(out, value);
  await out.put('\n');
}

function deliveryJson(d: DeliveryResult): unknown {
  return {
    name: deliveryLabel(d),
    file: d.item.source,
    line: d.item.line,
    eventName: d.item.eventName,
    eventId: d.item.eventId,
    copy: d.copy,
    ok: d.ok,
    failure: d.failure,
    attempts: d.attempts.map((a) => (answered(a) ? { status: a.status, statusText: a.statusText, ms: a.ms } : { failure: a.failure, message: a.message, ms: a.ms })),
  };
}
