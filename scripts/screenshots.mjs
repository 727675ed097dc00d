// Regenerates the README's pictures (media/screenshots) as a user would see them: the .vsix is
// packaged and installed into code-server (the real VS Code, installed by
// scripts/install-test-host.sh), which is opened in headless chromium and driven with the
// keyboard, as a person would, through the command palette, Quick Open and Go to Line. No
// extension development host, no test harness: the window is a user's window.
//
//   npm run screenshots                 every picture
//   npm run screenshots -- timeline     only the pictures whose name contains "timeline"
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { freePort } from '../test/host/free-port.js';

const REPO = resolve(import.meta.dirname, '..');
const STATE = join(REPO, '.vscode-test', 'screenshots');
const OUT = join(REPO, 'media', 'screenshots');
const VSIX = join(STATE, 'alfred-events.vsix');
const CODE_SERVER = join(REPO, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
const CHROMIUM = process.env.ALFRED_CHROMIUM || '/usr/bin/chromium';
const VIEWPORT = { width: 1440, height: 900 };
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));

function fail(what, detail = '') {
  console.error(`screenshots: ${what}${detail ? `\n${detail}` : ''}`);
  process.exit(1);
}

/** Runs a command quietly; on failure prints its own output. */
function run(what, cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: REPO, encoding: 'utf8', ...opts });
  if (r.status !== 0) fail(`${what} failed`, `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() || String(r.error ?? ''));
  return r.stdout;
}

console.log('Building the extension and packaging the .vsix…');
rmSync(STATE, { recursive: true, force: true });
mkdirSync(STATE, { recursive: true });
run('the build', process.execPath, ['scripts/build.mjs', '--production']);
run('vsce package', join(REPO, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', VSIX]);
console.log('Checking the code-server install (the first run downloads it: about a minute)…');
run('installing code-server', 'bash', ['scripts/install-test-host.sh']);

// The editor gets a copy of the fixtures. The completion picture starts from an event name being
// typed, as it would be on screen.
const workspace = join(STATE, 'workspace');
for (const sub of ['examples', 'broken']) cpSync(join(REPO, 'test', 'fixtures', sub), join(workspace, sub), { recursive: true });
const typing = join(workspace, 'examples', 'job_start_event.alfred.json');
writeFileSync(typing, readFileSync(typing, 'utf8').replace('"event_name": "job_start_event"', '"event_name": "job_"'));

// A team configuration with a misspelt rule code, over a payload of its own (in a folder of its
// own, so that the other pictures keep the defaults).
mkdirSync(join(workspace, 'team'), { recursive: true });
cpSync(join(REPO, 'test', 'fixtures', 'broken', 'unknown-and-missing-fields.alfred.json'), join(workspace, 'team', 'order.alfred.json'));
writeFileSync(join(workspace, 'team', '.alfred-events.json'), '{\n  "rules": {\n    "unknown-field": "error",\n    "invalid-uuuid": "off"\n  }\n}\n');

// The pictures' receiver, on this machine (an ephemeral port on 127.0.0.1), named in the user
// settings: it answers as a small webhook receiver would (the response view's picture), except
// HTTP 500 to the first delivery of the replay log's fourth event (a receiver that is fixed, or
// recovers, by the next scenario: the replay picture).
mkdirSync(join(workspace, 'replay'), { recursive: true });
// The example log's first six events, every id (event, job, file, company) made its own: the
// same ids in two files of the workspace would tie them into one story (a repeated event_id,
// one job told twice) and change the other pictures.
const replayLines = readFileSync(join(REPO, 'test', 'fixtures', 'examples', 'jobs.alfred.jsonl'), 'utf8').split('\n').slice(0, 6)
  .map((line) => line.replace(/"([0-9a-f]{8})(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"/g, (_, head, tail) => `"${[...head].reverse().join('')}${tail}"`));
writeFileSync(join(workspace, 'replay', 'orders.alfred.jsonl'), replayLines.join('\n') + '\n');
const flaky = JSON.parse(replayLines[3]).event_id;
let flakyFailed = false;
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    if (!flakyFailed && body.includes(flaky)) {
      flakyFailed = true;
      res.writeHead(500, { 'content-type': 'text/plain' }).end('database is locked');
      return;
    }
    let eventId = null;
    try {
      eventId = JSON.parse(body).event_id ?? null;
    } catch {
      // not JSON: answered all the same
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'req_7f3a9c' });
    res.end(JSON.stringify({ received: true, event_id: eventId, duplicate: false, queued: ['index-job', 'notify-team'] }));
  });
});
await new Promise((ok) => receiver.listen(0, '127.0.0.1', ok));
const receiverUrl = `http://127.0.0.1:${receiver.address().port}/webhooks/alfred`;

const userData = join(STATE, 'user-data');
const extensions = join(STATE, 'extensions');
const env = { ...process.env, XDG_CONFIG_HOME: join(STATE, 'config') };
delete env.VSCODE_IPC_HOOK_CLI;
delete env.ELECTRON_RUN_AS_NODE;
console.log('Installing the .vsix into code-server…');
run('installing the .vsix', CODE_SERVER, ['--install-extension', VSIX, '--user-data-dir', userData, '--extensions-dir', extensions], { env });

/** Opens code-server in chromium with `theme`, runs `drive(page)`, and closes both. */
async function session(theme, drive) {
  mkdirSync(join(userData, 'User'), { recursive: true });
  const settings = JSON.parse(readFileSync(join(REPO, 'test', 'host', 'user-settings.json'), 'utf8'));
  // Sticky scroll would pin a record of the log over the others: the picture reads better without.
  const pictures = { 'workbench.colorTheme': theme, 'editor.stickyScroll.enabled': false, 'alfredEvents.receiver.url': receiverUrl };
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...settings, ...pictures }, null, 2));
  const port = await freePort();
  const server = spawn(
    CODE_SERVER,
    ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
      '--disable-getting-started-override', '--config', join(STATE, 'config.yaml'), '--user-data-dir', userData, '--extensions-dir', extensions, workspace],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  for (const s of [server.stdout, server.stderr]) s.on('data', (c) => (output = (output + c).slice(-8000)));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    if (!(await healthy(port))) fail('code-server did not start', output);
    const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 60_000 });
    await page.locator('.statusbar').waitFor();
    await drive(page);
  } finally {
    await browser.close();
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

// ---- driving the workbench with the keyboard ------------------------------------------------

const quickInput = (page) => page.locator('.quick-input-widget');

/**
 * Types into the open quick input and picks the row whose label contains `pick` (with a click:
 * while results still come in, the highlighted row may be another one).
 */
async function accept(page, text, pick = text, another = false) {
  await quickInput(page).waitFor({ state: 'visible' });
  await page.keyboard.type(text, { delay: 5 });
  const row = quickInput(page).locator('.monaco-list-row', { hasText: pick }).first();
  try {
    await row.waitFor({ timeout: 15_000 });
  } catch (error) {
    await page.keyboard.press('Escape');
    throw new Error(`nothing called "${pick}" to pick`, { cause: error });
  }
  await page.waitForTimeout(300);
  await row.click();
  // A command that asks a question of its own opens another quick input at once.
  if (another) await quickInput(page).locator('.monaco-list-row', { hasText: pick }).waitFor({ state: 'detached' });
  else await quickInput(page).waitFor({ state: 'hidden' });
}

async function command(page, title, another = false) {
  await page.keyboard.press('F1');
  await accept(page, title, title, another);
}

/** Gives the timeline beside the editor more of the window: the editor group narrows. */
async function narrowEditor(page, steps) {
  await page.keyboard.press('Control+1');
  for (let i = 0; i < steps; i++) await command(page, 'Decrease Current View Size');
}

async function openFile(page, rel) {
  await page.keyboard.press('Control+P');
  await accept(page, rel, basename(rel));
  await page.locator('.tabs-container .tab.active', { hasText: basename(rel) }).waitFor();
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor();
}

async function goTo(page, line, column) {
  await page.keyboard.press('Control+G');
  await quickInput(page).waitFor({ state: 'visible' });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
}

/** Waits until the active editor shows a squiggle: the extension has checked it. */
async function checked(page) {
  await page.locator('.editor-group-container.active .monaco-editor').locator('.squiggly-error, .squiggly-warning, .squiggly-info').first().waitFor({ timeout: 30_000 });
}

/** Waits for a webview (the timeline, a walkthrough's page) to draw `selector` in its frames. */
async function webviewShows(page, selector) {
  for (let i = 0; i < 300; i++) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      if (await frame.locator(selector).count().catch(() => 0)) return frame;
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`no webview showed ${selector}`);
}

