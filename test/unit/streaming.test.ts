// The streaming engine (src/core/pipeline: chunk, cross-stream, engine) against the answer it
// replaces: validate() of each whole file, the invalid bytes of its decoding, and
// crossCheckSources over all of them, merged by offset (what the CLI printed before issue 12).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pkg from '../../package.json';
import { formatJson } from '../../src/cli/report-json';
import { formatSarif } from '../../src/cli/report-sarif';
import { formatText } from '../../src/cli/report-text';
import { Progress } from '../../src/cli/progress';
import type { CheckedFile } from '../../src/cli/results';
import {
  ByteDecoder,
  checkChunkBytes,
  crossCheckSources,
  decodeBytes,
  encodingDiagnostics,
  modeOfName,
  validate,
  validateStreamed,
  type Diagnostic,
  type DocumentMode,
  type RuleSetting,
} from '../../src/core/index';
import { log } from '../../bench/data';
import { FIXTURES } from './helpers';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

interface File {
  uri: string;
  bytes: Uint8Array;
  mode: DocumentMode;
}

/** The answer before the streaming engine, computed from whole texts as the CLI used to. */
function wholeFileAnswer(files: readonly File[], rules?: Record<string, RuleSetting>): Diagnostic[][] {
  const read = files.map((f) => decodeBytes(f.bytes));
  const out = files.map((f, i) => {
    const found = validate(read[i]!.text, { mode: f.mode, rules, crossEvent: false });
    const encoding = encodingDiagnostics(read[i]!.text, read[i]!.invalid, rules);
    return encoding.length > 0 ? [...encoding, ...found].sort((a, b) => a.offset - b.offset) : found;
  });
  const sources = files.map((f, i) => ({ uri: f.uri, text: read[i]!.text, mode: f.mode }));
  crossCheckSources(sources, rules).forEach((extra, i) => {
    if (extra.length > 0) out[i] = [...out[i]!, ...extra].sort((a, b) => a.offset - b.offset);
  });
  return out;
}

function assertSame(files: readonly File[], chunkBytes: number, rules?: Record<string, RuleSetting>): void {
  const want = wholeFileAnswer(files, rules);
  const got = validateStreamed(files.map((f) => ({ ...f, rules })), chunkBytes);
  files.forEach((f, i) => assert.deepEqual(got[i], want[i], `${f.uri}, chunks of ${chunkBytes} bytes`));
}

/** The lines of a generated log (1% of them broken in the usual ways). */
const LINES = log(400).trimEnd().split('\n');

