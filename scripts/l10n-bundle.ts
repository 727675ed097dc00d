// The runtime strings translators need: every vscode.l10n.t('…') of the extension and every
// t('…') of the core and the CLI (src/core/l10n.ts), gathered into l10n/bundle.l10n.json (the
// English bundle a bundle.l10n.<locale>.json translates; README "Languages"). `npm run l10n`
// rewrites it; a unit test fails when it drifts from the sources.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
export const BUNDLE = join(ROOT, 'l10n', 'bundle.l10n.json');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** A message literal: the first argument of `l10n.t(`, `t(` or `later(`, in single or double quotes. */
const MESSAGE = /(?<![\w$])(?:(?:l10n\.)?t|later)\(\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/g;

/** The string a literal's body means: its escapes (\\uXXXX, \\n, \\t, \\' …) read as JavaScript reads them. */
function unescape(body: string): string {
  const named: Record<string, string> = { n: '\n', t: '\t', r: '\r' };
  return body.replace(/\\(?:u([0-9A-Fa-f]{4})|(.))/g, (_m, hex: string | undefined, c: string) => (hex !== undefined ? String.fromCharCode(parseInt(hex, 16)) : named[c] ?? c));
}

/** The bundle as the sources say it should be: each message keyed by itself, sorted. */
export function bundle(): string {
  const messages = new Set<string>();
  for (const file of sources(join(ROOT, 'src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(MESSAGE)) messages.add(unescape((m[1] ?? m[2])!));
  }
  const sorted = [...messages].sort();
  return JSON.stringify(Object.fromEntries(sorted.map((m) => [m, m])), null, 2) + '\n';
}

if (require.main === module) writeFileSync(BUNDLE, bundle());
