// The CLI's report formats, fed hand-made diagnostics: no validator, no child process.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULES, type Diagnostic } from '../../src/core/index';
import { jsonReport, formatJson } from '../../src/cli/report-json';
import { sarifLog } from '../../src/cli/report-sarif';
import { formatText, summaryLine } from '../../src/cli/report-text';
import { exitStatus, summarize, type CheckedFile } from '../../src/cli/results';

function diag(overrides: Partial<Diagnostic> = {}): Diagnostic {
  return {
    code: 'invalid-uuid',
    severity: 'warning',
    message: 'event_id is not a UUID',
    pointer: '/event_id',
    range: { start: { line: 1, character: 14 }, end: { line: 1, character: 26 } },
    offset: 16,
    length: 12,
    suggestions: ['x'],
    ...overrides,
  };
}

const root = path.resolve('/work/project');

function file(display: string, diagnostics: Diagnostic[], mode: CheckedFile['mode'] = 'document'): CheckedFile {
  return { display, relative: display, absolute: path.join(root, display), mode, diagnostics };
}

const outOfRange = diag({
  code: 'out-of-range',
  severity: 'error',
  message: 'retries is -1; it counts retries, so it cannot be negative',
  pointer: '/event/retries',
  range: { start: { line: 9, character: 15 }, end: { line: 9, character: 17 } },
});

describe('text report', () => {
  it('prints file:line:col with 1-based positions, then the summary', () => {
    const out = formatText([file('a/retry.alfred.json', [outOfRange, diag()]), file('b.alfred.json', [])]);
    assert.equal(
      out,
      'a/retry.alfred.json:10:16  error  out-of-range  retries is -1; it counts retries, so it cannot be negative\n' +
        'a/retry.alfred.json:2:15  warning  invalid-uuid  event_id is not a UUID\n' +
        '2 problems (1 error, 1 warning, 0 infos) in 2 files\n',
    );
  });

  it('keeps each diagnostic on one line', () => {
    const out = formatText([file('x.json', [diag({ message: 'first\nsecond' })])]);
    assert.equal(out.split('\n')[0], 'x.json:2:15  warning  invalid-uuid  first second');
  });

  it('words the summary with plurals and the clean case', () => {
    assert.equal(summaryLine({ files: 1, errors: 0, warnings: 0, infos: 0 }), 'No problems in 1 file');
    assert.equal(summaryLine({ files: 0, errors: 0, warnings: 0, infos: 0 }), 'No problems in 0 files');
    assert.equal(summaryLine({ files: 1, errors: 1, warnings: 0, infos: 0 }), '1 problem (1 error, 0 warnings, 0 infos) in 1 file');
    assert.equal(summaryLine({ files: 3, errors: 0, warnings: 2, infos: 1 }), '3 problems (0 errors, 2 warnings, 1 info) in 3 files');
  });
});

describe('json report (README, Command line)', () => {
  it('has exactly the B3 keys and drops offset, length and suggestions', () => {
    const report = jsonReport([file('a.alfred.json', [diag()]), file('clean.alfred.json', [])]);
    assert.deepEqual(Object.keys(report), ['files', 'summary']);
    assert.deepEqual(report.summary, { files: 2, errors: 0, warnings: 1, infos: 0 });
    assert.deepEqual(report.files, [
      {
        file: 'a.alfred.json',
        diagnostics: [
          {
            code: 'invalid-uuid',
            severity: 'warning',
            message: 'event_id is not a UUID',
            pointer: '/event_id',
            range: { start: { line: 1, character: 14 }, end: { line: 1, character: 26 } },
          },
        ],
      },
      { file: 'clean.alfred.json', diagnostics: [] },
    ]);
  });

  it('keeps record for logs, in B3 key order', () => {
    const report = jsonReport([file('l.alfred.jsonl', [diag({ record: 2 })], 'log')]);
    const d = report.files[0]?.diagnostics[0];
    assert.ok(d);
    assert.deepEqual(Object.keys(d), ['code', 'severity', 'message', 'pointer', 'record', 'range']);
    assert.equal(d.record, 2);
  });

  it('leaves record out of single documents, which have none', () => {
    const d = jsonReport([file('a.alfred.json', [diag()])]).files[0]?.diagnostics[0];
    assert.ok(d);
    assert.equal('record' in d, false);
  });

  it('keeps record for a capture\'s payload, its index in events (README "Captures made before")', () => {
    const d = jsonReport([file('output.json', [diag({ record: 3 })])]).files[0]?.diagnostics[0];
    assert.ok(d);
    assert.equal(d.record, 3);
  });

  it('serialises to parseable JSON ending in a newline', () => {
    const text = formatJson([file('a.alfred.json', [diag()])]);
    assert.ok(text.endsWith('}\n'));
    assert.deepEqual(JSON.parse(text), jsonReport([file('a.alfred.json', [diag()])]));
  });
});