describe('streaming engine equals whole-file validation', () => {
  it('on every fixture, alone and all together (cross-file rules)', () => {
    const files: File[] = [];
    const walk = (dir: string): void => {
      for (const name of fs.readdirSync(dir).sort()) {
        const abs = path.join(dir, name);
        if (fs.statSync(abs).isDirectory()) walk(abs);
        else if (/\.(json|jsonl|ndjson)$/.test(name)) files.push({ uri: path.relative(FIXTURES, abs), bytes: fs.readFileSync(abs), mode: modeOfName(name) });
      }
    };
    walk(FIXTURES);
    assert.ok(files.length > 50);
    for (const f of files) assertSame([f], 64);
    assertSame(files, 1 << 20);
  });

  it('with chunks cut after every line, at every awkward place', () => {
    const cases: Record<string, string | Uint8Array> = {
      'CRLF line ends': LINES.slice(0, 60).join('\r\n') + '\r\n',
      'lone CR line ends': LINES.slice(0, 60).join('\r'),
      'mixed line ends and blank lines': `\n\n${LINES.slice(0, 20).join('\r\n')}\r\n \t\r\n\r\n${LINES.slice(20, 40).join('\r')}\n\n\n${LINES.slice(40, 60).join('\n')}`,
      'a BOM': '\uFEFF' + LINES.slice(0, 30).join('\n') + '\n',
      // The second is text, blanked (validate.ts): the first record parses, so its redelivery is a duplicate.
      'two BOMs': '\uFEFF\uFEFF' + LINES.slice(0, 30).join('\n') + '\n' + LINES[0],
      'last line without a newline': LINES.slice(0, 30).join('\n'),
      'multi-byte characters at the ends of lines': LINES.slice(0, 30).map((l, i) => (i % 2 ? l.replace('Northwind', 'Nörthwïnd 😀') : l)).join('\n') + '\n😀\n',
      'an empty file': '',
      'only blank lines': '\n\r\n \n',
      'invalid UTF-8 in records and between them': new Uint8Array([...utf8(LINES[0]! + '\n'), 0xff, 0x0a, 0xe2, 0x82, 0x0a, ...utf8(LINES[1]!.replace('Logistics', 'Logistics\u00e9')).map((b) => (b === 0xc3 ? 0xc0 : b)), 0x0a, 0xf0, 0x9f]),
      'more invalid bytes than are shown': new Uint8Array(Array.from({ length: 30 }, (_, i) => [...utf8(LINES[i]!), 0x20, 0xff, 0x0a]).flat()),
      'a pretty-printed document saved as a log': JSON.stringify(JSON.parse(LINES[0]!), null, 2) + '\n',
      'a lone bracket that is not a document': '{\n' + LINES.slice(0, 5).join('\n'),
    };
    for (const [name, content] of Object.entries(cases)) {
      const bytes = typeof content === 'string' ? utf8(content) : content;
      for (const size of [1, 100, 1000, 1 << 20]) {
        assert.doesNotThrow(() => assertSame([{ uri: `${name}.alfred.jsonl`, bytes, mode: 'log' }], size), name);
      }
    }
  });

  it('with UTF-16 files (read whole) beside UTF-8 ones', () => {
    const text = LINES.slice(0, 20).join('\r\n');
    const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Uint16Array.from(text, (c) => c.charCodeAt(0)).buffer)]);
    const be = new Uint8Array([0xfe, 0xff, ...Array.from(text, (c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff]).flat()]);
    assertSame([{ uri: 'le.alfred.jsonl', bytes: le, mode: 'log' }, { uri: 'be.alfred.jsonl', bytes: be, mode: 'log' }, { uri: 'u8.alfred.jsonl', bytes: utf8(text), mode: 'log' }], 100);
  });

  it('duplicates across chunks and files, and a job story split across two files', () => {
    const story = LINES.slice(0, 45);
    const files: File[] = [
      { uri: 'first-half.alfred.jsonl', bytes: utf8(story.slice(0, 20).join('\n') + '\n' + story[30] + '\n'), mode: 'log' },
      // The job's end, then events after it in the other file; and redeliveries of the first file's events.
      { uri: 'second-half.alfred.jsonl', bytes: utf8([...story.slice(20, 45), story[3], story[10]!.toUpperCase().replace(/"EVENT_ID"/, '"event_id"')].join('\n')), mode: 'log' },
      { uri: 'one.alfred.json', bytes: utf8(JSON.stringify(JSON.parse(story[5]!), null, 2)), mode: 'document' },
    ];
    const want = wholeFileAnswer(files);
    assert.ok(want.flat().some((d) => d.code === 'duplicate-event-id' && d.related?.[0]?.uri === 'first-half.alfred.jsonl'), 'a duplicate across files');
    for (const size of [1, 500, 1 << 20]) assertSame(files, size);
  });

  it('a job first written in upper case is named so in its findings (ids compare by idKey, RFC 9562 §4)', () => {
    const job = JSON.parse(LINES[0]!) as { event: { job_id: string }; event_id: string; event_time: number };
    const mine = LINES.filter((l) => l.includes(job.event.job_id));
    const upper = job.event.job_id.toUpperCase();
    // The job's creation again, with an id of its own, a day after everything else: an event after the job's end.
    const late = { ...job, event_id: '00000000-0000-4000-8000-000000000001', event_time: job.event_time + 86400 * 30 };
    const lines = [mine[0]!.replace(job.event.job_id, upper), ...mine.slice(1), JSON.stringify(late)];
    const files: File[] = [{ uri: 'upper.alfred.jsonl', bytes: utf8(lines.join('\n')), mode: 'log' }];
    assert.ok(wholeFileAnswer(files)[0]!.some((d) => d.message.includes(upper.slice(0, 8))), 'the finding names the job as first written');
    assertSame(files, 1);
  });

  it('with the user\'s severities, rules turned off included', () => {
    const rules: Record<string, RuleSetting> = { 'json-syntax': 'off', 'duplicate-event-id': 'info', 'event-after-end': 'off', 'unknown-event-name': 'warning' };
    const bytes = utf8([...LINES.slice(0, 100), LINES[2], '{"broken": '].join('\n'));
    for (const size of [1, 1 << 20]) assertSame([{ uri: 'x.alfred.jsonl', bytes, mode: 'log' }], size, rules);
  });
});

