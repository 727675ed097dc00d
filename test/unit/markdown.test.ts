import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { complete, hoverAt } from '../../src/core/index';
import { codeSpan, escapeMarkdown } from '../../src/core/features/markdown';
import { FRESH } from './completion-helpers';
import { example } from './helpers';

/*
 * Payload text in Markdown shows as written. The expected values are CommonMark 0.31.2's
 * (https://spec.commonmark.org/0.31.2/): §2.4 backslash escapes, §6.1 code spans, with the
 * spec's own examples where our output takes their form, and the spec's decoding rules otherwise.
 */

/** CommonMark §2.1: the ASCII punctuation characters. */
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

/** §2.4 read back: a backslash before ASCII punctuation stands for it; any other backslash is literal. */
function unescape(md: string): string {
  return md.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Whether some ASCII punctuation in `md` is not backslash-escaped, so that Markdown may read it as syntax. */
function bare(md: string): string | undefined {
  for (let i = 0; i < md.length; i++) {
    if (md[i] === '\\' && i + 1 < md.length && PUNCTUATION.includes(md[i + 1]!)) i++;
    else if (PUNCTUATION.includes(md[i]!)) return md[i];
  }
  return undefined;
}

/** §6.1 read back: the span's content, or undefined when `md` is not one code span. */
function readCodeSpan(md: string): string | undefined {
  const open = /^`+/.exec(md)?.[0];
  if (!open || !md.endsWith(open) || md.length < 2 * open.length + 1) return undefined;
  let content = md.slice(open.length, md.length - open.length);
  // The span ends at the first backtick string exactly as long as the opening one.
  if ((content.match(/`+/g) ?? []).some((run) => run.length === open.length)) return undefined;
  if (md[md.length - open.length - 1] === '`') return undefined;
  if (content.startsWith(' ') && content.endsWith(' ') && /[^ ]/.test(content)) content = content.slice(1, -1);
  return content;
}

const HOSTILE = [
  '__trace_id__',
  '*job*_id_[x](y)',
  '<img src=x onerror=alert(1)>',
  '&amp; &#42; &copy',
  'https://example.com/a_b_c',
  'www.example.com',
  'jane@example.com',
  '`code` and ``more``',
  '# heading',
  '- item',
  '1. item',
  '> quote',
  '| a | b |',
  '~~gone~~',
  'a\\*b\\',
  '$(alert) ${1:x}',
  '[x]: https://y',
  '![img](https://y/z.png)',
  'line\\nbreak',
  '   ',
  ' padded ',
];

describe('payload text in Markdown is escaped (CommonMark §2.4, §6.1)', () => {
  it('§2.4: every ASCII punctuation character gets a backslash, as in the spec\'s example', () => {
    assert.equal(escapeMarkdown(PUNCTUATION), '\\!\\"\\#\\$\\%\\&\\\'\\(\\)\\*\\+\\,\\-\\.\\/\\:\\;\\<\\=\\>\\?\\@\\[\\\\\\]\\^\\_\\`\\{\\|\\}\\~');
  });

  it('§2.4: nothing else does (a backslash before any other character would show)', () => {
    assert.equal(escapeMarkdown('→ Aa 3 φ « ж 漢字 😀\t'), '→ Aa 3 φ « ж 漢字 😀\t');
  });

  it('line endings (CR, LF, CRLF) become spaces: a hover line stays one line', () => {
    assert.equal(escapeMarkdown('a\nb\r\nc\rd'), 'a b c d');
  });

  it('hostile keys and values read back as written, with no punctuation left bare', () => {
    for (const s of HOSTILE) {
      const md = escapeMarkdown(s);
      assert.equal(unescape(md), s, s);
      assert.equal(bare(md), undefined, s);
    }
  });

  it('§6.1: code spans in the forms of the spec\'s examples', () => {
    assert.equal(codeSpan('foo'), '`foo`');
    assert.equal(codeSpan('foo`bar'), '``foo`bar``');
    assert.equal(codeSpan('``'), '` `` `');
    assert.equal(codeSpan(' `` '), '`  ``  `');
    assert.equal(codeSpan(' a'), '` a`');
    assert.equal(codeSpan(' '), '` `');
    assert.equal(codeSpan('  '), '`  `');
  });

  it('§6.1: backticks inside a code span get a longer fence, not backslashes, and read back as written', () => {
    for (const s of [...HOSTILE, '`', '``', '`a`', ' `a` ', 'a ` b `` c ``` d', '\\`', ' x ', 'x ']) {
      assert.equal(readCodeSpan(codeSpan(s)), s, JSON.stringify(s));
    }
    assert.equal(codeSpan(''), '');
    assert.equal(readCodeSpan(codeSpan('a\nb')), 'a b');
  });

  it('hover: a key from the payload shows as written', () => {
    const text = '{"__trace_id__": 1, "event": {"event_name": "job_start_event", "*job*_id_[x](y)": 2, "": 3}}';
    const hover = (key: string): string => hoverAt(text, text.indexOf(key) + 1)!.markdown;
    assert.equal(hover('"__trace_id__"'), '**\\_\\_trace\\_id\\_\\_** is not a member of the Alfred envelope.');
    assert.equal(hover('"*job*'), '**\\*job\\*\\_id\\_\\[x\\]\\(y\\)** is not a field of `job_start_event`.');
    assert.equal(hover('"": 3'), '**\\"\\"** is not a field of `job_start_event`.');
    for (const s of HOSTILE) {
      const doc = JSON.stringify({ event: { event_name: 'job_start_event', [s]: 1 } });
      const md = hoverAt(doc, doc.indexOf(`${JSON.stringify(s)}:`) + 1, 'document')!.markdown;
      assert.ok(md.startsWith(`**${escapeMarkdown(/^\s|\s$/.test(s) ? JSON.stringify(s) : s)}**`), md);
    }
  });

  it('hover: an event name written another way shows in a code span', () => {
    const text = example('file_added_to_job_event').replace('"file_added_to_job_event"', '"file_add_to_job_event"');
    const md = hoverAt(text, text.indexOf('"file_add_to_job_event"') + 1)!.markdown;
    assert.match(md, /`file_add_to_job_event` is the Python SDK's spelling/);
  });

  it('completion documentation carries no payload text (only the catalogue\'s own Markdown)', () => {
    const s = '*job*_id_[x](y)';
    const text = JSON.stringify({ event_id: s, event: { event_name: 'job_start_event', [s]: s } });
    for (let o = 0; o <= text.length; o++) {
      for (const c of complete(text, o, { fresh: FRESH })) assert.ok(!(c.documentation ?? '').includes('[x]'), c.label);
    }
  });
});
