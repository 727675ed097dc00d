// `alfred-events import` and `validate` on a capture, as a user runs them: the bundled dist/cli.js
// in a child process (README "Captures made before"). The expected lines are written by hand.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { capture, lineColumnOf, startPayload } from './capture-fixture';
import { example, tempFolder } from './helpers';

const CLI = path.resolve(__dirname, '../../dist/cli.js');

function cli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Payloads as a capture holds them (indented, spread over lines), and the same written compact by hand.
const P = [
  ['{\n        "b": 1,\n        "a": 9007199254740993\n      }', '{"b":1,"a":9007199254740993}'],
  ['{ "text": "two  spaces, a \\" quote,\\ttab", "n": [ 1.50, -0e0 ] }', '{"text":"two  spaces, a \\" quote,\\ttab","n":[1.50,-0e0]}'],
  ['{\r\n  "x": { "y": [ ] },\r\n  "x": true\r\n}', '{"x":{"y":[]},"x":true}'],
  ['{"k": "\u00e9t\u00e9 \\u00e9"}', '{"k":"\u00e9t\u00e9 \\u00e9"}'],
  ['{ "last": null }', '{"last":null}'],
] as const;

/** A capture of the payloads P with these reception dates (undefined: no reception_date member). */
function captureOf(dates: readonly (string | undefined)[]): string {
  const entries = dates.map((d, i) => `    {\n      "payload": ${P[i]![0]}${d === undefined ? '' : `,\n      "reception_date": "${d}"`}\n    }`);
  return `{\n  "event_count": ${dates.length},\n  "events": [\n${entries.join(',\n')}\n  ]\n}\n`;
}

describe('alfred-events import', () => {
  it('writes one compact line per payload, each payload\'s own text, in reception order by RFC 3339 instants', () => {
    const dates = [
      '2024-05-24T20:00:00.500Z',
      '2024-05-24T21:00:00.100+02:00', // 19:00:00.100Z: the first
      '2024-05-24T20:00:00.5001Z', // a tenth of a millisecond after the first one
      '2024-05-24T20:00:00.5Z', // the same instant as the first one: file order
      undefined, // no date: right after the entry before it in the file
    ];
    const dir = tempFolder({ 'output.json': captureOf(dates) });
    const r = cli(['import', 'output.json'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, [P[1][1], P[0][1], P[3][1], P[4][1], P[2][1]].map((l) => `${l}\n`).join(''));
    assert.equal(r.stderr, 'alfred-events: output.json: 5 payloads written to stdout, in reception order (5 payloads not where the file had them)\n');
  });

  it('keeps the file\'s order when the dates agree with it, and leaves out an entry without payload', () => {
    const text = `{"event_count": 3, "events": [{"payload": ${P[0][0]}, "reception_date": "2024-05-24T20:00:00.000Z"}, {"reception_date": "2024-05-24T20:00:01.000Z"}, {"payload": ${P[4][0]}, "reception_date": "2024-05-24T20:00:02.000Z"}]}`;
    const dir = tempFolder({ 'c.json': text });
    const r = cli(['import', 'c.json'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `${P[0][1]}\n${P[4][1]}\n`);
    assert.equal(r.stderr, 'alfred-events: c.json: 2 payloads written to stdout, in reception order, as in the file\nalfred-events: c.json: events[1] has no payload: left out\n');
  });

  it('--out writes the log through a temporary file and a rename, leaving nothing else behind', () => {
    const dir = tempFolder({ 'c.json': captureOf(['2024-05-24T20:00:00Z', '2024-05-24T20:00:01Z']), 'old.alfred.jsonl': 'what was there\n' });
    const r = cli(['import', 'c.json', '--out', 'old.alfred.jsonl'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(fs.readFileSync(path.join(dir, 'old.alfred.jsonl'), 'utf8'), `${P[0][1]}\n${P[1][1]}\n`);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['c.json', 'old.alfred.jsonl']);
    assert.match(r.stderr, /2 payloads written to old\.alfred\.jsonl/);
  });

  it('an empty capture, as the demo writes it when it received nothing, is an empty log', () => {
    const dir = tempFolder({ 'output.json': '{\n  "event_count": 0,\n  "events": []\n}' });
    const toStdout = cli(['import', 'output.json'], dir);
    assert.equal(toStdout.status, 0, toStdout.stderr);
    assert.equal(toStdout.stdout, '');
    assert.match(toStdout.stderr, /^alfred-events: output\.json: 0 payloads written to stdout/);
    const toFile = cli(['import', 'output.json', '--out', 'empty.alfred.jsonl'], dir);
    assert.equal(toFile.status, 0, toFile.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'empty.alfred.jsonl'), 'utf8'), '');
  });

  it('refuses what is no capture with exit status 2, one line saying what and where, and writes nothing', () => {
    const dir = tempFolder({
      'payload.json': example('job_start_event'),
      'broken.json': '{\n  "events": [\n    {"payload": {"a": 1,}}\n  ]\n}\n',
      'other.json': '{"events": [{"data": {}}]}',
      'array.json': '[1, 2]',
      'no-payload.json': '{"event_count": 2, "events": [{"reception_date": "2024-05-24T20:00:00.000Z"}, {}]}',
      'bare-empty.json': '{"events": []}',
      'geo.json': `{"type": "FeatureCollection", "features": [], "events": [{"payload": ${example('job_start_event')}}]}`,
      'c.json': captureOf(['2024-05-24T20:00:00Z']),
    });
    const cases: [string[], RegExp][] = [
      [['import', 'payload.json', '--out', 'x.jsonl'], /^alfred-events: payload\.json holds Alfred payloads, not a capture/],
      [['import', 'broken.json', '--out', 'x.jsonl'], /^alfred-events: broken\.json is not valid JSON at 3:24: Trailing comma/],
      [['import', 'other.json', '--out', 'x.jsonl'], /^alfred-events: other\.json is not a capture: no entry of its "events" array has a "payload" member/],
      [['import', 'array.json', '--out', 'x.jsonl'], /^alfred-events: array\.json is not a capture: its top level is an array/],
      [['import', 'no-payload.json', '--out', 'x.jsonl'], /^alfred-events: no-payload\.json is not a capture: no entry of its "events" array has a "payload" member/],
      [['import', 'geo.json', '--out', 'x.jsonl'], /^alfred-events: geo\.json is not a capture: its top-level "type" member says it is another kind of JSON/],
      [['import', 'bare-empty.json', '--out', 'x.jsonl'], /^alfred-events: bare-empty\.json is not a capture: its "events" array is empty and it has no "event_count"/],
      [['import', 'missing.json'], /^alfred-events: cannot read missing\.json: no such file or directory/],
      [['import'], /import needs the PATH of a capture file/],
      [['import', 'c.json', 'payload.json'], /import takes one capture file, got 2/],
      [['import', 'c.json', '--out', 'c.json'], /--out c\.json is the capture itself/],
      [['import', 'c.json', '--salt', 's'], /'import' takes no --salt/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args, dir);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, message, args.join(' '));
      assert.equal(r.stderr.split('\n').length, 2, `one line: ${r.stderr}`);
      assert.equal(r.stdout, '');
    }
    assert.equal(fs.existsSync(path.join(dir, 'x.jsonl')), false);
    assert.equal(fs.readFileSync(path.join(dir, 'c.json'), 'utf8'), captureOf(['2024-05-24T20:00:00Z']));
  });
});