describe('decoding in chunks equals decoding whole (WHATWG Encoding, UTF-8 decode)', () => {
  // Each maximal subpart of an ill-formed sequence is one U+FFFD (WHATWG Encoding §4.1, "UTF-8 decoder").
  const vectors: { bytes: number[]; text: string; invalid: { offset: number; bytes: number[] }[] }[] = [
    { bytes: [0x41, 0xe2, 0x82, 0x41], text: 'A\uFFFDA', invalid: [{ offset: 1, bytes: [0xe2, 0x82] }] },
    { bytes: [0xf0, 0x80, 0x41], text: '\uFFFD\uFFFDA', invalid: [{ offset: 0, bytes: [0xf0] }, { offset: 1, bytes: [0x80] }] },
    { bytes: [0xef, 0xbb, 0xbf, 0xf0, 0x9f, 0x98, 0x80, 0xff], text: '\u{1F600}\uFFFD', invalid: [{ offset: 2, bytes: [0xff] }] },
    { bytes: [0x41, 0xf0, 0x9f, 0x98], text: 'A\uFFFD', invalid: [{ offset: 1, bytes: [0xf0, 0x9f, 0x98] }] },
    { bytes: [0xed, 0xa0, 0x80], text: '\uFFFD\uFFFD\uFFFD', invalid: [{ offset: 0, bytes: [0xed] }, { offset: 1, bytes: [0xa0] }, { offset: 2, bytes: [0x80] }] },
    { bytes: [0xef, 0xbf, 0xbd], text: '\uFFFD', invalid: [] },
  ];
  it('the standard\'s replacements, at every split into two and three pieces', () => {
    for (const v of vectors) {
      const bytes = new Uint8Array(v.bytes);
      assert.deepEqual(decodeBytes(bytes), { text: v.text, invalid: v.invalid });
      for (let i = 0; i <= bytes.length; i++) {
        for (let j = i; j <= bytes.length; j++) {
          const d = new ByteDecoder();
          const text = d.push(bytes.subarray(0, i)) + d.push(bytes.subarray(i, j)) + d.push(bytes.subarray(j)) + d.end();
          assert.equal(text, v.text, `split at ${i}, ${j}`);
          assert.deepEqual(d.invalid, v.invalid, `split at ${i}, ${j}`);
        }
      }
    }
  });

  it('a log chunk decodes to the standard\'s text, valid or not (one call when valid, the stream decoder when not)', () => {
    // Not a file's start: a BOM there is text, U+FEFF (WHATWG Encoding, "UTF-8 decode" strips only a stream's first).
    const bom = (b: number[]): boolean => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
    for (const v of vectors) {
      const r = checkChunkBytes(new Uint8Array([...v.bytes, 0x0a]), { mode: 'log', first: false });
      assert.equal(r.units, (bom(v.bytes) ? 1 : 0) + v.text.length + 1, String(v.bytes));
      assert.equal(r.invalid, v.invalid.length, String(v.bytes));
    }
    // Valid, beyond ASCII: é is one UTF-16 unit, U+1F600 two (a surrogate pair), U+2028 one and no line break.
    const valid = checkChunkBytes(utf8('\uFEFF{"a":"\u00e9\u{1F600}\u2028"}\n'), { mode: 'log', first: false });
    assert.deepEqual([valid.units, valid.lines, valid.invalid], [1 + 12 + 1, 1, 0]);
  });

  it('UTF-16 by its byte order mark, split inside a code unit', () => {
    const le = new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x3d, 0xd8, 0x00, 0xde, 0x7d, 0x00]);
    const d = new ByteDecoder();
    const text = [...le].map((b) => d.push(new Uint8Array([b]))).join('') + d.end();
    assert.equal(text, '{\u{1F600}}');
    assert.equal(decodeBytes(new Uint8Array([0xfe, 0xff, 0x00, 0x7b])).text, '{');
  });
});

