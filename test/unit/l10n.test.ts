// Languages (README "Languages"): every English message has a Spanish one that keeps its
// placeholders and its codes and keys, and the CLI speaks the language POSIX says it should.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { RULES, complete, hoverAt, outline, t, useMessages, type Candidate } from '../../src/core/index';
import { ENVELOPE_FIELDS, EVENT_FIELDS } from '../../src/core/catalogue';
import { CONFIG_KEYS, DIFF_KEYS, RECEIVER_KEYS } from '../../src/core/config/team';
import { README, updateReadme } from '../../scripts/readme-tables';
import { environmentLocale, languageTag, loadMessages } from '../../src/cli/locale';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const read = (file: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, string>;

/** Names that must reach the reader as written: snake_case keys and events, rule codes (the hyphenated ones: "credential" is also a word), options, file names, settings. */
function untranslatable(message: string): string[] {
  const names = [...message.matchAll(/(?<![\w-])(?:--[a-z][a-z-]*|[a-z][a-z0-9]*(?:_[a-z0-9]+)+|\.alfred[\w.-]*|alfredEvents\.[\w.]+)(?![\w-])/g)].map((m) => m[0]);
  return [...names, ...RULES.map((r) => r.code).filter((code) => code.includes('-') && new RegExp(`(?<![\\w-])${code}(?![\\w-])`).test(message))];
}

/** JSON member names that are also English words ("payload", "events", "event", "receiver", "rules", "merge"…): the capture format's (README "Import a capture"), the catalogue's and the team configuration's. */
const MEMBERS = [...new Set(['events', 'payload', 'event_count', 'reception_date', ...Object.keys(ENVELOPE_FIELDS), ...Object.keys(EVENT_FIELDS), ...CONFIG_KEYS, ...DIFF_KEYS, ...RECEIVER_KEYS])]
  .filter((name) => /^[a-z]+$/i.test(name));

/**
 * The member names an English message uses as keys rather than as words: quoted ("payload", `event`), the
 * missing member of a JSON path ("events[{0}] has no payload", "{0} has no payload"), paired with a snake_case
 * key ("payload and reception_date"), or a configuration path ("in receiver{1}"). The word itself
 * ("Compares two payloads") is translated; the key is not.
 */
function membersNamed(message: string): string[] {
  return MEMBERS.filter((name) => [
    String.raw`["\x60]${name}["\x60]`,
    String.raw`[}\]] has no ${name}\b`,
    String.raw`(?<![\w-])${name} (?:and|or) [a-z]+_[a-z_]+`,
    String.raw`[a-z]+_[a-z_]+,? (?:and|or) ${name}(?![\w-])`,
    String.raw`\bin ${name}\{\d+\}`,
  ].some((context) => new RegExp(context).test(message)));
}

describe('translations', () => {
  for (const [english, spanish] of [['l10n/bundle.l10n.json', 'l10n/bundle.l10n.es.json'], ['package.nls.json', 'package.nls.es.json']] as const) {
    it(`${spanish} translates every key of ${english}, and nothing else`, () => {
      const en = read(english);
      const es = read(spanish);
      assert.deepEqual(Object.keys(en).filter((k) => typeof es[k] !== 'string' || es[k].trim() === ''), [], 'untranslated');
      assert.deepEqual(Object.keys(es).filter((k) => !Object.hasOwn(en, k)), [], 'stale: no longer in the English bundle');
    });
  }

  it('each Spanish message has the placeholders of its English one', () => {
    const es = read('l10n/bundle.l10n.es.json');
    const holes = (s: string): string[] => [...new Set(s.match(/\{\d+\}/g) ?? [])].sort();
    for (const [en, translated] of Object.entries(es)) assert.deepEqual(holes(translated), holes(en), en);
  });

  it('codes, JSON keys, event names, options and file names stay as written', () => {
    const es = read('l10n/bundle.l10n.es.json');
    for (const [en, translated] of Object.entries(es)) {
      for (const name of untranslatable(en)) assert.ok(translated.includes(name), `${name} is missing from the Spanish of: ${en}`);
    }
  });

  it('a JSON member named in a message stays as written, even when it is also an English word', () => {
    const es = read('l10n/bundle.l10n.es.json');
    assert.ok(membersNamed('{0} has no payload: left out').includes('payload'), 'a missing member of a JSON path');
    assert.deepEqual(membersNamed('Compares two payloads; no payload file in {0}'), [], 'the word, not the key');
    const lost = Object.entries(es).flatMap(([en, translated]) => membersNamed(en).filter((name) => !new RegExp(String.raw`(?<![\w-])${name}(?![\w-])`).test(translated)).map((name) => `${name}: ${en}`));
    assert.deepEqual(lost, []);
  });
});

describe('t', () => {
  after(() => useMessages(undefined));
  it('fills {0}… from its arguments, in the active bundle, and falls back to English', () => {
    useMessages({ 'Missing "{0}"{1}{2}': 'Falta "{0}"{1}{2}', 'Empty': '' });
    assert.equal(t('Missing "{0}"{1}{2}', 'event_id', '', ' en x'), 'Falta "event_id" en x');
    assert.equal(t('not in the bundle {0}', 1), 'not in the bundle 1');
    assert.equal(t('Empty'), 'Empty');
    // An argument is inserted once, not read again for placeholders.
    assert.equal(t('Missing "{0}"{1}{2}', '{1}', 'a', 'b'), 'Falta "{1}"ab');
    useMessages(undefined);
    assert.equal(t('Missing "{0}"{1}{2}', 'event_id', '', ''), 'Missing "event_id"');
  });
});

describe('the CLI locale', () => {
  it('reads the language of a POSIX locale name (XBD §8.2: language[_territory][.codeset][@modifier])', () => {
    assert.equal(languageTag('es_AR.UTF-8'), 'es-ar');
    assert.equal(languageTag('es_ES@euro'), 'es-es');
    assert.equal(languageTag('es'), 'es');
    assert.equal(languageTag('pt-BR'), 'pt-br');
    assert.equal(languageTag('C'), undefined);
    assert.equal(languageTag('C.UTF-8'), undefined);
    assert.equal(languageTag('POSIX'), undefined);
    assert.equal(languageTag(''), undefined);
  });

  it('takes LC_ALL, then LC_MESSAGES, then LANG, skipping empty ones (XBD §8.2)', () => {
    assert.equal(environmentLocale({ LC_ALL: 'C', LC_MESSAGES: 'es_ES', LANG: 'es_ES' }), 'C');
    assert.equal(environmentLocale({ LC_ALL: '', LC_MESSAGES: 'es_MX', LANG: 'en_US' }), 'es_MX');
    assert.equal(environmentLocale({ LANG: 'es_AR.UTF-8' }), 'es_AR.UTF-8');
    assert.equal(environmentLocale({}), undefined);
  });

  it('loads the Spanish bundle for es-AR, none for English or an unknown language', () => {
    const dirs = [path.join(ROOT, 'l10n')];
    assert.equal(loadMessages('es-ar', dirs)?.['1 file'], '1 archivo');
    assert.equal(loadMessages('en-us', dirs), undefined);
    assert.equal(loadMessages('xx', dirs), undefined);
  });
});

describe('a broken payload through the CLI in Spanish', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alfred-l10n-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  // Two mistakes with codes and keys in their messages: event_id is no UUID, "event_type" is missing.
  fs.writeFileSync(path.join(dir, 'broken.alfred.json'), '{"event_id": 5, "event_time": 1700000000, "event": {"event_name": "job_retry_event"}}\n');
  const run = (args: string[], env: Record<string, string>): { status: number | null; stdout: string; stderr: string } => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['LC_ALL', 'LC_MESSAGES', 'LANG'].includes(k)));
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', env: { ...clean, ...env } });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const spanish = (stdout: string): void => {
    assert.match(stdout, /broken\.alfred\.json:1:1 {2}error {2}missing-envelope-field {2}Falta el miembro de la envoltura "event_type"/);
    assert.match(stdout, /error {2}invalid-type {2}event_id debe ser un UUID de 8-4-4-4-12 dígitos hexadecimales en job_retry_event; se encontró el número 5/);
    assert.match(stdout, /en 1 archivo\n$/);
  };

  it('with --locale es', () => {
    const r = run(['validate', '--locale', 'es', 'broken.alfred.json'], {});
    assert.equal(r.status, 1);
    spanish(r.stdout);
  });

  it('with LANG=es_ES.UTF-8, and in English when LC_ALL=C overrides it', () => {
    const r = run(['validate', 'broken.alfred.json'], { LANG: 'es_ES.UTF-8' });
    assert.equal(r.status, 1);
    spanish(r.stdout);
    const c = run(['validate', 'broken.alfred.json'], { LANG: 'es_ES.UTF-8', LC_ALL: 'C' });
    assert.match(c.stdout, /missing-envelope-field {2}Missing envelope member "event_type"/);
  });

  it('--help in Spanish: its prose translated, the synopsis, options, codes and severities as written', () => {
    const r = run(['--help', '--locale', 'es'], {});
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^Uso: alfred-events validate \[--format text\|json\|sarif\|junit\]/);
    assert.match(r.stdout, /\n {5}alfred-events send PATH \[--line N\]/);
    assert.match(r.stdout, /\nOpciones:\n/);
    assert.match(r.stdout, /\n {2}-h, --help {15}mostrar esta ayuda\n/);
    assert.match(r.stdout, /\n {2}json-syntax +error {4}El texto no es JSON válido\.\n/);
    // The prose is wrapped whatever its language: below the synopsis, no line runs past 94 columns.
    const prose = r.stdout.slice(r.stdout.indexOf('\n\n'));
    assert.deepEqual(prose.split('\n').filter((l) => [...l].length > 94), []);
  });

  it("SARIF with --locale es: each rule's summary and explanation in Spanish, its id as written", () => {
    type Rule = { id: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string } };
    const rules = (JSON.parse(run(['validate', '--format', 'sarif', '--locale', 'es', 'broken.alfred.json'], {}).stdout) as { runs: { tool: { driver: { rules: Rule[] } } }[] }).runs[0]!.tool.driver.rules;
    const rule = rules.find((r) => r.id === 'timestamp-in-milliseconds');
    assert.equal(rule?.fullDescription.text, 'event_time es una marca de tiempo Unix en segundos. Un valor mil veces demasiado grande casi siempre está en milisegundos; divídalo entre 1000.');
    assert.match(rule?.help.text ?? '', /^event_time parece estar en milisegundos, no en segundos\.\n\nevent_time es una marca de tiempo Unix en segundos\./);
  });

  it('a usage error in Spanish; JSON in English unless --locale asks', () => {
    assert.match(run(['validate', '--nope'], { LANG: 'es_ES.UTF-8' }).stderr, /^alfred-events: opción desconocida '--nope'\. Ejecute 'alfred-events --help' para ver el uso\.\n$/);
    assert.match(run(['replay', '--seed', 'x', 'broken.alfred.json'], { LC_MESSAGES: 'es_MX' }).stderr, /^alfred-events: --seed espera un número entero entre 0 y 4294967295; se recibió 'x'\./);
    const json = (args: string[]): string[] => (JSON.parse(run(['validate', '--format', 'json', ...args, 'broken.alfred.json'], { LANG: 'es_ES.UTF-8' }).stdout) as { files: { diagnostics: { message: string }[] }[] }).files[0]!.diagnostics.map((d) => d.message);
    assert.ok(json([]).some((m) => m.startsWith('Missing envelope member "event_type"')));
    assert.ok(json(['--locale', 'es']).some((m) => m.startsWith('Falta el miembro de la envoltura "event_type"')));
  });
});

