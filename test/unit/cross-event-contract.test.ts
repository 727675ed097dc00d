/**
 * The cross-event rules held to the README's words: for each rule its README case, what a tie in
 * event_time does, and records where two or three rules meet. Every row quotes the words its
 * expectation comes from, and the test checks that the README still says them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LogSession } from '../../src/core/pipeline/incremental';
import { validate } from '../../src/core/index';
import { cross, ev, log, story as S, withEnvelope } from './job-events';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8').replace(/\s+/g, ' ');

type Code = 'duplicate-event-id' | 'retries-decreasing' | 'event-after-end' | 'multiple-ends' | 'exceeded-retries-unmarked' | 'stage-before-start';

interface Row {
  name: string;
  /** The README's words that decide the expectation. */
  words: string[];
  lines: string[];
  /** [code, record, the record it links to], in any order. */
  expect: [Code, number, number][];
}

const idOf = (line: string): string => (JSON.parse(line) as { event_id: string }).event_id;
const stage = (at: number, name: string): string => ev('job_stage_update_event', at, { stage: name });
const retry = (at: number, retries: number, fields: Record<string, unknown> = {}): string => ev('job_retry_event', at, { retries, ...fields });
/** A record with no time at all: no event_time, update_date or creation_date. */
function untimed(line: string): string {
  const p = JSON.parse(line) as { event_time?: number; event: Record<string, unknown> };
  delete p.event_time;
  delete p.event.update_date;
  delete p.event.creation_date;
  return JSON.stringify(p);
}

const TIE = 'Two events at one `event_time` may have happened in either order, so the rules about order (`retries-decreasing`, `event-after-end`, `exceeded-retries-unmarked`, `stage-before-start`) fire only when the times differ';
const MEET = 'Every cross-event rule that applies to a record reports it, so one record may carry two or three findings';
const REDELIVERY = 'a record whose `event_id` an earlier record has is the same event delivered again, which receivers drop: it gets `duplicate-event-id`, and the job rules read the job\'s story without it.';
/** A stage update before the job_start_event of S (stage-before-start). */
const EARLY = stage(3, 'downloading');
/** The log of issue 11: created, started, a retry, the exceeded-retries event, then a failure that denies it. */
const exceededThenFailed = (failedAt: number, failedFirst = false): string[] => {
  const exceeded = ev('job_exceeded_retries_event', 40, { retries: 3 });
  const failed = ev('job_failed_event', failedAt, { retries: 3, exceeded_retries: false });
  return [S[0]!, S[1]!, retry(20, 1), ...(failedFirst ? [failed, exceeded] : [exceeded, failed])];
};

