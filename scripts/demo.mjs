// The README's first command: build the .vsix, check the example payloads with the CLI, then
// install the .vsix into a real VS Code opened on the examples: the desktop `code` when there is
// one, otherwise code-server on 127.0.0.1 (installed by scripts/install-test-host.sh).
//
//   npm run demo                 serve until Ctrl+C
//   npm run demo -- --check      start, prove the extension is installed and the server answers, stop
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '..');
const STATE = join(REPO, '.vscode-test', 'demo');
const VSIX = join(REPO, '.vscode-test', 'alfred-events.vsix');
const check = process.argv.includes('--check');

const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { cwd: REPO, stdio: 'inherit', ...opts });
  return r.status ?? 1;
};
const must = (status, what) => {
  if (status !== 0) {
    console.error(`demo: ${what} failed`);
    process.exit(1);
  }
};

console.log('Building the extension (.vsix) and the CLI…');
must(run(process.execPath, ['scripts/build.mjs', '--production']), 'the build');
must(run(join(REPO, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', VSIX], { stdio: 'ignore' }), 'vsce package');
console.log(`  ${VSIX}`);

console.log('\nThe CLI on the example payloads (all correct), then on the broken ones:');
must(run(process.execPath, ['dist/cli.js', 'validate', 'test/fixtures/examples']), 'the CLI on the examples');
// The broken payloads must fail (status 1): that is what they are for.
if (run(process.execPath, ['dist/cli.js', 'validate', 'test/fixtures/broken']) !== 1) must(1, 'the CLI on the broken payloads');

// The editor gets a copy of the fixtures, so that trying the quick fixes changes nothing in the repo.
const workspace = join(STATE, 'workspace');
rmSync(workspace, { recursive: true, force: true });
for (const sub of ['examples', 'broken', 'docs']) cpSync(join(REPO, 'test', 'fixtures', sub), join(workspace, sub), { recursive: true });

if (!check && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0) {
  must(run('code', ['--install-extension', VSIX, '--force']), 'installing into VS Code');
  must(run('code', [workspace]), 'opening VS Code');
  console.log(`\nVS Code opened ${workspace}. Open a file under broken/ to see the diagnostics.`);
  process.exit(0);
}

must(run('bash', ['scripts/install-test-host.sh'], { stdio: ['ignore', 'ignore', 'inherit'] }), 'installing code-server');
const codeServer = join(REPO, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
const userData = join(STATE, 'user-data');
const extensions = join(STATE, 'extensions');
const env = { ...process.env, XDG_CONFIG_HOME: join(STATE, 'config') };
delete env.VSCODE_IPC_HOOK_CLI;
mkdirSync(join(userData, 'User'), { recursive: true });
// The same quiet window as the tests': no welcome page, trust prompt, telemetry or update check.
cpSync(join(REPO, 'test', 'host', 'user-settings.json'), join(userData, 'User', 'settings.json'));
rmSync(extensions, { recursive: true, force: true });
const dirs = ['--user-data-dir', userData, '--extensions-dir', extensions];
must(run(codeServer, ['--install-extension', VSIX, ...dirs], { env, stdio: 'ignore' }), 'installing the .vsix into code-server');
const listed = spawnSync(codeServer, ['--list-extensions', ...dirs], { env, encoding: 'utf8' }).stdout;
if (!listed.includes('alfred-events.alfred-events')) must(1, 'finding the installed extension');

const port = Number(process.env.PORT) || (await freePort());
const server = spawn(codeServer, [
  '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
  '--disable-workspace-trust', '--disable-getting-started-override', '--config', join(STATE, 'config.yaml'),
  ...dirs, workspace,
], { env, stdio: 'ignore' });
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', () => { stop(); process.exit(0); });

const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
if (!(await healthy(port))) {
  stop();
  must(1, 'starting code-server');
}
console.log(`\nVS Code (code-server ${spawnSync(codeServer, ['--version'], { env, encoding: 'utf8' }).stdout.split('\n')[0]}) with Alfred Events installed from the .vsix:`);
console.log(`  ${url}`);
console.log('Open a file under broken/ to see the problems, docs/ for the docs\' own examples, examples/jobs.alfred.jsonl for a log.');
if (check) {
  stop();
  console.log('demo --check: the server answered and the extension is installed.');
} else {
  console.log('Press Ctrl+C to stop.');
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port: p } = s.address();
      s.close(() => res(p));
    });
  });
}

async function healthy(p) {
  for (let i = 0; i < 200; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${p}/healthz`);
      if (r.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
