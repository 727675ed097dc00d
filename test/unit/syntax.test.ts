import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyEdits, fixesFor, validate, type Diagnostic, type DocumentMode } from '../../src/core/index';
import { example, marked } from './helpers';

/*
 * ECMA-404 decides what JSON is: its grammar has no comments, and a comma always separates two
 * values or members, so a comma before `}` or `]` is an error too. Each is its own mistake, so
 * each is reported at its own place in one pass: a comment hides nothing around it.
 */

const retry = example('job_retry_event');

/** The json-syntax diagnostics of a text, as the text they cover. */
function syntax(text: string, mode: DocumentMode = 'document'): Diagnostic[] {
  return validate(text, { mode }).filter((d) => d.code === 'json-syntax');
}

/** Asserts that the json-syntax diagnostics are exactly the ⟪marked⟫ spans. */
function expectSpans(markedText: string, mode: DocumentMode = 'document'): Diagnostic[] {
  const { text, spans } = marked(markedText);
  const ds = syntax(text, mode);
  assert.deepEqual(ds.map((d) => text.slice(d.offset, d.offset + d.length)), spans.map((s) => text.slice(s.offset, s.offset + s.length)), JSON.stringify(ds.map((d) => d.message)));
  assert.deepEqual(ds.map((d) => d.offset), spans.map((s) => s.offset));
  return ds;
}

