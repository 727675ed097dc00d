// The library entry (README, "Using the checks in your receiver (TypeScript)"): its generated
// declarations, what validate() and parseEvent() answer, and its bundles, which must run where
// there is no Node. Bundle tests need the build (npm run test:unit builds first).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as vm from 'node:vm';
import { EVENTS } from '../../src/core/index';
import { LIB_TYPES, libTypesText } from '../../scripts/lib-types';
import { parseEvent, validate } from '../../src/lib/index';
import type { AlfredEvent, Finding } from '../../src/lib/alfred-events';
import { example, FIXTURES, fixture } from './helpers';

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist', 'lib');

const codes = (fs: readonly Finding[]): string[] => fs.map((f) => f.code);

/** The body of an ok result, or a failure that shows the findings. */
function okBody(result: ReturnType<typeof parseEvent>): NonNullable<ReturnType<typeof parseEvent>['body']> {
  if (!result.ok) assert.fail(`not ok: ${JSON.stringify(result.findings.map((f) => `${f.severity} ${f.code} ${f.pointer}`))}`);
  return result.body;
}

function okEvent(result: ReturnType<typeof parseEvent>): AlfredEvent {
  const body = okBody(result);
  if (body.type === 'url_verification') assert.fail('the URL verification body, not an event');
  return body;
}

describe('library declarations', () => {
  it('match the catalogue and the rule table (regenerate with `npm run types`)', () => {
    assert.equal(readFileSync(LIB_TYPES, 'utf8'), libTypesText());
  });

  it('are what the build ships beside the bundles, one copy per format', () => {
    for (const ext of ['d.mts', 'd.cts']) assert.equal(readFileSync(join(DIST, `index.${ext}`), 'utf8'), readFileSync(LIB_TYPES, 'utf8'), ext);
  });

  it('name every event of the catalogue in the union, each under its docs name', () => {
    const text = libTypesText();
    for (const e of EVENTS) assert.match(text, new RegExp(`^  event_name: "${e.name}";$`, 'm'), e.name);
    assert.equal((text.match(/^ {2}\| Envelope<\w+>;?$/gm) ?? []).length, 24);
  });
});

