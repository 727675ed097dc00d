import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const ROOT = join(__dirname, '..', '..');
const EXAMPLES = join(ROOT, 'test', 'fixtures', 'examples');
const DOCS = join(ROOT, 'test', 'fixtures', 'docs');

const DOC_SCOPE = 'source.json.alfred-event';
const LOG_SCOPE = 'source.jsonl.alfred-event-log';
const GRAMMAR_FILES: Record<string, string> = {
  [DOC_SCOPE]: join(ROOT, 'syntaxes', 'alfred-event.tmLanguage.json'),
  [LOG_SCOPE]: join(ROOT, 'syntaxes', 'alfred-event-log.tmLanguage.json'),
};

const EVENT_NAME = 'entity.name.function.event-name.alfred';
const UUID = 'constant.other.uuid.alfred';
const TIMESTAMP = 'constant.numeric.timestamp.alfred';
const DATE = 'constant.other.date.alfred';
const EVENT_TYPE = 'support.constant.event-type.alfred';
const PROPERTY = 'support.type.property-name.json';
const STRING = 'string.quoted.double.json';

const HEX_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Token {
  line: number;
  text: string;
  scopes: string[];
}

function readJson(path: string): Json {
  return JSON.parse(readFileSync(path, 'utf8')) as Json;
}

/** A JSON string or number as text; anything else fails the test. */
function scalar(value: unknown): string {
  assert.ok(typeof value === 'string' || typeof value === 'number', `expected a string or a number, got ${JSON.stringify(value)}`);
  return String(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every string value of an `include` anywhere in a grammar. */
function includes(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(includes);
  if (!isObject(node)) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === 'include' && typeof value === 'string' ? [value] : includes(value),
  );
}

async function loadGrammars(): Promise<{ doc: vsctm.IGrammar; log: vsctm.IGrammar }> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: (scopeName: string) => {
      const file = GRAMMAR_FILES[scopeName];
      return Promise.resolve(file === undefined ? null : vsctm.parseRawGrammar(readFileSync(file, 'utf8'), file));
    },
  });
  const doc = await registry.loadGrammar(DOC_SCOPE);
  const log = await registry.loadGrammar(LOG_SCOPE);
  assert.ok(doc && log, 'both grammars load');
  return { doc, log };
}

const grammars = loadGrammars();