const ROWS: Record<Code, Row[]> = {
  'duplicate-event-id': [
    {
      name: 'README case: two events, one event_id',
      words: ['Two events share an event_id.', 'Reported on the later one in file order (time plays no part), pointing at the first'],
      lines: [...S.slice(0, 4), withEnvelope(S[4]!, { event_id: idOf(S[3]!) }), ...S.slice(5)],
      expect: [['duplicate-event-id', 4, 3]],
    },
    {
      name: 'tie: an exact copy at the same time, on the later in file order',
      words: ['Reported on the later one in file order (time plays no part)'],
      lines: [...S, S[3]!],
      expect: [['duplicate-event-id', 7, 3]],
    },
    {
      name: 'time plays no part: the later in the file has the earlier time',
      words: ['Reported on the later one in file order (time plays no part)', REDELIVERY],
      lines: [...S, withEnvelope(stage(7, 'downloading'), { event_id: idOf(S[6]!) })],
      expect: [['duplicate-event-id', 7, 6]],
    },
    {
      name: 'meets multiple-ends: a redelivered end is no second end',
      words: [REDELIVERY],
      lines: [...S, S[6]!],
      expect: [['duplicate-event-id', 7, 6]],
    },
    {
      name: 'meets multiple-ends and event-after-end: another end with the first end\'s event_id is dropped by receivers',
      words: [REDELIVERY, 'a second event with the same id is dropped as a redelivery'],
      lines: [...S, withEnvelope(ev('job_failed_event', 70, { retries: 2 }), { event_id: idOf(S[6]!) })],
      expect: [['duplicate-event-id', 7, 6]],
    },
    {
      name: 'meets stage-before-start: the first record keeps its finding, the copy gets the duplicate',
      words: [REDELIVERY],
      lines: [S[0]!, EARLY, ...S.slice(1), EARLY],
      expect: [['stage-before-start', 1, 2], ['duplicate-event-id', 8, 1]],
    },
  ],
  'retries-decreasing': [
    {
      name: 'README case: retries 2, then retries 1 five minutes later',
      words: ['retries 2 at 10:00, then retries 1 at 10:05 for the same job_id'],
      lines: [S[0]!, S[1]!, S[2]!, retry(20, 2), retry(320, 1)],
      expect: [['retries-decreasing', 4, 3]],
    },
    {
      name: 'tie: retries 2 and retries 1 at one time, in either file order',
      words: [TIE, 'Only a higher count at an earlier event_time counts: events at the same time may have happened in either order.'],
      lines: [S[0]!, S[1]!, S[2]!, retry(20, 2), retry(20, 1), retry(20, 1), retry(20, 2)],
      expect: [],
    },
    {
      name: 'tie, then a lower count later: held to the highest earlier count',
      words: ['Only a higher count at an earlier event_time counts'],
      lines: [S[0]!, S[1]!, S[2]!, retry(20, 2), retry(20, 1), retry(40, 1)],
      expect: [['retries-decreasing', 5, 3]],
    },
    {
      name: 'an event without a time is compared with none',
      words: ['an event without a time (no `event_time`, `update_date` or `creation_date`) is compared with none'],
      lines: [...S.slice(0, 5), untimed(retry(45, 0))],
      expect: [],
    },
    {
      name: 'meets event-after-end: a lower count after the end',
      words: [MEET, 'its events after that moment are out of place', 'so it never decreases'],
      lines: [...S, retry(70, 1)],
      expect: [['retries-decreasing', 7, 4], ['event-after-end', 7, 6]],
    },
    {
      name: 'three rules on one record: lower count, after the end, exceeded_retries false after the job exceeded them',
      words: [MEET, 'Once an event of a job says exceeded_retries: true, or Alfred sent its job_exceeded_retries_event, the job has used up its retries; a later event saying otherwise is wrong'],
      lines: [...S.slice(0, 5), ev('job_exceeded_retries_event', 50, { retries: 3 }), retry(60, 1, { exceeded_retries: false })],
      expect: [['retries-decreasing', 6, 5], ['event-after-end', 6, 5], ['exceeded-retries-unmarked', 6, 5]],
    },
  ],
  'event-after-end': [
    {
      name: 'README case: a stage update timed after the job_finished_event',
      words: ['a job_stage_update_event timed after the job_finished_event of the same job'],
      lines: [...S, stage(80, 'syncing')],
      expect: [['event-after-end', 7, 6]],
    },
    {
      name: 'tie: a stage update at the time of the end, later in the file',
      words: [TIE, 'An event at the same event_time as the end is not after it'],
      lines: [...S, stage(60, 'syncing')],
      expect: [],
    },
    {
      name: 'the stage update that records the end is how jobs run',
      words: ['after the end the stage update that records it (`completed` after `job_finished_event`, `failed` after `job_failed_event` or `job_exceeded_retries_event`, `invalid` after `job_invalid_event`), are how jobs run and are not flagged'],
      lines: [...S.slice(0, 5), ev('job_exceeded_retries_event', 45, { retries: 3 }), stage(46, 'failed')],
      expect: [],
    },
    {
      name: 'meets stage-before-start: after the end and before the creation, both on event_time',
      words: [MEET, 'its events after that moment are out of place', 'A stage update comes before the job was created or started.'],
      lines: [ev('job_finished_event', 50), stage(70, 'downloading'), ev('job_create_event', 100), ev('job_start_event', 105)],
      expect: [['event-after-end', 1, 0], ['stage-before-start', 1, 2], ['event-after-end', 2, 0], ['event-after-end', 3, 0]],
    },
  ],
  'multiple-ends': [
    {
      name: 'README case: job_finished_event and job_failed_event; the second end is not also an event after the end',
      words: ['job_finished_event and job_failed_event for the same job_id', 'a second end is multiple-ends, not this'],
      lines: [...S, ev('job_failed_event', 70, { retries: 2 })],
      expect: [['multiple-ends', 7, 6]],
    },
    {
      name: 'tie: two ends at one time, the later in the file is the second',
      words: ['Ends at the same event_time count too: the earlier in file order is the first.'],
      lines: [...S, ev('job_failed_event', 60, { retries: 2 })],
      expect: [['multiple-ends', 7, 6]],
    },
    {
      name: 'tie, the other file order',
      words: ['Ends at the same event_time count too: the earlier in file order is the first.'],
      lines: [...S.slice(0, 6), ev('job_failed_event', 60, { retries: 2 }), S[6]!],
      expect: [['multiple-ends', 7, 6]],
    },
    {
      name: 'an end without a time is still an end',
      words: ['A job ends more than once.'],
      lines: [...S, untimed(ev('job_failed_event', 70, { retries: 2 }))],
      expect: [['multiple-ends', 7, 6]],
    },
  ],
  'exceeded-retries-unmarked': [
    {
      name: 'README case (issue 11): job_failed_event saying false after the job_exceeded_retries_event, also a second end',
      words: ['"exceeded_retries": false in a job_failed_event after the job_exceeded_retries_event', 'whatever else is wrong with it (a second end is also multiple-ends)', MEET],
      lines: exceededThenFailed(50),
      expect: [['multiple-ends', 4, 3], ['exceeded-retries-unmarked', 4, 3]],
    },
    {
      name: 'README case: after an event that says exceeded_retries: true',
      words: ['Once an event of a job says exceeded_retries: true'],
      lines: [...S.slice(0, 4), retry(40, 3, { exceeded_retries: true }), retry(50, 4, { exceeded_retries: false })],
      expect: [['exceeded-retries-unmarked', 5, 4]],
    },
    {
      name: 'tie: false at the time of the exceeded-retries event is not later (the second end still is one)',
      words: [TIE, 'An event at the same event_time is not later.', 'Ends at the same event_time count too'],
      lines: exceededThenFailed(40),
      expect: [['multiple-ends', 4, 3]],
    },
    {
      name: 'tie, the other file order',
      words: ['An event at the same event_time is not later.', 'the earlier in file order is the first'],
      lines: exceededThenFailed(40, true),
      expect: [['multiple-ends', 4, 3]],
    },
  ],
  'stage-before-start': [
    {
      name: 'README case: a stage update timed before the job_start_event',
      words: ['a job_stage_update_event timed before the job_start_event of the same job'],
      lines: [S[0]!, stage(3, 'downloading'), ...S.slice(1)],
      expect: [['stage-before-start', 1, 2]],
    },
    {
      name: 'queued or started before the start is how jobs run; before the creation it is not',
      words: ['A `queued` or `started` stage update before the `job_start_event`', 'A stage update comes before the job was created or started.'],
      lines: [stage(-10, 'queued'), S[0]!, stage(2, 'queued'), stage(3, 'started'), ...S.slice(1)],
      expect: [['stage-before-start', 0, 1]],
    },
    {
      name: 'tie: at the time of the creation, at the time of the start',
      words: [TIE, 'A stage update at the same event_time as either is not before it.'],
      lines: [stage(0, 'queued'), S[0]!, stage(5, 'downloading'), ...S.slice(1)],
      expect: [],
    },
  ],
};

