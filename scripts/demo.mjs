// The README's first command: build the .vsix, check the example payloads with the CLI, then open
// a real VS Code with the .vsix installed, showing a payload with problems and the job timeline
// of a log: the desktop `code` when there is one, otherwise code-server on 127.0.0.1 (installed
// by scripts/install-test-host.sh on first use). Works on a fresh clone after `npm ci` alone.
//
//   npm run demo                 serve until Ctrl+C
//   npm run demo -- --check      start code-server, open it in headless chromium, check that the
//                                window shows the payload's problems and the timeline, stop
//
// The window is opened by a small extension installed beside the .vsix in the demo's own profile
// (scripts/demo-opener): it runs the extension's own command once the window is up, as a user
// would. The demo's profile and workspace live in .vscode-test/demo; your own VS Code is left as
// it is.
/* global document -- used only in functions that playwright runs in the page */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../test/host/free-port.js';

const REPO = resolve(import.meta.dirname, '..');
const STATE = join(REPO, '.vscode-test', 'demo');
const VSIX = join(REPO, 'dist', 'alfred-events.vsix');
const OPENER = join(REPO, 'scripts', 'demo-opener');
const OPENER_VSIX = join(STATE, 'alfred-events-demo.vsix');
const VSCE = join(REPO, 'node_modules', '.bin', 'vsce');
const CHROMIUM = '/usr/bin/chromium';
const check = process.argv.includes('--check');

const say = (text) => console.log(text);
const fail = (what, output = '') => {
  console.error(`demo: ${what} failed${output.trim() ? `; its output:\n${output.trimEnd()}` : ''}`);
  process.exit(1);
};
/** Runs a tool whose output matters only when it fails: then that output is printed, whole. */
const quiet = (what, cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { cwd: REPO, encoding: 'utf8', ...opts });
  if (r.error) fail(what, r.error.message);
  if (r.status !== 0) fail(what, `${r.stdout ?? ''}${r.stderr ?? ''}`);
  return r.stdout;
};
/** Runs a tool whose output the user reads; returns its exit status. */
const shown = (cmd, args, opts = {}) => spawnSync(cmd, args, { cwd: REPO, stdio: 'inherit', ...opts }).status ?? 1;
const kb = (file) => `${Math.round(statSync(file).size / 1024)} KB`;

say('Building the extension and the CLI (esbuild, production)…');
quiet('the build', process.execPath, ['scripts/build.mjs', '--production']);
mkdirSync(STATE, { recursive: true });
say('Packaging the .vsix (vsce)…');
quiet('vsce package', VSCE, ['package', '--no-dependencies', '--out', VSIX]);
say(`  ${relative(REPO, VSIX)} (${kb(VSIX)}): install it with  code --install-extension ${relative(REPO, VSIX)}`);
quiet('vsce package (the demo opener)', VSCE, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', OPENER_VSIX], { cwd: OPENER });

say('\nThe CLI on the example payloads (all correct), then on the broken ones:');
if (shown(process.execPath, ['dist/cli.js', 'validate', 'test/fixtures/examples']) !== 0) fail('the CLI on the examples');
// The broken payloads must fail (status 1): that is what they are for.
if (shown(process.execPath, ['dist/cli.js', 'validate', 'test/fixtures/broken']) !== 1) fail('the CLI on the broken payloads (expected exit status 1)');

// The editor gets a copy of the fixtures, so that trying the quick fixes changes nothing in the repo.
const workspace = join(STATE, 'workspace');
rmSync(workspace, { recursive: true, force: true });
for (const sub of ['examples', 'broken', 'docs']) cpSync(join(REPO, 'test', 'fixtures', sub), join(workspace, sub), { recursive: true });
const userData = join(STATE, 'user-data');
const extensions = join(STATE, 'extensions');
const profile = ['--user-data-dir', userData, '--extensions-dir', extensions];
mkdirSync(join(userData, 'User'), { recursive: true });
// The same quiet window as the tests': no welcome page, trust prompt, telemetry or update check.
cpSync(join(REPO, 'test', 'host', 'user-settings.json'), join(userData, 'User', 'settings.json'));
rmSync(extensions, { recursive: true, force: true });
const NEXT = 'It shows broken/wrong-types.alfred.json with its problems, and the job timeline of examples/jobs.alfred.jsonl.';

if (!check && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0) {
  say('\nInstalling the .vsix into a VS Code profile of its own (.vscode-test/demo)…');
  for (const vsix of [VSIX, OPENER_VSIX]) quiet('installing into VS Code', 'code', [...profile, '--install-extension', vsix, '--force']);
  quiet('opening VS Code', 'code', [...profile, '--new-window', workspace]);
  say(`\nVS Code opened ${workspace}.\n${NEXT}`);
  process.exit(0);
}

// code-server: a VS Code in the browser (scripts/install-test-host.sh says when it installs it).
if (shown('bash', ['scripts/install-test-host.sh']) !== 0) fail('installing code-server (its message is above)');
const codeServer = join(REPO, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
const report = join(STATE, 'check.json');
rmSync(report, { force: true });
const env = { ...process.env, XDG_CONFIG_HOME: join(STATE, 'config'), ...(check ? { ALFRED_DEMO_REPORT: report } : {}) };
// Inside a VS Code terminal, code-server would hand the folder to that window instead of serving.
delete env.VSCODE_IPC_HOOK_CLI;
say('Installing the .vsix into code-server…');
for (const vsix of [VSIX, OPENER_VSIX]) quiet('installing the .vsix into code-server', codeServer, ['--install-extension', vsix, ...profile], { env });
const listed = quiet('listing code-server\'s extensions', codeServer, ['--list-extensions', ...profile], { env });
if (!listed.includes('alfred-events.alfred-events')) fail('finding the installed extension', listed);

const port = Number(process.env.PORT) || (await freePort());
say('Starting code-server…');
const serverLog = join(STATE, 'code-server.log');
const logStream = createWriteStream(serverLog);
// Its own process group, so that stopping it stops its extension host and watchers too.
const server = spawn(codeServer, [
  '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
  '--disable-workspace-trust', '--disable-getting-started-override', '--config', join(STATE, 'config.yaml'),
  ...profile, workspace,
], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
server.stdout.pipe(logStream);
server.stderr.pipe(logStream);
let serverExited = false;
server.on('exit', () => (serverExited = true));
const stop = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
// Ctrl+C, or the terminal going away: the server's group is detached, so it is stopped by hand.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stop();
    process.exit(0);
  });
}
const serverOutput = () => (existsSync(serverLog) ? readFileSync(serverLog, 'utf8').split('\n').slice(-40).join('\n') : '');

