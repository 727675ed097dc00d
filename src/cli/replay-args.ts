import { MAX_REQUESTS_LIMIT, REPLAY_DEFAULTS, SCENARIOS, t, type ScenarioName } from '../core/index';
import { UsageError } from './args';
import type { ConfigChoice } from './config';

/** `alfred-events replay PATH... [--to URL] [--scenario NAME]... …` as parsed (README "Replaying a log as a contract test"). */
export interface ReplayCommand {
  kind: 'replay';
  paths: string[];
  to?: string;
  stateUrl?: string;
  allowRemote: boolean;
  config: ConfigChoice;
  detect: boolean;
  scenarios: ScenarioName[];
  seed: number;
  format: ReplayFormat;
  timeoutMs: number;
  ratePerSecond: number;
  maxRequests: number;
  retries: number;
  backoffMs: number;
}

export type ReplayFormat = 'text' | 'json' | 'junit';
const FORMATS: readonly ReplayFormat[] = ['text', 'json', 'junit'];

/** The options only replay takes, for parseArgs (args.ts spreads them into its list). */
export const REPLAY_OPTIONS = {
  scenario: { type: 'string', multiple: true },
  seed: { type: 'string' },
  'state-url': { type: 'string' },
  rate: { type: 'string' },
  'max-requests': { type: 'string' },
  retries: { type: 'string' },
  backoff: { type: 'string' },
} as const;

/** The options replay reads besides the delivery ones, as parseArgs gives them. */
export interface ReplayValues {
  format?: string;
  'no-detect'?: boolean;
  scenario?: string[];
  seed?: string;
  'state-url'?: string;
  rate?: string;
  'max-requests'?: string;
  retries?: string;
  backoff?: string;
}

/**
 * Reads replay's options (defaults REPLAY_DEFAULTS, README "Delivering to your receiver"):
 * `--scenario` repeatable, each once, in the order given (all four by default); whole numbers
 * for --seed (0 to 2^32−1, mulberry32's state), --max-requests (1 to 1,000,000), --retries
 * (0 to 10), --backoff (0 to 600000 ms); --rate requests per second (above 0, up to 1000,
 * decimals allowed). `shared` holds the delivery options every delivery command reads (args.ts).
 * Throws a UsageError naming the option and what it expects.
 */
export function parseReplay(values: ReplayValues, paths: string[], shared: { to?: string; allowRemote: boolean; timeoutMs: number; config: ConfigChoice }): ReplayCommand {
  if (paths.length === 0) throw new UsageError(t('{0} needs at least one file or directory', 'replay'));
  const command: ReplayCommand = {
    kind: 'replay',
    paths,
    allowRemote: shared.allowRemote,
    config: shared.config,
    detect: values['no-detect'] !== true,
    scenarios: scenarios(values.scenario),
    seed: whole('--seed', values.seed, REPLAY_DEFAULTS.seed, 0, 0xffffffff),
    format: format(values.format),
    timeoutMs: shared.timeoutMs,
    ratePerSecond: rate(values.rate),
    maxRequests: whole('--max-requests', values['max-requests'], REPLAY_DEFAULTS.maxRequests, 1, MAX_REQUESTS_LIMIT),
    retries: whole('--retries', values.retries, REPLAY_DEFAULTS.retries, 0, 10),
    backoffMs: whole('--backoff', values.backoff, REPLAY_DEFAULTS.backoffMs, 0, 600_000),
  };
  if (shared.to !== undefined) command.to = shared.to;
  if (values['state-url'] === '') throw new UsageError(t('{0} needs a URL', '--state-url'));
  if (values['state-url'] !== undefined) command.stateUrl = values['state-url'];
  return command;
}

function scenarios(names: readonly string[] | undefined): ScenarioName[] {
  if (names === undefined) return [...SCENARIOS];
  const out: ScenarioName[] = [];
  for (const name of names) {
    const scenario = SCENARIOS.find((s) => s === name);
    if (scenario === undefined) throw new UsageError(t("unknown scenario '{0}' (expected {1})", name, SCENARIOS.join(', ')));
    if (!out.includes(scenario)) out.push(scenario);
  }
  return out;
}

function format(value: string | undefined): ReplayFormat {
  if (value === undefined) return 'text';
  const found = FORMATS.find((f) => f === value);
  if (found === undefined) throw new UsageError(t("unknown format '{0}' for {1} (expected {2})", value, 'replay', FORMATS.join(', ')));
  return found;
}

function whole(flag: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) throw new UsageError(t("{0} expects a whole number from {1} to {2}, got '{3}'", flag, min, max, value));
  return n;
}

function rate(value: string | undefined): number {
  if (value === undefined) return REPLAY_DEFAULTS.ratePerSecond;
  const n = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!(n > 0 && n <= 1000)) throw new UsageError(t("--rate expects requests per second above 0 and up to 1000, got '{0}'", value));
  return n;
}
