import { Minimatch } from 'minimatch';
import { t } from '../l10n';
import type { Node } from 'jsonc-parser';
import { closest } from '../checks/suggest';
import { membersOf, parseRecord } from '../input/parse';
import { LineIndex } from '../input/positions';
import { clip } from '../util/clip';
import type { Range, RuleSetting } from '../types';
import { RULES, SEVERITIES, ruleInfo, type RuleCode } from './rules';
import { byOffset } from '../pipeline/diagnostic';

/** The team configuration's file name, looked for in a file's folder and its ancestors (README "Team configuration"). */
export const CONFIG_FILE = '.alfred-events.json';

/** What a `.alfred-events.json` says (README "Team configuration"). */
export interface TeamConfig {
  rules: Partial<Record<RuleCode, RuleSetting>>;
  /** Globs relative to the config file's folder, `/` separated: only matching files are checked. */
  include?: string[];
  /** Globs relative to the config file's folder: matching files are not checked. */
  exclude?: string[];
  /** Plain JSON content detection (default true). */
  detect?: boolean;
  /** Files larger than this many MiB are not checked; one file-too-large finding says so (default: no limit in the CLI, the setting in the editor). */
  maxFileSizeMB?: number;
  /** Where `send`, `handshake` and `replay` deliver when no URL is given (README "Delivering to your receiver"). */
  receiver?: ReceiverConfig;
  /** How `alfred-events diff` and the editor's comparisons read payloads (README "Comparing payloads"). */
  diff?: DiffConfig;
}

/** The `diff` key. */
export interface DiffConfig {
  /** RFC 6901 pointers the comparison ignores, in place of the default list (event_id, event_time, update_date). */
  ignore?: string[];
}

/** The `receiver` key: the team's receiver under development. */
export interface ReceiverConfig {
  /** The receiver's webhook URL (http: or https:, absolute). */
  url?: string;
  /** A URL answering GET with the receiver's JSON view of its state, for replay's idempotency check. */
  stateUrl?: string;
  /** Allow a receiver that is not on this machine (default false: loopback only). */
  allowRemote?: boolean;
}

/** One thing wrong with a config file: a message and where (UTF-16 offset and length, and 0-based range). */
export interface ConfigProblem {
  message: string;
  offset: number;
  length: number;
  range: Range;
}

/** The top-level keys, in the order the README lists them. `$schema` lets editors find the schema. */
export const CONFIG_KEYS = ['$schema', 'rules', 'include', 'exclude', 'detect', 'maxFileSizeMB', 'receiver', 'diff'] as const;

/** The keys of `diff`. */
export const DIFF_KEYS = ['ignore'] as const;

/** RFC 6901 §3: "" or "/"-led reference tokens, "~" only as "~0" or "~1". */
export const POINTER_PATTERN = '^(?:/(?:[^~/]|~[01])*)*$';

/** The keys of `receiver`. */
export const RECEIVER_KEYS = ['url', 'stateUrl', 'allowRemote'] as const;

const CODES: readonly string[] = RULES.map((r) => r.code);

/**
 * Reads the text of a `.alfred-events.json` (README "Team configuration"). Strict JSON
 * (ECMA-404: no comments, no trailing commas), one object with the keys of CONFIG_KEYS. Never
 * throws: everything wrong is a problem with its exact place (syntax, a repeated key, an unknown
 * key or rule code with the closest known one, a severity that is none, a value of the wrong
 * type, a glob that cannot match a path below the file's folder). `config` holds what could be
 * read; a caller must not use it while there are problems (the file is invalid as a whole).
 */