describe('delivery and comparison reports through the CLI in Spanish', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alfred-l10n-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const event = (retries: number, extra = ''): string => `{"event_id": "6f1c2a4e-8b3d-4c5e-9f70-123456789abc", "event_type": "job_event_type", "event_time": 1700000000, "event": {"event_name": "job_retry_event", "event_type": "job_event_type", "job_id": "6f1c2a4e-8b3d-4c5e-9f70-123456789abd", "retries": ${retries}${extra}}}\n`;
  fs.writeFileSync(path.join(dir, 'a.alfred.json'), event(2));
  fs.writeFileSync(path.join(dir, 'b.alfred.json'), event(3, ', "x": 1'));
  const run = (args: string[]): { status: number | null; stdout: string; stderr: string } => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['LC_ALL', 'LC_MESSAGES', 'LANG'].includes(k)));
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', env: { ...clean, LANG: 'es_AR.UTF-8' } });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  /** A loopback port nothing listens on: one the system just handed out and took back (RFC 9293: a SYN to a closed port gets a RST, "connection refused"). */
  const closedPort = async (): Promise<number> => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
  };

  it('diff: the summary words, with pointers and keys as written', () => {
    const r = run(['diff', '--no-config', 'a.alfred.json', 'b.alfred.json']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '~ /event/retries: 2 → 3\n+ /event/x: 1\n2 cambios (comparación normalizada, omitiendo /event_id, /event_time, /event/update_date): retries 2 → 3; x agregado\n');
  });

  it('send: a receiver that refuses the connection', async () => {
    const port = await closedPort();
    const r = run(['send', '--no-config', '--to', `http://127.0.0.1:${port}/webhooks`, 'a.alfred.json']);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /\nno superado: se rechazó la conexión: ¿el receptor se está ejecutando en ese puerto\?\n$/);
  });

  it('replay: the scenario, its delivery and the verdict', async () => {
    const port = await closedPort();
    const r = run(['replay', '--no-config', '--to', `http://127.0.0.1:${port}/webhooks`, '--scenario', 'in-order', '--retries', '0', 'a.alfred.json']);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^FAIL {2}in-order {2}0 entregadas, 1 con error\n/);
    assert.match(r.stdout, /\na\.alfred\.json:1 job_retry_event: se rechazó la conexión/);
    assert.match(r.stdout, /\nel escenario no se superó \(1 solicitud a http:\/\/127\.0\.0\.1:\d+\/webhooks\)\n$/);
  });

  it('a refused receiver and a usage error of replay', () => {
    assert.match(run(['send', '--no-config', '--to', 'http://127.0.0.1:9/', 'a.alfred.json']).stderr, /^alfred-events: rechazado: el puerto 9 es uno al que Node y los exploradores nunca se conectan/);
    assert.match(run(['replay', '--scenario', 'sideways', 'a.alfred.json']).stderr, /^alfred-events: escenario desconocido 'sideways' \(se esperaba in-order, duplicates, shuffled, redelivery\)\. Ejecute/);
  });
});