describe('alfred-events validate on a capture', () => {
  const A = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
  const B = '6fa459ea-ee8a-4ca4-894e-db77e160355e';

  it('reports a planted error at its line and column inside the capture, and a redelivery across payloads', () => {
    const text = capture([
      [startPayload(A, '1716580800'), '2024-05-24T20:00:01.123Z'],
      [startPayload(B, '"soon"'), '2024-05-24T20:00:02.123Z'],
      [startPayload(A, '1716580800'), '2024-05-24T20:00:03.123Z'],
    ]);
    const dir = tempFolder({ 'sub/output.json': text });
    // Found in a directory by its content, as a plain .json capture of Alfred payloads.
    const r = cli(['validate', 'sub'], dir);
    assert.equal(r.status, 1, r.stderr);
    const soon = lineColumnOf(text, '"soon"');
    const again = lineColumnOf(text, `"${A}"`, 1);
    const first = lineColumnOf(text, `"${A}"`, 0);
    const file = path.join('sub', 'output.json');
    assert.deepEqual(r.stdout.split('\n').slice(0, 2), [
      `${file}:${soon.line}:${soon.column}  error  invalid-type  event_time must be a Unix time in seconds between 2000 and 2100 in job_start_event, found the string "soon"`,
      `${file}:${again.line}:${again.column}  warning  duplicate-event-id  event_id ${A} is also the id of an earlier event: a redelivery, or two events sharing an id; receivers de-duplicate on event_id and would drop this one (see ${file}:${first.line}:${first.column})`,
    ]);
  });

  it('the log that import writes from a capture with a redelivery validates with duplicate-event-id', () => {
    const text = capture([[startPayload(A, '1716580800'), '2024-05-24T20:00:02Z'], [startPayload(A, '1716580800'), '2024-05-24T20:00:01Z']]);
    const dir = tempFolder({ 'c.json': text });
    assert.equal(cli(['import', 'c.json', '--out', 'c.alfred.jsonl'], dir).status, 0);
    const r = cli(['validate', '--format', 'json', 'c.alfred.jsonl'], dir);
    const report = JSON.parse(r.stdout) as { files: { diagnostics: { code: string; record: number; range: { start: { line: number } } }[] }[] };
    assert.deepEqual(report.files[0]!.diagnostics.map((d) => [d.code, d.record, d.range.start.line]), [['duplicate-event-id', 1, 1]]);
  });
});
