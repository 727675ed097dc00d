// What `npm ci` runs, and the command line as a user gets it: `npm pack` on a clean copy of the repository, the tarball
// installed into an empty project, and installs straight from the git repository, local and global. Every npm
// command runs with --offline: only the packages already in npm's cache (put there by `npm ci`)
// may be used, as on a CI runner that reaches nothing else. Run by `npm run test:package`.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import lock from '../../../package-lock.json';
import pkg from '../../../package.json';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** What a user of the command line and of the library runs and reads; npm adds package.json, README and LICENSE. */
const SHIPPED = [
  'CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli-worker.js', 'dist/cli.js',
  'dist/lib/index.cjs', 'dist/lib/index.d.cts', 'dist/lib/index.d.mts', 'dist/lib/index.mjs',
  'l10n/bundle.l10n.es.json', 'l10n/bundle.l10n.json', 'package.json', 'schemas/alfred-event.schema.json', 'schemas/alfred-events-config.schema.es.json',
  'schemas/alfred-events-config.schema.json',
];

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (npm is slow: never spawnSync, which would block the test runner). */
function run(cmd: string, args: string[], cwd: string): Promise<Run> {
  // npm_config_* from an enclosing `npm run` would leak into the user's npm: start from a clean slate.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...env, npm_config_update_notifier: 'false' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function must(cmd: string, args: string[], cwd: string): Promise<Run> {
  const r = await run(cmd, args, cwd);
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} failed in ${cwd}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** An empty project that trusts the package's `prepare` (it builds dist/ from the sources). */
function project(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, allowScripts: { [pkg.name]: true } }));
  return dir;
}

/** The installed `alfred-events`, through npx as the README says, on the examples and a broken payload. */
async function checkCli(dir: string): Promise<void> {
  await checkCommand((args) => run(NPM, ['exec', '--offline', '--no', '--', 'alfred-events', ...args], dir));
}

/** `alfred-events` run by `alfred` (args, exit status and output): its version, the examples, a broken payload. */
async function checkCommand(alfred: (args: string[]) => Promise<Run>): Promise<void> {
  const version = await alfred(['--version']);
  assert.equal(version.status, 0, version.stderr);
  assert.equal(version.stdout.trim(), pkg.version);
  const ok = await alfred(['validate', path.join(FIXTURES, 'examples')]);
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /^No problems in [1-9]\d* files$/m);
  const broken = await alfred(['validate', path.join(FIXTURES, 'broken', 'typo-event-name.alfred.json')]);
  assert.equal(broken.status, 1, broken.stdout + broken.stderr);
  assert.match(broken.stdout, /typo-event-name\.alfred\.json:\d+:\d+ {2}error {2}unknown-event-name {2}/);
}

/** The regular files under `dir`, relative, sorted. */
function filesUnder(dir: string): string[] {
  return [...fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })].filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
}

/** The library entry as an installed package gives it, by name: require() and import() answer alike. */
async function checkLibrary(dir: string): Promise<void> {
  const body = fs.readFileSync(path.join(FIXTURES, 'examples', 'job_finished_event.alfred.json'), 'utf8');
  const use = `(lib) => { const r = lib.parseEvent(${JSON.stringify(body)}); return r.ok ? r.body.event.event_name : JSON.stringify(r.findings); }`;
  const required = await must(process.execPath, ['-e', `console.log((${use})(require('${pkg.name}')))`], dir);
  const imported = await must(process.execPath, ['--input-type=module', '-e', `console.log((${use})(await import('${pkg.name}')))`], dir);
  assert.equal(required.stdout, 'job_finished_event\n');
  assert.equal(imported.stdout, required.stdout);
}

