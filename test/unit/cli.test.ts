// End-to-end tests of the bundled `alfred-events` binary: each test writes payloads into a fresh
// temporary folder and runs dist/cli.js in a child process, as a user or CI job would.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pkg from '../../package.json';
import { RULES } from '../../src/core/index';
import type { JsonReport } from '../../src/cli/report-json';
import type { SarifLog } from '../../src/cli/report-sarif';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

/** A job_retry_event that satisfies every single-payload rule: real UUIDs, bare numbers and booleans. */
const RETRY = {
  event_id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  event_type: 'job_event_type',
  event_time: 1684958400,
  event: {
    event_name: 'job_retry_event',
    event_type: 'job_event_type',
    job_id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    user_name: 'jane.doe',
    merge: false,
    metadata: 'Reprocessing after system update',
    file_count: 2,
    retries: 1,
    exceeded_retries: false,
    error_messages: ['Temporary network issue during upload'],
    company_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
    company_name: 'Acme Corp',
    file_urls: ['https://files.example.com/a.pdf', 'https://files.example.com/b.pdf'],
    creation_date: '2023-05-24T20:00:00Z',
    update_date: '2023-05-24T20:05:00Z',
  },
};

let ids = 0;

/** RETRY with changes, and an event_id of its own: files of one run must not repeat an id (duplicate-event-id). */
function retry(envelope: Record<string, unknown> = {}, event: Record<string, unknown> = {}): Record<string, unknown> {
  const event_id = `0f8fad5b-d9cb-469f-a165-${String(++ids).padStart(12, '0')}`;
  return { ...RETRY, event_id, ...envelope, event: { ...RETRY.event, ...event } };
}

const pretty = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';

/** 0-based line and character of the first occurrence of `needle` (plus `skip` characters). */
function positionOf(text: string, needle: string, skip = 0): { line: number; character: number } {
  const index = text.indexOf(needle);
  assert.ok(index >= 0, `${needle} not in text`);
  const at = index + skip;
  const before = text.slice(0, at);
  return { line: before.split('\n').length - 1, character: at - (before.lastIndexOf('\n') + 1) };
}

// `"retries": -1` in the retry event: the out-of-range error covers the `-1`.
const NEGATIVE_RETRIES = pretty(retry({}, { retries: -1 }));
const NEGATIVE_AT = positionOf(NEGATIVE_RETRIES, '"retries": -1', '"retries": '.length);

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: readonly string[], cwd: string): Run {
  // English whatever the machine's locale: the assertions below are on the English messages.
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const temps: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alfred-cli-'));
  temps.push(dir);
  return dir;
}

function write(dir: string, rel: string, content: string | Uint8Array): string {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

function json(run: Run): JsonReport {
  return JSON.parse(run.stdout) as JsonReport;
}

const allDiagnostics = (report: JsonReport) => report.files.flatMap((f) => f.diagnostics);

function assertNoStack(stderr: string): void {
  assert.doesNotMatch(stderr, /^\s+at /m, 'stderr holds a stack trace');
}

/** One `alfred-events: …` line naming the problem and pointing to --help. */
function assertUsageError(run: Run): void {
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /^alfred-events: [^\n]+\n$/);
  assert.match(run.stderr, /--help/);
  assertNoStack(run.stderr);
}

// npm test builds first; running this file alone must not test a stale or missing bundle.
function bundleIsStale(): boolean {
  if (!fs.existsSync(CLI)) return true;
  const built = fs.statSync(CLI).mtimeMs;
  const sources = fs
    .readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .map((rel) => path.join(ROOT, 'src', rel))
    .concat(path.join(ROOT, 'package.json'));
  return sources.some((file) => fs.statSync(file).mtimeMs > built);
}

before(() => {
  if (!bundleIsStale()) return;
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(build.status, 0, `build failed: ${build.stderr}`);
});

