/**
 * The one door of every message the core and the CLI show a person (README "Languages"):
 * diagnostics, quick-fix titles, hovers, completion details, the CLI's errors and reports.
 * Messages are written in English in the source, each a string literal given to `t` with
 * `{0}` placeholders for what it names, as vscode.l10n.t and @vscode/l10n write them; `npm run l10n` gathers every such literal into
 * l10n/bundle.l10n.json, and a translation is an l10n/bundle.l10n.<locale>.json keyed by them.
 *
 * The bundle is process-wide (one display language per extension host, CLI run or worker
 * thread): the extension hands over vscode.l10n.bundle at activation, the CLI the bundle of
 * the locale it chose, each CLI worker the same bundle. Nothing here reads files or the
 * environment, so the web build runs it unchanged.
 */

/*
 * Not @vscode/l10n itself, though this is its `t` and its bundle format: its loaders (from a file
 * or a URL) come with it into every bundle, putting `fs` into the extension and `fetch` into
 * the web build, which the privacy test forbids; the bundle is always handed over as data here.
 */

/** A bundle as VS Code and @vscode/l10n read it: the English message → its translation. */
export type Messages = Readonly<Record<string, string>>;

let active: Messages | undefined;

/**
 * Makes `messages` the translations `t` uses from now on; undefined (or an empty bundle) goes
 * back to English. Messages made before the call keep their language.
 */
export function useMessages(messages: Messages | undefined): void {
  active = messages && Object.keys(messages).length > 0 ? messages : undefined;
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
export function t(message: string, ...args: (string | number | boolean | undefined | null)[]): string {
  const translated = active !== undefined && Object.hasOwn(active, message) ? active[message] : undefined;
  // An empty or missing translation falls back to English, as @vscode/l10n does.
  const template = typeof translated === 'string' && translated !== '' ? translated : message;
  if (args.length === 0) return template;
  // Each {n} at most once per occurrence, never re-read: an argument holding "{1}" stays as it is.
  return template.replace(/\{(\d+)\}/g, (whole, n: string) => (Number(n) < args.length ? String(args[Number(n)]) : whole));
}

/**
 * Marks a message for the bundle without translating it yet: for tables built when a module
 * loads, before any bundle is in use. Whoever shows the text passes it through `t` then.
 */
export function later(message: string): string {
  return message;
}
