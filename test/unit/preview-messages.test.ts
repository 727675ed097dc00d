/**
 * The preview's protocol (src/shared/preview-protocol.ts), both ways: every well-formed message is
 * taken as it is, and every kind of malformed one is rejected with where it went wrong. The
 * contract is the one the TypeScript types state (src/core/jobs/timeline-data.ts and the module's
 * own); the wire format is JSON (ECMA-404), which has no NaN, Infinity or undefined.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { buildTimeline, modeOfName, validate, type Source, type TimelineData, type TimelineProblem } from '../../src/core/index';
import { MAX_SVG, MAX_URI, parseHostMessage, parseTimelineData, parseWebviewMessage, parseWebviewState } from '../../src/shared/preview-protocol';
import type { Checked } from '../../src/shared/shape';
import { FIXTURES } from './helpers';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Parse = (raw: unknown) => Checked<unknown>;

const URI = 'file:///work/jobs.alfred.jsonl';
const T0 = Date.UTC(2024, 5, 7, 15, 40);

/** A picture with every optional field present, so that every field's check is reached. */
function rich(): TimelineData {
  const ref = { uri: URI, offset: 120, length: 80, record: 1 };
  return {
    title: 'jobs.alfred.jsonl',
    version: 3,
    source: URI,
    jobs: [
      {
        id: 'a4d781e7-778d-4cc4-b552-4f86a8d910ea',
        company: 'Acme',
        start: T0,
        end: T0 + 60_000,
        outcome: 'failed',
        retries: 1,
        exceeded: false,
        marks: [
          { id: '0:0', kind: 'stage', name: 'job_stage_update_event', at: T0, label: '', stage: 'downloading', ref: { uri: URI, offset: 0, length: 100 } },
          { id: '0:1', kind: 'end', name: 'job_failed_event', at: T0 + 60_000, approximate: true, label: 'x', retries: 1, errors: ['timed out'], outcome: 'failed', ref: { ...ref } },
        ],
        stages: [{ stage: 'downloading', from: T0, to: T0 + 60_000, markId: '0:0' }],
        files: [{ fileId: 'f1', marks: [{ id: '0:2', kind: 'file', name: 'file_done_event', at: T0 + 1000, label: 'file f1' }] }],
      },
    ],
    orphans: [{ id: '0:3', kind: 'other', name: 'url_verification', at: T0 - 5, label: '' }],
    summary: { jobs: 1, events: 4, retries: 1, failures: 1 },
    problems: [{ code: 'invalid-uuid', severity: 'warning', message: 'not a UUID', line: 2, ref: { ...ref } }],
    problemsTotal: 7,
    range: { min: T0 - 5, max: T0 + 60_000 },
    delivery: 2,
  };
}

const hostMessages = (): Json[] => [
  { type: 'render', data: rich() as unknown as Json },
  { type: 'render', data: { title: '', version: 0, jobs: [], orphans: [], summary: { jobs: 0, events: 0, retries: 0, failures: 0 }, problems: [], range: null } },
  { type: 'more', delivery: 2, jobs: rich().jobs as unknown as Json },
  { type: 'highlight', markId: '0:1' },
  { type: 'highlight', markId: null },
];

const pageMessages = (): Json[] => [
  { type: 'ready' },
  { type: 'reveal', ref: { uri: URI, offset: 10, length: 5, record: 2 } },
  { type: 'reveal', ref: { uri: URI, offset: 0, length: 0 } },
  { type: 'compare', a: { uri: URI, offset: 0, length: 5 }, b: { uri: URI, offset: 10, length: 5, record: 2 } },
  { type: 'exportSvg', svg: '<svg xmlns="http://www.w3.org/2000/svg"/>' },
  { type: 'exportSvg', svg: '' },
];

/** Fields the types mark optional (`?`), by where they are. */
const OPTIONAL = [
  /^message\.ref\.record$/,
  /^message\.(a|b)\.record$/,
  /\.ref\.record$/,
  /(marks|orphans)\[\d+\]\.(approximate|stage|retries|errors|outcome|ref)$/,
  /problems\[\d+\]\.ref$/,
  /jobs\[\d+\]\.company$/,
  /^message\.data\.(source|problemsTotal|delivery)$/,
];
const isOptional = (path: string): boolean => OPTIONAL.some((re) => re.test(path));

type Step = string | number;