/** Tokenises a text line by line, each line from the state the previous one left. */
function tokenize(grammar: vsctm.IGrammar, text: string): Token[] {
  const tokens: Token[] = [];
  let state = vsctm.INITIAL;
  text.split('\n').forEach((line, index) => {
    const result = grammar.tokenizeLine(line, state);
    for (const t of result.tokens) tokens.push({ line: index, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = result.ruleStack;
  });
  return tokens;
}

/** The tokens whose text is exactly `text` (on `line`, when given); at least one must exist. */
function tokensOf(tokens: readonly Token[], text: string, line?: number): Token[] {
  const found = tokens.filter((t) => t.text === text && (line === undefined || t.line === line));
  assert.ok(found.length > 0, `no token ${JSON.stringify(text)}${line === undefined ? '' : ` on line ${line}`}`);
  return found;
}

function assertScope(token: Token, scope: string): void {
  assert.ok(token.scopes.includes(scope), `${JSON.stringify(token.text)} (line ${token.line}) lacks ${scope}: ${token.scopes.join(' ')}`);
}

function assertNoScope(token: Token, scope: string): void {
  assert.ok(!token.scopes.includes(scope), `${JSON.stringify(token.text)} (line ${token.line}) has ${scope}: ${token.scopes.join(' ')}`);
}

const hasPrefix = (token: Token, prefix: string): boolean => token.scopes.some((s) => s.startsWith(prefix));

const exampleFiles = readdirSync(EXAMPLES).filter((f) => f.endsWith('.alfred.json'));

describe('grammar and configuration files', () => {
  const doc = readJson(GRAMMAR_FILES[DOC_SCOPE] ?? '');
  const log = readJson(GRAMMAR_FILES[LOG_SCOPE] ?? '');

  it('both grammars and language-configuration.json parse as JSON', () => {
    assert.ok(isObject(doc));
    assert.ok(isObject(log));
    assert.ok(isObject(readJson(join(ROOT, 'language-configuration.json'))));
  });

  it('the scope names are the ones package.json wires in', () => {
    assert.ok(isObject(doc) && isObject(log));
    assert.equal(doc.scopeName, 'source.json.alfred-event');
    assert.equal(log.scopeName, 'source.jsonl.alfred-event-log');
  });

  it('the log grammar reuses the document grammar by scope name and defines no JSON of its own', () => {
    assert.ok(isObject(log) && isObject(log.repository));
    const external = includes(log).filter((i) => !i.startsWith('#') && i !== '$self' && i !== '$base');
    assert.ok(external.length > 0 && external.every((i) => i === DOC_SCOPE || i.startsWith(`${DOC_SCOPE}#`)), external.join(', '));
    for (const rule of ['value', 'object', 'array', 'string', 'number', 'constant']) assert.ok(!(rule in log.repository), rule);
  });

  it('every local include names a rule of its own grammar', () => {
    for (const grammar of [doc, log]) {
      assert.ok(isObject(grammar) && isObject(grammar.repository));
      const repository = grammar.repository;
      const local = includes(grammar).filter((i) => i.startsWith('#'));
      for (const i of local) assert.ok(i.slice(1) in repository, `${scalar(grammar.scopeName)}: ${i}`);
    }
    assert.ok(isObject(doc) && isObject(doc.repository));
    const repository = doc.repository;
    for (const i of includes(log).filter((x) => x.startsWith(`${DOC_SCOPE}#`))) {
      assert.ok(i.slice(DOC_SCOPE.length + 1) in repository, i);
    }
  });

  it('both grammars tokenise without error', async () => {
    const { doc: d, log: l } = await grammars;
    assert.ok(tokenize(d, '{}').length > 0);
    assert.ok(tokenize(l, '{}').length > 0);
  });
});

describe('document grammar on the example payloads', () => {
  for (const file of exampleFiles) {
    it(`${file}: keys, event name, ids, event_time, dates and event types carry their scopes`, async () => {
      const { doc } = await grammars;
      const text = readFileSync(join(EXAMPLES, file), 'utf8');
      const tokens = tokenize(doc, text);
      let checked = 0;
      text.split('\n').forEach((line, index) => {
        const m = /^\s*"([^"]+)": (.*?),?$/.exec(line);
        if (!m || m[1] === undefined || m[2] === undefined) return;
        const key = m[1];
        const keyToken = tokensOf(tokens, key, index)[0];
        assert.ok(keyToken);
        assertScope(keyToken, PROPERTY);
        for (const scope of [EVENT_NAME, UUID, TIMESTAMP, DATE, EVENT_TYPE]) assertNoScope(keyToken, scope);
        if (m[2] === '{' || m[2] === '[') return;
        const value = JSON.parse(m[2]) as Json;
        // A string with escapes is split at them; its pieces are checked by the no-invalid check below.
        if (typeof value === 'string' && m[2].includes('\\')) return;
        const valueText = typeof value === 'string' ? value : m[2];
        const valueToken = tokensOf(tokens, valueText, index).at(-1);
        assert.ok(valueToken);
        const expected =
          key === 'event_name'
            ? EVENT_NAME
            : key === 'event_type'
              ? EVENT_TYPE
              : key === 'event_time'
                ? TIMESTAMP
                : key === 'creation_date' || key === 'update_date'
                  ? DATE
                  : key.endsWith('_id') && typeof value === 'string' && HEX_UUID.test(value)
                    ? UUID
                    : undefined;
        if (expected !== undefined) {
          assertScope(valueToken, expected);
          if (typeof value === 'string') assertScope(valueToken, STRING);
          checked++;
        } else {
          for (const scope of [EVENT_NAME, UUID, TIMESTAMP, EVENT_TYPE]) assertNoScope(valueToken, scope);
        }
      });
      const payload = readJson(join(EXAMPLES, file));
      assert.ok(isObject(payload));
      if ('event' in payload) assert.ok(checked >= 5, `only ${checked} special values checked`);
      assert.deepEqual(
        tokens.filter((t) => hasPrefix(t, 'invalid')),
        [],
        'a correct payload has no invalid token',
      );
    });
  }

  it('the event_name value is a string carrying the event-name scope', async () => {
    const { doc } = await grammars;
    const token = tokensOf(tokenize(doc, readFileSync(join(EXAMPLES, 'job_retry_event.alfred.json'), 'utf8')), 'job_retry_event')[0];
    assert.ok(token);
    assertScope(token, STRING);
    assertScope(token, EVENT_NAME);
  });

  it('every UUID-valued *_id field is a UUID, in the envelope and in the event', async () => {
    const { doc } = await grammars;
    const file = join(EXAMPLES, 'file_change_tag_event.alfred.json');
    const tokens = tokenize(doc, readFileSync(file, 'utf8'));
    const payload = readJson(file);
    assert.ok(isObject(payload) && isObject(payload.event));
    const ids = [payload.event_id, ...Object.entries(payload.event).filter(([k]) => k.endsWith('_id')).map(([, v]) => v)];
    assert.equal(ids.length, 6);
    for (const id of ids) {
      assert.equal(typeof id, 'string');
      for (const t of tokensOf(tokens, scalar(id))) assertScope(t, UUID);
    }
  });
});

