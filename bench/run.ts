// npm run bench [-- --json] [-- --quick]: every contender on the same inputs in one process run,
// side by side; ratios, not absolute times, are what the targets are about. Not a test.
import { spawnSync } from 'node:child_process';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { eventByName } from '../src/core/catalogue';
import { buildTimeline, diff, jsonSchema, validate } from '../src/core/index';
import { envelopeSchema } from '../src/core/checks/schemas';
import { LogSession } from '../src/core/pipeline/incremental';
import { log, singlePayloads, writeLog } from './data';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const ROOT = join(__dirname, '..');

/** Median time of `fn` over runs of at least `ms` in all, after a warm-up. */
function time(fn: () => void, ms = quick ? 200 : 1000): number {
  fn();
  const samples: number[] = [];
  const until = performance.now() + ms;
  do {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  } while (performance.now() < until || samples.length < 3);
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1]!;
}

interface Row { section: string; name: string; ms: number; note?: string }
const rows: Row[] = [];
const targets: { name: string; value: number; limit: string; met: boolean }[] = [];
const row = (section: string, name: string, ms: number, note?: string) => rows.push({ section, name, ms, ...(note ? { note } : {}) });

async function singles(): Promise<void> {
  const payloads = singlePayloads();
  const schema = jsonSchema();
  const ls = getLanguageService({});
  ls.configure({ validate: true, schemas: [{ uri: 'alfred://schema', fileMatch: ['*.json'], schema }] });
  const docs = payloads.map((t, i) => TextDocument.create(`file:///p${i}.json`, 'json', 1, t));
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const check = ajv.compile(schema);
  const ours = time(() => { for (const p of payloads) validate(p); });
  // vscode-json-languageservice is asynchronous: time a whole batch of awaited validations.
  const peerStart = performance.now();
  let rounds = 0;
  do {
    for (const d of docs) await ls.doValidation(d, ls.parseJSONDocument(d));
    rounds++;
  } while (performance.now() - peerStart < (quick ? 400 : 2000));
  const peer = (performance.now() - peerStart) / rounds;
  const ajvMs = time(() => { for (const p of payloads) check(JSON.parse(p)); });
  const n = payloads.length;
  row('a', `ours: validate() with positions (${n} payloads)`, ours);
  row('a', 'vscode-json-languageservice doValidation + our JSON Schema', peer);
  row('a', 'ajv 2020 + formats on JSON.parse (no positions)', ajvMs);
  targets.push({ name: '(a) throughput vs vscode-json-languageservice', value: peer / ours, limit: '≥ 5', met: peer / ours >= 5 });
}

function logs(): void {
  for (const events of quick ? [1000, 10000] : [1000, 10000, 100000]) {
    const text = log(events);
    const mb = Buffer.byteLength(text) / 1024 / 1024;
    // Both sides start from the log's text: the ceiling splits it into lines, as we find records.
    const ceiling = time(() => {
      for (const l of text.split('\n')) {
        if (!l) continue;
        try {
          const v = JSON.parse(l) as { event?: { event_name?: string } };
          const e = eventByName(String(v.event?.event_name));
          if (e) envelopeSchema(e).safeParse(v);
        } catch { /* a broken line: the ceiling reports nothing either */ }
      }
    });
    const perRecord = time(() => validate(text, { mode: 'log', crossEvent: false }));
    const full = time(() => validate(text, { mode: 'log' }));
    const k = `${events / 1000}k`;
    row('b', `${k} events (${mb.toFixed(1)} MB): ceiling JSON.parse + zod safeParse per line`, ceiling, `${(mb / (ceiling / 1000)).toFixed(0)} MB/s`);
    row('b', `${k} events: ours, per record with positions`, perRecord, `${(mb / (perRecord / 1000)).toFixed(0)} MB/s`);
    row('b', `${k} events: ours, with the cross-event rules`, full, `${(mb / (full / 1000)).toFixed(0)} MB/s`);
    if (events === 100000 || (quick && events === 10000)) {
      // The ceiling checks records one by one; so do we, with positions, in the first ratio. The
      // second adds what the ceiling does not do at all: the checks across a log's records.
      targets.push({ name: `(b) ${k} log: per-record validation with positions / ceiling`, value: perRecord / ceiling, limit: '≤ 2', met: perRecord / ceiling <= 2 });
      targets.push({ name: `(b) ${k} log: with the cross-event rules / ceiling`, value: full / ceiling, limit: '≤ 2', met: full / ceiling <= 2 });
    }
  }
}