after(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

describe('help and version', () => {
  it('--help prints usage to stdout and exits 0', () => {
    for (const args of [['--help'], ['-h'], ['validate', '--help'], ['help']]) {
      const r = cli(args, tempDir());
      assert.equal(r.status, 0, args.join(' '));
      assert.match(r.stdout, /^Usage: alfred-events validate/);
      assert.match(r.stdout, /--format text\|json\|sarif/);
      assert.equal(r.stderr, '');
    }
  });

  it('--version prints the package version and exits 0', () => {
    const r = cli(['--version'], tempDir());
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `${pkg.version}\n`);
    assert.equal(r.stderr, '');
  });
});

describe('usage errors exit 2', () => {
  const cases: [string, string[]][] = [
    ['no arguments', []],
    ['validate without a path', ['validate']],
    ['an unknown command', ['frobnicate', 'x.json']],
    ['an unknown format', ['validate', '--format', 'xml', 'x.json']],
    ['--format without a value', ['validate', 'x.json', '--format']],
    ['--rule with an unknown code', ['validate', '--rule', 'no-such-rule=error', 'x.json']],
    ['--rule with an unknown severity', ['validate', '--rule', 'invalid-uuid=fatal', 'x.json']],
    ['--rule without a severity', ['validate', '--rule', 'invalid-uuid', 'x.json']],
    ['schema with an argument', ['schema', 'extra']],
  ];
  for (const [name, args] of cases) {
    it(name, () => assertUsageError(cli(args, tempDir())));
  }

  it('an unknown option names it and hints at --help', () => {
    const r = cli(['validate', '--bogus', 'x.json'], tempDir());
    assertUsageError(r);
    assert.match(r.stderr, /unknown option '--bogus'/);
  });

  it('a usage error is reported before any file is read', () => {
    const dir = tempDir();
    write(dir, 'bad.alfred.json', '{');
    assertUsageError(cli(['validate', '--rule', 'nope=off', 'bad.alfred.json'], dir));
  });
});

describe('I/O problems exit 2 with one line', () => {
  it('names a missing file, without a stack trace or partial report', () => {
    const dir = tempDir();
    write(dir, 'good.alfred.json', pretty(RETRY));
    for (const format of ['text', 'json', 'sarif']) {
      const r = cli(['validate', '--format', format, 'good.alfred.json', 'missing.json'], dir);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, 'alfred-events: cannot read missing.json: no such file or directory\n');
      assertNoStack(r.stderr);
    }
  });

  it('names a missing directory', () => {
    const r = cli(['validate', 'no/such/dir'], tempDir());
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'alfred-events: cannot read no/such/dir: no such file or directory\n');
  });
});

describe('reading files', () => {
  it('a clean payload gives no problems and exit 0', () => {
    const dir = tempDir();
    write(dir, 'retry.alfred.json', pretty(RETRY));
    const r = cli(['validate', 'retry.alfred.json'], dir);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, 'No problems in 1 file\n');
    assert.equal(r.status, 0);
  });

  it('invalid UTF-8: read as U+FFFD, and reported where it is', () => {
    const dir = tempDir();
    const text = pretty(retry({}, { metadata: 'caf\u00e9' }));
    const bytes = Buffer.from(text, 'utf8');
    // Turn the two-byte é into a lone 0xFF, which is never valid UTF-8.
    const at = bytes.indexOf(Buffer.from('\u00e9', 'utf8'));
    const broken = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at + 2)]);
    write(dir, 'broken.alfred.json', broken);
    const r = cli(['validate', '--format', 'json', 'broken.alfred.json'], dir);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 1);
    const [d, ...rest] = json(r).files[0]!.diagnostics;
    assert.deepEqual(rest, []);
    assert.equal(d!.code, 'json-syntax');
    assert.match(d!.message, /Invalid UTF-8 \(0xFF\)/);
    assert.deepEqual(d!.range.start, positionOf(text, 'caf\u00e9', 3));
  });

  it('checks a file named explicitly whatever its name', () => {
    const dir = tempDir();
    write(dir, 'payload.txt', pretty(RETRY));
    const report = json(cli(['validate', '--format', 'json', 'payload.txt'], dir));
    assert.deepEqual(report.files, [{ file: 'payload.txt', diagnostics: [] }]);
  });

  it('reports a file named twice once', () => {
    const dir = tempDir();
    write(dir, 'a.alfred.json', pretty(RETRY));
    const report = json(cli(['validate', '--format', 'json', 'a.alfred.json', '.', './a.alfred.json'], dir));
    assert.deepEqual(report.files.map((f) => f.file), ['a.alfred.json']);
  });
});

