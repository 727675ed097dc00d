import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import { CONFIG_FILE, RULES, SEVERITIES, combineRules, defaultRules, inScope, parseTeamConfig, teamConfigSchema } from '../../src/core/index';
import { CONFIG_SCHEMA, configSchemaText, localizedSchema } from '../../scripts/config-schema';

/** The one problem of a config text: its message and the text its range covers, checked against the range's line and column. */
function only(text: string): { message: string; at: string; line: number; character: number } {
  const { problems } = parseTeamConfig(text);
  assert.equal(problems.length, 1, JSON.stringify(problems));
  const p = problems[0]!;
  // The range and the offsets must name the same span: count lines the way ECMA-404 text has them.
  const before = text.slice(0, p.offset).split(/\r\n|\r|\n/);
  assert.deepEqual(p.range.start, { line: before.length - 1, character: before.at(-1)!.length });
  return { message: p.message, at: text.slice(p.offset, p.offset + p.length), line: p.range.start.line, character: p.range.start.character };
}

describe('team configuration: reading .alfred-events.json', () => {
  it('reads rules, include, exclude, detect and $schema', () => {
    const { config, problems } = parseTeamConfig(JSON.stringify({
      $schema: './node_modules/alfred-events/schemas/alfred-events-config.schema.json',
      rules: { 'invalid-uuid': 'off', 'unknown-field': 'error' },
      include: ['payloads/**'],
      exclude: ['payloads/old'],
      detect: false,
    }, null, 2));
    assert.deepEqual(problems, []);
    assert.deepEqual(config, { rules: { 'invalid-uuid': 'off', 'unknown-field': 'error' }, include: ['payloads/**'], exclude: ['payloads/old'], detect: false });
  });

  it('an empty object is a valid configuration that changes nothing', () => {
    assert.deepEqual(parseTeamConfig('{}'), { config: { rules: {} }, problems: [] });
  });

  describe('each kind of problem has its exact range', () => {
    it('invalid JSON (ECMA-404: no trailing comma, no comment), on the offending character', () => {
      assert.deepEqual(only('{\n  "rules": {},\n}'), { message: 'trailing comma: JSON allows no comma before a closing bracket', at: ',', line: 1, character: 13 });
      const comment = only('{\n  // ours\n  "rules": {}\n}');
      assert.equal(comment.at, '// ours');
      assert.match(comment.message, /^comments are not allowed in JSON/);
      assert.equal(only('').message, 'the document is empty: expected a JSON object');
    });

    it('not an object, on the whole value', () => {
      assert.deepEqual(only('["rules"]'), { message: 'a team configuration is a JSON object, such as {"rules": {"invalid-uuid": "off"}}', at: '["rules"]', line: 0, character: 0 });
    });

    it('an unknown key, on the key, with the closest known one', () => {
      assert.deepEqual(only('{\r\n  "rule": {}\r\n}'), { message: 'unknown key "rule" (did you mean "rules"?)', at: '"rule"', line: 1, character: 2 });
      assert.equal(only('{"severity": {}}').message, 'unknown key "severity" (expected rules, include, exclude, detect, maxFileSizeMB, receiver or diff)');
    });

    it('an unknown rule code, on the code, with the closest rule of the table', () => {
      assert.deepEqual(only('{"rules": {\n "invalid-uuuid": "off"}}'), { message: 'unknown rule "invalid-uuuid" (did you mean "invalid-uuid"?)', at: '"invalid-uuuid"', line: 1, character: 1 });
    });

    it('a severity that is none, on the value', () => {
      assert.deepEqual(only('{"rules": {"invalid-uuid": "warn"}}'), {
        message: 'the severity of invalid-uuid must be error, warning, info or off, found "warn" (did you mean "warning"?)', at: '"warn"', line: 0, character: 27,
      });
      assert.equal(only('{"rules": {"invalid-uuid": 0}}').at, '0');
      assert.equal(only('{"rules": {"invalid-uuid": null}}').message, 'the severity of invalid-uuid must be error, warning, info or off, found null');
    });

    it('a value of the wrong type, on the value', () => {
      assert.deepEqual(only('{"rules": ["invalid-uuid"]}'), {
        message: 'rules must be an object of rule codes and severities, such as {"invalid-uuid": "off"}, found an array', at: '["invalid-uuid"]', line: 0, character: 10,
      });
      assert.deepEqual(only('{"detect": "no"}'), { message: 'detect must be true or false, found the string "no"', at: '"no"', line: 0, character: 11 });
      assert.equal(only('{"include": "payloads/**"}').message, 'include must be an array of globs, such as ["payloads/**"], found the string "payloads/**"');
      assert.deepEqual(only('{"exclude": ["a", 1]}'), { message: 'exclude holds globs (strings), found 1', at: '1', line: 0, character: 18 });
      assert.equal(only('{"$schema": 1}').message, '$schema must be a string (the address of the schema), found 1');
      assert.deepEqual(only('{"maxFileSizeMB": 0}'), { message: 'maxFileSizeMB must be a number of megabytes above 0, such as 200, found 0', at: '0', line: 0, character: 18 });
      assert.equal(only('{"maxFileSizeMB": -1}').at, '-1');
      assert.equal(only('{"maxFileSizeMB": "200"}').message, 'maxFileSizeMB must be a number of megabytes above 0, such as 200, found the string "200"');
      assert.deepEqual(parseTeamConfig('{"maxFileSizeMB": 0.5}'), { config: { rules: {}, maxFileSizeMB: 0.5 }, problems: [] });
    });

    it('diff.ignore: JSON Pointers as RFC 6901 §3 writes them, on the value', () => {
      // RFC 6901 §5 lists "" (the whole document), "/a~1b" and "/m~0n" among valid pointers.
      assert.deepEqual(parseTeamConfig('{"diff": {"ignore": ["/event/update_date", "", "/a~1b", "/m~0n", "/ "]}}'), {
        config: { rules: {}, diff: { ignore: ['/event/update_date', '', '/a~1b', '/m~0n', '/ '] } }, problems: [],
      });
      assert.deepEqual(only('{"diff": {"ignore": ["event_id"]}}'), {
        message: 'diff.ignore: "event_id" is not a JSON Pointer (RFC 6901): "" or "/" before each name, such as "/event/update_date", "~" written only as ~0 or ~1',
        at: '"event_id"', line: 0, character: 21,
      });
      assert.equal(only('{"diff": {"ignore": ["/a~2"]}}').at, '"/a~2"');
      assert.equal(only('{"diff": {"ignore": ["/a~"]}}').at, '"/a~"');
      assert.equal(only('{"diff": {"ignore": [3]}}').message, 'diff.ignore holds JSON Pointers (strings), found 3');
      assert.equal(only('{"diff": {"ignore": "/event_id"}}').message, 'diff.ignore must be an array of JSON Pointers, such as ["/event/update_date"], found the string "/event_id"');
      assert.deepEqual(only('{"diff": {"ignroe": []}}'), { message: 'unknown key "ignroe" in diff (did you mean "ignore"?)', at: '"ignroe"', line: 0, character: 10 });
      assert.equal(only('{"diff": []}').message, 'diff must be an object, such as {"ignore": ["/event_id"]}, found an array');
    });

    it('the receiver: absolute http(s) URLs as the WHATWG URL standard parses them, allowRemote a boolean, on the value', () => {
      assert.deepEqual(parseTeamConfig('{"receiver": {"url": "http://127.0.0.1:3000/hooks", "stateUrl": "https://[::1]/state", "allowRemote": false}}'), {
        config: { rules: {}, receiver: { url: 'http://127.0.0.1:3000/hooks', stateUrl: 'https://[::1]/state', allowRemote: false } }, problems: [],
      });
      // A remote URL is no problem of the file: whether it may be used is decided when something is sent.
      assert.deepEqual(parseTeamConfig('{"receiver": {"url": "https://hooks.example.com/"}}').problems, []);
      // "localhost:3000" is a URL of the scheme "localhost:"; "127.0.0.1:3000" none, as a scheme starts with a letter.
      assert.deepEqual(only('{"receiver": {"url": "localhost:3000"}}'), { message: 'receiver.url "localhost:3000" is not an http: or https: URL', at: '"localhost:3000"', line: 0, character: 21 });
      assert.equal(only('{"receiver": {"url": "127.0.0.1:3000"}}').message, 'receiver.url "127.0.0.1:3000" is not an absolute URL, such as http://127.0.0.1:3000/webhooks');
      assert.equal(only('{"receiver": {"url": "/hooks"}}').message, 'receiver.url "/hooks" is not an absolute URL, such as http://127.0.0.1:3000/webhooks');
      assert.equal(only('{"receiver": {"url": "http://"}}').message, 'receiver.url "http://" is not an absolute URL, such as http://127.0.0.1:3000/webhooks');
      assert.equal(only('{"receiver": {"stateUrl": 3000}}').message, 'receiver.stateUrl must be a URL string, found 3000');
      assert.equal(only('{"receiver": {"allowRemote": "yes"}}').message, 'receiver.allowRemote must be true or false, found the string "yes"');
      assert.deepEqual(only('{"receiver": {"uri": "http://127.0.0.1/"}}'), { message: 'unknown key "uri" in receiver (did you mean "url"?)', at: '"uri"', line: 0, character: 14 });
      assert.equal(only('{"receiver": "http://127.0.0.1/"}').message, 'receiver must be an object, such as {"url": "http://127.0.0.1:3000/webhooks"}, found the string "http://127.0.0.1/"');
    });

    it('a repeated key, on the later one', () => {
      assert.deepEqual(only('{"rules": {"invalid-uuid": "off", "invalid-uuid": "info"}}'), {
        message: 'duplicate key "invalid-uuid": JSON readers disagree on which one wins, keep one', at: '"invalid-uuid"', line: 0, character: 34,
      });
    });

    it('a bad glob, on the glob: empty, backslash, absolute, leaving the folder, negated', () => {
      const bad: [string, RegExp][] = [
        ['', /^include: an empty glob matches nothing$/],
        ['payloads\\\\old', /has a backslash: separate folders with '\/' on every system$/],
        ['/payloads', /is absolute/],
        ['C:/payloads', /is absolute/],
        ['../shared/**', /leaves the folder of \.alfred-events\.json/],
        ['a/../../b', /leaves the folder/],
        ['!payloads', /'!' is not supported/],
      ];
      for (const [glob, message] of bad) {
        const text = `{"include": ["ok/**", "${glob}"]}`;
        const p = only(text);
        assert.match(p.message, message, glob);
        assert.equal(p.at, `"${glob}"`);
        assert.equal(p.character, text.indexOf(`"${glob}"`, 14));
      }
      assert.match(only(`{"exclude": ["${'*'.repeat(70_000)}"]}`).message, /^exclude: ".*" cannot be read as a glob: pattern is too long$/);
    });

    it('every message is one line, whatever the file holds', () => {
      const { problems } = parseTeamConfig('{"a\\nb": 1, "rules": {"x\\u2028y": "off", "json-syntax": "a\\rb"}, "include": ["\\\\\\n"]}');
      assert.equal(problems.length, 4);
      for (const p of problems) assert.doesNotMatch(p.message, /[\n\r\u2028\u2029]/, p.message);
    });

    it('problems come in the order of the text, all of them', () => {
      const { problems } = parseTeamConfig('{"detect": 1, "rules": {"nope": "off", "json-syntax": "loud"}, "extra": true}');
      assert.deepEqual(problems.map((p) => p.offset), [11, 24, 54, 63]);
    });
  });

  it('never throws, on any text', () => {
    for (const text of ['{', '}', '"', 'null', '{"rules": {"__proto__": "off"}}', '{"__proto__": {}}', '[]'.repeat(3), '['.repeat(10_000), '\uFEFF{}']) {
      const { problems } = parseTeamConfig(text);
      assert.ok(problems.length > 0, text.slice(0, 20));
    }
  });
});