describe('document grammar on the docs-style payloads', () => {
  it('a string-encoded event_time is a timestamp inside a string', async () => {
    const { doc } = await grammars;
    const token = tokensOf(tokenize(doc, readFileSync(join(DOCS, 'job_retry_event.alfred.json'), 'utf8')), '1653443100.00')[0];
    assert.ok(token);
    assertScope(token, STRING);
    assertScope(token, TIMESTAMP);
  });

  it('an id that is not hexadecimal is left a plain string (the validator warns about it)', async () => {
    const { doc } = await grammars;
    const tokens = tokenize(doc, readFileSync(join(DOCS, 'job_retry_event.alfred.json'), 'utf8'));
    const token = tokensOf(tokens, 'z1x2c3v4-b5n6-m7q8-w9e0-r1t2y3u4i5o6')[0];
    assert.ok(token);
    assertScope(token, STRING);
    assertNoScope(token, UUID);
  });

  it('other string-encoded numbers are not timestamps', async () => {
    const { doc } = await grammars;
    const tokens = tokenize(doc, readFileSync(join(DOCS, 'job_retry_event.alfred.json'), 'utf8'));
    for (const text of ['120', '2']) for (const t of tokensOf(tokens, text)) assertNoScope(t, TIMESTAMP);
  });
});

