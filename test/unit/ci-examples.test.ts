// The CI set-ups the README shows beside the GitHub Actions one, and the pre-commit hook
// (.pre-commit-hooks.yaml): each YAML document read by a real YAML parser, js-yaml, which mocha
// (a devDependency) depends on and so is installed wherever the tests run; each command line
// parsed by the CLI's own parser.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import pkg from '../../package.json';
import { parseCommandLine } from '../../src/cli/args';

const ROOT = path.resolve(__dirname, '../..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** js-yaml, as mocha resolves it; loads YAML 1.2 with its JSON schema, so that no value is guessed. */
const yaml = createRequire(require.resolve('mocha/package.json'))('js-yaml') as { load(text: string, options: { schema: unknown }): unknown; JSON_SCHEMA: unknown };
const load = (text: string): unknown => yaml.load(text, { schema: yaml.JSON_SCHEMA });

/** The README's code block in `language` that contains `marker`: exactly one. */
function block(language: string, marker: string): string {
  const found = [...README.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!).filter((b) => b.includes(marker));
  assert.equal(found.length, 1, `one \`\`\`${language} block with ${marker}`);
  return found[0]!;
}

/** An `alfred-events validate … > FILE` line: the arguments as the CLI parses them, and FILE. */
function validateLine(line: string): { format: string; report: string } {
  const m = /(?:^|\/)alfred-events (validate .*?) > (\S+)$/.exec(line.trim());
  assert.ok(m, `an alfred-events validate line writing a report: ${line}`);
  const command = parseCommandLine(m[1]!.split(' '));
  assert.equal(command.kind, 'validate');
  return { format: command.kind === 'validate' ? command.format : '', report: m[2]! };
}

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
  pass_filenames: boolean;
  require_serial: boolean;
}