describe('the npm package (what npm pack and an install from git give a user)', { timeout: 600_000 }, () => {
  let tmp: string;
  let clone: string;

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'alfred-npm-'));
    // A clean clone of the working tree as it is (changes included): the files git would keep,
    // committed, with no dist/ and no node_modules.
    clone = path.join(tmp, 'clone');
    const listed = await must('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], ROOT);
    for (const rel of new Set(listed.stdout.split('\0').filter(Boolean))) {
      const from = path.join(ROOT, rel);
      if (!fs.existsSync(from)) continue; // deleted in the working tree, not yet in the index
      fs.mkdirSync(path.dirname(path.join(clone, rel)), { recursive: true });
      fs.copyFileSync(from, path.join(clone, rel));
    }
    assert.equal(fs.existsSync(path.join(clone, 'dist')), false);
    await must('git', ['init', '-q'], clone);
    await must('git', ['add', '-A'], clone);
    await must('git', ['-c', 'user.name=test', '-c', 'user.email=test@localhost', 'commit', '-q', '-m', 'clone'], clone);
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 }));

  it('npm pack builds dist/cli.js and dist/lib and ships only what a user of the command line and the library runs', async () => {
    // The tools the build needs (esbuild), as after `npm ci` in the clone; git does not see them.
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
    try {
      const packed = await must(NPM, ['pack', '--json', '--offline', '--pack-destination', tmp], clone);
      const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
      assert.ok(info);
      assert.deepEqual(info.files.map((f) => f.path).sort(), SHIPPED);
      const app = project(path.join(tmp, 'from-tarball'));
      await must(NPM, ['install', '--offline', '--no-audit', '--no-fund', path.join(tmp, info.filename)], app);
      // Bundled: the command line needs no package of its own at run time.
      assert.deepEqual(fs.readdirSync(path.join(app, 'node_modules')).filter((n) => n !== '.bin' && !n.startsWith('.')), [pkg.name]);
      await checkCli(app);
      await checkLibrary(app);
    } finally {
      fs.rmSync(path.join(clone, 'node_modules'));
    }
  });

  it('npm install git+file://… builds the package from its sources and gives a working alfred-events', async () => {
    // npm clones the repository, installs its dev dependencies there (from the cache: --offline is
    // passed on), runs `prepare`, then packs and installs the result.
    const app = project(path.join(tmp, 'from-git'));
    await must(NPM, ['install', '--offline', '--no-audit', '--no-fund', `git+file://${clone}`], app);
    const installed = path.join(app, 'node_modules', pkg.name);
    assert.deepEqual(filesUnder(installed), SHIPPED);
    await checkCli(app);
    await checkLibrary(app);
  });

  it('npm install --global --install-links git+file://… (README "Install", and how pre-commit installs the hook) gives a working alfred-events', async () => {
    // npm installs no devDependencies for a global install from git (npm/cli#8440): the package's
    // `prepare` (scripts/prepare.mjs) installs them in the clone, from the cache here, and builds.
    const prefix = path.join(tmp, 'global');
    await must(NPM, ['install', '--global', '--install-links', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', `git+file://${clone}`], tmp);
    const installed = path.join(prefix, ...(process.platform === 'win32' ? [] : ['lib']), 'node_modules', pkg.name);
    assert.equal(fs.lstatSync(installed).isSymbolicLink(), false, 'a copy, not a link to the clone npm deletes');
    assert.deepEqual(filesUnder(installed), SHIPPED);
    const bin = path.join(prefix, ...(process.platform === 'win32' ? ['alfred-events.cmd'] : ['bin', 'alfred-events']));
    await checkCommand((args) => run(bin, args, tmp));
  });

  it('npm install --global git+file://… without --install-links stops with the command that works and installs nothing', async () => {
    // Without it npm links the clone it deletes into the global folder (npm/cli#8440): a broken
    // install that npm would report as a success.
    const prefix = path.join(tmp, 'global-linked');
    const r = await run(NPM, ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', `git+file://${clone}`], tmp);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /npm install --global from git needs --install-links \(npm\/cli#8440\): npm install --global --install-links git\+https:/);
    assert.equal(fs.existsSync(path.join(prefix, ...(process.platform === 'win32' ? [] : ['lib']), 'node_modules', pkg.name)), false);
  });
});

describe('install scripts (what npm ci runs besides unpacking)', () => {
  const withScripts = Object.entries(lock.packages as Record<string, { name?: string; hasInstallScript?: boolean }>)
    .filter(([, entry]) => entry.hasInstallScript)
    .map(([where, entry]) => entry.name ?? where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length));

  it('every dependency with an install script is reviewed in allowScripts, so npm warns of none', () => {
    const reviewed = Object.keys(pkg.allowScripts);
    assert.deepEqual(withScripts.filter((name) => !reviewed.includes(name)), []);
  });

  it('only esbuild and vsce-sign run theirs: they set up binaries that came in npm packages', () => {
    const approved = Object.entries(pkg.allowScripts).filter(([, ok]) => ok).map(([name]) => name);
    assert.deepEqual(withScripts.filter((name) => approved.includes(name)).sort(), ['@vscode/vsce-sign', 'esbuild']);
  });

  it('no npm version downloads a browser: @playwright/browser-chromium is a stand-in without scripts', () => {
    // npm 10 (Node 20's) does not read allowScripts: the override must hold on its own.
    const chromium = Object.entries(lock.packages as Record<string, { name?: string; hasInstallScript?: boolean }>).filter(([where]) => where.endsWith('node_modules/@playwright/browser-chromium'));
    assert.ok(chromium.length > 0, '@vscode/test-web no longer depends on it: drop the override');
    for (const [where, entry] of chromium) assert.equal(entry.hasInstallScript, undefined, where);
  });
});