/** Every node under a JSON value, with its trail of keys and its path as problems write it (`message.data.jobs[0].at`). */
function* nodes(v: Json, path = 'message', trail: Step[] = []): Generator<{ path: string; trail: Step[]; value: Json }> {
  if (trail.length) yield { path, trail, value: v };
  if (Array.isArray(v)) for (let i = 0; i < v.length; i++) yield* nodes(v[i]!, `${path}[${i}]`, [...trail, i]);
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) yield* nodes(v[k]!, `${path}.${k}`, [...trail, k]);
}

/** A copy of `root` with the node at `trail` set to `to`, or removed (`remove`). */
function edited(root: Json, trail: Step[], to: unknown): unknown {
  const out = structuredClone(root) as Record<Step, unknown>;
  let at = out;
  for (const step of trail.slice(0, -1)) at = at[step] as Record<Step, unknown>;
  if (to === remove) delete at[trail[trail.length - 1]!];
  else at[trail[trail.length - 1]!] = to;
  return out;
}
const remove = Symbol('remove');

/** A JSON value of another type than `v`'s. */
const otherType = (v: Json): Json => (typeof v === 'string' ? 7 : typeof v === 'number' ? '7' : typeof v === 'boolean' ? 'true' : v === null ? 7 : Array.isArray(v) ? {} : []);

function rejects(parse: Parse, raw: unknown, where: string): void {
  const r = parse(raw);
  assert.equal(r.value, undefined, `taken: ${where}`);
  assert.ok(r.problem?.startsWith(`${where}:`), `${r.problem} should say ${where}`);
}

