// package.json "prepare": what npm runs in a clone of this repository when it installs it from git
// (and before `npm pack`): the production build, scripts/build.mjs --production, which needs the
// devDependencies (esbuild, and the libraries it bundles). npm installs them first, except when the
// install from git is global (`npm install --global git+…`, as pre-commit installs a `language:
// node` hook): its inner `npm install` in the clone inherits --global and installs none
// (npm/cli#8440). Then this does what npm should have done, the install that package-lock.json
// pins, into the clone, and builds; unless npm has also linked the clone into the global
// node_modules, which no build can mend: then it stops, naming the command that works. Exits with the build's status, or npm's when the install fails
// (npm then says why, e.g. an offline cache without the packages).
import { spawnSync } from 'node:child_process';
import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const build = fileURLToPath(new URL('build.mjs', import.meta.url));

/** Whether build.mjs's import of esbuild resolves, from where build.mjs is. */
function hasEsbuild() {
  try {
    createRequire(build).resolve('esbuild');
    return true;
  } catch {
    return false;
  }
}

/** Runs npm as the npm that runs this script does (npm_execpath), else the one on PATH. */
function npm(args) {
  const cli = process.env.npm_execpath;
  return cli && /\.[cm]?js$/.test(cli)
    ? spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' })
    : spawnSync('npm', args, { stdio: 'inherit', shell: process.platform === 'win32' });
}

/**
 * The other half of npm/cli#8440: without --install-links, the inner `npm install`, global, has
 * installed the clone it runs in as a link (as `npm install --global <folder>` does),
 * <global prefix>/lib/node_modules/<name> -> the clone, which npm deletes once it has packed it;
 * the outer install then writes the package through that link and leaves it dangling: a broken
 * install that npm reports as a success. True when npm is preparing a git dependency (pacote's
 * _PACOTE_NO_PREPARE_) and such a link leads here; `--install-links` makes a copy instead.
 */
function linkedIntoGlobal() {
  const prefix = process.env.npm_config_global_prefix;
  if (process.env.npm_config_global !== 'true' || !process.env._PACOTE_NO_PREPARE_ || !prefix) return false;
  const { name } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const linked = path.join(prefix, process.platform === 'win32' ? '' : 'lib', 'node_modules', name);
  try {
    return lstatSync(linked).isSymbolicLink() && realpathSync(linked) === realpathSync(root);
  } catch {
    return false;
  }
}

if (!hasEsbuild()) {
  if (linkedIntoGlobal()) {
    console.error('alfred-events: npm install --global from git needs --install-links (npm/cli#8440): npm install --global --install-links git+https://github.com/alfred-events/alfred-events-vscode.git');
    process.exit(1);
  }
  console.error('prepare: npm installed no devDependencies here (a global install from git, npm/cli#8440): installing them for the build');
  // Explicit flags, since npm hands its own settings to this script in npm_config_* variables:
  // --global=false and --prefix against the inherited global install and its prefix;
  // --ignore-scripts, or npm would run this script again (esbuild's own install script is not
  // needed: its binary comes in the optional dependency @esbuild/<platform>).
  const installed = npm([
    'install', '--global=false', '--prefix', root, '--include=dev', '--include=optional', '--no-save',
    '--ignore-scripts', '--no-audit', '--no-fund',
  ]);
  if (installed.status !== 0) process.exit(installed.status ?? 1);
}

const built = spawnSync(process.execPath, [build, '--production'], { stdio: 'inherit' });
process.exit(built.status ?? 1);