describe('parseEvent', () => {
  it('types every example under the event_name its file is named after, with no error', () => {
    for (const e of EVENTS) {
      const body = okEvent(parseEvent(example(e.name)));
      assert.equal(body.event.event_name, e.name);
    }
  });

  it("types the docs' own examples: only warnings, and their string-encoded values read as the docs mean them", () => {
    for (const f of readdirSync(join(FIXTURES, 'docs'))) okEvent(parseEvent(fixture('docs', f)));
    const text = fixture('docs', 'job_retry_event.alfred.json');
    const sent = JSON.parse(text) as { event_time: string; event: Record<string, unknown> };
    // The docs write "1653443100.00", "120", "2" and "false" (README, "Rules": string-encoded-value).
    assert.deepEqual([sent.event_time, sent.event.file_count, sent.event.retries, sent.event.merge, sent.event.exceeded_retries], ['1653443100.00', '120', '2', 'false', 'false']);
    const result = parseEvent(text);
    const body = okEvent(result);
    assert.ok(body.event.event_name === 'job_retry_event');
    assert.deepEqual([body.event_time, body.event.file_count, body.event.retries, body.event.merge, body.event.exceeded_retries], [1653443100, 120, 2, false, false]);
    assert.equal(codes(result.findings).filter((c) => c === 'string-encoded-value').length, 5);
  });

  it('answers the URL verification body with its challenge', () => {
    const sent = JSON.parse(example('url-verification')) as { challenge: string };
    const body = okBody(parseEvent(example('url-verification')));
    assert.ok(body.type === 'url_verification');
    assert.equal(body.challenge, sent.challenge);
  });

  it("hands out the SDK's file_add_to_job_event under the docs' name, with the event-name-alias finding", () => {
    const result = parseEvent(fixture('broken', 'sdk-spelling.alfred.json'));
    assert.equal(okEvent(result).event.event_name, 'file_added_to_job_event');
    assert.deepEqual(codes(result.findings), ['event-name-alias']);
  });

  it('reads a body as text, as UTF-8 or UTF-16 bytes, or as a value a framework has parsed, to the same event', () => {
    const text = example('job_finished_event');
    const fromText = okEvent(parseEvent(text));
    assert.deepEqual(okEvent(parseEvent(new TextEncoder().encode(text))), fromText);
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16[2 + 2 * i] = text.charCodeAt(i); // ASCII text: high bytes 0
    assert.deepEqual(okEvent(parseEvent(utf16)), fromText);
    const parsed = JSON.parse(text) as unknown;
    assert.deepEqual(okEvent(parseEvent(parsed)), fromText);
    assert.deepEqual(parsed, JSON.parse(text), 'the caller\'s value is not changed');
  });

  it('is not ok on an error, and says which', () => {
    const wrong = parseEvent(fixture('broken', 'wrong-types.alfred.json'));
    assert.equal(wrong.ok, false);
    assert.ok(codes(wrong.findings).includes('invalid-type'));
    const typo = parseEvent(fixture('broken', 'typo-event-name.alfred.json'));
    assert.equal(typo.ok, false);
    assert.ok(codes(typo.findings).includes('unknown-event-name'));
    assert.equal(parseEvent(fixture('broken', 'duplicate-key.alfred.json')).ok, false);
  });

  it("takes the caller's severities: a warning raised to an error makes a body not ok", () => {
    const text = fixture('docs', 'job_start_event.alfred.json');
    assert.ok(parseEvent(text).ok);
    const strict = parseEvent(text, { rules: { 'invalid-uuid': 'error' } });
    assert.equal(strict.ok, false);
    assert.ok(strict.findings.some((f) => f.code === 'invalid-uuid' && f.severity === 'error'));
    assert.deepEqual(codes(parseEvent(text, { rules: { 'invalid-uuid': 'off' } }).findings).filter((c) => c === 'invalid-uuid'), []);
  });

  it('never hands out a body its type would lie about, whatever the severities', () => {
    // "file_count": "12x" is no number: with invalid-type lowered to a warning, there is no error, but no typed body either.
    const text = fixture('broken', 'wrong-types.alfred.json');
    const lenient = parseEvent(text, { rules: { 'invalid-type': 'warning', 'invalid-url': 'off', 'out-of-range': 'off', 'invalid-date': 'off' } });
    assert.deepEqual(lenient.findings.filter((f) => f.severity === 'error'), []);
    assert.equal(lenient.ok, false);
    // An envelope with a top-level "type" would pass a receiver's handshake test (`body.type === "url_verification"`).
    const typed = JSON.parse(example('job_start_event')) as Record<string, unknown>;
    assert.equal(parseEvent({ ...typed, type: 'url_verification' }).ok, false);
    // The family inside and outside is a literal type.
    assert.equal(parseEvent({ ...typed, event_type: 'file_event_type' }).ok, false);
  });

  it('keeps the members the docs do not list, and lets documented fields be absent (missing-field is a warning)', () => {
    const sent = JSON.parse(example('job_start_event')) as { event: Record<string, unknown> };
    delete sent.event.company_name;
    sent.event.extra = 'kept';
    const result = parseEvent(sent);
    const body = okEvent(result);
    assert.ok(body.event.event_name === 'job_start_event');
    assert.equal(body.event.company_name, undefined);
    assert.equal((body.event as unknown as Record<string, unknown>).extra, 'kept');
    assert.deepEqual(codes(result.findings).sort(), ['missing-field', 'unknown-field']);
  });

  it('never throws: anything that is no body is not ok, with a finding', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    const hostile: unknown[] = [undefined, null, 42, 'not json', '', '[]', [], () => 1, cycle, 10n, Symbol('x'), '['.repeat(100_000), { event: 'x' }, { type: 'url_verification' }, new Uint8Array([0xc3, 0x28])];
    for (const body of hostile) {
      const result = parseEvent(body);
      assert.equal(result.ok, false, String(typeof body));
      assert.ok(result.findings.some((f) => f.severity === 'error'), String(typeof body));
    }
  });
});

