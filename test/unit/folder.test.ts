import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CROSS_EVENT_RULES, crossCheckSources, crossFindingsOn, decodeBytes, encodingDiagnostics, FileValidation, FolderValidation, placeFindings, recordsOf, validate,
  type Diagnostic, type DocumentMode,
} from '../../src/core/index';
import { fixture } from './helpers';
import { ev, withEnvelope } from './job-events';

interface File {
  uri: string;
  text: string;
  mode: DocumentMode;
}

/**
 * The reference: what the CLI reports for files named together (README "Command line"): each
 * file alone, then the cross-event rules over all of them at once.
 */
function reference(files: readonly File[]): Diagnostic[][] {
  const own = files.map((f) => validate(f.text, { mode: f.mode, crossEvent: false }));
  crossCheckSources(files).forEach((extra, i) => own[i]!.push(...extra));
  return own.map((ds) => ds.sort((a, b) => a.offset - b.offset || a.length - b.length));
}

const shape = (ds: readonly Diagnostic[]) => ds.map((d) => [d.code, d.severity, d.offset, d.length, d.related?.[0]?.uri ?? '', d.related?.[0]?.offset ?? -1]).sort();

/** A job story with every cross-event fault, its lines dealt over three files in several ways. */
function splits(): File[][] {
  const lines = fixture('broken', 'job-story.alfred.jsonl').split('\n').filter((l) => l.trim() !== '');
  const out: File[][] = [];
  for (let k = 1; k <= 5; k++) {
    const parts: string[][] = [[], [], []];
    lines.forEach((l, i) => parts[(i * k + (k > 3 ? i >> 2 : 0)) % 3]!.push(l));
    out.push(parts.map((p, i) => ({ uri: `f${i}.alfred.jsonl`, text: p.join('\n') + '\n', mode: 'log' })));
  }
  return out;
}

describe('a set of files checked as one body of events', () => {
  it('FolderValidation reports what the CLI reports for the same files, file by file', () => {
    let acrossFiles = 0;
    for (const files of splits()) {
      const run = new FolderValidation(files.map((f) => ({ uri: f.uri, mode: f.mode, text: f.text })));
      while (!run.step(1));
      assert.deepEqual(run.fileResults().map((r) => shape(r.diagnostics)), reference(files).map(shape));
      acrossFiles += run.fileResults().flatMap((r) => r.diagnostics).filter((d) => d.related?.[0]?.uri).length;
    }
    assert.ok(acrossFiles > 10, `only ${acrossFiles} findings point into another file`);
  });

  it('crossFindingsOn one file, among the others, gives its cross-event findings of the whole set', () => {
    for (const files of splits()) {
      const expected = reference(files);
      const sets = files.map((f) => ({ uri: f.uri, mode: f.mode, records: recordsOf(f.text, f.mode) }));
      files.forEach((_, target) => {
        const found = crossFindingsOn(target, sets);
        const placed = found ? placeFindings(files, found, undefined)[target]! : validate(files[target]!.text, { mode: 'log' }).filter((d) => CROSS_EVENT_RULES.has(d.code));
        assert.deepEqual(shape(placed), shape(expected[target]!.filter((d) => CROSS_EVENT_RULES.has(d.code))), `file ${target}`);
      });
    }
  });

  it('a file that shares no job and no event_id with the others is left to its own checks', () => {
    const sets = [
      { uri: 'a', mode: 'log' as const, records: recordsOf(ev('job_create_event', 0) + '\n', 'log') },
      { uri: 'b', mode: 'log' as const, records: recordsOf(ev('job_create_event', 0, { job_id: 'bbbbbbbb-0000-4000-8000-000000000001' }) + '\n', 'log') },
    ];
    assert.equal(crossFindingsOn(0, sets), undefined);
  });

  it('each finding takes the severity of the file it is on', () => {
    const first = ev('job_create_event', 0);
    const files = [
      { uri: 'a.alfred.jsonl', mode: 'log' as const, text: first + '\n' },
      { uri: 'b.alfred.jsonl', mode: 'log' as const, text: withEnvelope(ev('job_start_event', 5), { event_id: (JSON.parse(first) as { event_id: string }).event_id }) + '\n', rules: { 'duplicate-event-id': 'error' as const } },
    ];
    const run = new FolderValidation(files, { 'duplicate-event-id': 'off' });
    run.step();
    assert.deepEqual(run.fileResults().map((r) => r.diagnostics.map((d) => [d.code, d.severity])), [[], [['duplicate-event-id', 'error']]]);
  });
});

describe('file-too-large', () => {
  it('a file over its limit has the one notice at its start, and no part in the checks across files', () => {
    const big = ev('job_create_event', 0);
    const files = [
      { uri: 'big.alfred.jsonl', mode: 'log' as const, text: big + '\n', maxBytes: 10 },
      { uri: 'b.alfred.jsonl', mode: 'log' as const, text: big + '\n' },
    ];
    const run = new FolderValidation(files);
    run.step();
    const [first, second] = run.fileResults();
    assert.deepEqual(first!.diagnostics.map((d) => [d.code, d.severity, d.range]), [['file-too-large', 'info', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }]]);
    assert.equal(first!.text, undefined);
    assert.deepEqual(second!.diagnostics, [], 'the same event_id in the unchecked file is no duplicate');
    const off = new FileValidation({ uri: 'x', mode: 'log', size: 11, maxBytes: 10, rules: { 'file-too-large': 'off' } });
    assert.ok(off.step());
    assert.deepEqual(off.diagnostics(), []);
  });
});

describe('byte order marks', () => {
  // RFC 8259 §8.1: JSON text is UTF-8; a BOM (U+FEFF, Unicode §23.8) names UTF-16 and its byte order.
  const text = '{"a":"é"}';
  const utf16 = (bigEndian: boolean): Uint8Array => {
    const out = new Uint8Array(2 + text.length * 2);
    out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      out.set(bigEndian ? [c >> 8, c & 0xff] : [c & 0xff, c >> 8], 2 + 2 * i);
    }
    return out;
  };

  it('UTF-16 little- and big-endian by their BOM, UTF-8 otherwise, the BOM dropped', () => {
    assert.deepEqual(decodeBytes(utf16(false)), { text, invalid: [] });
    assert.deepEqual(decodeBytes(utf16(true)), { text, invalid: [] });
    assert.deepEqual(decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)])), { text, invalid: [] });
  });

  it('invalid UTF-8 is reported where it is, in every file of a set', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{"a":"'), 0xc3, 0x28, ...new TextEncoder().encode('"}')]);
    const decoded = decodeBytes(bytes);
    const run = new FolderValidation([{ uri: 'x.alfred.json', mode: 'document', bytes }]);
    run.step();
    const expected = encodingDiagnostics(decoded.text, decoded.invalid);
    assert.equal(expected.length, 1);
    assert.deepEqual(run.fileResults()[0]!.diagnostics.filter((d) => d.offset === expected[0]!.offset && d.code === 'json-syntax').map((d) => d.message), [expected[0]!.message]);
  });
});
