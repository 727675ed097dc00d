// Captures made before (README "Captures made before"): the file Alfred's demo receiver writes,
// read by the core as a document whose records are its payloads. Expected places are counted by
// hand from the text written here (lineColumnOf), never taken from the validator's own output.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildTimeline, captureLog, captureOf, crossCheckSources, outline, payloadKind, payloadMode, validate, validateStreamed,
  type Diagnostic, type DocumentMode,
} from '../../src/core/index';
import { recordAt, recordSpans } from '../../src/core/input/record';
import { capture, JOB, lineColumnOf, startPayload } from './capture-fixture';
import { example } from './helpers';

const ID_A = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const ID_B = '6fa459ea-ee8a-4ca4-894e-db77e160355e';

const at = (d: Diagnostic): { line: number; column: number } => ({ line: d.range.start.line + 1, column: d.range.start.character + 1 });

describe('a capture is known by its shape', () => {
  const good = capture([[startPayload(ID_A, '1716580800'), '2024-05-24T20:00:01.123Z']]);

  it('a plain .json capture of Alfred payloads is found and read as a document', () => {
    assert.equal(payloadKind(good, 'document'), 'capture');
    assert.equal(payloadMode('output.json', () => good, { plainJson: true }), 'document');
    assert.equal(payloadMode('output.json', () => good, { plainJson: false }), undefined);
    assert.ok(captureOf(good));
  });

  it('lookalikes are not taken for captures, nor captures for payloads', () => {
    // A payload that happens to carry an events array of objects with payloads is still a payload.
    const payload = example('job_start_event').replace(/^\{/, '{"events": [{"payload": {"a": 1}}],');
    assert.equal(payloadKind(payload, 'document'), 'event');
    assert.equal(captureOf(payload), undefined);
    // Another service's events saved the demo's way: a capture's shape, but nothing of Alfred's.
    const stripe = '{"event_count": 1, "events": [{"payload": {"id": "evt_1", "type": "charge.succeeded"}, "reception_date": "2024-05-24T20:00:00.000Z"}]}';
    assert.equal(payloadKind(stripe, 'document'), undefined);
    // An events array without payload members, or not an array.
    assert.equal(captureOf('{"events": [{"data": {}}]}'), undefined);
    assert.equal(captureOf('{"events": {"payload": {}}}'), undefined);
    assert.equal(captureOf('[{"payload": {}}]'), undefined);
    // An empty capture is one by its event_count (what the demo writes after receiving nothing),
    // but no plain JSON file is claimed for it.
    assert.ok(captureOf('{"event_count": 0, "events": []}'));
    assert.equal(captureOf('{"events": []}'), undefined);
    assert.equal(payloadKind('{"event_count": 0, "events": []}', 'document'), undefined);
    // A GeoJSON FeatureCollection (RFC 7946 §3.3: "type" is "FeatureCollection") is GeoJSON,
    // whatever else it carries; so is anything whose top level says it is another format.
    const geojson = `{"type": "FeatureCollection", "features": [], "events": [{"payload": ${example('job_start_event')}, "reception_date": "2024-05-24T20:00:00.000Z"}]}`;
    assert.equal(captureOf(geojson), undefined);
    assert.equal(payloadKind(geojson, 'document'), undefined);
    for (const key of ['$schema', 'openapi', '@context']) assert.equal(captureOf(good.replace('{', `{"${key}": "x",`)), undefined, key);
    // A receiver that copies the demo may add members of its own: still a capture.
    const more = good.replace('{', '{"receiver": "my-copy-of-the-demo", "saved_at": "2024-05-24T20:10:00Z",');
    assert.equal(captureOf(more)?.entries.length, 1);
    assert.equal(payloadKind(more, 'document'), 'capture');
    // An array of envelopes stays an event-array; a JSON Schema naming events is nothing.
    assert.equal(payloadKind(`[${example('job_start_event')}]`, 'document'), 'event-array');
    assert.equal(payloadKind('{"type": "object", "properties": {"events": {"type": "array", "items": {"properties": {"payload": {"type": "object"}}}}}}', 'document'), undefined);
  });

  it('its records are its payloads, each with its index in events', () => {
    const a = startPayload(ID_A, '1716580800');
    const b = startPayload(ID_B, '1716580900');
    const text = `{"event_count": 3, "events": [{"payload": ${a}, "reception_date": "2024-05-24T20:00:01Z"}, {"reception_date": "x"}, {"payload": ${b}}]}`;
    assert.deepEqual(recordSpans(text, 'document'), [
      { start: text.indexOf(a), end: text.indexOf(a) + a.length, index: 0 },
      { start: text.indexOf(b), end: text.indexOf(b) + b.length, index: 2 },
    ]);
    // Completion, hover and fixes see the payload at the cursor; outside every payload, nothing.
    const inside = recordAt(text, text.indexOf(ID_B), 'document');
    assert.equal(inside.index, 2);
    assert.equal(inside.text, b);
    assert.equal(recordAt(text, text.indexOf('"x"'), 'document').outside, true);
  });
});

describe('validating a capture', () => {
  it('a capture of valid payloads with a sound envelope has no finding', () => {
    const text = capture([[startPayload(ID_A, '1716580800'), '2024-05-24T20:00:01.123Z'], [startPayload(ID_B, '1716580800'), '2024-05-24T22:00:02+02:00']]);
    assert.deepEqual(validate(text, { mode: 'document' }), []);
  });

  it('a planted error is on the exact value inside the capture, with its payload\'s index', () => {
    const text = capture([[startPayload(ID_A, '1716580800'), '2024-05-24T20:00:01.123Z'], [startPayload(ID_B, '"soon"'), '2024-05-24T20:00:02.123Z']]);
    const found = validate(text, { mode: 'document' });
    assert.deepEqual(found.map((d) => d.code), ['invalid-type']);
    const d = found[0]!;
    assert.deepEqual(at(d), lineColumnOf(text, '"soon"'));
    assert.equal(d.length, '"soon"'.length);
    assert.equal(d.record, 1);
    assert.equal(d.pointer, '/event_time');
  });

  it('two payloads with one event_id: duplicate-event-id on the later one, linking to the first', () => {
    const text = capture([[startPayload(ID_A, '1716580800'), '2024-05-24T20:00:01.123Z'], [startPayload(ID_A, '1716580800'), '2024-05-24T20:00:05.000Z']]);
    const found = validate(text, { mode: 'document' });
    assert.deepEqual(found.map((d) => d.code), ['duplicate-event-id']);
    const d = found[0]!;
    assert.deepEqual(at(d), lineColumnOf(text, `"${ID_A}"`, 1));
    assert.equal(d.record, 1);
    const related = d.related![0]!;
    assert.deepEqual({ line: related.range.start.line + 1, column: related.range.start.character + 1 }, lineColumnOf(text, `"${ID_A}"`, 0));
    assert.equal(related.record, 0);
  });

  it('the envelope gets capture-envelope: a wrong event_count, an entry without payload, a bad or missing reception_date', () => {
    const p = startPayload(ID_A, '1716580800');
    const text = `{
  "event_count": 7,
  "events": [
    { "payload": ${p}, "reception_date": "24/05/2024 20:00" },
    { "reception_date": "2024-05-24T20:00:00.000Z" },
    "a string",
    { "payload": ${startPayload(ID_B, '1716580800')}, "reception_date": 1716580800 },
    { "payload": ${startPayload('0f8fad5b-d9cb-469f-a165-70867728950e', '1716580800')} }
  ]
}`;
    const found = validate(text, { mode: 'document' }).filter((d) => d.code === 'capture-envelope');
    const places = found.map((d) => ({ ...at(d), pointer: d.pointer, record: d.record }));
    assert.deepEqual(places, [
      { ...lineColumnOf(text, '7,'), pointer: '/event_count', record: undefined },
      { ...lineColumnOf(text, '"24/05/2024 20:00"'), pointer: '/events/0/reception_date', record: undefined },
      { ...lineColumnOf(text, '{ "reception_date"'), pointer: '/events/1', record: undefined },
      { ...lineColumnOf(text, '"a string"'), pointer: '/events/2', record: undefined },
      { ...lineColumnOf(text, '1716580800 }'), pointer: '/events/3/reception_date', record: undefined },
      { ...lineColumnOf(text, '{ "payload"', 2), pointer: '/events/4', record: undefined },
    ]);
    assert.match(found[0]!.message, /^event_count is 7, but events holds 5 entries/);
    assert.match(found[2]!.message, /no payload/);
    assert.match(found[5]!.message, /no reception_date/);
    // Values quoted as JSON writes them: a string in quotes, a number bare (findings.ts preview).
    assert.match(found[3]!.message, /^events\[2\] is "a string", not an object/);
    assert.match(found[4]!.message, /^reception_date is 1716580800, not a string/);
  });

  it('a number or literal where the capture wants something else is quoted as written, not as a string', () => {
    const text = `{"event_count": true, "events": [{"payload": ${startPayload(ID_A, '1716580800')}, "reception_date": 1.50e3}, 7, null, [1, 2]]}`;
    const messages = validate(text, { mode: 'document' }).filter((d) => d.code === 'capture-envelope').map((d) => d.message.split(':')[0]);
    assert.deepEqual(messages, [
      'event_count is true, not a number',
      'reception_date is 1.50e3, not a string',
      'events[1] is 7, not an object with payload and reception_date',
      'events[2] is null, not an object with payload and reception_date',
      'events[3] is an array, not an object with payload and reception_date',
    ]);
  });

  it('a syntax error around the payloads is json-syntax where it is; the payloads are still checked', () => {
    const text = capture([[startPayload(ID_A, '"soon"'), '2024-05-24T20:00:01.123Z']]).replace('  ]\n}', '  ],\n}');
    const found = validate(text, { mode: 'document' });
    const bracket = lineColumnOf(text, '],');
    assert.deepEqual(found.map((d) => [d.code, at(d)]), [
      ['invalid-type', lineColumnOf(text, '"soon"')],
      ['json-syntax', { line: bracket.line, column: bracket.column + 1 }],
    ]);
  });

  it('a repeated key inside a payload names the first one by the capture\'s own line and column', () => {
    const line = (id: string): string => startPayload(id, '1716580800').replace(/\n\s*/g, '');
    const twice = (payload: string): string => payload.replace('"company_name": "Acme"', '"company_name": "Acme", "company_name": "Acme 2"');
    // One line, the second payload starting mid-line; and pretty-printed, the two keys on one line.
    const oneLine = `{"event_count": 2, "events": [{"payload": ${line(ID_A)}, "reception_date": "2024-05-24T20:00:01Z"}, {"payload": ${twice(line(ID_B))}, "reception_date": "2024-05-24T20:00:02Z"}]}`;
    const pretty = capture([[startPayload(ID_A, '1716580800'), '2024-05-24T20:00:01Z'], [twice(startPayload(ID_B, '1716580800')), '2024-05-24T20:00:02Z']]);
    for (const text of [oneLine, pretty]) {
      const first = lineColumnOf(text, '"company_name"', 1);
      const again = lineColumnOf(text, '"company_name"', 2);
      assert.equal(first.line, again.line);
      for (const found of [validate(text, { mode: 'document' }), validateStreamed([{ uri: 'c.json', text, mode: 'document' }])[0]!]) {
        const dup = found.filter((d) => d.code === 'duplicate-key');
        assert.deepEqual(dup.map((d) => [at(d), d.record, d.message]), [[again, 1, `Duplicate key "company_name": it is already set earlier on this line (column ${first.column}); parsers disagree on which value wins (this check reads the last)`]]);
      }
    }
  });

  it('the streaming engine (the CLI) gives validate()\'s answer, a capture beside a log of the same job', () => {
    // One-line payloads start mid-line: a related place on the first line of one must keep its column.
    const line = (id: string): string => startPayload(id, '1716580800').replace(/\n\s*/g, '');
    const text = `{"event_count": 2, "events": [{"payload": ${line(ID_A)}, "reception_date": "2024-05-24T20:00:01Z"}, {"payload": ${line(ID_A)}, "reception_date": "x"}]}`;
    const log = `${line(ID_A)}\n${line(ID_B)}\n`;
    const files: { uri: string; text: string; mode: DocumentMode }[] = [{ uri: 'c.json', text, mode: 'document' }, { uri: 'l.alfred.jsonl', text: log, mode: 'log' }];
    const want = files.map((f) => validate(f.text, { mode: f.mode, crossEvent: false }));
    crossCheckSources(files).forEach((extra, i) => {
      want[i] = [...want[i]!, ...extra].sort((a, b) => a.offset - b.offset);
    });
    const got = validateStreamed(files);
    assert.deepEqual(got, want);
    const dup = got[0]!.filter((d) => d.code === 'duplicate-event-id');
    assert.equal(dup.length, 1);
    assert.deepEqual(at(dup[0]!), lineColumnOf(text, `"${ID_A}"`, 1));
    assert.deepEqual(at({ range: dup[0]!.related![0]!.range } as Diagnostic), lineColumnOf(text, `"${ID_A}"`, 0));
    // The log's two records repeat ids of the capture, which came first.
    assert.equal(got[1]!.filter((d) => d.code === 'duplicate-event-id').length, 1);
  });
});

describe('a capture is read in reception order, as import writes it', () => {
  // A job's story from the examples, one job and one time: job_start_event delivered twice, and
  // two ends at one event_time. The file keeps them out of reception order (README "Captures made
  // before": reception order is by reception_date as RFC 3339 instants):
  //   events[0] job_failed_event, received 20:00:02Z    events[1] start (redelivery), 20:00:03Z
  //   events[2] job_finished_event, received 20:00:01Z  events[3] start (original), 20:00:00Z
  // so it was received as events[3], [2], [0], [1]. The later delivery of the start is the
  // redelivery, and of two ends at one time the first received is the job's end.
  const payload = (name: string, time: number, id?: string): string => {
    const p = JSON.parse(example(name)) as { event_id: string; event_time: number; event: { job_id: string; creation_date: string; update_date: string } };
    p.event.job_id = JOB;
    p.event_time = time;
    p.event.creation_date = p.event.update_date = '2024-05-24T19:00:00Z';
    if (id) p.event_id = id;
    return JSON.stringify(p, null, 2).replace(/\n/g, '\n      ');
  };
  const text = capture([
    [payload('job_failed_event', 1716580900), '2024-05-24T22:00:02+02:00'],
    [payload('job_start_event', 1716580800, ID_A), '2024-05-24T20:00:03.000Z'],
    [payload('job_finished_event', 1716580900), '2024-05-24T20:00:01Z'],
    [payload('job_start_event', 1716580800, ID_A), '2024-05-24T20:00:00.000Z'],
  ]);
  const received = [3, 2, 0, 1];
  const cross = new Set(['duplicate-event-id', 'multiple-ends']);
  /** Codes found on each payload, by its index in events. */
  const byEntry = (found: readonly Diagnostic[], entryOf: (record: number) => number): string[][] => {
    const out: string[][] = [[], [], [], []];
    for (const d of found) if (d.record !== undefined) out[entryOf(d.record)]!.push(d.code);
    return out.map((codes) => codes.sort());
  };

  it('the cross-event rules land on the later delivery, in every door', () => {
    const want = [['multiple-ends'], ['duplicate-event-id'], [], []];
    const related = (found: readonly Diagnostic[]): (number | undefined)[] => [...found].sort((a, b) => a.offset - b.offset).filter((d) => cross.has(d.code)).map((d) => d.related![0]!.record);
    const doors: [string, Diagnostic[]][] = [
      ['validate()', validate(text, { mode: 'document' })],
      ['the streaming engine', validateStreamed([{ uri: 'c.json', text, mode: 'document' }])[0]!],
      ['the workspace', crossCheckSources([{ uri: 'c.json', text, mode: 'document' }])[0]!],
    ];
    for (const [door, found] of doors) {
      assert.deepEqual(byEntry(found, (r) => r).map((codes) => codes.filter((c) => cross.has(c))), want, door);
      // multiple-ends (events[0]) points at the first end, events[2]; the redelivery at events[3].
      assert.deepEqual(related(found), [2, 3], door);
    }
  });

  it('the capture and the log imported from it give the same findings on the same payload', () => {
    const log = captureLog(text);
    assert.ok(!('error' in log));
    const fromLog = byEntry(validate(log.records.join('\n'), { mode: 'log' }), (line) => received[line]!);
    const fromCapture = byEntry(validate(text, { mode: 'document' }), (r) => r);
    assert.deepEqual(fromCapture, fromLog);
    assert.deepEqual(fromCapture.map((codes) => codes.filter((c) => cross.has(c))), [['multiple-ends'], ['duplicate-event-id'], [], []]);
  });
});

describe('the outline and the timeline of a capture', () => {
  const a = startPayload(ID_A, '1716580800');
  const b = startPayload(ID_B, '1716580900');
  const text = capture([[a, '2024-05-24T20:00:01.123Z'], [b, '2024-05-24T20:00:02.123Z']]);

  it('the outline lists each payload under its job, named by its event and its place in events', () => {
    const items = outline(text, 'document');
    assert.equal(items.length, 1);
    assert.equal(items[0]!.name, `job ${JOB}`);
    assert.deepEqual(items[0]!.children.map((c) => ({ name: c.name, detail: c.detail.split(' · ')[0], offset: c.offset, length: c.length })), [
      { name: 'job_start_event', detail: 'events[0]', offset: text.indexOf(a), length: a.length },
      { name: 'job_start_event', detail: 'events[1]', offset: text.indexOf(b), length: b.length },
    ]);
  });

  it('the timeline\'s marks point at the payloads inside the capture', () => {
    const data = buildTimeline([{ uri: 'c.json', text, mode: 'document' }], { title: 'c.json', version: 1 });
    assert.equal(data.jobs.length, 1);
    const refs = data.jobs.flatMap((j) => j.marks.map((m) => m.ref)).filter((r) => r !== undefined);
    assert.ok(refs.length >= 2, JSON.stringify(data.jobs));
    for (const r of refs) assert.ok([text.indexOf(a), text.indexOf(b)].includes(r.offset), JSON.stringify(r));
    assert.deepEqual(new Set(refs.map((r) => r.record)), new Set([0, 1]));
  });
});