describe('document grammar on specific values', () => {
  const one = async (text: string): Promise<Token[]> => tokenize((await grammars).doc, text);

  it('event_time as a number is a JSON number and a timestamp', async () => {
    const token = tokensOf(await one('{"event_time": 1716580800.25}'), '1716580800.25')[0];
    assert.ok(token);
    assertScope(token, 'constant.numeric.json');
    assertScope(token, TIMESTAMP);
  });

  it('a number under another key is not a timestamp', async () => {
    const token = tokensOf(await one('{"file_count": 1716580800}'), '1716580800')[0];
    assert.ok(token);
    assertScope(token, 'constant.numeric.json');
    assertNoScope(token, TIMESTAMP);
  });

  it('both event families carry the event-type scope; other values do not', async () => {
    const tokens = await one('{"event_type": "job_event_type", "event": {"event_type": "file_event_type"}, "x": {"event_type": "job_event"}}');
    for (const family of ['job_event_type', 'file_event_type']) {
      const token = tokensOf(tokens, family)[0];
      assert.ok(token);
      assertScope(token, STRING);
      assertScope(token, EVENT_TYPE);
    }
    const realtime = tokensOf(tokens, 'job_event')[0];
    assert.ok(realtime);
    assertNoScope(realtime, EVENT_TYPE);
  });

  it('a date-time string is a date wherever it stands; a key, a mere date or a malformed one is not', async () => {
    const tokens = await one(
      '{"when": ["2024-05-24T20:00:00Z", "2024-05-24T20:00:00.125+02:00", "2016-12-31t23:59:60z", "2024-05-24T20:00:00"], "2024-05-24T20:00:00Z": 1, "day": "2024-05-24", "n": "not 2024-05-24T20:00:00Z", "z": "2024-05-24T20:00Z", "h": "2024-05-24T20:00:00+05"}',
    );
    const [inArray, asKey] = tokensOf(tokens, '2024-05-24T20:00:00Z');
    assert.ok(inArray && asKey);
    assertScope(inArray, DATE);
    assertScope(inArray, STRING);
    assertScope(asKey, PROPERTY);
    assertNoScope(asKey, DATE);
    // Dates as the validator reads them (README "Dates"): RFC 3339, lower case and leap second included, or without an offset.
    for (const text of ['2024-05-24T20:00:00.125+02:00', '2016-12-31t23:59:60z', '2024-05-24T20:00:00']) {
      const token = tokensOf(tokens, text)[0];
      assert.ok(token, text);
      assertScope(token, DATE);
    }
    // Not date-times as the validator reads them (no seconds; an offset of hours only).
    for (const text of ['2024-05-24', 'not 2024-05-24T20:00:00Z', '2024-05-24T20:00Z', '2024-05-24T20:00:00+05']) for (const t of tokensOf(tokens, text)) assertNoScope(t, DATE);
  });

  it('ids under any *_id key are UUIDs, upper case included; UUIDs under other keys are not', async () => {
    const tokens = await one(
      '{"tag_being_removed_id": "A0798EC7-85D1-4055-AF5F-DF2A30F3F5A4", "name": "a0798ec7-85d1-4055-af5f-df2a30f3f5a4"}',
    );
    const id = tokensOf(tokens, 'A0798EC7-85D1-4055-AF5F-DF2A30F3F5A4')[0];
    const other = tokensOf(tokens, 'a0798ec7-85d1-4055-af5f-df2a30f3f5a4')[0];
    assert.ok(id && other);
    assertScope(id, UUID);
    assertNoScope(other, UUID);
  });

  it('an event_name with an escape keeps the event-name scope around the escape', async () => {
    const tokens = await one('{"event_name": "job\\u005fretry_event"}');
    const escape = tokensOf(tokens, '\\u005f')[0];
    assert.ok(escape);
    assertScope(escape, 'constant.character.escape.json');
    assertScope(escape, EVENT_NAME);
  });

  it('the value scopes do not leak into the members that follow', async () => {
    const tokens = await one('{"event_name": "job_start_event", "event_id": "0b95e938-4662-4618-9b51-29fc20445f4f", "job_start_event": "x"}');
    const [value, key] = tokensOf(tokens, 'job_start_event');
    assert.ok(value && key);
    assertScope(value, EVENT_NAME);
    assertScope(key, PROPERTY);
    assertNoScope(key, EVENT_NAME);
    assert.deepEqual(tokens.filter((t) => hasPrefix(t, 'invalid')), []);
  });

  it('a line comment is illegal', async () => {
    const tokens = tokenize((await grammars).doc, readFileSync(join(ROOT, 'test', 'fixtures', 'broken', 'trailing-comma.alfred.json'), 'utf8'));
    const comment = tokens.find((t) => t.text.startsWith('//'));
    assert.ok(comment);
    assert.ok(comment.scopes.some((s) => s.startsWith('invalid.illegal')), comment.scopes.join(' '));
    assertScope(comment, 'invalid.illegal.comment.json');
  });

  it('a block comment is illegal, in an object and between values', async () => {
    const tokens = await one('{ /* note */ "a": /* n */ 1 }');
    for (const text of [' note ', ' n ']) for (const t of tokensOf(tokens, text)) assertScope(t, 'invalid.illegal.comment.json');
  });

  it('a raw line break ends an unclosed string: the lines after it are JSON again', async () => {
    const tokens = await one('{\n  "event": {\n    "metadata": "truncated\n  },\n  "job_id": "73cac045-f288-4c5d-ab99-00f9670f8f5e"\n}');
    const close = tokensOf(tokens, '}', 3)[0];
    assert.ok(close);
    assertScope(close, 'punctuation.definition.dictionary.end.json');
    assertNoScope(close, STRING);
    const key = tokensOf(tokens, 'job_id', 4)[0];
    assert.ok(key);
    assertScope(key, PROPERTY);
    const id = tokensOf(tokens, '73cac045-f288-4c5d-ab99-00f9670f8f5e', 4)[0];
    assert.ok(id);
    assertScope(id, UUID);
    assert.deepEqual(tokens.filter((t) => hasPrefix(t, 'invalid')), []);
  });
});

