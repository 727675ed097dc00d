// The library entry (README, "Using the checks in your receiver (TypeScript)"): its generated
// declarations, what validate() and parseEvent() answer, and its bundles, which must run where
// there is no Node. Bundle tests need the build (npm run test:unit builds first).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as vm from 'node:vm';
import { EVENTS, RULES } from '../../src/core/index';
import { LIB_TYPES, libTypesText } from '../../scripts/lib-types';
import { parseEvent, validate } from '../../src/lib/index';
import type { AlfredEvent, Finding, ParseOptions } from '../../src/lib/alfred-events';
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

  it('never hands out a body its type would lie about, whatever the severities, and says where with an untyped-body error', () => {
    // "file_count": "12x" is no number: with invalid-type lowered to a warning, the rule's finding is no error, so parseEvent's own is.
    const text = fixture('broken', 'wrong-types.alfred.json');
    const lenient = parseEvent(text, { rules: { 'invalid-type': 'warning', 'invalid-url': 'off', 'out-of-range': 'off', 'invalid-date': 'off' } });
    assert.equal(lenient.ok, false);
    const errors = lenient.findings.filter((f) => f.severity === 'error');
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.equal(errors[0]!.code, 'untyped-body');
    const at = errors[0]!.pointer;
    assert.ok(lenient.findings.some((f) => f.code === 'invalid-type' && f.severity === 'warning' && f.pointer === at), at);
    // An envelope with a top-level "type" would pass a receiver's handshake test (`body.type === "url_verification"`).
    const typed = JSON.parse(example('job_start_event')) as Record<string, unknown>;
    assert.equal(parseEvent({ ...typed, type: 'url_verification' }).ok, false);
    // The family inside and outside is a literal type.
    assert.equal(parseEvent({ ...typed, event_type: 'file_event_type' }).ok, false);
  });

  it('quotes no secret in an untyped-body message, as no other finding does (README "Secrets and personal data")', () => {
    // A bearer credential where a number belongs: invalid-type lowered, so the refusal is parseEvent's own finding.
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    const retry = JSON.parse(example('job_retry_event')) as { event: Record<string, unknown> };
    retry.event.retries = `Bearer ${token}`;
    const r = parseEvent(JSON.stringify(retry), { rules: { 'invalid-type': 'warning', credential: 'off' } });
    const untyped = r.findings.find((f) => f.code === 'untyped-body');
    assert.ok(untyped, JSON.stringify(r.findings));
    assert.equal(untyped.pointer, '/event/retries');
    assert.ok(!untyped.message.includes(token), untyped.message);
    assert.match(untyped.message, /^retries is "Bearer REDACTED", not a number$/);
  });

  it('says where and why when a number the validator accepts as written is one a JavaScript number cannot hold (1e400)', () => {
    // ECMA-404 allows any number of digits; 1e400 is a whole number ≥ 0 as written, and JSON.parse reads it as Infinity.
    assert.equal(JSON.parse('1e400'), Infinity);
    const retry = JSON.parse(example('job_retry_event')) as { event: Record<string, unknown> };
    for (const [field, written, why] of [
      ['retries', '1e400', 'retries is 1e400, which a JavaScript number cannot hold'],
      ['file_count', '1E+400', 'file_count is 1E+400, which a JavaScript number cannot hold'],
      ['retries', '"1e400"', 'retries is "1e400", which encodes a number a JavaScript number cannot hold'],
    ] as const) {
      const text = JSON.stringify({ ...retry, event: { ...retry.event, [field]: '@' } }).replace('"@"', written);
      const at = text.indexOf(written);
      for (const input of [text, new TextEncoder().encode(text)]) {
        const result = parseEvent(input);
        assert.equal(result.ok, false, written);
        const errors = result.findings.filter((f) => f.severity === 'error');
        assert.deepEqual(errors, [
          { code: 'untyped-body', severity: 'error', message: why, pointer: `/event/${field}`, range: { start: { line: 0, character: at }, end: { line: 0, character: at + written.length } } },
        ]);
      }
    }
  });

  it('says why a body with both type and event is neither a URL verification nor an event, pointing at type', () => {
    const text = '{"type":"url_verification","token":"t","challenge":"c","event":{"event_name":"job_start_event"}}';
    const result = parseEvent(text);
    assert.equal(result.ok, false);
    const error = result.findings.find((f) => f.severity === 'error');
    assert.equal(error?.code, 'untyped-body');
    assert.equal(error.pointer, '/type');
    assert.match(error.message, /both type and event is neither a URL verification nor an event/);
    assert.deepEqual(error.range, { start: { line: 0, character: 8 }, end: { line: 0, character: 26 } }); // "url_verification", quotes included
  });

  it('is ok exactly when no finding is an error: every example, under mutations of each field and whatever the severities', () => {
    const mutations: readonly string[] = ['1e400', '-1e400', '"1e400"', 'null', '[]', '{}', '[1]', '"12x"', 'true', '"true"', '-1', '0.5', '""'];
    const severities: readonly (ParseOptions | undefined)[] = [undefined, { rules: Object.fromEntries(RULES.map((r) => [r.code, 'warning'])) }, { rules: Object.fromEntries(RULES.map((r) => [r.code, 'off'])) }];
    const sources = readdirSync(join(FIXTURES, 'examples')).filter((f) => f.endsWith('.alfred.json')).map((f) => fixture('examples', f));
    let checked = 0;
    const holds = (text: string, label: string): void => {
      for (const options of severities) {
        const result = parseEvent(text, options);
        const errors = result.findings.filter((f) => f.severity === 'error');
        assert.equal(result.ok, errors.length === 0, `${label}: ${JSON.stringify(result.findings.map((f) => `${f.severity} ${f.code}`))}`);
        checked++;
      }
    };
    for (const source of sources) {
      holds(source, 'as given');
      const body = JSON.parse(source) as Record<string, unknown>;
      const event = body.event as Record<string, unknown> | undefined;
      const places: [Record<string, unknown>, string][] = [...Object.keys(body).map((k) => [body, k] as [Record<string, unknown>, string]), ...Object.keys(event ?? {}).map((k) => [event!, k] as [Record<string, unknown>, string])];
      for (const [owner, key] of places) {
        const kept = owner[key];
        for (const written of mutations) {
          owner[key] = '\u0000';
          holds(JSON.stringify(body).replace('"\\u0000"', written), `${key}: ${written}`);
        }
        delete owner[key];
        holds(JSON.stringify(body), `${key} removed`);
        owner[key] = kept;
      }
      holds(JSON.stringify({ ...body, type: 'url_verification' }), 'type added');
    }
    assert.ok(checked > 1000, String(checked));
  });

  it('reads a Uint8Array made in another realm (node:vm) as bytes, as one made here', () => {
    const text = example('job_retry_event');
    const foreign = vm.runInNewContext('new Uint8Array(bytes)', { bytes: [...new TextEncoder().encode(text)] }) as Uint8Array;
    assert.equal(foreign instanceof Uint8Array, false); // what made the library read it as an object
    const here = parseEvent(text);
    assert.ok(here.ok);
    assert.deepEqual(parseEvent(foreign), here);
    assert.deepEqual(validate(foreign), validate(text));
    const utf16 = vm.runInNewContext('new Uint8Array(bytes)', { bytes: [0xff, 0xfe, ...Array.from(text, (c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]).flat()] }) as Uint8Array;
    assert.deepEqual(parseEvent(utf16), here);
    // Something dressed as bytes is not: a plain object with the tag is read as a parsed value.
    const fake = { [Symbol.toStringTag]: 'Uint8Array', length: 0 };
    assert.throws(() => validate(fake as never), { name: 'TypeError' });
  });

  it('gives an untyped-body error for a text JSON.parse cannot read when json-syntax is lowered', () => {
    const result = parseEvent('{"event_id": ', { rules: { 'json-syntax': 'off' } });
    assert.equal(result.ok, false);
    assert.deepEqual(result.findings.map((f) => [f.code, f.severity, f.pointer]), [['untyped-body', 'error', '']]);
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
    // parseEvent's own code is no rule: setting it is refused, not ignored.
    assert.throws(() => parseEvent(text, { rules: { 'untyped-body': 'warning' } as never }), { name: 'TypeError', message: /"untyped-body" is parseEvent's own finding/ });
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
