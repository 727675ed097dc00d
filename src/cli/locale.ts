// Which language the CLI speaks (README "Languages"), and the bundle of it shipped beside the
// CLI: l10n/bundle.l10n.<locale>.json, one folder up from dist/cli.js.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Messages } from '../core/index';

/** The environment variables a POSIX program reads for its messages' language, most specific first. */
const LOCALE_VARIABLES = ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const;

/**
 * The language tag of a POSIX or BCP 47 locale name, lower case, as VS Code names its bundles:
 * `es_AR.UTF-8` → `es-ar`, `es` → `es`, `pt-BR` → `pt-br`. "C", "POSIX" and anything that is not
 * a language (an empty value) mean English: undefined.
 */
export function languageTag(locale: string): string | undefined {
  const name = locale.split(/[.@]/)[0]!.trim();
  if (name === '' || name === 'C' || name === 'POSIX') return undefined;
  const m = /^([A-Za-z]{2,3})(?:[_-]([A-Za-z0-9]{2,8}))?$/.exec(name);
  if (!m) return undefined;
  return m[2] ? `${m[1]!.toLowerCase()}-${m[2].toLowerCase()}` : m[1]!.toLowerCase();
}

/**
 * The locale the environment asks for, in POSIX order: the first of LC_ALL, LC_MESSAGES and
 * LANG that is set and not empty wins (POSIX.1-2017 §8.2), even when it is "C".
 */
export function environmentLocale(env: Readonly<Record<string, string | undefined>>): string | undefined {
  for (const name of LOCALE_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

/**
 * The bundle for `tag`: bundle.l10n.<tag>.json, else that of its language alone (`es-ar` → `es`),
 * else undefined (English). `dirs` are the folders tried, in order. An unreadable or malformed
 * bundle is no bundle: a broken translation must not stop a check.
 */
export function loadMessages(tag: string | undefined, dirs: readonly string[] = bundleDirs()): Messages | undefined {
  if (tag === undefined || tag === 'en' || tag.startsWith('en-')) return undefined;
  const tags = tag.includes('-') ? [tag, tag.split('-')[0]!] : [tag];
  for (const candidate of tags) {
    for (const dir of dirs) {
      const file = path.join(dir, `bundle.l10n.${candidate}.json`);
      try {
        const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Messages;
      } catch {
        // Not this folder; try the next.
      }
    }
  }
  return undefined;
}

/** l10n/ beside the package: one folder up from dist/cli.js, two from src/cli/ when run from the sources. */
function bundleDirs(): string[] {
  return [path.join(__dirname, '..', 'l10n'), path.join(__dirname, '..', '..', 'l10n')];
}