describe('log grammar', () => {
  it('tokenises every record of jobs.alfred.jsonl like the document grammar does', async () => {
    const { log } = await grammars;
    const jsonl = readFileSync(join(EXAMPLES, 'jobs.alfred.jsonl'), 'utf8');
    const tokens = tokenize(log, jsonl);
    let records = 0;
    jsonl.split('\n').forEach((line, index) => {
      if (line.trim() === '') return;
      records++;
      const record = JSON.parse(line) as Json;
      assert.ok(isObject(record) && isObject(record.event));
      const name = tokensOf(tokens, scalar(record.event.event_name), index)[0];
      assert.ok(name);
      assertScope(name, EVENT_NAME);
      const time = tokensOf(tokens, scalar(record.event_time), index)[0];
      assert.ok(time);
      assertScope(time, TIMESTAMP);
      for (const t of tokensOf(tokens, scalar(record.event_id), index)) assertScope(t, UUID);
      for (const t of tokensOf(tokens, 'event_name', index)) assertScope(t, PROPERTY);
    });
    assert.equal(records, 44);
    assert.deepEqual(tokens.filter((t) => hasPrefix(t, 'invalid')), []);
  });

  const next =
    '{"event_id":"95722ac5-6c3a-4e4b-90b7-c39f899e9958","event_type":"job_event_type","event_time":1744030800.21,"event":{"event_name":"job_start_event","event_type":"job_event_type","job_id":"e79d0e57-5e59-4b28-9ca7-ef9e49786098","creation_date":"2025-04-07T13:00:00Z"}}';
  const good = '{"event_id":"0b95e938-4662-4618-9b51-29fc20445f4f","event_type":"file_event_type","event_time":1736843401.4,"event":{}}';
  const broken: Record<string, string> = {
    'an unclosed string': '{"event_id":"0b95e938-4662-4618-9b51-29fc20445f4f","event_type":"file_event_ty',
    'an unclosed key': '{"event_id":"0b95e938-4662-4618-9b51-29fc20445f4f","event_ty',
    'an unclosed object': '{"event_id":"0b95e938-4662-4618-9b51-29fc20445f4f","event":{"file_urls":[',
    'an unclosed block comment': '{"a": 1} /* truncated',
    'a string whose closing quote is escaped': '{"metadata":"ends with a backslash\\"',
  };

  const lineTokens = (tokens: readonly Token[], line: number): Omit<Token, 'line'>[] =>
    tokens.filter((t) => t.line === line).map(({ text, scopes }) => ({ text, scopes }));

  for (const [what, line] of Object.entries(broken)) {
    it(`a line with ${what} does not change how the next line is tokenised`, async () => {
      const { log } = await grammars;
      const after = lineTokens(tokenize(log, `${line}\n${next}`), 1);
      assert.deepEqual(after, lineTokens(tokenize(log, `${good}\n${next}`), 1));
      assert.deepEqual(after, lineTokens(tokenize(log, next), 0));
      const name = after.find((t) => t.text === 'job_start_event');
      assert.ok(name?.scopes.includes(EVENT_NAME));
      assert.ok(!after.some((t) => t.scopes.some((s) => s.startsWith('invalid'))));
    });
  }

  it('the comparison would see a spill: in the document grammar an open object does carry over', async () => {
    const { doc } = await grammars;
    const line = broken['an unclosed object'] ?? '';
    assert.notDeepEqual(lineTokens(tokenize(doc, `${line}\n${next}`), 1), lineTokens(tokenize(doc, next), 0));
  });

  it('blank lines are allowed and change nothing', async () => {
    const { log } = await grammars;
    assert.deepEqual(lineTokens(tokenize(log, `${good}\n\n   \n${next}`), 3), lineTokens(tokenize(log, next), 0));
  });
});

