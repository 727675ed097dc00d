/**
 * Opens the timeline page in Debian's headless chromium the way VS Code would show it: the HTML
 * from timelineHtml (strict CSP, nonce, state in data-state), the built script and stylesheet, a
 * theme's --vscode-* variables, and a stand-in for acquireVsCodeApi that records what the page
 * posts and keeps its setState across reloads (as VS Code does).
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TimelineData } from '../../src/core/jobs/timeline-data';
import type { HostMessage, WebviewMessage, WebviewState } from '../../src/shared/preview-protocol';
import { timelineHtml } from '../../src/webview/html';
import { THEMES, type Theme } from './themes';

const ROOT = resolve(__dirname, '../..');
export const SHOTS = '/tmp/webview-shots';

export async function launch(): Promise<Browser> {
  const executablePath = process.env['ALFRED_CHROMIUM'] ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`${executablePath} is missing: apt-get install -y chromium`);
  if (!existsSync(join(ROOT, 'dist/webview.js'))) throw new Error('dist/webview.js is missing: run node scripts/build.mjs first');
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--font-render-hinting=none'],
  });
}

export interface Opened {
  page: Page;
  dir: string;
  /** Messages the page posted, oldest first. */
  messages(): Promise<WebviewMessage[]>;
  /** What the page last gave setState. */
  saved(): Promise<WebviewState | undefined>;
  send(message: HostMessage): Promise<void>;
  dialogs: string[];
  /** Console errors and securitypolicyviolation events about the CSP. */
  cspViolations(): Promise<string[]>;
  pageErrors: string[];
  /** What the page wrote to the console as warnings, oldest first. */
  warnings: string[];
  /** Resolves once the page has written `count` warnings in all. */
  warned(count: number): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  theme?: Theme;
  state?: WebviewState & { data?: TimelineData };
  /** What getState returns at load (VS Code's saved state). */
  saved?: WebviewState;
  width?: number;
  height?: number;
  /** The display language's bundle and tag, as the extension writes them into the page. */
  messages?: Record<string, string>;
  lang?: string;
}

export async function open(browser: Browser, opts: OpenOptions = {}): Promise<Opened> {
  const theme = opts.theme ?? 'dark';
  const dir = mkdtempSync(join(tmpdir(), 'alfred-webview-'));
  copyFileSync(join(ROOT, 'dist/webview.js'), join(dir, 'webview.js'));
  copyFileSync(join(ROOT, 'media/timeline.css'), join(dir, 'timeline.css'));
  writeFileSync(join(dir, 'theme.css'), THEMES[theme].css);
  const url = (f: string): string => pathToFileURL(join(dir, f)).href;
  const nonce = randomBytes(16).toString('base64');
  const html = timelineHtml({ cspSource: 'file:', nonce, scriptUri: url('webview.js'), styleUri: url('timeline.css'), state: opts.state ?? {}, ...(opts.messages ? { messages: opts.messages } : {}), ...(opts.lang ? { lang: opts.lang } : {}) })
    // What VS Code adds around the page: the theme's variables and the body's theme class.
    .replace('<link rel="stylesheet"', `<link rel="stylesheet" href="${url('theme.css')}">\n<link rel="stylesheet"`)
    .replace('<body ', `<body class="${THEMES[theme].bodyClass}" `);
  writeFileSync(join(dir, 'index.html'), html);

  const context = await browser.newContext({ viewport: { width: opts.width ?? 1100, height: opts.height ?? 720 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const consoleCsp: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const warnings: string[] = [];
  const waiting: { count: number; done: () => void }[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) consoleCsp.push(m.text());
    else if (m.type() === 'warning') {
      warnings.push(m.text());
      for (const w of waiting.filter((x) => x.count <= warnings.length)) w.done();
    }
  });
  // A string, not a function: tsx compiles test code with esbuild's keepNames, whose __name()
  // calls would not exist in the page. The shim also covers functions given to page.evaluate.
  await page.addInitScript(`
    window.__name = (f) => f;
    (() => {
      const key = 'vscode-webview-state';
      const saved = ${JSON.stringify(JSON.stringify(opts.saved ?? null))};
      if (saved !== 'null' && sessionStorage.getItem(key) === null) sessionStorage.setItem(key, saved);
      const messages = [];
      const csp = [];
      window.__messages = messages;
      window.__csp = csp;
      document.addEventListener('securitypolicyviolation', (e) => csp.push(e.violatedDirective + ' ' + e.blockedURI));
      window.acquireVsCodeApi = () => ({
        postMessage: (m) => messages.push(JSON.parse(JSON.stringify(m))),
        getState: () => {
          const s = sessionStorage.getItem(key);
          return s === null ? undefined : JSON.parse(s);
        },
        setState: (s) => sessionStorage.setItem(key, JSON.stringify(s)),
      });
    })();
  `);
  await page.goto(url('index.html'));
  await page.waitForFunction(() => (window as unknown as { __messages: { type: string }[] }).__messages.some((m) => m.type === 'ready'));
  return {
    page,
    dir,
    dialogs,
    pageErrors,
    warnings,
    warned: (count) => new Promise<void>((done) => (warnings.length >= count ? done() : void waiting.push({ count, done }))),
    messages: () => page.evaluate(() => (window as unknown as { __messages: WebviewMessage[] }).__messages),
    saved: () => page.evaluate(() => JSON.parse(sessionStorage.getItem('vscode-webview-state') ?? 'null') as WebviewState | undefined),
    send: async (message) => {
      await page.evaluate((m) => window.postMessage(m, '*'), message);
    },
    cspViolations: async () => [...consoleCsp, ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp))],
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot under /tmp/webview-shots and returns its path. */
export async function shot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/** Resolves once the page's requestAnimationFrame-scheduled drawing has run. */
export async function frames(page: Page, n = 2): Promise<void> {
  await page.evaluate(
    (count) =>
      new Promise<void>((done) => {
        let left = count;
        const tick = (): void => {
          if (--left <= 0) done();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    n,
  );
}