describe('team configuration: precedence of rule settings', () => {
  it('defaults < alfredEvents.rules setting < .alfred-events.json < --rule, later layers winning code by code', () => {
    const setting = { 'invalid-uuid': 'error', 'unknown-field': 'off' } as const;
    const file = { 'invalid-uuid': 'off', 'date-order': 'error' } as const;
    const flag = { 'date-order': 'info' } as const;
    const rules = combineRules(defaultRules(), setting, file, flag);
    assert.equal(rules['invalid-uuid'], 'off'); // the file wins over the setting
    assert.equal(rules['unknown-field'], 'off'); // the setting fills in what the file does not name
    assert.equal(rules['date-order'], 'info'); // --rule wins over the file
    assert.equal(rules['json-syntax'], 'error'); // the table's default
    assert.equal(Object.keys(rules).length, RULES.length);
  });

  it('skips undefined layers and undefined values', () => {
    assert.deepEqual(combineRules(undefined, { 'invalid-uuid': 'off' }, { 'invalid-uuid': undefined }, undefined), { 'invalid-uuid': 'off' });
    assert.deepEqual(combineRules(), {});
  });
});

describe('team configuration: which files are in scope', () => {
  const config = (include?: string[], exclude?: string[]) => ({ rules: {}, ...(include && { include }), ...(exclude && { exclude }) });

  it('everything, without include or exclude', () => {
    assert.ok(inScope('a.alfred.json', config()));
    assert.ok(inScope('deep/down/.hidden/a.json', config()));
  });

  it('include keeps only matching files; a glob matching a folder matches all below it', () => {
    const c = config(['payloads', 'logs/*.jsonl']);
    assert.ok(inScope('payloads/a.alfred.json', c));
    assert.ok(inScope('payloads/x/y/a.json', c));
    assert.ok(inScope('logs/a.jsonl', c));
    assert.ok(!inScope('logs/deeper/a.jsonl', c));
    assert.ok(!inScope('other/a.alfred.json', c));
    assert.ok(!inScope('payloads.alfred.json', c));
  });

  it('exclude wins over include', () => {
    const c = config(['**/*.json'], ['**/fixtures', 'old/']);
    assert.ok(inScope('a/b.json', c));
    assert.ok(!inScope('a/fixtures/b.json', c));
    assert.ok(!inScope('old/b.json', c));
    assert.ok(!inScope('a/b.jsonl', c));
  });

  it('glob syntax is minimatch\'s: * stays in a folder, ** crosses them, braces, classes, names with a dot', () => {
    assert.ok(inScope('b.json', config(['*.json'])));
    assert.ok(!inScope('c/b.json', config(['*.json'])));
    assert.ok(inScope('c/d/b.json', config(['**/b.json'])));
    assert.ok(inScope('b.json', config(['**/b.json'])));
    assert.ok(inScope('x/b.ndjson', config(['x/*.{jsonl,ndjson}'])));
    assert.ok(inScope('run-7.jsonl', config(['run-[0-9].jsonl'])));
    assert.ok(inScope('.ci/a.json', config(['*/a.json'])));
    assert.ok(inScope('./payloads/a.json', config(['./payloads'])));
  });

  it('is case-sensitive and the same on every system (no backslash separators)', () => {
    assert.ok(!inScope('Payloads/a.json', config(['payloads'])));
    assert.ok(!inScope('payloads\\a.json', config(['payloads'])));
  });

  it('a file outside the config\'s folder matches no glob', () => {
    assert.ok(!inScope('../a.json', config(['**'])));
    assert.ok(inScope('../a.json', config(undefined, ['**'])));
  });
});