export function parseTeamConfig(text: string): { config: TeamConfig; problems: ConfigProblem[] } {
  const lines = new LineIndex(text);
  const found: Omit<ConfigProblem, 'range'>[] = [];
  const config: TeamConfig = { rules: {} };
  const problem = (node: { offset: number; length: number }, message: string): void => {
    found.push({ message, offset: node.offset, length: node.length });
  };
  const parsed = parseRecord(text, 0, text.length);
  for (const s of parsed.syntax) problem(s, lowerFirst(s.message));
  for (const d of parsed.duplicates) problem(d, t('duplicate key {0}: JSON readers disagree on which one wins, keep one', quote(String(d.path.at(-1)))));
  const root = parsed.root;
  if (root && root.type !== 'object') {
    problem(root, t('a team configuration is a JSON object, such as {"rules": {"invalid-uuid": "off"}}'));
  } else if (root) {
    for (const [key, value] of membersOf(root)) readMember(String(key.value), key, value, config, problem);
  }
  const problems = found
    .sort(byOffset)
    .map((p) => ({ ...p, range: { start: lines.position(p.offset), end: lines.position(p.offset + p.length) } }));
  return { config, problems };
}

type Report = (node: Node, message: string) => void;

function readMember(name: string, key: Node, value: Node, config: TeamConfig, problem: Report): void {
  switch (name) {
    case '$schema':
      if (value.type !== 'string') problem(value, t('$schema must be a string (the address of the schema), found {0}', typeName(value)));
      return;
    case 'rules':
      if (value.type !== 'object') {
        problem(value, t('rules must be an object of rule codes and severities, such as {"invalid-uuid": "off"}, found {0}', typeName(value)));
        return;
      }
      for (const [code, setting] of membersOf(value)) readRule(String(code.value), code, setting, config, problem);
      return;
    case 'include':
    case 'exclude': {
      const globs = readGlobs(name, value, problem);
      if (globs) config[name] = globs;
      return;
    }
    case 'detect':
      if (value.type === 'boolean') config.detect = value.value as boolean;
      else problem(value, t('detect must be true or false, found {0}', typeName(value)));
      return;
    case 'maxFileSizeMB':
      if (value.type === 'number' && Number.isFinite(value.value) && (value.value as number) > 0) config.maxFileSizeMB = value.value as number;
      else problem(value, `maxFileSizeMB must be a number of megabytes above 0, such as 200, found ${value.type === 'number' ? String(value.value) : typeName(value)}`);
      return;
    case 'receiver':
      config.receiver = readReceiver(value, problem);
      return;
    case 'diff':
      config.diff = readDiff(value, problem);
      return;
    default:
      problem(key, t('unknown key {0}{1}', quote(name), didYouMean(name, CONFIG_KEYS) || t(' (expected {0})', orList(CONFIG_KEYS.slice(1)))));
  }
}

function readRule(code: string, key: Node, setting: Node, config: TeamConfig, problem: Report): void {
  const info = ruleInfo(code);
  if (!info) {
    problem(key, t('unknown rule {0}{1}', quote(code), didYouMean(code, CODES)));
    return;
  }
  const value = setting.value as unknown;
  const severity = SEVERITIES.find((s) => s === value);
  if (severity !== undefined) {
    config.rules[info.code] = severity;
    return;
  }
  const found = setting.type === 'string' ? `${quote(String(value))}${didYouMean(String(value), SEVERITIES)}` : typeName(setting);
  problem(setting, t('the severity of {0} must be {1}, found {2}', code, orList(SEVERITIES), found));
}

/**
 * `receiver`: `url` and `stateUrl` must be absolute http: or https: URLs as the WHATWG URL
 * standard parses them. Whether a URL may be used (loopback, or allowRemote) is decided when
 * something is sent, so that a remote URL does not make the team's rules invalid.
 */
