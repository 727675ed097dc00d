import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { outline, validate, type OutlineItem } from '../../src/core/index';
import { decimalOf } from '../../src/core/checks/numbers';
import { example } from './helpers';

/*
 * Every cut says that it cut, and how much: the outline of a long array or object, a long value
 * in an entry's detail, a nesting too deep to list, an abbreviated id, a list of events in a
 * message. Nothing stops silently at a round number.
 */

const retry = JSON.parse(example('job_retry_event')) as { event: Record<string, unknown> };

/** The outline entries under the event's member `name`. */
function under(doc: unknown, name: string): OutlineItem {
  const event = outline(JSON.stringify(doc, null, 2)).find((i) => i.name === 'event')!;
  return event.children.find((i) => i.name === name)!;
}

describe('every cut says that it cut and how much', () => {
  it('an error_messages array of 501 entries: 500 listed, then "1 more item"', () => {
    const doc = { ...retry, event: { ...retry.event, error_messages: Array.from({ length: 501 }, (_, i) => `error ${i}`) } };
    const list = under(doc, 'error_messages');
    assert.equal(list.detail, '501 items');
    assert.equal(list.children.length, 501);
    assert.deepEqual(list.children.slice(0, 500).map((c) => c.name), Array.from({ length: 500 }, (_, i) => `[${i}]`));
    const rest = list.children[500]!;
    assert.equal(rest.name, '1 more item');
    assert.equal(rest.detail, 'not listed (the outline shows the first 500 items of 501)');
    const text = JSON.stringify(doc, null, 2);
    const restOffset = outline(text).find((i) => i.name === 'event')!.children.find((i) => i.name === 'error_messages')!.children[500]!;
    assert.equal(text.slice(restOffset.offset, restOffset.offset + restOffset.length), '"error 500"');
  });

  it('500 entries exactly: all listed, nothing more said', () => {
    const doc = { ...retry, event: { ...retry.event, error_messages: Array.from({ length: 500 }, (_, i) => `e${i}`) } };
    assert.equal(under(doc, 'error_messages').children.length, 500);
  });

  it('an object of 1,200 members: "700 more members", and its range covers them', () => {
    const big = Object.fromEntries(Array.from({ length: 1200 }, (_, i) => [`k${i}`, i]));
    const text = JSON.stringify({ ...retry, event: { ...retry.event, extra: big } });
    const extra = outline(text).find((i) => i.name === 'event')!.children.find((i) => i.name === 'extra')!;
    const rest = extra.children[500]!;
    assert.equal(rest.name, '700 more members');
    assert.equal(rest.detail, 'not listed (the outline shows the first 500 members of 1200)');
    assert.equal(text.slice(rest.offset, rest.offset + rest.length), JSON.stringify(big).slice(1, -1).replace(/^(?:"k\d+":\d+,){500}/, ''));
  });

  it('a long value in a detail: cut at 60 characters, saying how many more there were', () => {
    const url = `https://example.com/${'a'.repeat(100)}`;
    const doc = { ...retry, event: { ...retry.event, metadata: url } };
    const shown = JSON.stringify(url); // 122 characters with its quotes
    assert.equal(under(doc, 'metadata').detail, `${shown.slice(0, 59)}… (+${shown.length - 59} characters)`);
    const fits = 'b'.repeat(58); // 60 with its quotes: shown whole
    assert.equal(under({ ...retry, event: { ...retry.event, metadata: fits } }, 'metadata').detail, JSON.stringify(fits));
  });

  it('characters are counted as code points, and no surrogate pair is split', () => {
    const emoji = '😀'.repeat(70);
    const detail = under({ ...retry, event: { ...retry.event, metadata: emoji } }, 'metadata').detail;
    assert.equal(detail, `"${'😀'.repeat(58)}… (+13 characters)`);
    assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(detail), 'no lone surrogate');
  });

  it('nesting deeper than the outline lists: the entry says how much it holds', () => {
    let deep: unknown = { leaf: 1, other: 2 };
    for (let i = 0; i < 10; i++) deep = { down: deep };
    const doc = { ...retry, event: { ...retry.event, nested: deep } };
    let item = under(doc, 'nested');
    let depth = 2;
    while (item.children.length > 0) {
      item = item.children[0]!;
      depth++;
    }
    assert.equal(depth, 9);
    assert.equal(item.detail, '1 member, not listed (the outline goes 9 levels deep)');
  });

  it("a log record's event id is abbreviated with an ellipsis", () => {
    const line = JSON.stringify(JSON.parse(example('job_start_event')));
    const id = (JSON.parse(line) as { event_id: string }).event_id;
    const records = outline(`${line}\n`, 'log').flatMap((i) => (i.kind === 'job' ? i.children : [i]));
    assert.equal(records[0]!.detail, `#0 · ${id.slice(0, 8)}…`);
  });

  it('a long log: "N more records", out of how many', () => {
    const line = JSON.stringify(JSON.parse(example('job_start_event')));
    const items = outline(Array.from({ length: 5001 }, () => line).join('\n'), 'log');
    const last = items[items.length - 1]!;
    assert.equal(last.name, '1 more record');
    assert.equal(last.detail, 'not listed (the outline shows the first 5000 records of 5001)');
    // The job has 5,001 events; its entry counts those it lists, and says so.
    assert.match(items[0]!.detail, /^5000 events in the first 5000 records · /);
  });

  it('a log that is listed whole: a job counts its events plainly', () => {
    const line = JSON.stringify(JSON.parse(example('job_start_event')));
    assert.match(outline(Array.from({ length: 3 }, () => line).join('\n'), 'log')[0]!.detail, /^3 events · /);
  });

  it('an unknown field that belongs to many events: the first three named, and how many more', () => {
    const start = example('job_start_event').replace('"job_id"', '"file_id": "9ebdbbbb-92a5-4fe8-9d59-1dc425c9c721",\n    "job_id"');
    const d = validate(start).find((x) => x.code === 'unknown-field' && x.pointer === '/event/file_id')!;
    assert.match(d.message, /belongs to \w+, \w+, \w+ and 7 more\)/);
  });
});