const hooks = load(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

describe('the pre-commit hook (.pre-commit-hooks.yaml)', () => {
  it('is a list of one hook that runs alfred-events validate on the staged files', () => {
    assert.ok(Array.isArray(hooks));
    assert.equal(hooks.length, 1);
    const hook = hooks[0]!;
    assert.equal(hook.id, 'alfred-events-validate');
    assert.equal(hook.language, 'node');
    assert.equal(hook.pass_filenames, true);
    assert.equal(hook.require_serial, true, 'one run, so that the checks across files see every file');
    // The entry is this package's command, and with the file names pre-commit adds it is a validate command.
    const [bin, ...args] = hook.entry.split(' ');
    assert.ok(bin !== undefined && bin in pkg.bin, `${bin} is a command of the package`);
    assert.deepEqual(parseCommandLine([...args, 'a.alfred.json', 'b.alfred.jsonl']), parseCommandLine(['validate', 'a.alfred.json', 'b.alfred.jsonl']));
  });

  describe('its files pattern', () => {
    const pattern = hooks[0]!.files;
    // pre-commit applies it with Python's re.search: written in the syntax Python and JavaScript share.
    const re = new RegExp(pattern);

    it('uses only the syntax Python and JavaScript read alike', () => {
      assert.match(pattern, /^[A-Za-z0-9\\.()|?$-]+$/);
    });

    it('matches every payload and log name the README and the manifest document, in any folder', () => {
      const documented = /`validate` searches directories for `\*(\S+)`, `\*(\S+)`, `\*(\S+)` and\s+`\*(\S+)`,/.exec(README)?.slice(1) ?? [];
      assert.deepEqual(documented, ['.alfred.json', '.alfred-event.json', '.alfred.jsonl', '.alfred.ndjson']);
      assert.deepEqual(pkg.contributes.languages.flatMap((l) => l.extensions).sort(), [...documented].sort());
      for (const ending of documented) {
        for (const name of [`x${ending}`, `payloads/job 1${ending}`, `a/b.c/-${ending}`]) assert.ok(re.test(name), name);
      }
    });

    it('matches no other name: plain JSON, the team configuration, look-alikes', () => {
      for (const name of [
        'x.json', 'x.jsonl', 'x.ndjson', '.alfred-events.json', 'dir/.alfred-events.json', 'package.json',
        'x.alfred.json.bak', 'x.alfred.jsonc', 'x.alfred-event.jsonl', 'xalfred.json', 'x.alfred_event.json',
        'x.alfred.json/readme.md', 'x.alfred.ndjson~',
      ]) {
        assert.ok(!re.test(name), name);
      }
    });
  });

  it('is what the README\'s .pre-commit-config.yaml uses, from this repository', () => {
    const config = load(block('yaml', 'alfred-events-validate')) as { repos: { repo: string; rev: string; hooks: { id: string }[] }[] };
    assert.equal(config.repos.length, 1);
    const repo = config.repos[0]!;
    assert.equal(repo.repo, pkg.repository.url.replace(/\.git$/, ''));
    assert.equal(typeof repo.rev, 'string');
    assert.deepEqual(repo.hooks, [{ id: hooks[0]!.id }]);
  });
});

describe('the README\'s install from git', () => {
  it('is --global --install-links, the command the package\'s prepare names when --install-links is missing', () => {
    // Without it npm links the clone it deletes into the global folder (npm/cli#8440); test:package installs both ways.
    const expected = `npm install --global --install-links git+${pkg.repository.url.replace(/^git\+/, '')}`;
    const install = README.slice(README.indexOf('\n## Install\n'), README.indexOf('\n## In the editor\n'));
    assert.deepEqual([...install.matchAll(/npm install [^`\n]*git\+https:[^\s`]+/g)].map((m) => m[0]), [expected]);
    assert.ok(readFileSync(path.join(ROOT, 'scripts', 'prepare.mjs'), 'utf8').includes(`: ${expected}');`), 'scripts/prepare.mjs names it');
  });
});

describe('the README\'s CI examples for JUnit', () => {
  it('install the command line into a folder of the job\'s own, and run it from there', () => {
    // A folder of the job's own needs no --global, which from git needs --install-links (npm/cli#8440).
    const section = README.slice(README.indexOf('\n## Command line\n'), README.indexOf('\n### Comparing payloads\n'));
    const installs = [...section.matchAll(/npm install [^\n']*git\+https:[^\s']+/g)].map((m) => m[0]);
    assert.equal(installs.length, 4, 'GitHub Actions, GitLab CI, Azure Pipelines, Jenkins');
    for (const install of installs) assert.equal(install, `npm install --prefix .tools git+${pkg.repository.url.replace(/^git\+/, '')}`);
    const runs = [...section.matchAll(/([^\s']*)alfred-events validate --format/g)].map((m) => m[1]);
    assert.deepEqual(runs, installs.map(() => '.tools/node_modules/.bin/'));
  });

  it('GitLab CI keeps the report, even when the job fails, as its JUnit report', () => {
    const doc = load(block('yaml', 'reports:')) as Record<string, { script: string[]; artifacts: { when: string; reports: { junit: string } } }>;
    const job = Object.values(doc)[0]!;
    const { format, report } = validateLine(job.script.at(-1)!);
    assert.equal(format, 'junit');
    assert.equal(job.artifacts.when, 'always');
    assert.equal(job.artifacts.reports.junit, report);
  });

  it('Azure Pipelines publishes the report as JUnit, whether the check passed or failed', () => {
    const doc = load(block('yaml', 'PublishTestResults@2')) as { steps: { script?: string; task?: string; condition?: string; inputs?: Record<string, string> }[] };
    const check = doc.steps.find((s) => s.script?.includes('validate'));
    const { format, report } = validateLine(check?.script ?? '');
    assert.equal(format, 'junit');
    const publish = doc.steps.find((s) => s.task === 'PublishTestResults@2');
    assert.ok(publish && doc.steps.indexOf(publish) > doc.steps.indexOf(check!));
    assert.equal(publish.condition, 'succeededOrFailed()');
    assert.equal(publish.inputs?.testResultsFormat, 'JUnit');
    assert.equal(publish.inputs?.testResultsFiles, report);
  });

  it('Jenkins records the report with the junit step after every build', () => {
    const groovy = block('groovy', 'junit');
    const line = /sh '([^']*alfred-events validate[^']*)'/.exec(groovy)?.[1] ?? '';
    const { format, report } = validateLine(line);
    assert.equal(format, 'junit');
    assert.match(groovy, new RegExp(`post \\{\\s*always \\{\\s*junit '${report.replace(/\./g, '\\.')}'\\s*\\}\\s*\\}`));
  });
});