describe('hostile files: a diagnostic, exit 1, never a stack trace', () => {
  const cases: [string, string | Uint8Array, RegExp][] = [
    ['100,000 levels of [', '['.repeat(100_000), /Nesting deeper than 512 levels/],
    ['100,000 levels of {"a":', '{"a":'.repeat(100_000), /Nesting deeper than 512 levels/],
    ['NUL bytes', '\u0000\u0000{}', /Unexpected character/],
    ['binary junk', Uint8Array.from({ length: 65_536 }, (_, i) => (i * 7919 + 13) % 256), /./],
    ['an empty file', '', /The document is empty/],
    ['whitespace only', ' \n\t\r\n ', /The document is empty/],
    ['a lone surrogate escape and 1e400', JSON.stringify(retry({ event_time: 1 }, { metadata: '\ud800' })).replace('"event_time":1', '"event_time":1e400'), /event_time must be a Unix time/],
  ];
  for (const [name, content, message] of cases) {
    it(name, () => {
      const dir = tempDir();
      write(dir, 'x.alfred.json', content);
      const r = cli(['validate', '--format', 'json', 'x.alfred.json'], dir);
      assertNoStack(r.stderr);
      assert.equal(r.status, 1, r.stderr);
      const ds = json(r).files[0]!.diagnostics;
      assert.ok(ds.length > 0 && ds.some((d) => message.test(d.message)), ds.map((d) => d.message).join('\n'));
    });
  }

  it('a 200 MB log: checked to the end, its one broken record found', () => {
    const dir = tempDir();
    const line = JSON.stringify(RETRY);
    const count = Math.ceil((200 * 1024 * 1024) / (line.length + 1));
    const fd = fs.openSync(path.join(dir, 'big.alfred.jsonl'), 'w');
    // Written in blocks with fresh event ids, so that only the one broken line is reported.
    const block: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
      block.push(i === count - 2 ? '{"event_id": "' : line.replace(RETRY.event_id, id));
      if (block.length === 10_000 || i === count - 1) fs.writeSync(fd, block.splice(0).join('\n') + '\n');
    }
    fs.closeSync(fd);
    const r = cli(['validate', '--format', 'json', 'big.alfred.jsonl'], dir);
    assertNoStack(r.stderr);
    assert.equal(r.status, 1);
    const ds = json(r).files[0]!.diagnostics;
    assert.deepEqual(ds.map((d) => [d.code, d.range.start.line]), [['json-syntax', count - 2]]);
  });
});

