/**
 * The scenarios a keybinding or another extension names for *Alfred: Replay Log Against
 * Receiver…* (README "Replaying a log against your receiver"), checked without the vscode module
 * so that unit tests can put any list to it.
 */
import { SCENARIOS, type ScenarioName } from '../core/index';
import { ENGLISH, type L10n } from './receiver-policy';

/**
 * The scenarios named, in the run's order (SCENARIOS'), or one sentence saying what is wrong: a
 * name that is no scenario, or a list naming none (`"scenarios": []` would otherwise run nothing
 * without a word).
 */
export function namedScenarios(names: readonly string[], l10n: L10n = ENGLISH): { scenarios: ScenarioName[] } | { error: string } {
  const unknown = names.filter((n) => !(SCENARIOS as readonly string[]).includes(n));
  if (unknown.length) return { error: l10n.t('Unknown replay scenario {0}: the scenarios are {1}.', unknown.join(', '), SCENARIOS.join(', ')) };
  if (!names.length) return { error: l10n.t('No replay scenario was named ("scenarios" is empty): name one or more of {0}, or leave "scenarios" out to pick them.', SCENARIOS.join(', ')) };
  return { scenarios: SCENARIOS.filter((s) => names.includes(s)) };
}
