// package.json "prepare": what npm runs in a clone of this repository when it installs it from git
// (and before `npm pack`): the production build, scripts/build.mjs --production, which needs the
// devDependencies (esbuild, and the libraries it bundles). npm installs them first, except when the
// install from git is global (`npm install --global git+…`, as pre-commit installs a `language:
// node` hook): its inner `npm install` in the clone inherits --global and installs none
// (npm/cli#8440). Then this does what npm should have done, the install that package-lock.json
// pins, into the clone, and builds. Exits with the build's status, or npm's when the install fails
// (npm then says why, e.g. an offline cache without the packages).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
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

if (!hasEsbuild()) {
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