describe('a comment hides no other syntax error', () => {
  // One line each, so that a log record gets the same answer as a document.
  const oneLine: [string, string][] = [
    ['a block comment between a comma and "}"', '{"a": 1⟪,⟫ ⟪/* x */⟫ }'],
    ['a block comment between a comma and "]"', '{"a": [1⟪,⟫ ⟪/* x */⟫]}'],
    ['two comments after the comma', '{"a": 1⟪,⟫ ⟪/* x */⟫ ⟪/* y */⟫ }'],
    ['a comment right after the comma, no blanks', '{"a": 1⟪,⟫⟪/*x*/⟫}'],
    ['nested: the array and the object both end after a comma and a comment', '{"a": [1⟪,⟫⟪/*x*/⟫]⟪,⟫⟪/*y*/⟫}'],
    ['a comment between a key and its colon', '{"a" ⟪/* c */⟫ : 1}'],
    ['a comment where the value should be', '{"a": ⟪/* x */⟫ ⟪}⟫'],
    ['a comment where a comma should be', '{"a": 1 ⟪/* x */⟫ ⟪"b"⟫: 2}'],
    ['a comment after the record', '{"a": 1}⟪/* x */⟫'],
    ['a comma before the comment is no trailing comma when a member follows', '{"a": 1, ⟪/* x */⟫ "b": 2}'],
  ];
  for (const [name, text] of oneLine) {
    it(`${name}: in a document and in a log record`, () => {
      expectSpans(text, 'document');
      expectSpans(text, 'log');
    });
  }

  it('line comments before the closing bracket, on lines of their own', () => {
    const ds = expectSpans('{\n  "a": 1⟪,⟫\n  ⟪// x⟫\n  ⟪// y⟫\n}');
    assert.match(ds[0]!.message, /Trailing comma/);
    assert.match(ds[1]!.message, /Comments are not allowed/);
  });

  it('a line comment that runs over the closing bracket says so', () => {
    const ds = syntax('{"a": 1, // x }', 'log');
    assert.match(ds[0]!.message, /runs to the end of the line/);
  });

  it('in a real payload, every mistake at its place', () => {
    const text = retry
      .replace('"update_date": "2024-06-07T15:46:05Z"', '"update_date": "2024-06-07T15:46:05Z"⟪,⟫ ⟪/* last */⟫')
      .replace('"merge": false,', '"merge": false, ⟪// why⟫');
    expectSpans(text);
  });

  it('comments hide nothing: blanking every comment leaves the other errors where they were', () => {
    // Blanks of the same length keep every offset; what the parser sees is the same token stream.
    const line = JSON.stringify(JSON.parse(retry));
    const structural = [...line].flatMap((c, i) => ('{[,:'.includes(c) && !inString(line, i) ? [i + 1] : []));
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat(), what: fc.constantFrom('/* c */', '/**/', ',', ',,', ' ', 'x') }), { minLength: 1, maxLength: 5 }),
        (inserts) => {
          let text = line;
          const spots = inserts.map((x) => ({ at: structural[x.at % structural.length]!, what: x.what })).sort((a, b) => b.at - a.at);
          for (const s of spots) text = text.slice(0, s.at) + s.what + text.slice(s.at);
          const blanked = text.replace(/\/\*.*?\*\//g, (c) => ' '.repeat(c.length));
          const others = (t: string) => syntax(t, 'log').filter((d) => !t.startsWith('/*', d.offset)).map((d) => [d.offset, d.length, d.message]);
          assert.deepEqual(others(text), others(blanked));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the fixes for a comment and a trailing comma each give valid edits', () => {
  const cases = ['{"a": 1, /* x */ }', '{"a": [1, // x\n]}', '{\n  "a": 1,\n  // x\n  /* y */\n}'];
  for (const text of cases) {
    it(JSON.stringify(text), () => {
      const ds = syntax(text);
      const comma = ds.find((d) => /Trailing comma/.test(d.message));
      assert.ok(comma, 'the trailing comma is reported');
      const fixes = fixesFor(text, comma);
      assert.deepEqual(fixes.map((f) => f.title), ['Remove the trailing comma']);
      let out = applyEdits(text, fixes[0]!.edits);
      assert.ok(!syntax(out).some((d) => /Trailing comma/.test(d.message)), out);
      // Then each comment, one by one, as a user would, until the text is JSON.
      for (let d = syntax(out)[0]; d; d = syntax(out)[0]) {
        const fix = fixesFor(out, d).find((f) => f.title === 'Remove the comment');
        assert.ok(fix, `no fix for ${d.message}`);
        out = applyEdits(out, fix.edits);
      }
      assert.doesNotThrow(() => JSON.parse(out), out);
    });
  }
});

function inString(text: string, at: number): boolean {
  let inside = false;
  for (let i = 0; i < at; i++) {
    if (inside && text[i] === '\\') i++;
    else if (text[i] === '"') inside = !inside;
  }
  return inside;
}

describe("whitespace is ECMA-404's four characters", () => {
  // ECMA-404 §2: "Insignificant whitespace ... is any sequence of the code points U+0009, U+000A,
  // U+000D and U+0020". Anything else that looks blank is a mistake, named where it is.
  const named: [number, string][] = [[0x0b, 'vertical tab'], [0x0c, 'form feed'], [0xa0, 'no-break space'], [0x2028, 'line separator'], [0x2029, 'paragraph separator'], [0xfeff, 'byte order mark'], [0x3000, 'ideographic space']];
  for (const [cp, name] of named) {
    const ch = String.fromCodePoint(cp);
    const label = `U+${cp.toString(16).toUpperCase().padStart(4, '0')} (${name})`;
    it(`${label} between tokens, alone in a document, and alone on a log line`, () => {
      const cases = [[`{"a":1,${ch}"b":2}`, 'document', 7], [ch, 'document', 0], [`{"a":1}\n${ch}\n{"a":2}\n`, 'log', 8]] as const;
      // A byte order mark that starts the file is the file's own (editors write it), not a mistake.
      for (const [text, mode, offset] of cases.filter(([t]) => !(cp === 0xfeff && t === ch))) {
        const found = syntax(text, mode);
        assert.equal(found.length, 1, `${label} in ${JSON.stringify(text)}`);
        assert.equal(found[0]!.range.start.character + (mode === 'log' ? 8 : 0), offset);
        assert.match(found[0]!.message, new RegExp(`^${label.replace(/[()+]/g, '\\$&')} is not JSON whitespace`));
      }
    });
  }
  it('the four are whitespace: blank log lines and padding give no problem', () => {
    assert.deepEqual(syntax(' \t\r\n', 'log'), []);
    assert.deepEqual(syntax(`\t${retry.replace(/\n/g, '\r\n')} \n`), []);
  });
});