describe('validate', () => {
  it('gives the findings `alfred-events validate --format json` gives, for a payload and for a log', () => {
    for (const rel of [['broken', 'wrong-types.alfred.json'], ['broken', 'mixed-log.alfred.jsonl'], ['docs', 'job_retry_event.alfred.json']]) {
      const file = join(FIXTURES, ...rel);
      let out: string;
      try {
        out = execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'validate', '--format', 'json', '--no-config', file], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
      } catch (err) {
        out = (err as { stdout: string }).stdout; // exit status 1: errors found
      }
      const cli = (JSON.parse(out) as { files: { diagnostics: Finding[] }[] }).files[0]!.diagnostics;
      assert.ok(cli.length > 0);
      assert.deepEqual(validate(readFileSync(file)), cli, rel.join('/'));
    }
  });

  it('reads a text of JSON Lines as a log and a pretty-printed document as a payload (mode auto)', () => {
    const log = fixture('broken', 'mixed-log.alfred.jsonl');
    assert.deepEqual(validate(log), validate(log, { mode: 'log' }));
    assert.ok(validate(log).every((f) => typeof f.record === 'number'));
    const pretty = fixture('broken', 'wrong-types.alfred.json');
    assert.deepEqual(validate(pretty), validate(pretty, { mode: 'payload' }));
    // A log whose first line is broken is still a log: another of its first lines is an object on its own.
    const broken = '{"event_id": \n' + example('job_start_event').replace(/\n\s*/g, '') + '\n';
    assert.deepEqual(validate(broken), validate(broken, { mode: 'log' }));
  });

  it('applies the rules given and refuses, naming them, rule codes, severities and modes that are none', () => {
    const text = fixture('docs', 'job_start_event.alfred.json');
    assert.ok(codes(validate(text)).includes('invalid-uuid'));
    assert.ok(!codes(validate(text, { rules: { 'invalid-uuid': 'off' } })).includes('invalid-uuid'));
    assert.throws(() => validate(text, { rules: { 'invalid-uuuid': 'off' } as never }), { name: 'TypeError', message: /unknown rule "invalid-uuuid" \(did you mean "invalid-uuid"\?\)/ });
    assert.throws(() => validate(text, { rules: { 'invalid-uuid': 'of' } as never }), { name: 'TypeError', message: /did you mean "off"/ });
    assert.throws(() => validate(text, { mode: 'jsonl' as never }), { name: 'TypeError', message: /options\.mode must be "payload", "log" or "auto", found "jsonl"/ });
  });
});

describe('library bundles (dist/lib)', () => {
  const bundles = ['index.mjs', 'index.cjs'].map((f) => [f, readFileSync(join(DIST, f), 'utf8')] as const);

  it('import nothing: no Node module, no vscode, no other package', () => {
    for (const [name, text] of bundles) {
      assert.doesNotMatch(text, /\brequire\s*\(/, name);
      // import(…), and import / export … from statements, which start a line in esbuild's output.
      assert.doesNotMatch(text, /\bimport\s*\(|^\s*import\s*["'{*\w]|^\s*export\s[^;]*\bfrom\s*["']/m, name);
      assert.doesNotMatch(text, /["']node:|["']vscode["']/, name);
    }
  });

  it('run where there is no Node: the CommonJS bundle in a bare context with only the web platform globals edge runtimes have', () => {
    const module = { exports: {} as { parseEvent?: typeof parseEvent } };
    const context = vm.createContext({ module, exports: module.exports, TextDecoder, TextEncoder, URL });
    assert.equal(vm.runInContext('typeof process + typeof require + typeof Buffer', context), 'undefinedundefinedundefined');
    vm.runInContext(bundles[1]![1], context);
    const result = module.exports.parseEvent!(example('job_finished_event'));
    assert.equal(result.ok, true);
  });

});
