// package.json "prepare": what npm runs in a clone of this repository when it installs it from git
// (and before `npm pack`): the production build, scripts/build.mjs --production, which needs the
// devDependency esbuild. npm installs the devDependencies first, except when the install from git
// is global (`npm install --global git+…`, as pre-commit installs a `language: node` hook): its
// inner `npm install` in the clone inherits --global and installs none (npm/cli#8440). Then this
// installs the esbuild that package-lock.json pins, alone (not the 300 MB of test tools), into
// scripts/node_modules, where build.mjs's `import 'esbuild'` finds it, and builds. Exits with the
// build's status, or npm's when the install fails (npm then prints why, e.g. an offline cache
// without esbuild).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
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

if (!hasEsbuild()) {
  const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'));
  const version = lock.packages?.['node_modules/esbuild']?.version;
  if (!version) {
    console.error('prepare: esbuild is not installed and package-lock.json pins no version of it');
    process.exit(1);
  }
  console.error(`prepare: npm installed no devDependencies here (a global install from git, npm/cli#8440): installing esbuild@${version} for the build`);
  // Explicit flags, since npm passes its own settings to this script in npm_config_* variables:
  // --global=false and --prefix against the inherited global install, --include=optional for
  // esbuild's binary (@esbuild/<platform>), whose install script is not needed once that is there.
  const installed = npm([
    'install', '--global=false', '--prefix', here, '--no-save', '--no-package-lock', '--include=optional',
    '--ignore-scripts', '--no-audit', '--no-fund', `esbuild@${version}`,
  ]);
  if (installed.status !== 0) process.exit(installed.status ?? 1);
}

const built = spawnSync(process.execPath, [build, '--production'], { stdio: 'inherit' });
process.exit(built.status ?? 1);