describe('sarif report', () => {
  const log = sarifLog(
    [file('dir/retry one.alfred.json', [outOfRange, diag({ severity: 'info', code: 'event-name-alias' })])],
    { version: '9.8.7', root },
  );
  const run = log.runs[0];
  assert.ok(run);
  const rules = run.tool.driver.rules;

  it('is one SARIF 2.1.0 run of the alfred-events driver', () => {
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    assert.equal(run.tool.driver.name, 'alfred-events');
    assert.equal(run.tool.driver.version, '9.8.7');
    assert.equal('informationUri' in run.tool.driver, false);
  });

  it('lists every rule with descriptions, help and default level', () => {
    assert.deepEqual(rules.map((r) => r.id), RULES.map((r) => r.code));
    for (const [i, rule] of rules.entries()) {
      const info = RULES[i];
      assert.ok(info);
      assert.equal(rule.shortDescription.text, info.summary);
      assert.equal(rule.fullDescription.text, info.help);
      assert.ok(rule.help.text.includes(info.help));
      assert.ok(rule.help.markdown.includes(info.help));
      const level = { error: 'error', warning: 'warning', info: 'note' }[info.defaultSeverity];
      assert.equal(rule.defaultConfiguration.level, level);
    }
  });

  it('maps results to rules, levels and 1-based regions against %SRCROOT%', () => {
    const [first, second] = run.results;
    assert.ok(first && second);
    assert.equal(first.ruleId, 'out-of-range');
    assert.equal(rules[first.ruleIndex ?? -1]?.id, 'out-of-range');
    assert.equal(first.level, 'error');
    assert.equal(first.message.text, outOfRange.message);
    assert.deepEqual(first.locations[0]?.physicalLocation, {
      artifactLocation: { uri: 'dir/retry%20one.alfred.json', uriBaseId: '%SRCROOT%' },
      region: { startLine: 10, startColumn: 16, endLine: 10, endColumn: 18 },
    });
    assert.equal(second.level, 'note');
    assert.equal(rules[second.ruleIndex ?? -1]?.id, 'event-name-alias');
    assert.match(run.originalUriBaseIds?.['%SRCROOT%']?.uri ?? '', /^file:\/\/.*\/$/);
  });

  it('names files outside the working directory by absolute file URI', () => {
    const outside: CheckedFile = {
      ...file('x', [diag()]),
      display: '/elsewhere/x.json',
      relative: undefined,
      absolute: path.resolve('/elsewhere/x.json'),
    };
    const location = sarifLog([outside], { version: '1' }).runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation;
    assert.ok(location);
    assert.match(location.uri, /^file:\/\/.*\/elsewhere\/x\.json$/);
    assert.equal('uriBaseId' in location, false);
  });

  it('has no results, but all rules, when nothing was found', () => {
    const empty = sarifLog([file('a.alfred.json', [])], { version: '1', root }).runs[0];
    assert.ok(empty);
    assert.deepEqual(empty.results, []);
    assert.equal(empty.tool.driver.rules.length, RULES.length);
  });
});

describe('summary and exit status', () => {
  it('counts by severity and fails only on errors', () => {
    const warningsOnly = [file('a', [diag(), diag({ severity: 'info' })])];
    assert.deepEqual(summarize(warningsOnly), { files: 1, errors: 0, warnings: 1, infos: 1 });
    assert.equal(exitStatus(warningsOnly), 0);
    assert.equal(exitStatus([file('a', [outOfRange]), file('b', [])]), 1);
    assert.equal(exitStatus([]), 0);
  });
});

/**
 * Reads a plain text message as a SARIF 2.1.0 viewer does: §3.11.5 (`{{` and `}}` are literal
 * braces; a single brace opens a placeholder `{n}`) and §3.11.6 (an embedded link is
 * `[link text](destination)`, where `\`, `[` and `]` in the link text are escaped with `\`).
 * Escaped characters are read as themselves outside link text too. Throws on text that a viewer
 * would read otherwise than literally: a placeholder, a bracket that is neither escaped nor a
 * link, an unterminated link.
 */