describe('team configuration JSON Schema', () => {
  it('matches the committed file (regenerate with `npm run schema`)', () => {
    assert.equal(readFileSync(CONFIG_SCHEMA, 'utf8'), configSchemaText());
  });

  it('in Spanish: the same schema with its titles and descriptions translated, codes and keys as written', () => {
    const text = readFileSync(localizedSchema('es'), 'utf8');
    assert.equal(text, configSchemaText('es'));
    // Everything but the words: the keys, types, patterns, enums and defaults are the English file's.
    const words = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (k, x: unknown) => (k === 'description' || k === 'title' ? undefined : x)));
    assert.deepEqual(words(JSON.parse(text)), words(JSON.parse(configSchemaText())));
    const es = JSON.parse(text) as { title: string; properties: { rules: { properties: Record<string, { description: string }> } } };
    assert.equal(es.title, 'Configuración del equipo de Alfred Events (.alfred-events.json)');
    assert.match(es.properties.rules.properties['timestamp-in-milliseconds']!.description, /^event_time parece estar en milisegundos, no en segundos\. \(predeterminada: warning\)\n\nevent_time es una marca de tiempo Unix en segundos\./);
  });

  it('lists every rule code with its description, default and the four settings', () => {
    const rules = (teamConfigSchema().properties as { rules: { properties: Record<string, { enum: string[]; default: string; description: string }> } }).rules.properties;
    assert.deepEqual(Object.keys(rules), RULES.map((r) => r.code));
    for (const r of RULES) {
      assert.deepEqual(rules[r.code]!.enum, [...SEVERITIES]);
      assert.equal(rules[r.code]!.default, r.defaultSeverity);
      assert.ok(rules[r.code]!.description.startsWith(r.summary), r.code);
    }
  });

  it('agrees with parseTeamConfig on valid and invalid files', () => {
    const check = new Ajv2020({ strict: false }).compile(teamConfigSchema());
    const texts = [
      '{}', '{"rules": {"invalid-uuid": "off"}, "include": ["payloads/**"], "exclude": ["old"], "detect": false, "$schema": "x"}',
      '{"rule": {}}', '{"rules": {"invalid-uuuid": "off"}}', '{"rules": {"invalid-uuid": "warn"}}', '{"detect": "no"}', '[]',
      '{"include": [""]}', '{"include": ["/a"]}', '{"include": ["a\\\\b"]}', '{"include": ["../a"]}', '{"include": ["a/../../b"]}', '{"exclude": ["!a"]}', '{"exclude": ["C:/a"]}',
      '{"include": ["..a/b", "a..", "a/.b"]}',
      '{"maxFileSizeMB": 1}', '{"maxFileSizeMB": 0}', '{"maxFileSizeMB": -2}', '{"maxFileSizeMB": "1"}',
      '{"receiver": {"url": "http://127.0.0.1:3000/a", "stateUrl": "HTTPS://localhost/s", "allowRemote": true}}', '{"receiver": {"url": "ftp://127.0.0.1/"}}',
      '{"receiver": {"url": "not a url"}}', '{"receiver": {"url": 1}}', '{"receiver": {"allowRemote": "true"}}', '{"receiver": {"uri": "http://a/"}}', '{"receiver": []}',
      '{"diff": {"ignore": ["/event_id", "", "/a~0~1"]}}', '{"diff": {"ignore": ["event_id"]}}', '{"diff": {"ignore": ["/a~2"]}}', '{"diff": {"ignore": [1]}}',
      '{"diff": {"ignore": "/a"}}', '{"diff": {"x": []}}', '{"diff": 1}',
    ];
    for (const text of texts) assert.equal(check(JSON.parse(text)), parseTeamConfig(text).problems.length === 0, text);
  });

  it('is contributed for .alfred-events.json and shipped in the package', () => {
    const root = join(__dirname, '..', '..');
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { jsonValidation: { fileMatch: string; url: string }[] } };
    // VS Code replaces a manifest value written %key% by package.nls.<language>.json's, falling back to package.nls.json's.
    assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: CONFIG_FILE, url: '%jsonValidation.teamConfig.url%' }]);
    const nls = (file: string): string | undefined => (JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, string>)['jsonValidation.teamConfig.url'];
    assert.equal(nls('package.nls.json'), './schemas/alfred-events-config.schema.json');
    assert.equal(nls('package.nls.es.json'), './schemas/alfred-events-config.schema.es.json');
    const shipped = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(shipped.includes('!schemas/alfred-events-config.schema.json'));
    assert.ok(shipped.includes('!schemas/alfred-events-config.schema.es.json'));
  });
});