if (!(await healthy(port))) {
  stop();
  fail(serverExited ? 'code-server (it exited)' : 'starting code-server (no answer in 60 s)', serverOutput());
}
const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
const version = spawnSync(codeServer, ['--version'], { env, encoding: 'utf8' }).stdout.split('\n')[0];
say(`\nVS Code (code-server ${version}) with Alfred Events installed from the .vsix:`);
say(`  ${url}`);
say(NEXT);

if (check) {
  let problem;
  try {
    problem = await checkWindow(url);
  } catch (err) {
    problem = err instanceof Error ? err.message : String(err);
  }
  stop();
  if (problem) fail('the check of the window', `${problem}\ncode-server's last output:\n${serverOutput()}`);
  say('demo --check: the extension is installed from the .vsix, and the window shows the payload\'s problems and the timeline.');
  process.exit(0);
} else {
  say('Press Ctrl+C to stop.');
}

async function healthy(p) {
  // A bounded poll of a local port: 60 s, or until the server exits.
  for (let i = 0; i < 600 && !serverExited; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${p}/healthz`)).ok) return true;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  return false;
}

/**
 * Opens the workbench in headless chromium, as a user's browser would, waits for the opener's
 * report of what the window shows, then for the timeline page to show the log's jobs. Returns
 * what is wrong, or undefined. Leaves a screenshot in .vscode-test/demo/check.png.
 */
async function checkWindow(address) {
  if (!existsSync(CHROMIUM)) return `no browser at ${CHROMIUM} (scripts/install-test-host.sh installs Debian's chromium)`;
  say('Opening it in headless chromium to check what the window shows…');
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(address);
    // The opener writes its report once the payload's problems and the timeline's tab are there.
    for (let i = 0; i < 900 && !existsSync(report); i++) await sleep(100);
    if (!existsSync(report)) return 'the window did not report what it opened within 90 s';
    const facts = JSON.parse(readFileSync(report, 'utf8'));
    if (facts.error) return `the opener failed: ${facts.error}`;
    say(`  ${facts.payload}: ${facts.problems.length} problems (${facts.problems.join(', ')})`);
    if (!facts.problems.length) return `${facts.payload} shows no problem`;
    if (!facts.timelines.length) return 'no timeline tab is open';
    // The page itself (a webview: a frame of the workbench) names the log's jobs once it is drawn.
    const jobs = new Set(readFileSync(join(workspace, facts.log), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l).event?.job_id).filter(Boolean));
    let shown = [];
    for (let i = 0; i < 300 && shown.length === 0; i++) {
      for (const frame of page.frames()) {
        const text = await frame.evaluate(() => (document.body?.dataset.state ? document.body.innerText : '')).catch(() => '');
        shown = [...jobs].filter((id) => text.includes(id));
        if (shown.length) break;
      }
      if (!shown.length) await sleep(100);
    }
    await page.screenshot({ path: join(STATE, 'check.png') }).catch(() => undefined);
    say(`  ${facts.timelines[0]}: ${shown.length} of the log's ${jobs.size} jobs named on the page (screenshot: ${relative(REPO, join(STATE, 'check.png'))})`);
    if (!shown.length) return `the timeline page names none of the log's jobs (${[...jobs].join(', ')})`;
    return undefined;
  } finally {
    await browser.close();
  }
}