function readReceiver(value: Node, problem: Report): ReceiverConfig | undefined {
  if (value.type !== 'object') {
    problem(value, t('receiver must be an object, such as {"url": "http://127.0.0.1:3000/webhooks"}, found {0}', typeName(value)));
    return undefined;
  }
  const receiver: ReceiverConfig = {};
  for (const [key, item] of membersOf(value)) {
    const name = String(key.value);
    if (name === 'url' || name === 'stateUrl') {
      const wrong = item.type === 'string' ? urlProblem(item.value as string) : t('must be a URL string, found {0}', typeName(item));
      if (wrong) problem(item, `receiver.${name} ${wrong}`);
      else receiver[name] = item.value as string;
    } else if (name === 'allowRemote') {
      if (item.type === 'boolean') receiver.allowRemote = item.value as boolean;
      else problem(item, t('receiver.allowRemote must be true or false, found {0}', typeName(item)));
    } else {
      problem(key, t('unknown key {0} in receiver{1}', quote(name), didYouMean(name, RECEIVER_KEYS) || t(' (expected {0})', orList(RECEIVER_KEYS))));
    }
  }
  return receiver;
}

/** `diff`: `ignore` is an array of RFC 6901 JSON Pointers, such as "/event/update_date". */
function readDiff(value: Node, problem: Report): DiffConfig | undefined {
  if (value.type !== 'object') {
    problem(value, t('diff must be an object, such as {"ignore": ["/event_id"]}, found {0}', typeName(value)));
    return undefined;
  }
  const out: DiffConfig = {};
  for (const [key, item] of membersOf(value)) {
    const name = String(key.value);
    if (name !== 'ignore') {
      problem(key, t('unknown key {0} in diff{1}', quote(name), didYouMean(name, DIFF_KEYS) || t(' (expected {0})', 'ignore')));
      continue;
    }
    if (item.type !== 'array') {
      problem(item, t('diff.ignore must be an array of JSON Pointers, such as ["/event/update_date"], found {0}', typeName(item)));
      continue;
    }
    out.ignore = [];
    for (const pointer of item.children ?? []) {
      if (pointer.type === 'string' && new RegExp(POINTER_PATTERN).test(pointer.value as string)) out.ignore.push(pointer.value as string);
      else if (pointer.type === 'string') problem(pointer, t('diff.ignore: {0} is not a JSON Pointer (RFC 6901): "" or "/" before each name, such as "/event/update_date", "~" written only as ~0 or ~1', quote(pointer.value as string)));
      else problem(pointer, t('diff.ignore holds JSON Pointers (strings), found {0}', typeName(pointer)));
    }
  }
  return out;
}

function urlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return t('{0} is not an absolute URL, such as http://127.0.0.1:3000/webhooks', quote(text));
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : t('{0} is not an http: or https: URL', quote(text));
}

function readGlobs(name: string, value: Node, problem: Report): string[] | undefined {
  if (value.type !== 'array') {
    problem(value, t('{0} must be an array of globs, such as ["payloads/**"], found {1}', name, typeName(value)));
    return undefined;
  }
  const globs: string[] = [];
  for (const item of value.children ?? []) {
    if (item.type !== 'string') {
      problem(item, t('{0} holds globs (strings), found {1}', name, typeName(item)));
      continue;
    }
    const glob = item.value as string;
    const wrong = globProblem(glob);
    if (wrong) problem(item, `${name}: ${wrong}`);
    else globs.push(glob);
  }
  return globs;
}

/**
 * Why a glob cannot say anything about a path below the config file's folder, or undefined when
 * it can. Paths are matched `/` separated on every system, so a backslash (an escape in globs,
 * a separator on Windows) is refused rather than silently meaning something else.
 */
function globProblem(glob: string): string | undefined {
  if (glob === '') return t('an empty glob matches nothing');
  if (glob.includes('\\')) return `${quote(glob)} has a backslash: separate folders with '/' on every system`;
  if (/^(?:\/|[A-Za-z]:)/.test(glob)) return t('{0} is absolute: globs are relative to the folder of {1}', quote(glob), CONFIG_FILE);
  if (/(?:^|\/)\.\.(?:\/|$)/.test(glob)) return t('{0} leaves the folder of {1}: globs match only below it', quote(glob), CONFIG_FILE);
  if (glob.startsWith('!')) return `${quote(glob)} is negated: '!' is not supported, list what to leave out in exclude`;
  try {
    matcher(glob);
  } catch (err) {
    return t('{0} cannot be read as a glob: {1}', quote(glob), err instanceof Error ? err.message : String(err));
  }
  return undefined;
}