describe('directory search', () => {
  it('finds the four payload extensions, sorted, skipping node_modules and dot-directories', () => {
    const dir = tempDir();
    for (const rel of [
      'z.alfred.json',
      'b.alfred-event.json',
      'c.alfred.jsonl',
      'd.alfred.ndjson',
      'sub/deeper/f.alfred.json',
      'node_modules/pkg/x.alfred.json',
      '.hidden/y.alfred.json',
      'sub/.git/w.alfred.json',
    ]) {
      write(dir, rel, pretty(RETRY));
    }
    for (const rel of ['plain.json', 'log.jsonl', 'notes.alfred.txt', 'alfred.json']) write(dir, rel, '{');
    const r = cli(['validate', '--format', 'json', '.'], dir);
    assert.equal(r.stderr, '');
    assert.deepEqual(
      json(r).files.map((f) => f.file),
      ['b.alfred-event.json', 'c.alfred.jsonl', 'd.alfred.ndjson', 'sub/deeper/f.alfred.json', 'z.alfred.json'],
    );
  });

  it('also finds plain .json/.jsonl files whose content is an Alfred payload, unless --no-detect', () => {
    const dir = tempDir();
    write(dir, 'retry.json', pretty(RETRY));
    write(dir, 'log.jsonl', JSON.stringify(RETRY) + '\n');
    write(dir, 'package.json', '{"name": "not-a-payload", "version": "1.0.0"}');
    write(dir, 'tsconfig.json', '{ "compilerOptions": {} }');
    const r = cli(['validate', '--format', 'json', '.'], dir);
    assert.deepEqual(json(r).files.map((f) => f.file), ['log.jsonl', 'retry.json']);
    assert.equal(r.status, 0);
    const names = cli(['validate', '--format', 'json', '--no-detect', '--allow-empty-input', '.'], dir);
    assert.deepEqual(json(names).files.map((f) => f.file), []);
  });

  it('reads UTF-16 files with a byte order mark, as editors save them', () => {
    const dir = tempDir();
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(pretty(retry({}, { retries: -1 })), 'utf16le')]);
    const be = Buffer.from(pretty(retry({}, { retries: -1 })), 'utf16le').swap16();
    write(dir, 'le.alfred.json', le);
    write(dir, 'be.alfred.json', Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    const r = cli(['validate', '--format', 'json', '.'], dir);
    for (const f of json(r).files) assert.deepEqual(f.diagnostics.map((d) => d.code), ['out-of-range'], f.file);
  });

  it('prints paths relative to the working directory with forward slashes', () => {
    const dir = tempDir();
    write(dir, 'payloads/inner/a.alfred.json', pretty(RETRY));
    const report = json(cli(['validate', '--format', 'json', path.join(dir, 'payloads')], dir));
    assert.deepEqual(report.files.map((f) => f.file), ['payloads/inner/a.alfred.json']);
  });

  it('prints paths outside the working directory as given', () => {
    const dir = tempDir();
    write(dir, 'inner/a.alfred.json', pretty(RETRY));
    const report = json(cli(['validate', '--format', 'json', dir], tempDir()));
    assert.deepEqual(report.files.map((f) => f.file), [path.join(dir, 'inner', 'a.alfred.json')]);
  });
});

