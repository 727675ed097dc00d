#!/usr/bin/env node
/* global require, process, __dirname, setTimeout, clearTimeout, URLSearchParams */
// A stand-in for the VS Code executable that @vscode/test-electron's runTests({ vscodeExecutablePath })
// spawns: it takes the same arguments, runs the extension's tests in a real VS Code (code-server
// 4.100.3, served on loopback and shown in Debian's headless chromium through playwright-core),
// forwards the extension host's console to stdout and exits with the test run's exit code.
// The README's Development section says how the suites use it. Installed by scripts/install-test-host.sh.
//
// Environment:
//   ALFRED_TEST_TIMEOUT_MS  whole-run limit (default 300000); past it, everything is killed, exit 1
//   ALFRED_SCREENSHOT_DIR   if set, a PNG of the workbench is saved there on the way out, and on
//                           each "@@screenshot NAME.png" line the extension host logs
//   ALFRED_TEST_VERBOSE=1   also print code-server's own output and the page's console
//   ALFRED_CODE_SERVER      code-server binary (default .vscode-test/code-server/node_modules/.bin/code-server)
//   ALFRED_CHROMIUM         browser binary (default /usr/bin/chromium)
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { format } = require('node:util');
const { freePort } = require('./free-port');

const REPO = path.resolve(__dirname, '..', '..');
const CODE_SERVER =
  process.env.ALFRED_CODE_SERVER || path.join(REPO, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
const CHROMIUM = process.env.ALFRED_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.ALFRED_TEST_TIMEOUT_MS) || 300_000;
const VERBOSE = process.env.ALFRED_TEST_VERBOSE === '1';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// Keeps the welcome page, trust prompts, telemetry, update checks and the offer to open the
// repository around the workspace out of the window (shared with scripts/demo.mjs).
const USER_SETTINGS = JSON.parse(fs.readFileSync(path.join(__dirname, 'user-settings.json'), 'utf8'));

// The workbench's own log comes down the same codeAutomationLog channel as the extension host's
// console, at the same levels. These lines, printed on every run, are not the tests' concern
// (the gallery look-up fails offline by design); ALFRED_TEST_VERBOSE=1 shows them.
const WORKBENCH_CHATTER = new RegExp(
  [
    '^Resolving connection token',
    '^Resolved connection token',
    '^Creating a socket \\(',
    '^Updating additional builtin extensions cache',
    '^\\[Service Worker\\]',
    '^ChatSessionStore:',
    'ENOTFOUND open-vsx\\.org',
  ].join('|'),
);

function log(message) {
  process.stderr.write(`[code-server-launcher] ${message}\n`);
}

/** The subset of VS Code's command line that test-electron passes; the rest is ignored. */
function parseArgs(argv) {
  const options = { extensionDevelopmentPaths: [], positional: [], disableExtensions: false };
  const valued = {
    '--extensionDevelopmentPath': (v) => options.extensionDevelopmentPaths.push(path.resolve(v)),
    '--extensionTestsPath': (v) => (options.extensionTestsPath = path.resolve(v)),
    '--user-data-dir': (v) => (options.userDataDir = path.resolve(v)),
    '--extensions-dir': (v) => (options.extensionsDir = path.resolve(v)),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (valued[name]) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new Error(`${name} needs a value`);
      valued[name](value);
    } else if (arg === '--disable-extensions') {
      options.disableExtensions = true;
    } else if (arg.startsWith('-')) {
      // --no-sandbox, --disable-gpu-sandbox, --disable-updates, --skip-welcome, --skip-release-notes,
      // --disable-workspace-trust: desktop switches that the code-server set-up below already covers.
      if (VERBOSE) log(`ignoring ${arg}`);
    } else {
      options.positional.push(path.resolve(arg));
    }
  }
  return options;
}

function healthy(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

/** Resolves once /healthz answers; rejects if code-server exits first. */
function waitForHealthz(port, child) {
  return new Promise((resolve, reject) => {
    let done = false;
    const onExit = (code, signal) => {
      done = true;
      reject(new Error(`code-server exited (${code ?? signal}) before it answered /healthz`));
    };
    child.once('exit', onExit);
    const probe = async () => {
      if (done) return;
      if (await healthy(port)) {
        done = true;
        child.off('exit', onExit);
        resolve();
      } else if (!done) {
        // A bounded poll of a local port (the whole run is under the hard timeout).
        setTimeout(probe, 100);
      }
    };
    void probe();
  });
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function writeUserSettings(userDataDir) {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  // Rewritten on every run so that a test that changed a global setting cannot leak into the next run.
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2) + '\n');
}