function memory(): void {
  // A child process of its own, so that the peak is this validation's alone.
  // The log is made here and read there, so the child's peak is the validation's, not the making's.
  const events = quick ? 10000 : 100000;
  const file = join(tmpdir(), `alfred-bench-${events}.jsonl`);
  writeFileSync(file, log(events));
  const script = `const {validate}=require('./src/core/index');const t=require('fs').readFileSync(${JSON.stringify(file)},'utf8');global.gc();const base=process.memoryUsage().rss;validate(t,{mode:'log'});console.log(JSON.stringify({bytes:Buffer.byteLength(t),base,peak:process.resourceUsage().maxRSS*1024}))`;
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  const m = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { bytes: number; base: number; peak: number };
  const ratio = (m.peak - m.base) / m.bytes;
  row('b', `${events / 1000}k events: peak memory above the text's own`, NaN, `${((m.peak - m.base) / 1024 / 1024).toFixed(0)} MB for ${(m.bytes / 1024 / 1024).toFixed(0)} MB (${ratio.toFixed(1)}×)`);
  targets.push({ name: `(b) peak memory / log size (${events / 1000}k)`, value: ratio, limit: '< 4', met: ratio < 4 });
}

function incremental(): void {
  const events = quick ? 10000 : 100000;
  const text = log(events);
  const lines = text.split('\n');
  const full = time(() => validate(text, { mode: 'log' }));
  // The editor's first check of the log, in 15 ms slices: how long the longest one holds the thread.
  const session = new LogSession(text, { mode: 'log' });
  let longest = 0;
  for (let done = false; !done; ) {
    const t = performance.now();
    done = session.step(15);
    longest = Math.max(longest, performance.now() - t);
  }
  let n = 0;
  // One record edited as a user would (a retry count), then the diagnostics of the whole log.
  const one = time(() => {
    const i = 1 + (n++ % (lines.length - 3));
    session.edit(i, 1, [lines[i]!.replace(/"event_time":(\d+)/, (_m, t: string) => `"event_time":${Number(t) + (n % 7)}`)]);
    session.diagnostics();
  });
  const k = `${events / 1000}k`;
  row('c', `${k}-line log: full revalidation`, full);
  row('c', `${k}-line log: one edited line revalidated (LogSession), with all diagnostics`, one);
  row('c', `${k}-line log: longest slice of the editor's first check (15 ms slices)`, longest);
  targets.push({ name: `(editor) longest slice of a first check (${k}), ms`, value: longest, limit: '≤ ~50', met: longest <= 50 });
  targets.push({ name: `(c) one-line edit / full revalidation (${k})`, value: one / full, limit: '< 0.02', met: one / full < 0.02 });
}

