import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULES, SEVERITIES, Validation, summarize, validate } from '../../src/core/index';
import { BUNDLE, bundle } from '../../scripts/l10n-bundle';
import { fixture } from './helpers';

const ROOT = join(__dirname, '..', '..');
interface Manifest {
  contributes: {
    commands: { command: string; category?: string }[];
    configuration: { properties: Record<string, { scope?: string; properties?: Record<string, { enum?: string[] }> }> };
    languages: { id: string; extensions: string[]; configuration: string }[];
    grammars: { language: string; scopeName: string; path: string }[];
    problemMatchers: { name: string; pattern: { regexp: string } }[];
  };
  activationEvents: string[];
  main: string;
  icon: string;
}
const manifestText = readFileSync(join(ROOT, 'package.json'), 'utf8');
const nls = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
/** The manifest as VS Code shows it: every %key% replaced by its package.nls.json string. */
const manifest = JSON.parse(manifestText, (_k, v: unknown) => (typeof v === 'string' && /^%[^%]+%$/.test(v) ? nls[v.slice(1, -1)] ?? v : v)) as Manifest;

function sources(dir: string): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? readFileSync(join(dir, e.name), 'utf8') : ''))
    .join('\n');
}

describe('extension manifest', () => {
  const src = sources(join(ROOT, 'src'));

  it('its user-facing strings live in package.nls.json, each used and each defined', () => {
    const used = new Set([...manifestText.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!));
    assert.deepEqual([...used].filter((k) => !(k in nls)), [], 'keys without a string');
    assert.deepEqual(Object.keys(nls).filter((k) => !used.has(k)), [], 'strings nobody uses');
    for (const k of ['displayName', 'description']) assert.match(manifestText, new RegExp(`"${k}": "%${k}%"`));
  });

  it('l10n/bundle.l10n.json holds every runtime string, as the sources say (regenerate with `npm run l10n`)', () => {
    assert.equal(readFileSync(BUNDLE, 'utf8'), bundle());
    assert.ok(Object.keys(JSON.parse(bundle()) as object).length >= 15);
    assert.equal((JSON.parse(manifestText) as { l10n?: string }).l10n, './l10n');
  });

  it('the walkthrough: its media are shipped, its command links name real commands', () => {
    const walk = (manifest as unknown as { contributes: { walkthroughs: { steps: { description: string; media: { markdown: string } }[] }[] } }).contributes.walkthroughs;
    assert.equal(walk.length, 1);
    const allow = readFileSync(join(ROOT, '.vscodeignore'), 'utf8');
    const ours = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const step of walk[0]!.steps) {
      assert.ok(existsSync(join(ROOT, step.media.markdown)), step.media.markdown);
      assert.ok(allow.includes(`!${step.media.markdown}`) || allow.includes(`!${step.media.markdown.replace(/[^/]+$/, '*.md')}`), `${step.media.markdown} is not in the package`);
      for (const [, command] of step.description.matchAll(/\(command:([A-Za-z.]+)/g)) {
        assert.ok(ours.has(command!) || !command!.startsWith('alfredEvents.'), `${command} is not one of ours`);
      }
    }
  });

  it('every contributed command has a handler and the Alfred category', () => {
    for (const c of manifest.contributes.commands) {
      assert.ok(src.includes(`registerCommand('${c.command}'`), `${c.command} has no handler`);
      assert.equal(c.category, 'Alfred');
      assert.match(c.command, /^alfredEvents\.[a-z][A-Za-z]+$/);
    }
  });

  it('settings are alfredEvents.<area>.<name> with a scope; the rule setting lists every rule', () => {
    for (const [key, p] of Object.entries(manifest.contributes.configuration.properties)) {
      assert.match(key, /^alfredEvents\.(rules|[a-z]+\.[a-z][A-Za-z]+)$/, key);
      assert.equal(p.scope, 'resource', key);
    }
    const rules = manifest.contributes.configuration.properties['alfredEvents.rules']!.properties!;
    assert.deepEqual(Object.keys(rules), RULES.map((r) => r.code));
    for (const r of Object.values(rules)) assert.deepEqual(r.enum, [...SEVERITIES]);
  });

  it('languages, grammars and activation events agree; every file they name exists', () => {
    const ids = manifest.contributes.languages.map((l) => l.id);
    assert.deepEqual(ids, ['alfred-event', 'alfred-event-log']);
    for (const g of manifest.contributes.grammars) {
      assert.ok(ids.includes(g.language));
      const grammar = JSON.parse(readFileSync(join(ROOT, g.path), 'utf8')) as { scopeName: string };
      assert.equal(grammar.scopeName, g.scopeName);
    }
    for (const l of manifest.contributes.languages) assert.ok(existsSync(join(ROOT, l.configuration)));
    for (const id of ids) assert.ok(manifest.activationEvents.includes(`onLanguage:${id}`));
    assert.ok(!manifest.activationEvents.includes('*') && !manifest.activationEvents.includes('onStartupFinished'));
    assert.ok(existsSync(join(ROOT, manifest.icon)));
  });

  it("the problem matcher reads the CLI's text output", () => {
    const re = new RegExp(manifest.contributes.problemMatchers[0]!.pattern.regexp);
    const m = re.exec('payloads/a b.alfred.json:13:16  error  out-of-range  retries must be a whole number ≥ 0, found -1');
    assert.deepEqual(m?.slice(1), ['payloads/a b.alfred.json', '13', '16', 'error', 'out-of-range', 'retries must be a whole number ≥ 0, found -1']);
  });
});

describe('validation in slices', () => {
  it('gives the same diagnostics as one run, whatever the slice', () => {
    const log = fixture('broken', 'mixed-log.alfred.jsonl') + fixture('examples', 'jobs.alfred.jsonl');
    const whole = validate(log, { mode: 'log' });
    const run = new Validation(log, { mode: 'log' });
    let steps = 0;
    while (!run.step(0)) steps++;
    assert.ok(steps > 10);
    assert.equal(run.progress, 1);
    assert.deepEqual(run.diagnostics(), whole);
  });

  it('summarises a log for the status bar: records, jobs, records with errors', () => {
    const log = fixture('broken', 'mixed-log.alfred.jsonl');
    const s = summarize(log, 'log', validate(log, { mode: 'log' }));
    assert.equal(s.records, log.split('\n').filter((l) => l.trim()).length);
    assert.equal(s.recordsWithErrors, 3);
    assert.ok(s.jobs >= 1);
  });
});
