// `alfred-events validate --format junit` (README "Command line"), run in-process on files in a
// temporary folder. Every document is validated against the Jenkins xunit plugin's JUnit schema
// (test/fixtures/junit) by libxml2's xmllint, compiled to WebAssembly: offline. Its counts and
// names are checked against the findings of `--format json`, a writer of its own, and against
// positions and pointers worked out from the payload's text.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { validateXML } from 'xmllint-wasm';
import { helpText } from '../../src/cli/args';
import { Output } from '../../src/cli/output';
import type { JsonReport } from '../../src/cli/report-json';
import { writeJunit } from '../../src/cli/report-junit';
import { run } from '../../src/cli/run';
import type { Diagnostic } from '../../src/core/index';
import { fixture, FIXTURES, tempFolder } from './helpers';

const XSD = fs.readFileSync(path.join(FIXTURES, 'junit', 'junit-10.xsd'), 'utf8');

async function valid(xml: string): Promise<void> {
  const result = await validateXML({ xml: [{ fileName: 'validate.xml', contents: xml }], schema: [{ fileName: 'junit-10.xsd', contents: XSD }] });
  assert.ok(result.valid, result.errors.map((e) => e.rawMessage).join('\n') + '\n' + xml);
}

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

async function validate(cwd: string, ...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const status = await run(['validate', ...args], { cwd, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { status, stdout, stderr };
}

/** The JUnit report and the JSON one of the same run, the JUnit one validated against the schema. */
async function both(cwd: string, ...args: string[]): Promise<{ junit: Run; suites: Suite[]; json: JsonReport }> {
  const junit = await validate(cwd, '--format', 'junit', ...args);
  await valid(junit.stdout);
  const json = await validate(cwd, '--format', 'json', ...args);
  assert.equal(junit.status, json.status, 'the same exit status as the other formats');
  return { junit, suites: readJunit(junit.stdout).suites, json: JSON.parse(json.stdout) as JsonReport };
}

// --- A reader of the documents, decoding as an XML 1.0 parser does --------------------------

interface Case {
  name: string;
  classname: string;
  time: string;
  failure?: { message: string; type: string; text: string };
  skipped?: string;
}

interface Suite {
  attributes: Record<string, string>;
  name: string;
  tests: number;
  failures: number;
  skipped: number;
  cases: Case[];
  out?: string;
}

/** Character and entity references (XML 1.0 §4.1, §4.6). */
function references(s: string): string {
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  return s.replace(/&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(\w+));/g, (_, hex?: string, dec?: string, name?: string) =>
    hex !== undefined ? String.fromCodePoint(parseInt(hex, 16)) : dec !== undefined ? String.fromCodePoint(Number(dec)) : named[name!]!,
  );
}

/** An attribute's value: literal white space becomes a space (§3.3.3), then references are replaced. */
const attributeValue = (raw: string): string => references(raw.replace(/[\t\n\r]/g, ' '));

/** Character data: line ends become LF (§2.11), then references are replaced. */
const textValue = (raw: string): string => references(raw.replace(/\r\n?/g, '\n'));

function attributesOf(raw: string): Record<string, string> {
  return Object.fromEntries([...raw.matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => [m[1]!, attributeValue(m[2]!)]));
}

function readJunit(xml: string): { attributes: Record<string, string>; suites: Suite[] } {
  const root = /<testsuites ([^>]*)>/.exec(xml);
  assert.ok(root, 'a <testsuites> root');
  const suites = [...xml.matchAll(/<testsuite ([^>]*)>([\s\S]*?)<\/testsuite>/g)].map((m): Suite => {
    const attributes = attributesOf(m[1]!);
    const body = m[2]!;
    const cases = [...body.matchAll(/<testcase ([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g)].map((c): Case => {
      const a = attributesOf(c[1]!);
      const inner = c[2] ?? '';
      const failure = /<failure ([^>]*)>([\s\S]*?)<\/failure>/.exec(inner);
      const skipped = /<skipped ([^>]*)\/>/.exec(inner);
      return {
        name: a.name!,
        classname: a.classname!,
        time: a.time!,
        ...(failure ? { failure: { message: attributesOf(failure[1]!).message!, type: attributesOf(failure[1]!).type!, text: textValue(failure[2]!) } } : {}),
        ...(skipped ? { skipped: attributesOf(skipped[1]!).message! } : {}),
      };
    });
    const out = /<system-out>([\s\S]*?)<\/system-out>/.exec(body);
    return {
      attributes,
      name: attributes.name!,
      tests: Number(attributes.tests),
      failures: Number(attributes.failures),
      skipped: Number(attributes.skipped),
      cases,
      ...(out ? { out: textValue(out[1]!) } : {}),
    };
  });
  return { attributes: attributesOf(root[1]!), suites };
}

// --- Payloads -------------------------------------------------------------------------------

const RETRY = JSON.parse(fixture('examples', 'job_retry_event.alfred.json')) as { event: Record<string, unknown> } & Record<string, unknown>;
let ids = 0;

/** The job_retry_event example with changes, and an event_id and job_id of its own (no finding across files). */
function retry(envelope: Record<string, unknown> = {}, event: Record<string, unknown> = {}): string {
  const n = String(++ids).padStart(12, '0');
  const payload = { ...RETRY, event_id: `0f8fad5b-d9cb-469f-a165-${n}`, ...envelope, event: { ...RETRY.event, job_id: `7c9e6679-7425-40de-944b-${n}`, ...event } };
  return JSON.stringify(payload, null, 2) + '\n';
}

/** 1-based `line:column` of the first `needle` in `text`, `skip` code units into it. */
function at(text: string, needle: string, skip = 0): string {
  const index = text.indexOf(needle);
  assert.ok(index >= 0, `${needle} not in the text`);
  const before = text.slice(0, index + skip);
  return `${before.split('\n').length}:${before.length - before.lastIndexOf('\n')}`;
}

/**
 * What the JSON report says a file's failed testcases must be: its errors and warnings, in order,
 * each named `code pointer at file:line:col`, without the pointer when it is "" (README "Command line"), a name that repeats in the
 * file numbered ` #2`, ` #3` so that every name is unique, as GitLab needs.
 */
function expectedFailures(file: JsonReport['files'][number]): { name: string; type: string; message: string }[] {
  const count = new Map<string, number>();
  return file.diagnostics
    .filter((d) => d.severity !== 'info')
    .map((d) => {
      const base = `${d.code}${d.pointer === '' ? '' : ` ${d.pointer}`} at ${file.file}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
      const n = (count.get(base) ?? 0) + 1;
      count.set(base, n);
      return { name: n === 1 ? base : `${base} #${n}`, type: d.severity, message: d.message };
    });
}

const CLASSNAME = 'alfred-events.validate';

describe('alfred-events validate --format junit', () => {
  it('a clean file is one passing testcase in a testsuite of its own, and the run exits 0', async () => {
    const dir = tempFolder({ 'clean.alfred.json': retry() });
    const { junit, suites } = await both(dir, '--no-config', 'clean.alfred.json');
    assert.equal(junit.status, 0);
    assert.equal(junit.stderr, '');
    assert.deepEqual(suites, [
      {
        attributes: { name: 'clean.alfred.json', tests: '1', failures: '0', errors: '0', skipped: '0', time: '0.000' },
        name: 'clean.alfred.json', tests: 1, failures: 0, skipped: 0,
        cases: [{ name: 'clean.alfred.json', classname: CLASSNAME, time: '0.000' }],
      },
    ]);
    assert.deepEqual(readJunit(junit.stdout).attributes, { name: 'alfred-events validate', tests: '1', failures: '0', errors: '0', time: '0.000' });
  });

  it('each error and warning is a failed testcase named after its rule and place, with the message, the severity and the JSON Pointer', async () => {
    const text = retry({ event_id: 'not-a-uuid' }, { retries: -1 });
    const dir = tempFolder({ 'payloads/bad.alfred.json': text, 'payloads/warned.alfred.json': retry({}, { priority: 1 }) });
    const { junit, suites, json } = await both(dir, '--no-config', 'payloads');
    assert.equal(junit.status, 1, 'an error fails the run');
    const [bad, warned] = suites;
    assert.ok(bad && warned);
    // Worked out from the text: out-of-range on the -1 (README "Rules"), invalid-uuid on event_id's value.
    const outOfRange = bad.cases.find((c) => c.name.startsWith('out-of-range '));
    assert.equal(outOfRange?.name, `out-of-range /event/retries at payloads/bad.alfred.json:${at(text, '"retries": -1', '"retries": '.length)}`);
    assert.equal(outOfRange.classname, CLASSNAME);
    assert.equal(outOfRange.failure?.type, 'error');
    assert.match(outOfRange.failure.text, /\nJSON Pointer: \/event\/retries$/);
    assert.ok(bad.cases.some((c) => c.name.startsWith('invalid-uuid /event_id at payloads/bad.alfred.json:') && c.failure?.type === 'warning'));
    // The warnings alone fail a testcase but not the run (exit status as the text report's).
    assert.deepEqual(warned.cases.map((c) => [c.name.split(' at ')[0], c.failure?.type]), [['unknown-field /event/priority', 'warning']]);
    assert.match(warned.cases[0]!.failure!.text, /\nJSON Pointer: \/event\/priority$/);
    assert.equal((await validate(dir, '--no-config', '--format', 'junit', 'payloads/warned.alfred.json')).status, 0);
    // Every failure as the JSON report has it: name, type, message; its text starts with the text report's line.
    for (const [i, file] of json.files.entries()) {
      const suite = suites[i]!;
      assert.deepEqual(suite.cases.map((c) => ({ name: c.name, type: c.failure?.type, message: c.failure?.message })), expectedFailures(file));
      for (const [k, d] of file.diagnostics.entries()) {
        const first = suite.cases[k]!.failure!.text.split('\n')[0];
        assert.equal(first, `${file.file}:${d.range.start.line + 1}:${d.range.start.character + 1}  ${d.severity}  ${d.code}  ${d.message}`);
      }
      assert.equal(suite.tests, file.diagnostics.length);
      assert.equal(suite.failures, file.diagnostics.length);
    }
  });

  it('every testcase of a suite has its own name, as GitLab keys them (suite, class name, name): each missing field by its pointer', async () => {
    // A job_retry_event with only its name: every missing field is reported at the event.
    const text = '{"event_id": "0f8fad5b-d9cb-469f-a165-70867728950e", "event": {"event_name": "job_retry_event"}}';
    const dir = tempFolder({ 'bare.alfred.json': text });
    const { suites } = await both(dir, '--no-config', 'bare.alfred.json');
    const names = suites[0]!.cases.map((c) => c.name);
    assert.ok(names.length > 5, names.join('\n'));
    assert.equal(new Set(names).size, names.length, names.join('\n'));
    assert.ok(names.includes(`missing-field /event/job_id at bare.alfred.json:${at(text, '{"event_name"')}`), names.join('\n'));
  });

  it('a file that cannot be parsed fails with its json-syntax findings', async () => {
    const dir = tempFolder({ 'broken.alfred.json': '{"event_id": "0f8fad5b-d9cb-469f-a165-70867728950e", "event": {' });
    const { junit, suites, json } = await both(dir, '--no-config', 'broken.alfred.json');
    assert.equal(junit.status, 1);
    assert.equal(suites.length, 1);
    const suite = suites[0]!;
    assert.ok(suite.cases.length >= 1);
    assert.ok(suite.cases.every((c) => /^json-syntax( \S+)? at broken\.alfred\.json:/.test(c.name) && c.failure?.type === 'error'), JSON.stringify(suite.cases));
    assert.deepEqual(suite.cases.map((c) => ({ name: c.name, type: c.failure?.type, message: c.failure?.message })), expectedFailures(json.files[0]!));
    assert.equal(suite.failures, suite.cases.length);
  });

  it('infos fail nothing: they are no testcase, but each is a line of the testsuite\'s system-out', async () => {
    const alias = fixture('examples', 'file_added_to_job_event.alfred.json').replace('"file_added_to_job_event"', '"file_add_to_job_event"');
    const dir = tempFolder({ 'alias.alfred.json': alias, 'both.alfred.json': retry({}, { priority: 1 }) });
    const { junit, suites, json } = await both(dir, '--no-config', '--rule', 'unknown-field=info', '.');
    assert.equal(junit.status, 0);
    // event-name-alias is info by default (README "Rules"); unknown-field made one by --rule.
    assert.deepEqual(suites.map((s) => [s.name, s.tests, s.failures, s.cases.map((c) => c.name)]), [
      ['alias.alfred.json', 1, 0, ['alias.alfred.json']],
      ['both.alfred.json', 1, 0, ['both.alfred.json']],
    ]);
    assert.equal(suites[0]!.out, `alias.alfred.json:${at(alias, '"file_add_to_job_event"')}  info  event-name-alias  ${json.files[0]!.diagnostics[0]!.message}\n`);
    assert.match(suites[1]!.out ?? '', /^both\.alfred\.json:\d+:\d+ {2}info {2}unknown-field {2}"priority" is not a field of job_retry_event\n$/);
  });

  it('a file too large to check is a skipped testcase; made a warning, a failed one', async () => {
    // maxFileSizeMB only has to be above 0 (README "Team configuration"): 0.0001 MiB is 104 bytes.
    const dir = tempFolder({ 'big.alfred.json': retry(), '.alfred-events.json': JSON.stringify({ maxFileSizeMB: 0.0001 }) });
    const { junit, suites } = await both(dir, 'big.alfred.json');
    assert.equal(junit.status, 0);
    assert.deepEqual(suites.map((s) => [s.tests, s.failures, s.skipped]), [[1, 0, 1]]);
    assert.equal(suites[0]!.cases[0]!.name, 'big.alfred.json');
    assert.match(suites[0]!.cases[0]!.skipped ?? '', /larger than the maxFileSizeMB limit/);
    const warned = await both(dir, '--rule', 'file-too-large=warning', 'big.alfred.json');
    assert.deepEqual(warned.suites.map((s) => [s.tests, s.failures, s.skipped, s.cases[0]!.name]), [[1, 1, 0, 'file-too-large at big.alfred.json:1:1']]);
  });

  it('escapes markup and quotes from names and payloads, and writes no character XML 1.0 cannot hold', async () => {
    // A file name may hold anything but / and NUL; a key anything JSON can escape.
    const name = 'we<i>rd & "quoted" \'it\' \u0001\u001b.alfred.json';
    const text = retry({}, { '<&"\'\u0001]]>': 1 });
    const dir = tempFolder({ [name]: text });
    const { junit, suites, json } = await both(dir, '--no-config', '.');
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(junit.stdout, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/, 'no character XML 1.0 (§2.2) forbids');
    const shown = 'we<i>rd & "quoted" \'it\' \ufffd\ufffd.alfred.json';
    assert.equal(suites[0]!.name, shown);
    const failure = suites[0]!.cases[0]!;
    // unknown-field is on the key, from its opening quote; its pointer (RFC 6901) is the key as it is, the control character as U+FFFD.
    assert.equal(failure.name, `unknown-field /event/<&"'\ufffd]]> at ${shown}:${at(text, '"<&')}`);
    assert.equal(failure.failure?.message, json.files[0]!.diagnostics[0]!.message);
    assert.match(failure.failure?.message ?? '', /^"<&\\"'\\u0001\]\]>" is not a field of job_retry_event$/);
  });

  it('writes a message as it is, line ends and tabs kept, where XML 1.0 can carry it', async () => {
    const message = 'a\u0000b <&"\'> ]]> \r\n\tx \ud800 \ufffe \u{1F600} ü';
    const d: Diagnostic = {
      code: 'unknown-field', severity: 'error', message, pointer: '',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, offset: 0, length: 1,
    };
    let xml = '';
    const out = new Output((t) => void (xml += t));
    await writeJunit([{ display: 'x.alfred.json', relative: 'x.alfred.json', absolute: '/x.alfred.json', mode: 'document', diagnostics: [d] }], out);
    await out.flush();
    await valid(xml);
    const kept = 'a\ufffdb <&"\'> ]]> \r\n\tx \ufffd \ufffd \u{1F600} ü';
    const c = readJunit(xml).suites[0]!.cases[0]!;
    assert.equal(c.failure?.message, kept, 'CR, LF and tab survive attribute-value normalisation (§3.3.3)');
    // The text holds the message on one line, as the text report prints it, and the root pointer in words.
    assert.equal(c.failure?.text, `x.alfred.json:1:1  error  unknown-field  a\ufffdb <&"'> ]]> x \ufffd \ufffd \u{1F600} ü\nJSON Pointer: "" (the whole payload)`);
  });

  it('many files: a testsuite each, in the order of the text and JSON reports, with counts equal to their findings', async () => {
    const files: Record<string, string> = {};
    // Names whose code-unit order differs from a case-blind or numeric one.
    for (let i = 0; i < 40; i++) {
      const name = `${i % 3 === 0 ? 'B' : 'a'}/${i % 2 === 0 ? 'Z' : 'y'}${i}.alfred.json`;
      files[name] = i % 4 === 0 ? retry() : i % 4 === 1 ? retry({ event_id: 'x' }) : i % 4 === 2 ? retry({}, { retries: -1, priority: 2 }) : '{"event":';
    }
    const dir = tempFolder(files);
    const { junit, suites, json } = await both(dir, '--no-config', '.');
    assert.equal(junit.status, 1);
    const names = Object.keys(files).sort();
    assert.deepEqual(suites.map((s) => s.name), names);
    assert.deepEqual(json.files.map((f) => f.file), names);
    // The text report lists its problems file by file in the same order.
    const text = await validate(dir, '--no-config', '.');
    const textFiles = [...new Set(text.stdout.split('\n').slice(0, -2).map((l) => l.split(':')[0]!))];
    assert.deepEqual(textFiles, names.filter((n) => json.files.find((f) => f.file === n)!.diagnostics.length > 0));
    let tests = 0;
    let failures = 0;
    for (const [i, file] of json.files.entries()) {
      const failed = file.diagnostics.filter((d) => d.severity !== 'info').length;
      const suite = suites[i]!;
      assert.equal(suite.tests, Math.max(1, failed), file.file);
      assert.equal(suite.failures, failed, file.file);
      assert.equal(suite.cases.length, suite.tests);
      assert.equal(suite.cases.filter((c) => c.failure).length, failed);
      tests += suite.tests;
      failures += suite.failures;
    }
    assert.deepEqual(readJunit(junit.stdout).attributes, { name: 'alfred-events validate', tests: String(tests), failures: String(failures), errors: '0', time: '0.000' });
  });

  it('is the same document every run: no timestamp, host name or duration', async () => {
    const dir = tempFolder({ 'a.alfred.json': retry({ event_id: 'x' }), 'b.alfred.json': retry() });
    const first = await validate(dir, '--no-config', '--format', 'junit', '.');
    const second = await validate(dir, '--no-config', '--format', 'junit', 'b.alfred.json', 'a.alfred.json');
    assert.equal((await validate(dir, '--no-config', '--format', 'junit', '.')).stdout, first.stdout);
    assert.doesNotMatch(first.stdout, /timestamp=|hostname=|time="(?!0\.000")/);
    // Files named one by one are reported in the order given, as in the text report.
    assert.deepEqual(readJunit(second.stdout).suites.map((s) => s.name), ['b.alfred.json', 'a.alfred.json']);
  });

  it('exits 2 with nothing on stdout for a path that does not exist, as the other formats do', async () => {
    const dir = tempFolder({});
    const r = await validate(dir, '--no-config', '--format', 'junit', 'missing.alfred.json');
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /missing\.alfred\.json/);
  });

  it('is named in --help', () => {
    assert.match(helpText(), /validate \[--format text\|json\|sarif\|junit\]/);
    assert.match(helpText(), /junit \(JUnit XML for CI/);
  });
});