/** The checks every direction gets, node by node over its well-formed messages. */
function contract(parse: Parse, wellFormed: () => Json[], otherWay: () => Json[]): void {
  it('every well-formed message is taken as it is, the same object', () => {
    for (const m of wellFormed()) {
      const r = parse(m);
      assert.equal(r.problem, undefined, JSON.stringify(m).slice(0, 200));
      assert.equal(r.value, m);
      // As JSON carries it (and structured cloning).
      assert.deepEqual(parse(JSON.parse(JSON.stringify(m))).value, m);
      assert.deepEqual(parse(structuredClone(m)).value, m);
    }
  });

  it('a value of the wrong type anywhere is rejected, naming where', () => {
    for (const m of wellFormed()) for (const n of nodes(m)) rejects(parse, edited(m, n.trail, otherType(n.value)), n.path);
  });

  it('a required field missing anywhere is rejected; an optional one may be absent or undefined', () => {
    for (const m of wellFormed()) {
      for (const n of nodes(m)) {
        if (typeof n.trail[n.trail.length - 1] === 'number') continue;
        if (!isOptional(n.path)) rejects(parse, edited(m, n.trail, remove), n.path);
        else {
          assert.equal(parse(edited(m, n.trail, remove)).problem, undefined, n.path);
          // Structured cloning (a webview's postMessage) keeps a field set to undefined.
          assert.equal(parse(edited(m, n.trail, undefined)).problem, undefined, n.path);
        }
      }
    }
  });

  it('a key the contract does not name is rejected, wherever it is', () => {
    for (const m of wellFormed()) {
      rejects(parse, { ...(m as object), extra: 1 }, 'message.extra');
      for (const n of nodes(m)) {
        if (n.value === null || typeof n.value !== 'object' || Array.isArray(n.value)) continue;
        rejects(parse, edited(m, n.trail, { ...n.value, extra: 1 }), `${n.path}.extra`);
      }
      // JSON.parse makes `__proto__` an own key; it must neither pass nor pollute.
      rejects(parse, JSON.parse(JSON.stringify(m).replace(/^\{/, '{"__proto__":{"polluted":true},')), 'message.__proto__');
      assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    }
  });

  it('what is not a message at all, or a kind the other side does not send, is rejected', () => {
    for (const raw of [undefined, null, 'ready', 42, true, [], [{ type: 'ready' }]]) rejects(parse, raw, 'message');
    for (const type of ['run', 'eval', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'READY', '', 7, null]) rejects(parse, { type }, 'message.type');
    rejects(parse, {}, 'message.type');
    // A message of the other direction is an unknown kind here.
    for (const m of otherWay()) if (parse(m).value) assert.fail(`${JSON.stringify(m).slice(0, 80)} crossed the wrong way`);
  });
}

describe('page → host messages (what the host takes from the page)', () => {
  contract(parseWebviewMessage, pageMessages, hostMessages);

  it('numbers out of their range are rejected: offsets, lengths and records are whole and 0 or more', () => {
    for (const bad of [-1, 1.5, NaN, Infinity, -Infinity, 2 ** 53]) {
      for (const field of ['offset', 'length', 'record']) {
        rejects(parseWebviewMessage, { type: 'reveal', ref: { uri: URI, offset: 0, length: 1, [field]: bad } }, `message.ref.${field}`);
      }
    }
  });

  it('strings past their limits are rejected: a URI of MAX_URI, an SVG of MAX_SVG code units at most', () => {
    const ref = (uri: string) => ({ type: 'reveal', ref: { uri, offset: 0, length: 0 } });
    assert.ok(parseWebviewMessage(ref('u'.repeat(MAX_URI))).value);
    rejects(parseWebviewMessage, ref('u'.repeat(MAX_URI + 1)), 'message.ref.uri');
    assert.ok(parseWebviewMessage({ type: 'exportSvg', svg: 's'.repeat(MAX_SVG) }).value);
    rejects(parseWebviewMessage, { type: 'exportSvg', svg: 's'.repeat(MAX_SVG + 1) }, 'message.svg');
  });
});

describe('host → page messages (what the page takes from the host)', () => {
  contract(parseHostMessage, hostMessages, pageMessages);

  it('names the page does not know are rejected: mark kinds, outcomes, severities', () => {
    const data = (edit: (d: TimelineData) => void): unknown => {
      const d = rich();
      edit(d);
      return { type: 'render', data: d };
    };
    const loose = (x: object): Record<string, unknown> => x as Record<string, unknown>;
    rejects(parseHostMessage, data((d) => void (loose(d.jobs[0]!.marks[0]!)['kind'] = 'explode')), 'message.data.jobs[0].marks[0].kind');
    rejects(parseHostMessage, data((d) => void (loose(d.jobs[0]!.marks[1]!)['outcome'] = 'done')), 'message.data.jobs[0].marks[1].outcome');
    rejects(parseHostMessage, data((d) => void (loose(d.jobs[0]!)['outcome'] = 'Finished')), 'message.data.jobs[0].outcome');
    rejects(parseHostMessage, data((d) => void (loose(d.problems[0]!)['severity'] = 'fatal')), 'message.data.problems[0].severity');
    rejects(parseHostMessage, data((d) => void (loose(d.orphans[0]!)['kind'] = 'toString')), 'message.data.orphans[0].kind');
  });

  it('numbers JSON cannot carry, and counts that are not whole, are rejected', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const d = rich();
      d.jobs[0]!.files[0]!.marks[0]!.at = bad;
      rejects(parseHostMessage, { type: 'render', data: d }, 'message.data.jobs[0].files[0].marks[0].at');
    }
    for (const bad of [-1, 2.5]) {
      rejects(parseHostMessage, { type: 'render', data: { ...rich(), version: bad } }, 'message.data.version');
      rejects(parseHostMessage, { type: 'render', data: { ...rich(), problemsTotal: bad } }, 'message.data.problemsTotal');
      rejects(parseHostMessage, { type: 'more', delivery: bad, jobs: [] }, 'message.delivery');
    }
    // A retry count is as the payload wrote it: any finite number is the host's to send.
    const d = rich();
    d.jobs[0]!.retries = 2.5;
    d.jobs[0]!.marks[1]!.retries = -1;
    assert.ok(parseHostMessage({ type: 'render', data: d }).value);
  });

  it('long lists are checked in one pass, down to the last item', () => {
    const N = 200_000;
    const job = rich().jobs[0]!;
    const mark = job.files[0]!.marks[0]!;
    job.files[0]!.marks = Array.from({ length: N }, (_, i) => ({ ...mark, id: `0:${i}`, at: T0 + i }));
    assert.ok(parseHostMessage({ type: 'more', delivery: 1, jobs: [job] }).value);
    (job.files[0]!.marks[N - 1] as unknown as Record<string, unknown>)['at'] = '1';
    rejects(parseHostMessage, { type: 'more', delivery: 1, jobs: [job] }, `message.jobs[0].files[0].marks[${N - 1}].at`);
    // A hostile key is clipped in the problem, not copied whole.
    const r = parseHostMessage({ type: 'highlight', markId: null, ['k'.repeat(1_000_000)]: 1 });
    assert.ok(r.problem && r.problem.length < 200, `${r.problem?.length}`);
  });

  it('the picture written into the page is checked as a render message is', () => {
    assert.equal(parseTimelineData(rich()).problem, undefined);
    const d = rich();
    d.jobs[0]!.stages[0]!.to = NaN;
    assert.equal(parseTimelineData(d).problem?.split(':')[0], 'data.jobs[0].stages[0].to');
    assert.equal(parseTimelineData(null).problem, 'data: not an object');
  });
});

