// The CLI and the team configuration (.alfred-events.json), run in-process on temporary folders.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { run } from '../../src/cli/run';
import type { JsonReport } from '../../src/cli/report-json';
import { edit, fixture, tempFolder } from './helpers';

/**
 * An invalid-uuid warning (job_id not hexadecimal), then an unknown-field warning ("priority"),
 * and nothing else; each copy with an event_id and a job of its own, so that no cross-event rule joins them.
 */
let copies = 0;
function payload(): string {
  const base = edit(fixture('broken', 'unknown-and-missing-fields.alfred.json'), '"compnay_name"', '"company_name"');
  const id = edit(base, '"e1a316cd-a6ad-4fa9-975b-250585427c52"', `"e1a316cd-a6ad-4fa9-975b-${String(++copies).padStart(12, '0')}"`);
  return edit(id, '"9e897777-8d2b-4537-aeee-1b5a2761d91e"', `"9e897777-8d2b-4537-aeee-${String(copies).padStart(10, '0')}zz"`);
}

/** A fresh folder holding `files` (relative path → content). */
const folder = (files: Record<string, string | Buffer>): string => tempFolder(files, 'alfred-config-');

interface Outcome {
  status: number;
  stdout: string;
  stderr: string;
  /** `file code severity` of each finding, in report order. */
  found: string[];
}

async function cli(cwd: string, ...args: string[]): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const status = await run(['validate', '--format', 'json', ...args], { cwd, stdout: (t) => {
    stdout += t;
  }, stderr: (t) => (stderr += t) });
  const found = stdout ? (JSON.parse(stdout) as JsonReport).files.flatMap((f) => f.diagnostics.map((d) => `${f.file} ${d.code} ${d.severity}`)) : [];
  return { status, stdout, stderr, found };
}

const config = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';
const DEFAULTS = ['x.alfred.json invalid-uuid warning', 'x.alfred.json unknown-field warning'];

