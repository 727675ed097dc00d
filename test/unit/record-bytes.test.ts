// The record the CLI and the editor send, cut out of a file's bytes (README "Delivering to your
// receiver"): a UTF-8 file's own bytes (invalid ones too) without a BOM (RFC 8259 §8.1), a
// UTF-16 file by its BOM transcoded to UTF-8 (RFC 2781 §3.2), a log's line N ended by LF, CRLF or
// CR (README "Command line"), whatever the chunks the file arrives in.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RecordCutter, recordBytes, type RecordBytes } from '../../src/core/index';

const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));
const bytesOf = (found: RecordBytes): number[] => {
  assert.ok('bytes' in found, JSON.stringify(found));
  return [...found.bytes];
};

/** The same file fed in every split into two chunks, and byte by byte. */
function everySplit(file: Uint8Array, line: number | undefined): RecordBytes[] {
  const answers: RecordBytes[] = [];
  for (let at = 0; at <= file.length; at++) {
    const cutter = new RecordCutter(line);
    if (!cutter.push(file.slice(0, at))) cutter.push(file.slice(at));
    answers.push(cutter.end());
  }
  const cutter = new RecordCutter(line);
  for (const b of file) if (cutter.push(Uint8Array.of(b))) break;
  answers.push(cutter.end());
  return answers;
}

describe('the bytes of a record to send', () => {
  it('a payload file is sent whole, mixed line ends and invalid UTF-8 as they are, a UTF-8 BOM dropped', () => {
    const file = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('{\r\n "a": "é",\n "b": "'), 0xff, 0xc3, ...utf8('"\r}\n')]);
    for (const found of everySplit(file, undefined)) assert.deepEqual(bytesOf(found), [...file.subarray(3)]);
  });

  it('line N of a log without its terminator, lines ended by LF, CRLF or a lone CR', () => {
    const file = utf8('{"n":1}\r\n{"n":2}\r{"n":3}\n\n{"n":"ø"}');
    const expected: Record<number, string> = { 1: '{"n":1}', 2: '{"n":2}', 3: '{"n":3}', 4: '', 5: '{"n":"ø"}' };
    for (const [line, text] of Object.entries(expected)) {
      for (const found of everySplit(file, Number(line))) assert.deepEqual(bytesOf(found), [...utf8(text)], `line ${line}`);
    }
  });

  it('an invalid UTF-8 byte in a line is sent as it is, not as U+FFFD', () => {
    const file = Uint8Array.from([...utf8('{"a":1}\n{"name":"'), 0xe9, ...utf8('"}\n')]);
    assert.deepEqual(bytesOf(recordBytes(file, 2)), [...utf8('{"name":"'), 0xe9, ...utf8('"}')]);
  });

  it('a line past the end: how many lines there are (a final terminator starts no line)', () => {
    for (const found of everySplit(utf8('{}\n{}\n'), 3)) assert.deepEqual(found, { lines: 2 });
    for (const found of everySplit(utf8('{}\r\n{}'), Infinity)) assert.deepEqual(found, { lines: 2 });
    assert.deepEqual(recordBytes(new Uint8Array(0), 1), { lines: 0 });
    assert.deepEqual(recordBytes(new Uint8Array(0)), { bytes: new Uint8Array(0) });
  });

  it('a UTF-16 file, little- or big-endian by its BOM, is sent as UTF-8', () => {
    const text = '{"n":"é 😀"}\r\n{"n":2}';
    const le = Uint8Array.from([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    const be = Uint8Array.from([0xfe, 0xff, ...Buffer.from(text, 'utf16le').swap16()]);
    for (const file of [le, be]) {
      for (const found of everySplit(file, undefined)) assert.deepEqual(bytesOf(found), [...utf8(text)]);
      for (const found of everySplit(file, 1)) assert.deepEqual(bytesOf(found), [...utf8('{"n":"é 😀"}')]);
      assert.deepEqual(recordBytes(file, 3), { lines: 2 });
    }
  });

  it('stops reading a UTF-8 log once the line is complete', () => {
    const cutter = new RecordCutter(1);
    assert.equal(cutter.push(utf8('{"a":1}\n')), true);
    assert.deepEqual(bytesOf(cutter.end()), [...utf8('{"a":1}')]);
  });
});