describe('empty input: checking nothing is an error unless allowed', () => {
  it('a directory with no payload file in it exits 2, naming it, in every format', () => {
    const dir = tempDir();
    write(dir, 'src/index.ts', 'export {};\n');
    write(dir, 'src/config.json', '{ "port": 8080 }\n');
    for (const format of ['text', 'json', 'sarif']) {
      const r = cli(['validate', '--format', format, 'src'], dir);
      assert.equal(r.status, 2, format);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^alfred-events: no payload file in src \(looked for \*\.alfred\.json, [^\n]*\); pass --allow-empty-input if that is expected\n$/);
      assertNoStack(r.stderr);
    }
  });

  it('names only the directories that matched nothing, after the others were searched', () => {
    const dir = tempDir();
    write(dir, 'payloads/a.alfred.json', pretty(RETRY));
    fs.mkdirSync(path.join(dir, 'empty'));
    fs.mkdirSync(path.join(dir, 'also-empty'));
    const r = cli(['validate', 'payloads', 'empty', 'also-empty'], dir);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^alfred-events: no payload file in empty and also-empty \(/);
  });

  it('a directory holding plain payloads only is empty under --no-detect, and says so', () => {
    const dir = tempDir();
    write(dir, 'payloads/retry.json', pretty(RETRY));
    assert.equal(cli(['validate', 'payloads'], dir).status, 0);
    const r = cli(['validate', '--no-detect', 'payloads'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no payload file in payloads \(looked for [^)]*\*\.alfred\.ndjson \(--no-detect\)\)/);
  });

  it('--allow-empty-input: no file is no problem, in every format', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'empty'));
    const text = cli(['validate', '--allow-empty-input', 'empty'], dir);
    assert.equal(text.status, 0);
    assert.equal(text.stderr, '');
    assert.equal(text.stdout, 'No problems in 0 files\n');
    assert.deepEqual(json(cli(['validate', '--allow-empty-input', '--format', 'json', 'empty'], dir)).files, []);
    assert.deepEqual((JSON.parse(cli(['validate', '--allow-empty-input', '--format', 'sarif', 'empty'], dir).stdout) as SarifLog).runs[0]!.results, []);
  });

  it('a path that does not exist is an error even with --allow-empty-input', () => {
    const dir = tempDir();
    write(dir, 'payloads/a.alfred.json', pretty(RETRY));
    const r = cli(['validate', '--allow-empty-input', 'payloads', 'paylods'], dir);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'alfred-events: cannot read paylods: no such file or directory\n');
  });

  it('a file named explicitly is checked, so it is never empty input', () => {
    const dir = tempDir();
    write(dir, 'notes.txt', 'hello');
    const r = cli(['validate', '--format', 'json', 'notes.txt'], dir);
    assert.equal(r.status, 1);
    assert.deepEqual(json(r).files.map((f) => f.file), ['notes.txt']);
  });
});

describe('content detection: payloads by their shape, other JSON left alone', () => {
  const NOT_PAYLOADS = path.join(ROOT, 'test', 'fixtures', 'not-payloads');
  const EXAMPLES = path.join(ROOT, 'test', 'fixtures', 'examples');

  it('the schemas folder the README has users commit is not a payload folder', () => {
    const r = cli(['validate', 'schemas'], ROOT);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^alfred-events: no payload file in schemas \(/);
  });

  it('finds exactly the payloads among real JSON of other kinds', () => {
    const dir = tempDir();
    fs.cpSync(NOT_PAYLOADS, path.join(dir, 'repo'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'schemas', 'alfred-event.schema.json'), path.join(dir, 'repo', 'alfred-event.schema.json'));
    const read = (name: string): string => fs.readFileSync(path.join(EXAMPLES, name), 'utf8');
    const retryEvent = JSON.parse(read('job_retry_event.alfred.json')) as Record<string, unknown>;
    write(dir, 'repo/fixtures/retry.json', read('job_retry_event.alfred.json'));
    write(dir, 'repo/fixtures/verify.json', read('url-verification.alfred.json'));
    write(dir, 'repo/fixtures/jobs.jsonl', read('jobs.alfred.jsonl'));
    write(dir, 'repo/fixtures/export.json', pretty([retryEvent, { ...retryEvent, event_id: '6a3c2f1e-1d2b-4c5d-8e9f-0a1b2c3d4e5f' }]));
    const r = cli(['validate', '--format', 'json', 'repo'], dir);
    assert.equal(r.stderr, '');
    const report = json(r);
    assert.deepEqual(report.files.map((f) => f.file), ['repo/fixtures/export.json', 'repo/fixtures/jobs.jsonl', 'repo/fixtures/retry.json', 'repo/fixtures/verify.json']);
    // The array of events: one clear word on the array, nothing else.
    const exported = report.files[0]!.diagnostics;
    assert.deepEqual(exported.map((d) => [d.code, d.pointer, d.range.start]), [['not-an-object', '', { line: 0, character: 0 }]]);
    assert.match(exported[0]!.message, /array of 2 events: each webhook body is a single event envelope/);
    for (const f of report.files.slice(1)) assert.deepEqual(f.diagnostics, [], f.file);
    assert.equal(r.status, 1);
  });

  it('an array of events in a payload file gets the same word', () => {
    const r = cli(['validate', '--format', 'json', path.join(ROOT, 'test', 'fixtures', 'broken', 'array-of-events.alfred.json')], ROOT);
    const [d, ...rest] = allDiagnostics(json(r));
    assert.deepEqual(rest, []);
    assert.equal(d!.code, 'not-an-object');
    assert.match(d!.message, /^Expected one event object, found an array of \d+ events: /);
  });
});

