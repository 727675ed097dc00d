/**
 * The one door of every message the core and the CLI show a person (README "Languages"):
 * diagnostics, quick-fix titles, hovers, completion details, the CLI's errors and reports.
 * Messages are written in English in the source, each a string literal given to `t` with
 * @vscode/l10n's `{0}` placeholders for what it names; `npm run l10n` gathers every such literal into
 * l10n/bundle.l10n.json, and a translation is an l10n/bundle.l10n.<locale>.json keyed by them.
 *
 * The bundle is process-wide (one display language per extension host, CLI run or worker
 * thread): the extension hands over vscode.l10n.bundle at activation, the CLI the bundle of
 * the locale it chose, each CLI worker the same bundle. Nothing here reads files or the
 * environment, so the web build runs it unchanged.
 */
import * as l10n from '@vscode/l10n';

/** A bundle as VS Code and @vscode/l10n read it: the English message → its translation. */
export type Messages = Readonly<Record<string, string>>;

let active: Messages | undefined;

/**
 * Makes `messages` the translations `t` uses from now on; undefined (or an empty bundle) goes
 * back to English. Messages made before the call keep their language.
 */
export function useMessages(messages: Messages | undefined): void {
  active = messages && Object.keys(messages).length > 0 ? messages : undefined;
  l10n.config({ contents: active ?? {} });
}

/** The bundle in use (undefined for English), to hand to a worker thread. */
export function activeMessages(): Messages | undefined {
  return active;
}

/**
 * `message` in the active language with `{0}`, `{1}`… replaced by `args`. `message` must be a
 * string literal at the call site (the bundle is gathered from the sources), never a value
 * from a payload: rule codes, JSON keys, event names and pointers go in as arguments, so that
 * they are never translated.
 */
export function t(message: string, ...args: (string | number)[]): string {
  return l10n.t(message, ...args);
}