describe('command line: streamed reports', () => {
  let dir: string;
  const files: CheckedFile[] = [];

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alfred-stream-'));
    // Over the size from which logs go to worker threads, in chunks of 1 MB.
    const big = log(16000);
    const parts = { 'a.alfred.jsonl': big, 'b.alfred.jsonl': LINES.slice(0, 60).join('\r\n'), 'c.alfred.json': JSON.stringify(JSON.parse(LINES[7]!), null, 2) };
    for (const [name, text] of Object.entries(parts)) fs.writeFileSync(path.join(dir, name), text);
    const list = Object.keys(parts).map((name) => ({ uri: name, bytes: fs.readFileSync(path.join(dir, name)), mode: modeOfName(name) }));
    wholeFileAnswer(list).forEach((diagnostics, i) => files.push({ display: list[i]!.uri, relative: list[i]!.uri, absolute: path.join(dir, list[i]!.uri), mode: list[i]!.mode, diagnostics }));
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cli = (args: string[], threads?: number) =>
    spawnSync(process.execPath, [CLI, 'validate', '.', ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, LC_ALL: 'C', ...(threads === undefined ? {} : { ALFRED_EVENTS_THREADS: String(threads) }) } });

  it('json, sarif and text equal the reports made whole, on worker threads and without', () => {
    // The CLI's working directory as the system gives it: the real path.
    const root = fs.realpathSync(dir);
    const want = {
      json: formatJson(files),
      sarif: formatSarif(files, { version: pkg.version, root }),
      text: formatText(files),
    };
    for (const threads of [undefined, 0, 2]) {
      for (const format of ['json', 'sarif', 'text'] as const) {
        const r = cli(['--format', format], threads);
        assert.equal(r.stderr, '');
        assert.equal(r.status, 1);
        if (format !== 'text') JSON.parse(r.stdout);
        assert.equal(r.stdout, want[format], `${format}, threads ${threads}`);
      }
    }
  });

  it('a reader that stops early (a closed pipe) is no error', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" validate . --format json | head -c 100 > /dev/null`], { cwd: dir, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
    assert.equal(r.stderr, '');
  });
});

describe('progress line', () => {
  it('appears only after a while, is rewritten in place, and is erased at the end', () => {
    let now = 0;
    const written: string[] = [];
    const p = new Progress((t) => written.push(t), () => now, 1000, 200);
    p.update(10, 100);
    assert.deepEqual(written, []);
    now = 1500;
    p.update(50 << 20, 100 << 20);
    now = 1600;
    p.update(60 << 20, 100 << 20);
    assert.deepEqual(written, ['\r\x1b[Kalfred-events: checked 50 MB of 100 MB (50%)']);
    p.clear();
    assert.equal(written.at(-1), '\r\x1b[K');
  });

  it('a run that never showed it erases nothing', () => {
    const written: string[] = [];
    const p = new Progress((t) => written.push(t), () => 0);
    p.update(1, 2);
    p.clear();
    assert.deepEqual(written, []);
  });
});