describe('formats', () => {
  it('json lists every file with exactly the keys the README Command line section lists', () => {
    const dir = tempDir();
    write(dir, 'retry.alfred.json', NEGATIVE_RETRIES);
    write(dir, 'clean.alfred.json', pretty(RETRY));
    const r = cli(['validate', '--format', 'json', 'retry.alfred.json', 'clean.alfred.json'], dir);
    const report = json(r);
    assert.deepEqual(Object.keys(report), ['files', 'summary']);
    assert.deepEqual(Object.keys(report.summary), ['files', 'errors', 'warnings', 'infos']);
    assert.equal(report.summary.files, 2);
    assert.deepEqual(report.files.map((f) => f.file), ['retry.alfred.json', 'clean.alfred.json']);
    assert.deepEqual(report.files[1], { file: 'clean.alfred.json', diagnostics: [] });
    for (const file of report.files) {
      assert.deepEqual(Object.keys(file), ['file', 'diagnostics']);
      for (const d of file.diagnostics) {
        // A single document carries no `record`.
        assert.deepEqual(Object.keys(d), ['code', 'severity', 'message', 'pointer', 'range']);
        assert.deepEqual(Object.keys(d.range), ['start', 'end']);
        assert.deepEqual(Object.keys(d.range.start), ['line', 'character']);
        assert.deepEqual(Object.keys(d.range.end), ['line', 'character']);
      }
    }
    const d = report.files[0]?.diagnostics.find((x) => x.code === 'out-of-range');
    assert.ok(d, 'no out-of-range diagnostic');
    assert.equal(d.severity, 'error');
    assert.equal(d.pointer, '/event/retries');
    assert.deepEqual(d.range.start, NEGATIVE_AT);
    assert.deepEqual(d.range.end, { line: NEGATIVE_AT.line, character: NEGATIVE_AT.character + 2 });
    assert.ok(report.summary.errors >= 1);
    assert.equal(r.status, 1);
  });

  it('text prints file:line:col  severity  code  message and a summary', () => {
    const dir = tempDir();
    write(dir, 'sub/retry.alfred.json', NEGATIVE_RETRIES);
    const r = cli(['validate', 'sub'], dir);
    const lines = r.stdout.trimEnd().split('\n');
    const expected = `sub/retry.alfred.json:${NEGATIVE_AT.line + 1}:${NEGATIVE_AT.character + 1}  error  out-of-range  `;
    assert.ok(lines.some((l) => l.startsWith(expected)), r.stdout);
    assert.match(lines.at(-1) ?? '', /^\d+ problems? \(1 error, \d+ warnings?, \d+ infos?\) in 1 file$/);
    assert.equal(r.status, 1);
  });

  it('sarif has the structure GitHub code scanning accepts', () => {
    const dir = tempDir();
    write(dir, 'clean.alfred.json', pretty(RETRY));
    const r = cli(['validate', '--format', 'sarif', '.'], dir);
    assert.equal(r.status, 0);
    const log = JSON.parse(r.stdout) as SarifLog;
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const driver = log.runs[0]?.tool.driver;
    assert.ok(driver);
    assert.equal(driver.name, 'alfred-events');
    assert.equal(driver.version, pkg.version);
    assert.deepEqual(driver.rules.map((rule) => rule.id), RULES.map((rule) => rule.code));
    for (const rule of driver.rules) {
      assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.help.text && rule.help.markdown);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
    }
    assert.deepEqual(log.runs[0]?.results, []);
  });

  it('sarif results point at the rule and a 1-based region under %SRCROOT%', () => {
    const dir = tempDir();
    write(dir, 'payloads/retry.alfred.json', NEGATIVE_RETRIES);
    const r = cli(['validate', '--format', 'sarif', 'payloads'], dir);
    assert.equal(r.status, 1);
    const run = (JSON.parse(r.stdout) as SarifLog).runs[0];
    assert.ok(run);
    const result = run.results.find((x) => x.ruleId === 'out-of-range');
    assert.ok(result, 'no out-of-range result');
    assert.equal(run.tool.driver.rules[result.ruleIndex ?? -1]?.id, 'out-of-range');
    assert.equal(result.level, 'error');
    assert.ok(result.message.text.length > 0);
    assert.deepEqual(result.locations[0]?.physicalLocation, {
      artifactLocation: { uri: 'payloads/retry.alfred.json', uriBaseId: '%SRCROOT%' },
      region: {
        startLine: NEGATIVE_AT.line + 1,
        startColumn: NEGATIVE_AT.character + 1,
        endLine: NEGATIVE_AT.line + 1,
        endColumn: NEGATIVE_AT.character + 3,
      },
    });
  });
});

