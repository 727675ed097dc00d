/**
 * A replay report as JUnit XML (README "Replaying a log as a contract test"), for CI systems:
 * one testsuite per scenario, one testcase per delivery, one for the state check.
 */
import { clip } from '../util/clip';
import { junitXml, type JunitCase, type JunitSuite } from '../util/xml';
import { deliveryMs, type DeliveryResult, type ReplayReport, type ScenarioResult } from './replay';
import { shown, statusLine } from './state';
import { answered } from './transport';

/** What a response body shows of itself in a failure's details. */
const SHOWN_BODY = 500;

/** `in-order`, or `in-order (baseline)` for the run put first only to read the reference state. */
export function scenarioLabel(result: ScenarioResult): string {
  return result.baseline ? `${result.scenario} (baseline)` : result.scenario;
}

/** `logs/a.alfred.jsonl:3 job_start_event 5f0c…`, and ` (copy 2)` for a duplicate's second delivery. */
export function deliveryLabel(d: DeliveryResult): string {
  const parts = [`${d.item.source}:${d.item.line}`];
  if (d.item.eventName !== undefined) parts.push(d.item.eventName);
  if (d.item.eventId !== undefined) parts.push(d.item.eventId);
  return parts.join(' ') + (d.copy > 1 ? ` (copy ${d.copy})` : '');
}

/** Each attempt's outcome, one line each: `attempt 2: HTTP 500 Internal Server Error: "…"`. */
export function attemptLines(d: DeliveryResult): string[] {
  if (d.attempts.length === 0) return [d.failure ?? 'not sent'];
  return d.attempts.map((a, k) => {
    const what = answered(a) ? `HTTP ${statusLine(a.status, a.statusText)}${a.body ? `: ${clip(JSON.stringify(a.body), SHOWN_BODY)}` : ''}` : a.message;
    return `attempt ${k + 1}: ${what}`;
  });
}

/** The kind of a failed delivery, for the failure's `type`: the failure's kind, `http-status`, or `not-sent`. */
function failureType(d: DeliveryResult): string {
  const last = d.attempts.at(-1);
  if (!last) return 'not-sent';
  return answered(last) ? 'http-status' : last.failure;
}

/** The report as JUnit XML, a piece at a time; times are seconds (the only part that varies). */
export function replayJunit(report: ReplayReport): Generator<string> {
  const suites: JunitSuite[] = report.scenarios.map((s) => {
    const classname = `alfred-events.replay.${s.scenario}`;
    const cases: JunitCase[] = s.deliveries.map((d) => {
      const c: JunitCase = { name: deliveryLabel(d), classname, time: deliveryMs(d) / 1000 };
      if (!d.ok) c.failure = { message: d.failure ?? 'failed', type: failureType(d), text: attemptLines(d).join('\n') };
      return c;
    });
    if (s.state) {
      const c: JunitCase = { name: 'receiver state', classname, time: 0 };
      if (!s.state.ok) {
        const where = s.state.pointer === undefined ? [] : [`pointer: ${s.state.pointer}`, `expected: ${shown(s.state.expected)}`, `actual: ${shown(s.state.actual)}`];
        c.failure = { message: s.state.message, type: 'state', text: [s.state.message, ...where].join('\n') };
      }
      cases.push(c);
    }
    return { name: scenarioLabel(s), time: cases.reduce((t, c) => t + c.time, 0), cases };
  });
  return junitXml(suites, 'alfred-events replay');
}