function activation(): void {
  const file = join(ROOT, 'dist', 'extension.js');
  const size = statSync(file).size;
  // A stand-in for the vscode module: every name the bundle imports, each a do-nothing that
  // returns do-nothings. What is timed is loading the bundle and running activate() against it.
  const names = ['languages', 'workspace', 'window', 'commands', 'Uri', 'Range', 'Position', 'Diagnostic', 'DiagnosticSeverity',
    'DiagnosticRelatedInformation', 'Location', 'EventEmitter', 'Disposable', 'CompletionItem', 'CompletionItemKind', 'SymbolKind',
    'SnippetString', 'MarkdownString', 'Hover', 'DocumentSymbol', 'CodeAction', 'CodeActionKind', 'WorkspaceEdit', 'l10n', 'tasks',
    'Task', 'TaskGroup', 'ProcessExecution', 'ViewColumn', 'ProgressLocation', 'QuickPickItemKind', 'LanguageStatusSeverity',
    'TabInputText', 'TextEditorRevealType', 'ConfigurationTarget', 'RelativePattern', 'env'];
  const script = `const Module=require('module');const names=${JSON.stringify(names)};
const any=()=>new Proxy(function(){},{get:(f,p)=>p==='then'?undefined:p===Symbol.iterator?function*(){}:any(),set:()=>true,apply:()=>any(),construct:()=>any()});
const stub=new Proxy({},{get:(t,k)=>k==='__esModule'?true:any(),ownKeys:()=>names,getOwnPropertyDescriptor:(t,k)=>({configurable:true,enumerable:true,value:any()})});
const orig=Module._load;Module._load=function(r,...a){return r==='vscode'?stub:orig.call(this,r,...a)};
const t0=performance.now();const ext=require(${JSON.stringify('__FILE__')});const t1=performance.now();
ext.activate({subscriptions:[],extensionUri:any()});const t2=performance.now();
console.log(JSON.stringify({load:t1-t0,activate:t2-t1}))`.replace('__FILE__', file.replace(/\\/g, '/'));
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  const t = JSON.parse(r.stdout.trim().split('\n').pop() || '{}') as { load?: number; activate?: number };
  if (t.load === undefined) console.error(r.stderr.trim().split('\n').filter((l) => l.length < 300).slice(0, 4).join('\n'));
  row('d', `dist/extension.js: ${(size / 1024).toFixed(0)} KB, loaded (stub vscode)`, t.load ?? NaN);
  row('d', 'activate(): registers the providers, no other work', t.activate ?? NaN);
  targets.push({ name: '(d) dist/extension.js size (KB)', value: size / 1024, limit: '< 300', met: size / 1024 < 300 });
}

function model(): void {
  const text = log(10000);
  const ms = time(() => buildTimeline([{ uri: 'x', text, mode: 'log' }], { title: 'x', version: 1 }));
  row('e', 'job model + timeline data, 10k events in 1k jobs', ms);
}

/**
 * A log of a gigabyte or more (a smaller one with --quick) through the whole CLI, as a child
 * process, beside a child that only streams the file, splits it into lines and JSON.parses each
 * (no checks, no positions): the floor any validator of the file stands on. Peak memory is each
 * child's maxRSS, threads included. The log is written in pieces and deleted afterwards.
 */
function largeLog(): void {
  const events = quick ? 50_000 : 1_800_000;
  const file = join(tmpdir(), `alfred-bench-large-${process.pid}.alfred.jsonl`);
  const preload = join(tmpdir(), `alfred-bench-rss-${process.pid}.js`);
  // Reports the child's peak memory on stderr as it exits.
  writeFileSync(preload, `process.on('exit',()=>require('fs').writeSync(2,'\\nMAXRSS '+process.resourceUsage().maxRSS*1024+'\\n'))`);
  const reader = `const fs=require('fs');const fd=fs.openSync(process.argv[1],'r');const buf=Buffer.alloc(1<<20);const dec=new TextDecoder();let carry='';let n=0;for(;;){const k=fs.readSync(fd,buf,0,buf.length,null);const text=carry+(k?dec.decode(buf.subarray(0,k),{stream:true}):'');const lines=text.split('\\n');carry=k?lines.pop():'';for(const l of lines){if(!l)continue;try{JSON.parse(l);n++}catch{}}if(!k)break}`;
  try {
    const bytes = writeLog(file, events);
    const child = (args: string[]): { ms: number; peak: number } => {
      const t = performance.now();
      const r = spawnSync(process.execPath, ['--require', preload, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
      const ms = performance.now() - t;
      return { ms, peak: Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1] ?? NaN) };
    };
    const floor = child(['-e', reader, file]);
    const ours = child([join(ROOT, 'dist', 'cli.js'), 'validate', file, '--format', 'json']);
    const gb = bytes / 2 ** 30;
    const size = gb >= 1 ? `${gb.toFixed(2)} GB` : `${(bytes / 2 ** 20).toFixed(0)} MB`;
    const note = (m: { ms: number; peak: number }): string => `${(bytes / 2 ** 20 / (m.ms / 1000)).toFixed(0)} MB/s, peak ${(m.peak / 2 ** 20).toFixed(0)} MB`;
    row('f', `${size} log (${events / 1000}k events): a reader that streams, splits lines and JSON.parses (child process)`, floor.ms, note(floor));
    row('f', `${size} log: alfred-events validate --format json (child process, ${availableParallelism()} cores)`, ours.ms, note(ours));
    targets.push({ name: `(f) ${size} log: CLI / streaming JSON.parse reader`, value: ours.ms / floor.ms, limit: '≤ 2', met: ours.ms / floor.ms <= 2 });
    targets.push({ name: `(f) ${size} log: CLI peak memory, MB`, value: ours.peak / 2 ** 20, limit: '< 300', met: ours.peak / 2 ** 20 < 300 });
  } finally {
    rmSync(file, { force: true });
    rmSync(preload, { force: true });
  }
}

