import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { validate, type Diagnostic } from '../../src/core/index';
import { FIXTURES, tempFolder } from './helpers';

/*
 * The secret rules at the CLI's door (worker threads, the streaming engine) and at validate()'s:
 * the same findings on the planted corpus; and configurable like every rule, with --rule and with
 * the team file. The CLI is the built dist/cli.js, as a user runs it.
 */

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const DIR = join(FIXTURES, 'secrets');
const FILES = readdirSync(DIR).filter((f) => f.includes('.alfred.')).sort();

interface Found { file: string; line: number; code: string; pointer: string; severity: string; message: string }

function cli(cwd: string, ...args: string[]): Found[] {
  const r = spawnSync(process.execPath, [CLI, 'validate', '--format', 'json', ...args], { cwd, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  if (r.error) throw r.error;
  const report = JSON.parse(r.stdout) as { files: { file: string; diagnostics: Diagnostic[] }[] };
  return report.files.flatMap((f) => f.diagnostics.map((d) => ({ file: f.file, line: d.range.start.line, code: d.code, pointer: d.pointer ?? '', severity: d.severity, message: d.message })));
}

function inProcess(dir: string, rules?: Record<string, 'off' | 'error' | 'warning' | 'info'>): Found[] {
  return FILES.flatMap((file) => validate(readFileSync(join(dir, file), 'utf8'), { mode: file.endsWith('.jsonl') ? 'log' : 'document', ...(rules ? { rules } : {}) })
    .map((d) => ({ file, line: d.range.start.line, code: d.code, pointer: d.pointer ?? '', severity: d.severity, message: d.message })));
}

const key = (f: Found): string => `${f.file}:${f.line} ${f.code} ${f.severity} ${f.pointer} ${f.message}`;
const SECRET_CODES = ['signed-url', 'credential', 'personal-data'];

/** A copy of the corpus in a fresh folder, with `extra` files. */
function corpus(extra: Record<string, string> = {}): string {
  const dir = tempFolder(extra, 'alfred-secrets-');
  for (const f of FILES) cpSync(join(DIR, f), join(dir, f));
  return dir;
}

describe('the secret rules at every door', () => {
  it('the CLI and validate() report the same findings on the planted corpus, all three rules, warnings by default', () => {
    const dir = corpus();
    const fromCli = cli(dir, ...FILES);
    assert.deepEqual(fromCli.map(key).sort(), inProcess(dir).map(key).sort());
    assert.deepEqual([...new Set(fromCli.map((f) => f.code))].sort(), [...SECRET_CODES].sort());
    assert.ok(fromCli.every((f) => f.severity === 'warning'));
  });

  it('--rule turns each off or changes its severity, as for every rule', () => {
    const dir = corpus();
    const found = cli(dir, '--rule', 'signed-url=off', '--rule', 'personal-data=error', ...FILES);
    assert.ok(!found.some((f) => f.code === 'signed-url'));
    assert.ok(found.some((f) => f.code === 'personal-data') && found.filter((f) => f.code === 'personal-data').every((f) => f.severity === 'error'));
    assert.deepEqual(found.map(key).sort(), inProcess(dir, { 'signed-url': 'off', 'personal-data': 'error' }).map(key).sort());
  });

  it('.alfred-events.json turns them off for its folder', () => {
    const dir = corpus({ '.alfred-events.json': JSON.stringify({ rules: { credential: 'off', 'personal-data': 'off', 'signed-url': 'info' } }) });
    const found = cli(dir, '.');
    assert.ok(found.length > 0);
    assert.deepEqual([...new Set(found.map((f) => `${f.code} ${f.severity}`))], ['signed-url info']);
  });

  it('a finding is on the string value itself: its range is the JSON string', () => {
    const dir = corpus();
    const text = readFileSync(join(dir, 'file-done-sas.alfred.json'), 'utf8');
    const [d] = validate(text).filter((x) => x.code === 'signed-url');
    const lines = text.split('\n');
    const line = lines[d!.range.start.line]!;
    assert.equal(line.slice(d!.range.start.character, d!.range.end.character), JSON.stringify((JSON.parse(text) as { event: { blob_url: string } }).event.blob_url));
  });
});
