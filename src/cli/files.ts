import { t } from '../core/index';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeBytes, DETECT_LENGTH, inScope, modeOfName, payloadMode, type DocumentMode, type RuleSetting } from '../core/index';
import { FolderConfigs, type ConfigChoice } from './config';
import { IoError, reading } from './errors';

export { IoError };

/** A file to check: where it is, how to print it, and how to read it. */
export interface Target {
  absolute: string;
  /** Relative to the working directory with `/` when inside it, else the path as given. */
  display: string;
  /** The relative path with `/`, or undefined when the file lies outside the working directory. */
  relative: string | undefined;
  mode: DocumentMode;
  /** The effective rules: the table's defaults < the nearest `.alfred-events.json` < `--rule`. */
  rules: Record<string, RuleSetting>;
  /** The team configuration's maxFileSizeMB in bytes: a larger file is not checked (file-too-large). None by default. */
  maxBytes?: number;
}

/** Enough of a file to recognise a payload by its content: at most DETECT_LENGTH code units, as many for ASCII. */
const HEAD_BYTES = DETECT_LENGTH;

export interface SearchOptions {
  /** Also take plain .json / .jsonl / .ndjson files whose content is a payload (not --no-detect). */
  detect: boolean;
  /** A directory with no payload file is fine (--allow-empty-input), not an error; `never` for a command without that option. */
  allowEmpty: boolean | 'never';
  /** Which team configuration applies; the nearest `.alfred-events.json` by default. */
  config?: ConfigChoice;
  /** `--rule`: wins over the team configuration. */
  rules?: Readonly<Record<string, RuleSetting>>;
}

/**
 * Expands the command-line paths into files: files as named, directories searched
 * recursively. Everything is checked for existence before any file is validated, so a typo in
 * the last argument fails the run at once instead of after a long report. A directory in which
 * nothing is found is an IoError naming it, unless `allowEmpty`: a CI job pointed at the wrong
 * folder must fail, not report "no problems" (as eslint and stylelint do).
 *
 * Each file gets the rules of its team configuration (README "Team configuration"), whose
 * `include`, `exclude` and `detect` also decide what a directory search picks up; a file named
 * on the command line is checked whatever they say, as it is whatever its name. An invalid
 * configuration is an IoError naming it and its problem.
 */
export function collectTargets(paths: readonly string[], cwd: string, options: SearchOptions): Target[] {
  const configs = new FolderConfigs(options.config ?? { kind: 'nearest' }, cwd);
  const seen = new Set<string>();
  const targets: Target[] = [];
  const empty: string[] = [];
  const add = (given: string): void => {
    const target = locate(given, cwd, (dir) => configs.rules(dir, options.rules ?? {}), (dir) => configs.of(dir)?.config.maxFileSizeMB);
    // A file named twice, or named and also found in a named directory, is reported once.
    if (seen.has(target.absolute)) return;
    seen.add(target.absolute);
    targets.push(target);
  };
  for (const given of paths) {
    const stat = statOrThrow(path.resolve(cwd, given), given);
    if (stat.isDirectory()) {
      const found = searchDirectory(path.resolve(cwd, given), given, options.detect, configs);
      if (found.length === 0) empty.push(given);
      for (const sub of found) add(path.join(given, sub));
    } else {
      add(given);
    }
  }
  if (empty.length > 0 && options.allowEmpty !== true) throw new IoError(nothingFound(empty, options.detect, options.allowEmpty !== 'never'));
  return targets;
}

function nothingFound(dirs: readonly string[], detect: boolean, hint: boolean): string {
  const names = '*.alfred.json, *.alfred-event.json, *.alfred.jsonl, *.alfred.ndjson';
  const looked = detect ? t('{0} or plain JSON holding a payload', names) : `${names} (--no-detect)`;
  const where = dirs.length === 1 ? dirs[0] : `${dirs.slice(0, -1).join(', ')} and ${dirs.at(-1)}`;
  return t('no payload file in {0} (looked for {1}){2}', where, looked, hint ? t('; pass {0} if that is expected', '--allow-empty-input') : '');
}

function locate(given: string, cwd: string, rules: (dir: string) => Record<string, RuleSetting>, maxMB: (dir: string) => number | undefined): Target {
  const absolute = path.resolve(cwd, given);
  const rel = path.relative(cwd, absolute);
  const inside = rel !== '' && rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel);
  const relative = inside ? rel.split(path.sep).join('/') : undefined;
  const target: Target = { absolute, display: relative ?? given, relative, mode: modeOfName(given), rules: rules(path.dirname(absolute)) };
  const mb = maxMB(path.dirname(absolute));
  if (mb !== undefined) target.maxBytes = mb * 1024 * 1024;
  return target;
}

/**
 * Paths, relative to `dir`, of the payload files below it, sorted by code unit so the output
 * is the same on every machine and locale. `node_modules` and dot-directories are skipped
 * (dependencies and tool state, never the user's payloads). Symbolic links to directories are
 * not followed, which keeps a link cycle from looping forever. Each folder's team configuration
 * may leave files out (include, exclude) and turn content detection off (detect).
 */
function searchDirectory(dir: string, given: string, detect: boolean, configs: FolderConfigs): string[] {
  const found: string[] = [];
  const walk = (abs: string, rel: string): void => {
    const entries = reading(path.join(given, rel), () => fs.readdirSync(abs, { withFileTypes: true }));
    const team = configs.of(abs);
    for (const entry of entries) {
      const childAbs = path.join(abs, entry.name);
      const childRel = rel === '' ? entry.name : path.join(rel, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(childAbs, childRel);
      } else if (!(entry.isFile() || isLinkToFile(childAbs))) {
        continue;
      } else if (team && !inScope(path.relative(team.dir, childAbs).split(path.sep).join('/'), team.config)) {
        continue;
      } else if (payloadMode(entry.name, () => head(childAbs), { plainJson: detect && team?.config.detect !== false })) {
        found.push(childRel);
      }
    }
  };
  walk(dir, '');
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The first bytes of a file as text; an unreadable file is simply not a payload here. */
function head(abs: string): string {
  let fd: number | undefined;
  try {
    fd = fs.openSync(abs, 'r');
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = fs.readSync(fd, buf, 0, HEAD_BYTES, 0);
    return decodeBytes(buf.subarray(0, n)).text;
  } catch {
    return '';
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function isLinkToFile(abs: string): boolean {
  try {
    return fs.statSync(abs).isFile();
  } catch {
    // A dangling link found while searching is not something the user asked for by name.
    return false;
  }
}

function statOrThrow(abs: string, given: string): fs.Stats {
  return reading(given, () => fs.statSync(abs));
}