/**
 * Every record of a log compared with the previous event of its job (issue 15), from parsed
 * values: ours, `diff` with its normalisation, LCS over arrays and pointers; the peer, what a
 * user would write for "are they the same": JSON.stringify of both with sorted keys, compared as
 * strings. The peer says only equal or not, and reads "2" and 2 as different; it is the ceiling.
 */
function compare(): void {
  const events = quick ? 10_000 : 100_000;
  const values: Record<string, unknown>[] = [];
  for (const l of log(events).split('\n')) {
    try {
      const v = JSON.parse(l) as unknown;
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) values.push(v as Record<string, unknown>);
    } catch { /* a broken line has no event to compare */ }
  }
  const pairs: [unknown, unknown][] = [];
  const last = new Map<unknown, unknown>();
  for (const v of values) {
    const job = (v.event as { job_id?: unknown } | undefined)?.job_id;
    if (job === undefined) continue;
    if (last.has(job)) pairs.push([last.get(job), v]);
    last.set(job, v);
  }
  const sorted = (_k: string, v: unknown): unknown =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v;
  let differ = 0;
  const ours = time(() => { differ = 0; for (const [a, b] of pairs) if (diff(a, b).length > 0) differ++; });
  const peer = time(() => { for (const [a, b] of pairs) void (JSON.stringify(a, sorted) === JSON.stringify(b, sorted)); });
  const rate = (ms: number): string => `${Math.round(pairs.length / (ms / 1000)).toLocaleString('en-US')} comparisons/s`;
  row('g', `${events / 1000}k-event log: JSON.stringify with sorted keys, both, string compare (${pairs.length} pairs)`, peer, rate(peer));
  row('g', `${events / 1000}k-event log: ours, diff() of each record with the previous event of its job (${differ} differ)`, ours, rate(ours));
  targets.push({ name: `(g) ${events / 1000}k-event log: diff / sorted JSON.stringify compare`, value: ours / peer, limit: '≤ 3', met: ours / peer <= 3 });
}

async function main(): Promise<void> {
  await singles();
  logs();
  memory();
  largeLog();
  incremental();
  activation();
  model();
  compare();
  if (json) {
    console.log(JSON.stringify({ node: process.version, rows, targets }, null, 2));
    return;
  }
  console.log('| | contender | ms (median) | |\n|---|---|---:|---|');
  for (const r of rows) console.log(`| ${r.section} | ${r.name} | ${Number.isNaN(r.ms) ? '–' : r.ms.toFixed(1)} | ${r.note ?? ''} |`);
  console.log('\n| target | measured | limit | met |\n|---|---:|---|---|');
  for (const t of targets) console.log(`| ${t.name} | ${t.value.toFixed(t.value < 1 ? 3 : 2)} | ${t.limit} | ${t.met ? 'yes' : 'no'} |`);
}

void main();
