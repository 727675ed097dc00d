import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE, combineRules, decodeBytes, defaultRules, parseTeamConfig, type RuleSetting, type TeamConfig } from '../core/index';
import { IoError, reading } from './errors';

/** Which team configuration applies: the nearest `.alfred-events.json` (default), `--config FILE`, or none (`--no-config`). */
export type ConfigChoice = { kind: 'nearest' } | { kind: 'file'; path: string } | { kind: 'none' };

/** A team configuration and the folder its globs are relative to. */
export interface FolderConfig {
  config: TeamConfig;
  dir: string;
}

/**
 * The team configuration of each folder (README "Team configuration"): the `.alfred-events.json`
 * in the folder or the nearest ancestor, up to the file system's root, as markdownlint-cli2 finds
 * `.markdownlint.json`. Each folder is looked up once. An invalid file is an IoError naming it
 * and its first problem (`.alfred-events.json:3:5: unknown rule …`): never silently ignored.
 */
export class FolderConfigs {
  private readonly byDir = new Map<string, FolderConfig | undefined>();
  private readonly fixed: FolderConfig | undefined;

  constructor(
    private readonly choice: ConfigChoice,
    private readonly cwd: string,
  ) {
    this.fixed = choice.kind === 'file' ? this.load(path.resolve(cwd, choice.path), choice.path) : undefined;
  }

  /** The configuration for the files of folder `dir` (absolute), or undefined for none. */
  of(dir: string): FolderConfig | undefined {
    if (this.choice.kind !== 'nearest') return this.fixed;
    const visited: string[] = [];
    let found: FolderConfig | undefined;
    for (let d = dir; ; ) {
      if (this.byDir.has(d)) {
        found = this.byDir.get(d);
        break;
      }
      visited.push(d);
      const file = path.join(d, CONFIG_FILE);
      if (isFile(file)) {
        found = this.load(file, this.display(file));
        break;
      }
      const up = path.dirname(d);
      if (up === d) break;
      d = up;
    }
    for (const d of visited) this.byDir.set(d, found);
    return found;
  }

  /** The effective rules of a file in folder `dir`: the table's defaults < its configuration < `--rule`. */
  rules(dir: string, commandLine: Readonly<Record<string, RuleSetting>>): Record<string, RuleSetting> {
    return combineRules(defaultRules(), this.of(dir)?.config.rules, commandLine);
  }

  private load(file: string, display: string): FolderConfig {
    const bytes = reading(display, () => fs.readFileSync(file));
    // As payload files are read: a BOM dropped (UTF-16 by its BOM), invalid bytes as U+FFFD (then a syntax problem).
    const { config, problems } = parseTeamConfig(decodeBytes(bytes).text);
    const first = problems[0];
    if (first) throw new IoError(`${display}:${first.range.start.line + 1}:${first.range.start.character + 1}: ${first.message}`);
    return { config, dir: path.dirname(file) };
  }

  /** Relative to the working directory with `/` when inside it, else absolute: as files are named in reports. */
  private display(file: string): string {
    const rel = path.relative(this.cwd, file);
    return rel === '..' || rel.startsWith('..' + path.sep) || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