/** The workbench's animations (hover fade-in, widget slide) have no event to wait on. */
const settle = (page) => page.waitForTimeout(700);

async function shot(page, name) {
  // The pointer rests where it raises no hover (it clicked the last quick pick row).
  await page.mouse.move(400, VIEWPORT.height - 40);
  await settle(page);
  await page.screenshot({ path: join(OUT, name) });
  console.log(`  media/screenshots/${name}`);
}

const wanted = (name) => only.length === 0 || only.some((o) => name.includes(o));

// ---- the pictures ---------------------------------------------------------------------------

const light = [
  ['problems.png', async (page) => {
    await openFile(page, 'broken/wrong-types.alfred.json');
    await checked(page);
    await command(page, 'View: Focus Problems');
    await page.locator('.markers-panel .monaco-list-row').first().waitFor();
    await page.keyboard.press('Control+1');
    await goTo(page, 13, 16);
  }, (page) => command(page, 'View: Hide Panel')],
  ['completion.png', async (page) => {
    await openFile(page, 'examples/job_start_event.alfred.json');
    await goTo(page, 6, 23);
    await page.keyboard.press('Control+Space');
    await page.locator('.suggest-widget.visible .monaco-list-row').first().waitFor();
  }],
  ['hover.png', async (page) => {
    await openFile(page, 'examples/job_retry_event.alfred.json');
    await goTo(page, 4, 19);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await page.locator('.monaco-hover:not(.hidden) .hover-contents').first().waitFor();
  }],
  ['quick-fix.png', async (page) => {
    await openFile(page, 'broken/unknown-and-missing-fields.alfred.json');
    await checked(page);
    const line = readFileSync(join(workspace, 'broken', 'unknown-and-missing-fields.alfred.json'), 'utf8').split('\n').findIndex((l) => l.includes('"compnay_name"'));
    await goTo(page, line + 1, 8);
    await page.keyboard.press('Control+.');
    await page.locator('.action-widget .monaco-list-row').first().waitFor();
  }],
  ['timeline.png', async (page) => {
    await openFile(page, 'examples/jobs.alfred.jsonl');
    // A retry of the second job: its mark lights up in the timeline. Column 1, so the editor
    // shows the records from their start.
    await goTo(page, 28, 1);
    await command(page, 'Alfred: Preview Job Timeline to the Side');
    await command(page, 'View: Close Primary Side Bar');
    await narrowEditor(page, 3);
    const frame = await webviewShows(page, '.lane .mark.current');
    await frame.locator('.axis-break').first().waitFor();
  }],
  ['team-config.png', async (page) => {
    await openFile(page, 'team/.alfred-events.json');
    await command(page, 'View: Focus Problems');
    await page.locator('.markers-panel .monaco-list-row').first().waitFor();
    await page.keyboard.press('Control+1');
    await goTo(page, 4, 8);
  }, (page) => command(page, 'View: Hide Panel')],
  ['response-view.png', async (page) => {
    await openFile(page, 'examples/job_finished_event.alfred.json');
    // The pictures before may have closed it already; the command is offered only while it is open.
    if (await page.locator('.part.sidebar').isVisible()) await command(page, 'View: Close Primary Side Bar');
    // The lens, clicked as a user would.
    await page.locator('.editor-group-container.active .codelens-decoration a', { hasText: 'Send to receiver' }).first().click();
    await webviewShows(page, '.status .code');
  }],
  ['replay-testing.png', async (page) => {
    // Not beside the response view of the picture before.
    await command(page, 'View: Close All Editors');
    await openFile(page, 'replay/orders.alfred.jsonl');
    await command(page, 'Alfred: Replay Log Against Receiver', true);
    // The scenarios: all four ticked the first time.
    await quickInput(page).locator('.monaco-list-row', { hasText: 'duplicates' }).waitFor();
    await page.keyboard.press('Enter');
    const done = page.locator('.notifications-toasts .notification-toast', { hasText: 'scenarios failed' });
    await done.waitFor({ timeout: 60_000 });
    await done.getByRole('button', { name: 'Show Testing View' }).click();
    // The failed scenario opened, its failed delivery picked: the failure at its line.
    await page.locator('.test-explorer .monaco-list-row', { hasText: 'in-order' }).first().click();
    await page.keyboard.press('ArrowRight');
    const failed = page.locator('.test-explorer .monaco-list-row', { hasText: 'line 4' }).first();
    await failed.waitFor();
    await failed.dblclick();
  }, async (page) => {
    // The pictures after it show the Explorer as it was, and no test results.
    await command(page, 'Test: Clear All Results');
    await command(page, 'View: Show Explorer');
    await command(page, 'Collapse Folders in Explorer');
  }],
  ['recording.png', async (page) => {
    // A payload open first: the extension is up, its commands in the palette.
    await openFile(page, 'examples/jobs.alfred.jsonl');
    await command(page, 'Alfred: Start Recording Deliveries', true);
    // The three questions, each answered with what it offers: any free port, the log in the
    // workspace, the configured receiver to forward to.
    for (const step of ['1/3', '2/3', '3/3']) {
      await quickInput(page).locator('.quick-input-title', { hasText: step }).waitFor();
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter');
    }
    const started = page.locator('.notifications-toasts .notification-toast', { hasText: 'Recording deliveries sent to' });
    await started.waitFor();
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(await started.innerText())[0];
    // Five deliveries as a sender makes them: a job's first events, the third with a misspelt
    // event name, the second delivered twice.
    const lines = replayLines.map((line) => line.replace(/"([0-9a-f]{4})([0-9a-f]{4})(-[0-9a-f]{4})/g, (_, a, b, c) => `"${b}${a}${c}`));
    const deliveries = [lines[0], lines[1], lines[2].replace(/"event_name":"([a-z_]+)_event"/, '"event_name":"$1_evnt"'), lines[1], lines[3]];
    for (const body of deliveries) await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await page.locator('.statusbar-item', { hasText: 'Recording: 5 events' }).waitFor();
    await page.keyboard.press('Escape');
    await checked(page);
    await command(page, 'Alfred: Preview Job Timeline to the Side');
    if (await page.locator('.part.sidebar').isVisible()) await command(page, 'View: Close Primary Side Bar');
    await webviewShows(page, '.lane .mark');
  }, (page) => command(page, 'Alfred: Stop Recording Deliveries')],
  ['walkthrough.png', async (page) => {
    await command(page, 'View: Close All Editors');
    await command(page, 'Welcome: Open Walkthrough', true);
    await accept(page, 'Get started with Alfred');
    await page.locator('.gettingStartedContainer').first().waitFor();
    // The step's page (media/walkthrough/open.md) is a webview of its own.
    await webviewShows(page, 'h1, h2');
  }],
];

const dark = [
  ['timeline-dark.png', async (page) => {
    await openFile(page, 'examples/job_retry_event.alfred.json');
    await checked(page).catch(() => undefined);
    await command(page, 'Alfred: Preview Job Timeline to the Side');
    await command(page, 'View: Close Primary Side Bar');
    const frame = await webviewShows(page, '.detail .steps');
    // The picture is captioned "dark theme": make sure it is one.
    if (!(await frame.locator('body.vscode-dark').count())) fail('timeline-dark.png: the webview is not in the dark theme');
    await narrowEditor(page, 1);
  }],
];

mkdirSync(OUT, { recursive: true });
for (const [theme, list] of [['Default Light Modern', light], ['Default Dark Modern', dark]]) {
  const todo = list.filter(([name]) => wanted(name));
  if (!todo.length) continue;
  console.log(`Opening VS Code (code-server) with the ${theme} theme…`);
  await session(theme, async (page) => {
    for (const [name, drive, after] of todo) {
      try {
        await drive(page);
        await shot(page, name);
        await page.keyboard.press('Escape');
        await after?.(page);
        await command(page, 'View: Close All Editors');
      } catch (error) {
        const debug = join(STATE, `failed-${name}`);
        await page.screenshot({ path: debug }).catch(() => undefined);
        fail(`${name}: ${error instanceof Error ? error.message : error}`, `the window at that moment: ${debug}`);
      }
    }
  });
}
receiver.close();
console.log('Done. Look at each picture before committing it.');

async function healthy(port) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