function readSarifText(text: string): { shown: string; links: { text: string; destination: string }[] } {
  const links: { text: string; destination: string }[] = [];
  let shown = '';
  let i = 0;
  // One character of text: an escape, a doubled brace, or a plain character.
  const char = (): string => {
    const c = text[i]!;
    if (c === '\\' && '\\[]'.includes(text[i + 1] ?? '')) return (i += 2, text[i - 1]!);
    if (c === '{' || c === '}') {
      if (text[i + 1] !== c) throw new Error(`a single "${c}" at ${i} is a placeholder (§3.11.5): ${text}`);
      return (i += 2, c);
    }
    if (c === '[' || c === ']') throw new Error(`an unescaped "${c}" at ${i} inside link text (§3.11.6): ${text}`);
    return (i += 1, c);
  };
  while (i < text.length) {
    if (text[i] === ']') throw new Error(`an unescaped "]" at ${i} outside a link: ${text}`);
    if (text[i] !== '[') {
      shown += char();
      continue;
    }
    i++;
    let linkText = '';
    while (i < text.length && text[i] !== ']') linkText += char();
    const close = /^\]\(([^)]*)\)/.exec(text.slice(i));
    if (!close) throw new Error(`"[" at ${i} opens no embedded link: ${text}`);
    i += close[0].length;
    links.push({ text: linkText, destination: close[1]! });
    shown += linkText;
  }
  return { shown, links };
}

describe('sarif embedded links (SARIF 2.1.0 §3.11.5, §3.11.6)', () => {
  const here = (line: number) => ({ start: { line, character: 2 }, end: { line, character: 12 } });
  const at = { offset: 0, length: 10 };
  // Messages that quote payload text a viewer could misread: a link, a placeholder, a backslash.
  const duplicate = diag({
    code: 'duplicate-event-id',
    message: 'event_id "[x](1)" {0} is also the id of an earlier event: C:\\drop\\[1]',
    related: [
      { message: 'the first event with this event_id', range: here(1), ...at },
      { uri: 'other.alfred.json', message: 'and [again] {here}', range: here(4), ...at },
    ],
  });
  const files = [file('a.alfred.json', [duplicate, outOfRange]), file('other.alfred.json', [])];
  const results = sarifLog(files, { version: '1', root }).runs[0]!.results;

  it('links every related location from the message, by an id it has exactly once', () => {
    const result = results.find((r) => r.ruleId === 'duplicate-event-id')!;
    const ids = (result.relatedLocations ?? []).map((l) => l.id);
    assert.equal(ids.length, 2);
    // §3.28.2 and GitHub's SARIF support: an id is an integer from 0 to 2^63 - 1, unique in its result.
    for (const id of ids) assert.ok(Number.isSafeInteger(id) && id >= 0, String(id));
    assert.equal(new Set(ids).size, ids.length);
    const { links } = readSarifText(result.message.text);
    // §3.11.6: a non-negative integer destination names the one location with that id.
    for (const link of links) {
      assert.match(link.destination, /^(0|[1-9][0-9]*)$/);
      assert.equal(ids.filter((id) => id === Number(link.destination)).length, 1, link.destination);
    }
    assert.deepEqual(links.map((l) => Number(l.destination)).sort(), [...ids].sort(), 'each related location linked once');
    // The link text is the related location's own message.
    for (const link of links) {
      const target = result.relatedLocations!.find((l) => l.id === Number(link.destination))!;
      assert.equal(link.text, readSarifText(target.message.text).shown);
    }
  });

  it('shows every message as written: brackets, braces and backslashes from the payload stay text', () => {
    const result = results.find((r) => r.ruleId === 'duplicate-event-id')!;
    const read = readSarifText(result.message.text);
    assert.equal(read.shown, `${duplicate.message} (see the first event with this event_id, and [again] {here})`);
    assert.deepEqual(result.relatedLocations!.map((l) => readSarifText(l.message.text)), [
      { shown: 'the first event with this event_id', links: [] },
      { shown: 'and [again] {here}', links: [] },
    ]);
    const plain = results.find((r) => r.ruleId === 'out-of-range')!;
    assert.deepEqual(readSarifText(plain.message.text), { shown: outOfRange.message, links: [] });
    assert.equal('relatedLocations' in plain, false);
  });

  it('points each related location at its own file', () => {
    const result = results.find((r) => r.ruleId === 'duplicate-event-id')!;
    assert.deepEqual(result.relatedLocations!.map((l) => l.physicalLocation.artifactLocation.uri), ['a.alfred.json', 'other.alfred.json']);
    assert.deepEqual(result.relatedLocations!.map((l) => l.physicalLocation.region.startLine), [2, 5]);
  });
});