describe('validation results and exit status', () => {
  it('json-syntax for a lone `{` exits 1', () => {
    const dir = tempDir();
    write(dir, 'broken.alfred.json', '{');
    const r = cli(['validate', '--format', 'json', 'broken.alfred.json'], dir);
    const d = allDiagnostics(json(r)).find((x) => x.code === 'json-syntax');
    assert.ok(d, r.stdout);
    assert.equal(d.severity, 'error');
    assert.equal(d.pointer, '');
    assert.equal(r.status, 1);
  });

  it('warnings alone exit 0; --rule can silence or promote them', () => {
    const dir = tempDir();
    write(dir, 'retry.alfred.json', pretty(retry({ event_id: 'not-a-uuid' })));
    const args = ['validate', '--format', 'json', 'retry.alfred.json'];

    const byDefault = cli(args, dir);
    const warning = allDiagnostics(json(byDefault)).find((x) => x.code === 'invalid-uuid');
    assert.ok(warning, byDefault.stdout);
    assert.equal(warning.severity, 'warning');
    assert.equal(warning.pointer, '/event_id');
    assert.equal(byDefault.status, 0);

    const off = cli([...args, '--rule', 'invalid-uuid=off'], dir);
    assert.equal(allDiagnostics(json(off)).some((x) => x.code === 'invalid-uuid'), false);
    assert.equal(off.status, 0);

    const promoted = cli([...args, '--rule=invalid-uuid=error'], dir);
    assert.equal(allDiagnostics(json(promoted)).find((x) => x.code === 'invalid-uuid')?.severity, 'error');
    assert.equal(promoted.status, 1);
  });

  it('--rule CODE=off removes an error and the failure with it', () => {
    const dir = tempDir();
    write(dir, 'retry.alfred.json', NEGATIVE_RETRIES);
    const args = ['validate', '--format', 'json', 'retry.alfred.json'];
    assert.equal(cli(args, dir).status, 1);
    const off = cli([...args, '--rule', 'out-of-range=off'], dir);
    assert.equal(allDiagnostics(json(off)).some((x) => x.code === 'out-of-range'), false);
    assert.equal(off.status, 0);
  });

  it('a .jsonl file named explicitly is read as a log, with record numbers', () => {
    const dir = tempDir();
    const log = `${JSON.stringify(RETRY)}\n\n${JSON.stringify(retry({}, { retries: -1 }))}\n`;
    write(dir, 'events.jsonl', log);
    const r = cli(['validate', '--format', 'json', 'events.jsonl'], dir);
    const d = allDiagnostics(json(r)).find((x) => x.code === 'out-of-range');
    assert.ok(d, r.stdout);
    // Records count non-blank lines, so the third line is record 1.
    assert.equal(d.record, 1);
    assert.equal(d.pointer, '/event/retries');
    assert.deepEqual(d.range.start, positionOf(log, '"retries":-1', '"retries":'.length));
    assert.equal(r.status, 1);

    // The same text as one document is not JSON: it is the log reading that makes it valid.
    write(dir, 'events.json', log);
    const asDocument = cli(['validate', '--format', 'json', 'events.json'], dir);
    assert.ok(allDiagnostics(json(asDocument)).some((x) => x.code === 'json-syntax'), asDocument.stdout);
  });
});