describe('the timelines the core builds keep to the contract', () => {
  /** Every payload and log of the fixtures, each alone and all as one folder, as the preview builds them. */
  const sources: Source[] = [];
  for (const dir of ['examples', 'docs', 'broken']) {
    for (const name of readdirSync(join(FIXTURES, dir)).sort()) {
      sources.push({ uri: `file:///fixtures/${dir}/${name}`, text: readFileSync(join(FIXTURES, dir, name), 'utf8'), mode: modeOfName(name) });
    }
  }
  const problemsOf = (s: Source): TimelineProblem[] =>
    validate(s.text, { mode: s.mode }).map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      line: d.range.start.line,
      ref: { uri: s.uri, offset: d.offset, length: d.length, ...(d.record !== undefined ? { record: d.record } : {}) },
    }));

  it('every fixture, and the folder of them, makes a picture the page takes whole', () => {
    const pictures = [
      ...sources.map((s) => buildTimeline([s], { title: s.uri, version: 1, problems: problemsOf(s) })),
      buildTimeline(sources, { title: 'fixtures', version: 0, problems: problemsOf(sources[0]!), problemsTotal: 500 }),
    ];
    const jobs = pictures.flatMap((p) => p.jobs);
    assert.ok(jobs.some((j) => j.files.length > 0) && jobs.some((j) => j.marks.some((m) => m.approximate)), 'the fixtures reach files and inferred retries');
    for (const data of pictures) {
      // Across the wire as JSON, as VS Code posts it and as the page's data-state carries it.
      const render = JSON.parse(JSON.stringify({ type: 'render', data: { ...data, delivery: 1 } })) as unknown;
      assert.equal(parseHostMessage(render).problem, undefined, data.title);
      assert.equal(parseHostMessage(JSON.parse(JSON.stringify({ type: 'more', delivery: 1, jobs: data.jobs })) as unknown).problem, undefined, data.title);
      for (const m of data.jobs.flatMap((j) => j.marks)) {
        if (m.ref) assert.equal(parseWebviewMessage({ type: 'reveal', ref: m.ref }).problem, undefined, 'a mark the page shows can be revealed');
      }
    }
  });
});

describe("the page's saved state", () => {
  it('keeps the fields of the right type and drops each wrong one alone', () => {
    const good: Record<string, unknown> = { uri: URI, filter: 'acme', jobId: null, selectedMarkId: '0:1', scrollTop: 120.5, axis: 'start' };
    assert.deepEqual(parseWebviewState(good), good);
    assert.deepEqual(parseWebviewState({ ...good, data: { jobs: [] }, extra: 1 }), good, 'keys it does not know are left out');
    const wrong: Record<string, unknown> = { uri: 7, filter: null, jobId: 3, selectedMarkId: {}, scrollTop: -5, axis: 'sideways' };
    for (const [key, value] of Object.entries(wrong)) {
      const rest = { ...good };
      delete rest[key];
      assert.deepEqual(parseWebviewState({ ...good, [key]: value }), rest, key);
    }
    for (const x of [undefined, null, 'x', 3, []]) assert.equal(parseWebviewState(x), undefined);
  });
});

describe('the CLI carries none of the preview', () => {
  it("its bundle takes nothing from the editor, the page or the protocol they share", async () => {
    const root = resolve(__dirname, '../..');
    const result = await esbuild.build({
      entryPoints: [join(root, 'src/cli/main.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      metafile: true,
      logLevel: 'silent',
      mainFields: ['module', 'main'],
    });
    const inputs = Object.keys(result.metafile.inputs).map((p) => relative(root, resolve(root, p)));
    assert.ok(inputs.includes(join('src', 'core', 'jobs', 'timeline.ts')), 'the metafile lists the sources');
    assert.deepEqual(inputs.filter((p) => /^src[\\/](shared|editor|webview)[\\/]/.test(p)), []);
  });
});
