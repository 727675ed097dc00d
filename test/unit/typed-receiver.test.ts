// A receiver written in TypeScript against the package, as its users write one (README, "Using the
// checks in your receiver (TypeScript)"): compiled with the TypeScript compiler against the built
// package, reached by its name through package.json "exports" (a node_modules/alfred-events
// symlink to this repository in a temporary project), then run under plain Node and sent a
// handshake and events over loopback. Needs the build (npm run test:unit builds first).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import ts from 'typescript';
import { handshakeBody, judgeHandshake } from '../../src/core/index';
import { fixture } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..');
const SOURCES = path.join(ROOT, 'test', 'fixtures', 'typed-receiver');

/** A copy of the receiver with one expression replaced; the replacement must happen, or the test would prove nothing. */
function mutated(from: string, to: string): string {
  const text = fs.readFileSync(path.join(SOURCES, 'receiver.mts'), 'utf8');
  assert.ok(text.includes(from), `receiver.mts no longer has ${from}`);
  return text.replace(from, to);
}

/** The README's receiver: the TypeScript block of its section on the library. */
function readmeExample(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Using the checks in your receiver (TypeScript)'));
  return /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? assert.fail('the README has no TypeScript receiver');
}

/**
 * Just enough of Express's declarations for the README's example (Express is no dependency of
 * ours): what it calls, as @types/express types it (`req.body` is `any` there, `unknown` here).
 */
const EXPRESS_STUB = `declare namespace express {
  interface Request { body: unknown }
  interface Response { status(code: number): Response; json(value: unknown): Response; sendStatus(code: number): Response }
  type Handler = (req: Request, res: Response) => unknown;
  interface Application { post(path: string, ...handlers: Handler[]): Application; listen(port: number, host: string): unknown }
  function text(options: { type: string }): Handler;
}
declare function express(): express.Application;
export = express;
`;