describe('cross-event rules over all files at once', () => {
  it('a job told across several files: a repeated event_id is found, pointing at the other file', () => {
    const dir = tempDir();
    write(dir, 'a.alfred.json', pretty(RETRY));
    write(dir, 'b.alfred.json', pretty(retry({ event_id: RETRY.event_id }, { retries: 2 })));
    const r = cli(['validate', '.'], dir);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^b\.alfred\.json:2:15 {2}warning {2}duplicate-event-id {2}.*\(see a\.alfred\.json:2:15\)$/m);
    const sarif = JSON.parse(cli(['validate', '--format', 'sarif', '.'], dir).stdout) as SarifLog;
    const result = sarif.runs[0]!.results.find((x) => x.ruleId === 'duplicate-event-id')!;
    assert.equal(result.relatedLocations?.[0]?.physicalLocation.artifactLocation.uri, 'a.alfred.json');
    // Code scanning shows a related location only when the message links to it (SARIF §3.11.6).
    assert.match(result.message.text, new RegExp(`\\[the first event with this event_id\\]\\(${result.relatedLocations?.[0]?.id}\\)`));
    // B3 to the letter: the JSON report has no room for the related place.
    const d = allDiagnostics(json(cli(['validate', '--format', 'json', '.'], dir))).find((x) => x.code === 'duplicate-event-id')!;
    assert.deepEqual(Object.keys(d).sort(), ['code', 'message', 'pointer', 'range', 'severity']);
  });
});

describe('schema', () => {
  it('prints the JSON Schema as indented JSON', () => {
    const r = cli(['schema'], tempDir());
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
    assert.ok(r.stdout.endsWith('\n'));
    const schema = JSON.parse(r.stdout) as unknown;
    assert.equal(typeof schema, 'object');
    assert.ok(schema !== null && !Array.isArray(schema));
  });
});

describe('the broken fixtures hold every kind of finding', () => {
  const BROKEN = path.join(ROOT, 'test', 'fixtures', 'broken');

  it('the CLI finds every rule code of RULES in test/fixtures/broken, each file having something', () => {
    const r = cli(['validate', '--format', 'json', BROKEN], ROOT);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 1);
    const report = json(r);
    const found = new Set(allDiagnostics(report).map((d) => d.code));
    // A new rule fails here until a broken fixture shows it (and test/fixtures/README.md says which).
    // file-too-large needs a maxFileSizeMB in a team configuration, which would apply to every
    // fixture here: test/unit/cli-config.test.ts and the same-answer test show it.
    assert.deepEqual(RULES.map((rule) => rule.code).filter((code) => !found.has(code) && code !== 'file-too-large'), [], 'rule codes no broken fixture shows');
    assert.equal(report.files.length, fs.readdirSync(BROKEN).length, 'every fixture is found as a payload');
    for (const f of report.files) assert.ok(f.diagnostics.length > 0, `${f.file} has no finding`);
  });

  it('test/fixtures/README.md says what is wrong in each of them', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'README.md'), 'utf8');
    for (const name of fs.readdirSync(BROKEN)) assert.match(readme, new RegExp(`^\\| \`${name.replace(/\./g, '\\.')}\` \\|`, 'm'), name);
  });
});