function loadPlaywright() {
  try {
    return require(require.resolve('playwright-core', { paths: [REPO] }));
  } catch (err) {
    throw new Error(`playwright-core is not installed in ${REPO} (npm ci): ${err.message}`, { cause: err });
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!options.extensionTestsPath) throw new Error('--extensionTestsPath=… is required');
  if (!fs.existsSync(CODE_SERVER)) {
    throw new Error(`no code-server at ${CODE_SERVER}: run scripts/install-test-host.sh first`);
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: run scripts/install-test-host.sh first`);
  const { chromium } = loadPlaywright();

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'alfred-code-server-'));
  const state = { tmp, child: undefined, context: undefined, page: undefined, finishing: undefined, serverOutput: '' };

  const finish = (code, reason) => {
    if (!state.finishing) state.finishing = cleanUpAndExit(state, code, reason);
    return state.finishing;
  };
  const hardTimer = setTimeout(() => void finish(1, `timed out after ${TIMEOUT_MS} ms`), TIMEOUT_MS);
  hardTimer.unref();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void finish(1, `got ${signal}`));
  // Last resort if this process dies without going through finish: take code-server's group down.
  process.on('exit', () => killGroup(state.child, 'SIGKILL'));

  try {
    const userDataDir = options.userDataDir || path.join(tmp, 'user-data');
    // --disable-extensions: an empty extensions folder leaves only the built-in and the developed ones.
    const extensionsDir = options.disableExtensions
      ? path.join(tmp, 'extensions')
      : options.extensionsDir || path.join(tmp, 'extensions');
    fs.mkdirSync(extensionsDir, { recursive: true });
    writeUserSettings(userDataDir);

    // A folder opens as the workspace; a file opens in an editor, in its folder.
    let folder;
    let file;
    const target = options.positional[0];
    if (target) {
      if (fs.existsSync(target) && fs.statSync(target).isFile()) {
        file = target;
        folder = path.dirname(target);
      } else {
        folder = target;
      }
    }

    const port = await freePort();
    const env = { ...process.env };
    // Inside a VS Code terminal, code-server would hand the folder to that window instead of serving.
    delete env.VSCODE_IPC_HOOK_CLI;
    delete env.ELECTRON_RUN_AS_NODE;
    const args = [
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--config', path.join(tmp, 'config.yaml'),
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      ...(folder ? [folder] : []),
    ];
    // Its own process group, so that the extension host, pty host and watchers die with it.
    const child = spawn(CODE_SERVER, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    state.child = child;
    // Its output is only shown when the run breaks down (or in verbose mode): keep the tail.
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        state.serverOutput = (state.serverOutput + chunk.toString()).slice(-16_000);
        if (VERBOSE) process.stderr.write(chunk);
      });
    }
    child.on('exit', (code, signal) => {
      state.childExited = true;
      if (!state.finishing) void finish(1, `code-server exited early (${code ?? signal})`);
    });

    await waitForHealthz(port, child);

    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ...options.extensionDevelopmentPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
      ['extensionTestsPath', remote(options.extensionTestsPath)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
      ...(file ? [['openFile', remote(file)]] : []),
    ];
    const query = new URLSearchParams();
    if (folder) query.set('folder', folder);
    query.set('payload', JSON.stringify(payload));
    const url = `http://127.0.0.1:${port}/?${query}`;

    // Playwright refuses --user-data-dir in launch(): a persistent context in a fresh folder instead.
    state.context = await chromium.launchPersistentContext(path.join(tmp, 'chromium'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
      // This process owns the signals: finish() closes the browser itself.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const page = state.context.pages()[0] || (await state.context.newPage());
    state.page = page;
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      // The extension host's console arrives as console arguments (mocha's are format strings).
      const text = format(...(Array.isArray(args) ? args : [args]));
      // "@@screenshot NAME": a test or the screenshot script asks for a picture of the workbench now;
      // NAME.done beside it says it is written.
      const shot = /^@@screenshot ([\w.-]+\.png)$/.exec(text);
      if (shot && process.env.ALFRED_SCREENSHOT_DIR) {
        const file = path.join(path.resolve(process.env.ALFRED_SCREENSHOT_DIR), shot[1]);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        void page
          .screenshot({ path: file })
          .then(() => fs.writeFileSync(file + '.done', ''))
          .catch((err) => log(`no screenshot ${shot[1]}: ${err.message}`));
        return;
      }
      if (!VERBOSE && WORKBENCH_CHATTER.test(text)) return;
      (type === 'error' || type === 'warn' ? process.stderr : process.stdout).write(text + '\n');
    });
    await page.exposeFunction('codeAutomationExit', (code) => void finish(typeof code === 'number' ? code : 1));
    page.on('pageerror', (err) => VERBOSE && log(`page error: ${err.message}`));
    if (VERBOSE) page.on('console', (msg) => log(`page console.${msg.type()}: ${msg.text()}`));
    page.on('crash', () => void finish(1, 'the workbench page crashed'));
    await page.goto(url);
  } catch (err) {
    await finish(1, err && err.message ? err.message : String(err));
  }
}

/** Signals code-server's whole process group (its leader may be gone while the extension host lives on). */
function killGroup(child, signal) {
  if (!child || !child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function cleanUpAndExit(state, code, reason) {
  if (reason) log(reason);
  if (state.page && process.env.ALFRED_SCREENSHOT_DIR) {
    try {
      const dir = path.resolve(process.env.ALFRED_SCREENSHOT_DIR);
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `workbench-${new Date().toISOString().replace(/[:.]/g, '-')}.png`);
      await withTimeout(state.page.screenshot({ path: file }), 10_000, 'the screenshot');
      log(`screenshot: ${file}`);
    } catch (err) {
      log(`no screenshot: ${err.message}`);
    }
  }
  if (state.context) {
    try {
      await withTimeout(state.context.close(), 10_000, 'closing chromium');
    } catch (err) {
      log(err.message);
    }
  }
  const child = state.child;
  if (child && !state.childExited) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    killGroup(child, 'SIGTERM');
    try {
      await withTimeout(exited, 5_000, 'stopping code-server');
    } catch {
      killGroup(child, 'SIGKILL');
    }
  }
  // The extension host can outlive the server process: sweep the whole group either way.
  killGroup(child, 'SIGKILL');
  // A breakdown (not a failing test) shows what code-server said last.
  if (reason && state.serverOutput && !VERBOSE) {
    log(`code-server's last output:\n${state.serverOutput.split('\n').slice(-40).join('\n')}`);
  }
  fs.rmSync(state.tmp, { recursive: true, force: true, maxRetries: 3 });
  process.exit(code);
}

main().catch((err) => {
  log(err && err.message ? err.message : String(err));
  process.exit(1);
});