/** Node run without the test runner's loader (tsx): what a user's `node receiver.mjs` is. */
function plainNode(args: string[], cwd: string): ChildProcess {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function output(child: ChildProcess): Promise<{ status: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const [status] = (await once(child, 'close')) as [number | null];
  return { status, stdout, stderr };
}

describe('a TypeScript receiver built against the package (exports, declarations, run under Node)', () => {
  let project: string;
  let diagnostics: Map<string, readonly ts.Diagnostic[]>;
  let options: ts.CompilerOptions;

  before(() => {
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'lib', 'index.d.mts')), 'build first: node scripts/build.mjs');
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'alfred-typed-'));
    fs.mkdirSync(path.join(project, 'node_modules'));
    fs.symlinkSync(ROOT, path.join(project, 'node_modules', 'alfred-events'), 'dir');
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ private: true }));
    for (const name of fs.readdirSync(SOURCES)) fs.copyFileSync(path.join(SOURCES, name), path.join(project, name));
    fs.writeFileSync(path.join(project, 'misspelt.mts'), mutated('retries: body.event.retries', 'retries: body.event.retriess'));
    fs.writeFileSync(path.join(project, 'wrong-event.mts'), mutated('file_id: body.event.file_id', 'file_id: body.event.job_id'));
    fs.writeFileSync(path.join(project, 'readme-example.mts'), readmeExample());
    fs.mkdirSync(path.join(project, 'node_modules', 'express'));
    fs.writeFileSync(path.join(project, 'node_modules', 'express', 'package.json'), JSON.stringify({ name: 'express', types: 'index.d.ts' }));
    fs.writeFileSync(path.join(project, 'node_modules', 'express', 'index.d.ts'), EXPRESS_STUB);
    // One program, as `tsc` with a strict tsconfig would build it; only the sound files are emitted.
    options = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      lib: ['lib.es2022.d.ts'],
      types: ['node'],
      typeRoots: [path.join(ROOT, 'node_modules', '@types')],
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      outDir: path.join(project, 'out'),
    };
    const files = ['receiver.mts', 'consumer.cts', 'misspelt.mts', 'wrong-event.mts', 'readme-example.mts'].map((f) => path.join(project, f));
    const program = ts.createProgram(files, options);
    diagnostics = new Map(files.map((f) => [path.basename(f), ts.getPreEmitDiagnostics(program, program.getSourceFile(f))]));
    for (const f of ['receiver.mts', 'consumer.cts']) program.emit(program.getSourceFile(path.join(project, f)));
  });

  after(() => fs.rmSync(project, { recursive: true, force: true, maxRetries: 3 }));

  const shown = (ds: readonly ts.Diagnostic[]): string => ds.map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`).join('\n');

  it('compiles cleanly, for import (ESM) and for require (CommonJS), with the declarations of the exports', () => {
    assert.equal(shown(diagnostics.get('receiver.mts')!), '');
    assert.equal(shown(diagnostics.get('consumer.cts')!), '');
    // The package was resolved by name through "exports", each kind of importer to its own declarations.
    for (const [file, mode, declarations] of [['receiver.mts', ts.ModuleKind.ESNext, 'index.d.mts'], ['consumer.cts', ts.ModuleKind.CommonJS, 'index.d.cts']] as const) {
      const { resolvedModule } = ts.resolveModuleName('alfred-events', path.join(project, file), options, ts.sys, undefined, undefined, mode);
      assert.equal(fs.realpathSync(resolvedModule!.resolvedFileName), path.join(ROOT, 'dist', 'lib', declarations), file);
    }
  });

  it("the README's Express receiver compiles against the same declarations", () => {
    assert.equal(shown(diagnostics.get('readme-example.mts')!), '');
  });

  it('a misspelt field of the narrowed event is a type error that names the field it meant (TS2551)', () => {
    const ds = diagnostics.get('misspelt.mts')!;
    assert.deepEqual(ds.map((d) => d.code), [2551], shown(ds));
    assert.match(shown(ds), /Property 'retriess' does not exist on type 'JobRetryEvent'\. Did you mean 'retries'\?/);
  });

  it("a field of another event, read after narrowing on event_name, is a type error (TS2339)", () => {
    const ds = diagnostics.get('wrong-event.mts')!;
    assert.deepEqual(ds.map((d) => d.code), [2339], shown(ds));
    assert.match(shown(ds), /Property 'job_id' does not exist on type 'FileDoneEvent'/);
  });

  it('require("alfred-events") and import("alfred-events") in plain Node get the CommonJS and the ESM bundle, which export the same', async () => {
    const probe = async (type: string, code: string): Promise<string> => {
      const run = await output(plainNode(['--input-type', type, '-e', code], project));
      assert.equal(run.status, 0, run.stderr);
      return run.stdout;
    };
    const required = await probe('commonjs', "const lib = require('alfred-events'); console.log(require.resolve('alfred-events'), Object.keys(lib).sort().join(), lib.parseEvent('{}').ok)");
    const imported = await probe('module', "const lib = await import('alfred-events'); console.log(new URL(import.meta.resolve('alfred-events')).pathname, Object.keys(lib).sort().join(), lib.parseEvent('{}').ok)");
    const [cjs, cjsNames, cjsOk] = required.trim().split(' ');
    const [esm, esmNames, esmOk] = imported.trim().split(' ');
    assert.equal(fs.realpathSync(cjs!), path.join(ROOT, 'dist', 'lib', 'index.cjs'));
    assert.equal(fs.realpathSync(esm!), path.join(ROOT, 'dist', 'lib', 'index.mjs'));
    assert.deepEqual([cjsNames, cjsOk], ['parseEvent,validate', 'false']);
    assert.deepEqual([esmNames, esmOk], [cjsNames, cjsOk]);
  });

  it('the CommonJS consumer runs under Node: require("alfred-events") gives the checks', async () => {
    const run = await output(plainNode([path.join(project, 'out', 'consumer.cjs')], project));
    assert.equal(run.status, 0, run.stderr);
    const printed = JSON.parse(run.stdout) as { codes: string[]; challenge: string };
    // {"event_id": 1}: event_type, event_time and event are missing (README, "Rules": missing-envelope-field), the id is a number.
    assert.ok(run.stdout.includes('missing-envelope-field'), run.stdout);
    assert.ok(printed.codes.includes('invalid-type'), run.stdout);
    assert.equal(printed.challenge, 'c');
  });

  describe('the receiver, run under Node on 127.0.0.1', () => {
    let child: ChildProcess;
    let base: string;

    before(async () => {
      child = plainNode([path.join(project, 'out', 'receiver.mjs')], project);
      let stderr = '';
      child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
      const lines = createInterface({ input: child.stdout! });
      const first = await Promise.race([
        once(lines, 'line').then(([l]) => l as string),
        once(child, 'exit').then(() => assert.fail(`the receiver exited: ${stderr}`)),
      ]);
      base = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(first)?.[1] ?? assert.fail(first);
    });

    after(async () => {
      const closed = once(child, 'close');
      child.kill();
      await closed;
    });

    const post = async (body: string): Promise<{ status: number; text: string }> => {
      const r = await fetch(base, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return { status: r.status, text: await r.text() };
    };

    it('answers the URL verification handshake as Alfred expects', async () => {
      const { text, challenge } = handshakeBody(() => crypto.randomUUID());
      const answer = await post(text);
      assert.deepEqual(judgeHandshake(challenge, { status: answer.status, body: answer.text }).ok, true, answer.text);
    });

    it("dispatches the docs' job_retry_event, its string-encoded values read as the numbers and booleans they encode", async () => {
      const text = fixture('docs', 'job_retry_event.alfred.json');
      const sent = JSON.parse(text) as { event: { job_id: string; retries: string; exceeded_retries: string } };
      assert.equal(sent.event.retries, '2'); // the docs write the count as a string
      const answer = await post(text);
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(JSON.parse(answer.text), { handled: 'retry', job_id: sent.event.job_id, retries: 2, exceeded: false });
    });

    it('dispatches a file_done_event with its own fields', async () => {
      const text = fixture('examples', 'file_done_event.alfred.json');
      const sent = JSON.parse(text) as { event: { file_id: string; blob_url: string } };
      const answer = await post(text);
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(JSON.parse(answer.text), { handled: 'done', file_id: sent.event.file_id, blob_url: sent.event.blob_url });
    });

    it('answers 400 with the error codes for a body that is not an event', async () => {
      const answer = await post('{"event_id": "d4f1e5b7-5b0a-4c54-9d43-1a2b3c4d5e6f", "event": {"event_name": "job_retry_evnt"}}');
      assert.equal(answer.status, 400, answer.text);
      const { errors } = JSON.parse(answer.text) as { errors: string[] };
      assert.ok(errors.includes('unknown-event-name /event/event_name'), answer.text);
      assert.ok(errors.includes('missing-envelope-field /event_time'), answer.text);
    });

    it('answers 400 naming the member for a number a JavaScript number cannot hold, which no rule refuses (untyped-body)', async () => {
      // 1e400 is valid JSON (ECMA-404) and a whole number ≥ 0 as written; JSON.parse reads it as Infinity.
      const text = fixture('examples', 'job_retry_event.alfred.json').replace(/"retries": *1\b/, '"retries": 1e400');
      assert.match(text, /1e400/);
      const answer = await post(text);
      assert.equal(answer.status, 400, answer.text);
      assert.deepEqual(JSON.parse(answer.text), { errors: ['untyped-body /event/retries'] });
    });
  });
});