describe('language configuration', () => {
  const config = readJson(join(ROOT, 'language-configuration.json'));
  assert.ok(isObject(config));

  it('has JSON brackets, auto-closing and surrounding pairs, and no comment tokens', () => {
    assert.deepEqual(config.brackets, [
      ['{', '}'],
      ['[', ']'],
    ]);
    assert.ok(Array.isArray(config.autoClosingPairs));
    const pairs = config.autoClosingPairs.map((p) => (isObject(p) ? `${scalar(p.open)}${scalar(p.close)}` : ''));
    assert.deepEqual(pairs, ['{}', '[]', '""']);
    const quote = config.autoClosingPairs.find((p) => isObject(p) && p.open === '"');
    assert.ok(isObject(quote) && Array.isArray(quote.notIn) && quote.notIn.includes('string'));
    assert.deepEqual(config.surroundingPairs, [
      ['{', '}'],
      ['[', ']'],
      ['"', '"'],
    ]);
    assert.ok(!('comments' in config), 'webhook bodies are strict JSON: toggling a comment would only break them');
  });

  it('its word pattern selects a whole event name, UUID, timestamp or key', () => {
    assert.equal(typeof config.wordPattern, 'string');
    const pattern = new RegExp(scalar(config.wordPattern), 'g');
    const wordAt = (line: string, column: number): string | undefined =>
      [...line.matchAll(pattern)].find((m) => m.index <= column && column < m.index + m[0].length)?.[0];
    const at = (line: string, inside: string, offset: number): string | undefined => wordAt(line, line.indexOf(inside) + offset);
    const line = '    "event_name": "job_retry_event", "job_id": "0b95e938-4662-4618-9b51-29fc20445f4f", "event_time": 1716580800.25,';
    assert.equal(at(line, 'job_retry_event', 5), 'job_retry_event');
    assert.equal(at(line, '0b95e938', 20), '0b95e938-4662-4618-9b51-29fc20445f4f');
    assert.equal(at(line, '0b95e938', 0), '0b95e938-4662-4618-9b51-29fc20445f4f');
    assert.equal(at(line, '1716580800.25', 11), '1716580800.25');
    assert.equal(at(line, 'event_name', 3), 'event_name');
    assert.equal(at('"event_time": "1653443100.00"', '1653443100', 1), '1653443100.00');
    assert.equal(at('"retries": -1,', '-1', 0), '-1');
    assert.equal(at('"company_name": "Póliza Ñandú"', 'Póliza', 2), 'Póliza');
    assert.equal(wordAt('{"a": 1}', 0), undefined);
  });

  it('its indentation rules indent after an opening bracket and outdent a closing one', () => {
    assert.ok(isObject(config.indentationRules));
    const increase = new RegExp(scalar(config.indentationRules.increaseIndentPattern));
    const decrease = new RegExp(scalar(config.indentationRules.decreaseIndentPattern));
    for (const line of ['{', '  "event": {', '  "file_urls": [']) assert.ok(increase.test(line), line);
    for (const line of ['  "a": "{"', '  "a": []', '  "a": {}', '  "a": 1,']) assert.ok(!increase.test(line), line);
    for (const line of ['}', '  },', '  ]']) assert.ok(decrease.test(line), line);
    assert.ok(!decrease.test('  "a": 1'));
  });
});