describe('a value quoted in a message: cut at 60 characters, saying how many more there were', () => {
  /** The message about file_count (a number field) when it holds the string `value`. */
  const messageFor = (value: string): string => {
    const doc = { ...retry, event: { ...retry.event, file_count: value } };
    return validate(JSON.stringify(doc)).find((d) => d.pointer === '/event/file_count')!.message;
  };

  it('a 100-character string: its JSON text (102 code points) keeps 59 and says "+43 characters"', () => {
    const value = 'x'.repeat(100);
    const quoted = JSON.stringify(value);
    assert.ok(messageFor(value).includes(`${quoted.slice(0, 59)}… (+${quoted.length - 59} characters)`), messageFor(value));
  });

  it('code points, not UTF-16 units: 100 emoji are cut after 58 of them, with no lone surrogate', () => {
    const value = '😀'.repeat(100);
    const message = messageFor(value);
    assert.ok(message.includes(`"${'😀'.repeat(58)}… (+43 characters)`), message);
    assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(message), 'no lone surrogate');
  });

  it('a value that fits is quoted whole, with nothing more said', () => {
    const value = 'y'.repeat(58);
    assert.ok(messageFor(value).includes(JSON.stringify(value)) && !messageFor(value).includes('characters)'), messageFor(value));
  });
});

describe('syntax errors past the 50 listed: the last one says how many more there are', () => {
  /** A document whose array holds `n` bare words, each one syntax error (ECMA-404 has no bare words). */
  const words = (n: number): string => `{"a": [0,${'x,'.repeat(n)}0]}`;
  const syntax = (n: number): string[] => validate(words(n)).filter((d) => d.code === 'json-syntax').map((d) => d.message);

  it('50 errors: all 50 listed, nothing more said', () => {
    const messages = syntax(50);
    assert.equal(messages.length, 50);
    assert.ok(!messages.some((m) => /more syntax error/.test(m)));
  });

  it('51 errors: 50 listed, then "1 more syntax error follows"', () => {
    const messages = syntax(51);
    assert.equal(messages.length, 51);
    assert.equal(messages[50], '1 more syntax error follows; fix the ones above first');
  });

  it('60 errors: "10 more syntax errors follow"', () => {
    assert.equal(syntax(60)[50], '10 more syntax errors follow; fix the ones above first');
  });

  it('junk beyond counting: "More than 10,000 more"', () => {
    assert.equal(syntax(20_000)[50], 'More than 10,000 more syntax errors follow; fix the ones above first');
  });
});

describe('numbers in the outline are shown as written', () => {
  it('1e400, 9007199254740993, -0 and 1.50: the text of the file, not what a double makes of it', () => {
    const text = '{"a": 1e400, "b": 9007199254740993, "c": -0, "d": 1.50}';
    assert.deepEqual(outline(text).map((i) => [i.name, i.detail]), [['a', '1e400'], ['b', '9007199254740993'], ['c', '-0'], ['d', '1.50']]);
  });
});

describe('payload text quoted in a message is cut too', () => {
  const retry2 = example('job_retry_event');
  const longest = (text: string): number => Math.max(...validate(text).map((d) => d.message.length));
  const cases: [string, string][] = [
    ['a repeated key of 100,000 characters', retry2.replace('"retries": 1', `"${'r'.repeat(100_000)}": 1, "${'r'.repeat(100_000)}": 2`)],
    ['an unknown key of 100,000 characters', retry2.replace('"retries": 1', `"retries": 1, "${'z'.repeat(100_000)}": 2`)],
    ['a URL host of 100,000 characters', retry2.replace('"https://', `"https://${'a'.repeat(100_000)} b/`)],
    ['a URL scheme of 100,000 characters', retry2.replace('"https://', `"${'h'.repeat(100_000)}://`)],
    ['a URL port of 100,000 digits', retry2.replace('"https://', `"https://a:${'1'.repeat(100_000)}x/`)],
    ['a number of 100,000 digits written as a string', retry2.replace('"retries": 1', `"retries": "1${'0'.repeat(100_000)}"`)],
    ['a count of 100,000 digits', retry2.replace('"retries": 1', `"retries": -1${'0'.repeat(100_000)}`)],
  ];
  for (const [what, text] of cases) {
    it(`${what}: every message stays under 400 characters`, () => {
      assert.ok(validate(text).length > 0, 'the mistake is found');
      assert.ok(longest(text) < 400, String(longest(text)));
    });
  }
});

describe('a long number is read in one pass', () => {
  // /0*$/ once trimmed the zeros: it tries each start in turn, and 300,000 zeros took minutes.
  it('300,000 zeros inside a count: the value is read exactly, and the payload is valid', { timeout: 60_000 }, () => {
    const text = example('job_retry_event').replace('"retries": 1', `"retries": 1${'0'.repeat(300_000)}5`);
    assert.deepEqual(validate(text), []);
    assert.deepEqual(decimalOf(`1${'0'.repeat(300_000)}5`), { negative: false, digits: `1${'0'.repeat(300_000)}5`, exp: 0 });
    assert.deepEqual(decimalOf(`-0.05${'0'.repeat(300_000)}`), { negative: true, digits: '5', exp: -2 });
  });
});