/**
 * Combines rule settings: later layers win, `undefined` layers and values are skipped. The
 * layers are, lowest first: the rule table's defaults, the `alfredEvents.rules` setting (editor),
 * the nearest `.alfred-events.json`, `--rule` (CLI) — README "Team configuration", precedence.
 */
export function combineRules(
  ...layers: (Readonly<Record<string, RuleSetting | undefined>> | undefined)[]
): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const [code, setting] of Object.entries(layer)) if (setting !== undefined) out[code] = setting;
  }
  return out;
}

/** Every rule at its default severity: the lowest layer of combineRules. */
export function defaultRules(): Record<string, RuleSetting> {
  return Object.fromEntries(RULES.map((r) => [r.code, r.defaultSeverity]));
}

/**
 * Whether a file is in the configuration's scope: it matches an `include` glob (when there are
 * any) and no `exclude` glob. `relativePath` is relative to the config file's folder, `/`
 * separated; a path outside that folder (`../…`) matches no glob. A glob matches a path when it
 * matches the path itself or one of its folders, so `fixtures` excludes everything below
 * `fixtures/`. Matching is minimatch's (README "Team configuration"), `*` also matching names
 * that start with a dot, case-sensitive on every system.
 */
export function inScope(relativePath: string, config: TeamConfig): boolean {
  const path = relativePath.replace(/^(?:\.\/)+/, '');
  if (config.include !== undefined && !matchesAny(path, config.include)) return false;
  return config.exclude === undefined || !matchesAny(path, config.exclude);
}

function matchesAny(path: string, globs: readonly string[]): boolean {
  if (path === '' || path === '..' || path.startsWith('../') || path.startsWith('/')) return false;
  const parts = path.split('/');
  for (const glob of globs) {
    let m: Minimatch;
    try {
      m = matcher(glob);
    } catch {
      // parseTeamConfig refuses such a glob; a config built by hand may still hold one.
      continue;
    }
    for (let n = parts.length; n >= 1; n--) if (m.match(parts.slice(0, n).join('/'))) return true;
  }
  return false;
}

// minimatch 10+ matches without regular expressions, so a hostile glob in a cloned repository
// cannot hang the editor (no ReDoS). Options fixed so every system gives the same answer.
const OPTIONS = { dot: true, nocomment: true, nonegate: true, platform: 'linux', windowsPathsNoEscape: false } as const;
const compiled = new Map<string, Minimatch>();

function matcher(glob: string): Minimatch {
  const pattern = glob.replace(/^(?:\.\/)+/, '').replace(/\/+$/, '');
  let m = compiled.get(pattern);
  if (!m) {
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, (m = new Minimatch(pattern, OPTIONS)));
  }
  return m;
}

function didYouMean(written: string, known: readonly string[]): string {
  const best = closest(written, known, 1)[0];
  return best === undefined ? '' : t(' (did you mean {0}?)', quote(best));
}

function typeName(node: Node): string {
  if (node.type === 'null') return 'null';
  if (node.type === 'string') return t('the string {0}', quote(String(node.value)));
  if (node.type === 'number' || node.type === 'boolean') return `${String(node.value)}`;
  return `an ${node.type}`;
}

const orList = (words: readonly string[]): string => t('{0} or {1}', words.slice(0, -1).join(', '), words.at(-1));

/**
 * A string of the file as a message quotes it: in JSON's double quotes and escapes, cut when long,
 * so that whatever the file holds (a line break in a key, a megabyte of glob) the message stays one line.
 */
const quote = (s: string): string => JSON.stringify(clip(s, 60)).replace(/\u2028|\u2029/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

// The JSON syntax messages are sentences; in a one-line `file:line:col: problem` they read as the rest do.
const lowerFirst = (s: string): string => s.replace(/^[A-Z](?=[a-z ])/, (c) => c.toLowerCase());