describe('CLI team configuration: rules', () => {
  it('a config that turns a rule off and raises another changes the answer and the exit status', async () => {
    const dir = folder({ 'x.alfred.json': payload() });
    assert.deepEqual((await cli(dir, '.')).found, DEFAULTS);
    assert.equal((await cli(dir, '.')).status, 0);
    fs.writeFileSync(path.join(dir, '.alfred-events.json'), config({ rules: { 'unknown-field': 'off', 'invalid-uuid': 'error' } }));
    const r = (await cli(dir, '.'));
    assert.deepEqual(r.found, ['x.alfred.json invalid-uuid error']);
    assert.equal(r.status, 1);
  });

  it('the nearest config in the file\'s folder or its ancestors wins, without merging', async () => {
    const dir = folder({
      '.alfred-events.json': config({ rules: { 'unknown-field': 'off' } }),
      'a/b/.alfred-events.json': config({ rules: { 'invalid-uuid': 'info' } }),
      'a/b/c/x.alfred.json': payload(),
      'a/x.alfred.json': payload(),
    });
    assert.deepEqual((await cli(dir, '.')).found, ['a/b/c/x.alfred.json invalid-uuid info', 'a/b/c/x.alfred.json unknown-field warning', 'a/x.alfred.json invalid-uuid warning']);
    // Found the same way from inside a subfolder, and for files named one by one.
    assert.deepEqual((await cli(path.join(dir, 'a'), 'x.alfred.json', 'b/c/x.alfred.json')).found, ['x.alfred.json invalid-uuid warning', 'b/c/x.alfred.json invalid-uuid info', 'b/c/x.alfred.json unknown-field warning']);
  });

  it('--rule wins over the config', async () => {
    const dir = folder({ '.alfred-events.json': config({ rules: { 'unknown-field': 'off', 'invalid-uuid': 'error' } }), 'x.alfred.json': payload() });
    assert.deepEqual((await cli(dir, '--rule', 'invalid-uuid=off', '--rule', 'unknown-field=info', '.')).found, ['x.alfred.json unknown-field info']);
  });

  it('--config FILE is used for every file, whatever lies nearer', async () => {
    const dir = folder({ 'a/.alfred-events.json': config({ rules: { 'invalid-uuid': 'error' } }), 'a/x.alfred.json': payload(), 'team.json': config({ rules: { 'unknown-field': 'off' } }) });
    assert.deepEqual((await cli(dir, '--config', 'team.json', 'a')).found, ['a/x.alfred.json invalid-uuid warning']);
  });

  it('--no-config ignores every config file, even an invalid one', async () => {
    const dir = folder({ '.alfred-events.json': '{"rules": ', 'x.alfred.json': payload() });
    const r = (await cli(dir, '--no-config', '.'));
    assert.deepEqual(r.found, DEFAULTS);
    assert.equal(r.stderr, '');
  });

  it('a cross-event rule follows the config of the file it is reported in', async () => {
    const event = JSON.parse(fixture('examples', 'job_retry_event.alfred.json')) as object;
    const dir = folder({ 'a/1.alfred.json': JSON.stringify(event), 'b/2.alfred.json': JSON.stringify(event), 'b/.alfred-events.json': config({ rules: { 'duplicate-event-id': 'error' } }) });
    assert.deepEqual((await cli(dir, '.')).found, ['b/2.alfred.json duplicate-event-id error']);
    fs.writeFileSync(path.join(dir, 'b/.alfred-events.json'), config({ rules: { 'duplicate-event-id': 'off' } }));
    assert.deepEqual((await cli(dir, '.')).found, []);
  });

  it('a config saved as UTF-16 with its byte order mark is read as payload files are', async () => {
    const dir = folder({ 'x.alfred.json': payload() });
    const text = config({ rules: { 'invalid-uuid': 'off', 'unknown-field': 'error' } });
    fs.writeFileSync(path.join(dir, '.alfred-events.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    assert.deepEqual((await cli(dir, '.')).found, ['x.alfred.json unknown-field error']);
  });

  it('maxFileSizeMB: a larger file has one file-too-large finding at its start and takes no part in the checks across files', async () => {
    const event = JSON.stringify(JSON.parse(fixture('examples', 'job_retry_event.alfred.json')) as object);
    // 1 MiB = 1,048,576 bytes: the second file is one byte over, the first well under.
    const big = event + ' '.repeat(1024 * 1024 + 1 - Buffer.byteLength(event));
    const dir = folder({ '1.alfred.json': event, '2.alfred.json': big, '.alfred-events.json': config({ maxFileSizeMB: 1 }) });
    const r = await cli(dir, '.');
    assert.deepEqual(r.found, ['2.alfred.json file-too-large info'], 'no duplicate-event-id: the big file is not read');
    const d = (JSON.parse(r.stdout) as JsonReport).files[1]!.diagnostics[0]!;
    assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.match(d.message, /larger than the maxFileSizeMB limit \(1\.0 MB\)/);
    assert.equal(r.status, 0, 'an info finding fails nothing');
    // Exactly at the limit, the file is read: then the two events share an id.
    fs.writeFileSync(path.join(dir, '2.alfred.json'), big.slice(0, -1));
    assert.deepEqual((await cli(dir, '.')).found, ['2.alfred.json duplicate-event-id warning']);
  });
});

describe('CLI team configuration: which files a directory search picks', () => {
  const files = {
    'payloads/x.alfred.json': payload(),
    'payloads/old/x.alfred.json': payload(),
    'plain/x.json': payload(),
    'other/x.alfred.json': payload(),
  };
  const checked = (r: Outcome): string[] => [...new Set(r.found.map((f) => f.split(' ')[0]!))];

  it('by default: payload names and plain JSON holding a payload', async () => {
    assert.deepEqual(checked((await cli(folder(files), '.'))), ['other/x.alfred.json', 'payloads/old/x.alfred.json', 'payloads/x.alfred.json', 'plain/x.json']);
  });

  it('include and exclude, relative to the config\'s folder', async () => {
    const dir = folder({ ...files, '.alfred-events.json': config({ include: ['payloads', 'plain/*.json'], exclude: ['payloads/old'] }) });
    assert.deepEqual(checked((await cli(dir, '.'))), ['payloads/x.alfred.json', 'plain/x.json']);
    assert.deepEqual(checked((await cli(path.join(dir, 'payloads'), '.'))), ['x.alfred.json']);
  });

  it('detect: false leaves plain JSON out, as --no-detect does', async () => {
    const dir = folder({ ...files, '.alfred-events.json': config({ detect: false }) });
    assert.deepEqual(checked((await cli(dir, '.'))), ['other/x.alfred.json', 'payloads/old/x.alfred.json', 'payloads/x.alfred.json']);
  });

  it('a file named on the command line is checked even when excluded, as it is whatever its name', async () => {
    const dir = folder({ ...files, '.alfred-events.json': config({ exclude: ['payloads'], rules: { 'unknown-field': 'off' } }) });
    assert.deepEqual((await cli(dir, 'payloads/x.alfred.json')).found, ['payloads/x.alfred.json invalid-uuid warning']);
  });

  it('a directory whose every payload is excluded holds nothing to check', async () => {
    const dir = folder({ ...files, '.alfred-events.json': config({ exclude: ['payloads'] }) });
    const r = (await cli(dir, 'payloads'));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^alfred-events: no payload file in payloads /);
  });
});

describe('CLI team configuration: an invalid one is never ignored', () => {
  it('exit 2 and one line: the file relative to the working directory, line and column (1-based), the problem', async () => {
    const dir = folder({ 'a/.alfred-events.json': '{\n  "rules": {\n    "invalid-uuuid": "off"\n  }\n}\n', 'a/b/x.alfred.json': payload() });
    const r = (await cli(dir, 'a/b'));
    assert.deepEqual({ status: r.status, stdout: r.stdout, stderr: r.stderr }, {
      status: 2, stdout: '', stderr: 'alfred-events: a/.alfred-events.json:3:5: unknown rule "invalid-uuuid" (did you mean "invalid-uuid"?)\n',
    });
    // From a subfolder, the same file is named by its way up.
    assert.equal((await cli(path.join(dir, 'a', 'b'), '.')).stderr, `alfred-events: ${path.join(dir, 'a', '.alfred-events.json')}:3:5: unknown rule "invalid-uuuid" (did you mean "invalid-uuid"?)\n`);
  });

  it('each kind: syntax, an empty file, a bad severity, a bad glob, a byte order mark (dropped, as in payloads)', async () => {
    const cases: [string, string][] = [
      ['{"rules": {}', '.alfred-events.json:1:12: expected "}" to close the object'],
      ['', '.alfred-events.json:1:1: the document is empty: expected a JSON object'],
      ['{"rules": {"invalid-uuid": "loud"}}', '.alfred-events.json:1:28: the severity of invalid-uuid must be error, warning, info or off, found "loud"'],
      ['{"exclude": ["..\\\\x"]}', '.alfred-events.json:1:14: exclude: "..\\\\x" has a backslash: separate folders with \'/\' on every system'],
      ['\uFEFF{"detect": 1}', '.alfred-events.json:1:12: detect must be true or false, found 1'],
    ];
    for (const [text, line] of cases) {
      const r = (await cli(folder({ '.alfred-events.json': text, 'x.alfred.json': payload() }), '.'));
      assert.deepEqual([r.status, r.stderr], [2, `alfred-events: ${line}\n`], text);
    }
  });

  it('--config naming a missing or invalid file', async () => {
    const dir = folder({ 'x.alfred.json': payload(), 'team.json': '[]' });
    assert.deepEqual((await cli(dir, '--config', 'nope.json', '.')).stderr, 'alfred-events: cannot read nope.json: no such file or directory\n');
    assert.deepEqual((await cli(dir, '--config', 'team.json', '.')).stderr, 'alfred-events: team.json:1:1: a team configuration is a JSON object, such as {"rules": {"invalid-uuid": "off"}}\n');
  });

  it('--config with --no-config, or an empty --config, is a usage error', async () => {
    const dir = folder({ 'x.alfred.json': payload() });
    for (const args of [['--config', 'a.json', '--no-config'], ['--config=']]) {
      const r = (await cli(dir, ...args, '.'));
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^alfred-events: [^\n]*--config[^\n]*Run 'alfred-events --help' for usage\.\n$/);
    }
  });
});
