// Runs the integration tests in a real VS Code: bundles test/integration/*.ts with esbuild, then has
// @vscode/test-electron launch code-server-launcher.js (code-server in headless chromium) in place
// of a desktop VS Code, and exits with the run's code. Needs scripts/install-test-host.sh first.
//
//   tsx test/host/run-integration.ts [--extension DIR] [--tests DIR] [--workspace PATH]
//
// --extension: the extension under test (default: this repository); --tests: the folder whose *.ts
// are bundled, index.ts among them (default: test/integration); --workspace: the folder or file the
// window opens (default: a fresh copy of test/fixtures/examples and broken). The bundles go to <extension>/out/test/integration,
// so mocha must resolve from there. ALFRED_TEST_GREP limits the run to matching test titles.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import * as esbuild from 'esbuild';

const REPO = path.resolve(__dirname, '..', '..');
const LAUNCHER = path.join(__dirname, 'code-server-launcher.js');

async function bundleTests(testsDir: string, outDir: string): Promise<string> {
  const entryPoints = fs
    .readdirSync(testsDir)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => path.join(testsDir, name));
  if (!entryPoints.some((file) => path.basename(file) === 'index.ts')) {
    throw new Error(`${testsDir} has no index.ts (the module that runs mocha)`);
  }
  // A stale bundle of a deleted test would otherwise still run.
  fs.rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    // The editor provides vscode; mocha must be the one instance that index.js and the tests share.
    external: ['vscode', 'mocha'],
    // As in scripts/build.mjs: jsonc-parser's UMD "main" does not bundle, its ESM build does.
    mainFields: ['module', 'main'],
  });
  return path.join(outDir, 'index.js');
}

/**
 * A fresh workspace for the tests: copies of the example and broken payloads, so that tests may
 * create, edit and delete files without ever touching the repository's fixtures.
 */
function prepareWorkspace(): string {
  const dir = path.join(REPO, '.vscode-test', 'workspace');
  fs.rmSync(dir, { recursive: true, force: true });
  for (const sub of ['examples', 'broken']) {
    fs.cpSync(path.join(REPO, 'test', 'fixtures', sub), path.join(dir, sub), { recursive: true });
  }
  return dir;
}

function installVsix(vsix: string, extensionsDir: string, userDataDir: string): void {
  fs.rmSync(extensionsDir, { recursive: true, force: true });
  const bin = path.join(REPO, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
  const r = spawnSync(bin, ['--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir], {
    encoding: 'utf8',
    // code-server writes its config under XDG_CONFIG_HOME even for this; keep it out of $HOME.
    env: { ...process.env, XDG_CONFIG_HOME: path.join(REPO, '.vscode-test', 'config') },
  });
  if (r.status !== 0) throw new Error(`installing ${vsix} failed: ${r.stderr || r.stdout}`);
  console.log(r.stdout.trim());
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      extension: { type: 'string', default: REPO },
      tests: { type: 'string', default: path.join(REPO, 'test', 'integration') },
      workspace: { type: 'string' },
      vsix: { type: 'string' },
    },
  });
  const extensionDevelopmentPath = path.resolve(values.extension);
  const testsDir = path.resolve(values.tests);
  const workspace = values.workspace ? path.resolve(values.workspace) : prepareWorkspace();
  const started = Date.now();

  const extensionTestsPath = await bundleTests(testsDir, path.join(extensionDevelopmentPath, 'out', 'test', 'integration'));
  const state = path.join(REPO, '.vscode-test');
  // With --vsix, the package is installed into a fresh extensions folder and the window loads it
  // from there, as a user's would: the test then proves the .vsix works on its own.
  const extensionsDir = path.join(state, values.vsix ? 'installed-extensions' : 'extensions');
  if (values.vsix) installVsix(path.resolve(values.vsix), extensionsDir, path.join(state, 'user-data'));
  try {
    return await runTests({
      vscodeExecutablePath: LAUNCHER,
      extensionDevelopmentPath,
      extensionTestsPath,
      // Explicit profile folders: test-electron's defaults depend on the current directory.
      launchArgs: [
        workspace,
        ...(values.vsix ? [] : ['--disable-extensions']),
        `--user-data-dir=${path.join(state, 'user-data')}`,
        `--extensions-dir=${extensionsDir}`,
      ],
    });
  } catch (err) {
    if (err instanceof TestRunFailedError) return typeof err.code === 'number' && err.code !== 0 ? err.code : 1;
    throw err;
  } finally {
    console.log(`integration run took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