/** The record with its event_id and job_id in upper case: the same ids (RFC 9562 §4). */
const upperIds = (line: string): string => line.replace(/"(event_id|job_id)":"([^"]*)"/g, (_m, k: string, v: string) => `"${k}":"${v.toUpperCase()}"`);

const sorted = (xs: (string | number)[][]): string[] => xs.map((x) => JSON.stringify(x)).sort();

describe('cross-event rules: the README contract', () => {
  for (const [code, rows] of Object.entries(ROWS)) {
    describe(code, () => {
      for (const row of rows) {
        it(row.name, () => {
          for (const w of row.words) assert.ok(README.includes(w), `the README no longer says: ${w}`);
          const found = cross(log(...row.lines)).map((d) => [d.code, d.record!, d.related![0]!.record!]);
          assert.deepEqual(sorted(found), sorted(row.expect));
        });
      }
    });
  }

  it('the same findings when any one record writes its event_id and job_id in upper case (RFC 9562 §4)', () => {
    for (const rows of Object.values(ROWS)) {
      for (const row of rows) {
        for (let i = 0; i < row.lines.length; i++) {
          const lines = row.lines.map((l, k) => (k === i ? upperIds(l) : l));
          const found = cross(log(...lines)).map((d) => [d.code, d.record!, d.related![0]!.record!]);
          assert.deepEqual(sorted(found), sorted(row.expect), `${row.name}, line ${i} in upper case`);
        }
      }
    }
  });

  it('every row is a log the record checks find sound, so the cross-event findings are the point', () => {
    // The only per-record findings allowed are those a row makes on purpose (no time, a retry marked exceeded).
    for (const rows of Object.values(ROWS)) {
      for (const row of rows) {
        const local = validate(log(...row.lines), { mode: 'log' }).filter((d) => !d.related && !['missing-envelope-field', 'missing-field', 'retry-inconsistent'].includes(d.code));
        assert.deepEqual(local.map((d) => `${row.name}: ${d.code} ${d.message}`), []);
      }
    }
  });
});

describe('cross-event rules: the editor\'s log session says the same', () => {
  it('on every row, and after removing, doubling or upper-casing any one of its lines', () => {
    for (const rows of Object.values(ROWS)) {
      for (const row of rows) {
        const text = log(...row.lines);
        const session = new LogSession(text, { mode: 'log' });
        assert.deepEqual(session.diagnostics(), validate(text, { mode: 'log' }), row.name);
        // Each edit can change which record of an event_id comes first, or which spelling of a job_id does.
        for (let i = 0; i < row.lines.length; i++) {
          for (const change of [(): string[] => [], (l: string) => [l, l], (l: string) => [upperIds(l)]]) {
            const s = new LogSession(text, { mode: 'log' });
            s.edit(i, 1, change(row.lines[i]!));
            assert.deepEqual(s.diagnostics(), validate(s.text(), { mode: 'log' }), `${row.name}, line ${i}`);
          }
        }
      }
    }
  });
});