describe('the editor features in Spanish (hover, completion, outline)', () => {
  after(() => useMessages(undefined));
  const es = read('l10n/bundle.l10n.es.json');
  // A job_retry_event whose dates are 6 min 5 s apart; event_time is 2024-05-24T20:00:00Z.
  const payload = JSON.stringify({
    event_id: '6f1c2a4e-8b3d-4c5e-9f70-123456789abc', event_type: 'job_event_type', event_time: 1716580800,
    event: { event_name: 'job_retry_event', event_type: 'job_event_type', job_id: '6f1c2a4e-8b3d-4c5e-9f70-123456789abd', retries: 2,
      error_messages: ['timeout', 'timeout'], creation_date: '2024-05-24T20:00:00Z', update_date: '2024-05-24T20:06:05Z' },
  }, null, 2);
  const at = (needle: string, shift = 1): number => payload.indexOf(needle) + shift;

  it("a field's hover: the catalogue's description, its type and its event, with key and event names as written", () => {
    useMessages(es);
    assert.equal(hoverAt(payload, at('"retries"'))?.markdown,
      '**retries** · entero ≥ 0\n\nCuántas veces ha reintentado el trabajo una etapa hasta ahora.\n\nCampo de `job_retry_event` (JobRetryEvent).');
    useMessages(undefined);
    assert.match(hoverAt(payload, at('"retries"'))!.markdown, /^\*\*retries\*\* · integer ≥ 0\n\nHow many times the job has retried a stage so far\./);
  });

  it("an event's hover and a date's gaps", () => {
    useMessages(es);
    assert.equal(hoverAt(payload, at('"job_retry_event"'))?.markdown.split('\n\n---\n\n')[0],
      '**job_retry_event** · JobRetryEvent · evento de trabajo\n\n'
      + 'El trabajo vuelve a intentar una etapa después de un error recuperable (límites de recursos, un corte breve de red, un modelo no disponible).\n\n'
      + 'Campos: `job_id`, `user_name`, `merge`, `metadata`, `file_count`, `retries`, `exceeded_retries`, `error_messages`, `company_id`, `company_name`, `file_urls`, `creation_date`, `update_date`');
    const date = hoverAt(payload, at('"2024-05-24T20:06:05Z"'))!.markdown.split('\n\n---\n\n')[0]!.split('  \n');
    assert.equal(date[0], '**2024-05-24 20:06:05 UTC**');
    assert.match(date[1]!, /^Local: 2024-05-2[45] \d\d:\d\d:05 \(UTC[+-]\d\d:\d\d(?::\d\d)?\)$/);
    assert.deepEqual(date.slice(2), ['6 min 5 s después de event_time', '6 min 5 s después de creation_date']);
  });

  it("completion: a field's type and description, an event's family and fields", () => {
    useMessages(es);
    const inEvent = payload.replace('"retries": 2,', '');
    const offset = inEvent.indexOf('"job_id"');
    const field = complete(inEvent, offset - 1).find((c) => c.label === 'retries');
    assert.equal(field?.detail, 'entero ≥ 0');
    assert.equal(field?.documentation, 'Cuántas veces ha reintentado el trabajo una etapa hasta ahora.\n\nCampo de `job_retry_event`.');
    // Values are proposed after a colon with nothing yet written.
    const after = (written: string): Candidate[] => complete(payload.replace(written, ''), payload.indexOf(written));
    const value = after('"job_retry_event"').find((c) => c.label === 'file_done_event');
    assert.equal(value?.detail, 'File Done · evento de archivo');
    assert.match(value?.documentation ?? '', /^El archivo completó su canalización\.\n\nCampos: `company_id`, `company_name`, `blob_name`/);
    // In an empty document, whole payloads: the event's name first, so typing it still finds them.
    const whole = complete('', 0).find((c) => c.label.startsWith('job_retry_event'));
    assert.equal(whole?.label, 'job_retry_event (carga útil)');
    assert.equal(whole?.detail, 'JobRetryEvent: un evento de trabajo completo con identificadores nuevos');
    const types = after('"job_event_type"').map((c) => `${c.label}: ${c.detail}`);
    assert.deepEqual(types, ['job_event_type: los 8 eventos de trabajo', 'file_event_type: los 16 eventos de archivo']);
  });

  it("the outline: counts and a log's jobs", () => {
    useMessages(es);
    const messages = outline(payload).find((i) => i.name === 'event')?.children.find((i) => i.name === 'error_messages');
    assert.equal(messages?.detail, '2 elementos');
    const line = JSON.stringify(JSON.parse(payload));
    const [job] = outline(`${line}\n${line}\n`, 'log');
    assert.equal(job?.name, 'trabajo 6f1c2a4e-8b3d-4c5e-9f70-123456789abd');
    assert.equal(job?.detail, '2 eventos');
  });

  it('the README\'s tables stay English while Spanish is in use', () => {
    useMessages(es);
    const readme = fs.readFileSync(README, 'utf8');
    assert.equal(updateReadme(readme), readme);
    assert.match(readme, /\| `job_retry_event` \| job_event_type \| The job tries a stage again after a recoverable failure/);
  });
});
