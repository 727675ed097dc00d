import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, fixesFor, validate, type DocumentMode } from '../../src/core/index';
import { compareDecimal, decimalOf, formatDecimal, isExactDouble, isWhole, scale, type Decimal } from '../../src/core/checks/numbers';
import { example } from './helpers';

/*
 * ECMA-404 (§8) gives a number its decimal value and no precision: `9007199254740993` is that
 * integer and `1e-400` a small positive number, though a double reads them as 9007199254740992
 * and 0. An integer is written with no fraction and no negative exponent, or with a fraction of
 * zeros (`1.0`, `1e2` and `-0` are whole). The README's bounds (file_count and retries whole and
 * at least 0; confidence and classification_score from 0 to 1; event_time in seconds between
 * 2000-01-01 and 2100-01-01, 946684800 to 4102444800) are applied to that value, exactly, and
 * messages quote the number as written. Expected values below are that arithmetic.
 */

const d = (text: string): Decimal => decimalOf(text)!;

describe('numbers as written: exact decimal arithmetic', () => {
  it('compares exactly where doubles cannot', () => {
    assert.equal(compareDecimal(d('9007199254740993'), d('9007199254740992')), 1);
    assert.equal(compareDecimal(d('1.00000000000000001'), d('1')), 1);
    assert.equal(compareDecimal(d('0.99999999999999999'), d('1')), -1);
    assert.equal(compareDecimal(d('1e-400'), d('0')), 1);
    assert.equal(compareDecimal(d('-1e-400'), d('0')), -1);
    assert.equal(compareDecimal(d('-0'), d('0')), 0);
    assert.equal(compareDecimal(d('100e-2'), d('1.000')), 0);
    assert.equal(compareDecimal(d('1E+2'), d('100')), 0);
    assert.equal(compareDecimal(d('-2'), d('-10')), 1);
    assert.equal(compareDecimal(d('1e400'), d('9e399')), 1);
  });

  it('whole numbers: no fraction, or a fraction of zeros', () => {
    for (const t of ['0', '-0', '1.0', '1e2', '1E+2', '100e-2', '9007199254740993', '123456789012345678901234567890', '1e400']) assert.ok(isWhole(d(t)), t);
    for (const t of ['1.5', '1e-400', '1.00000000000000001', '9007199254740993.5', '0.15e1']) assert.ok(!isWhole(d(t)), t);
  });

  it('which texts a double reads exactly', () => {
    for (const t of ['0', '-0', '1.0', '0.1', '1e2', '1717775165.5', '9007199254740992', '123456789012345']) assert.ok(isExactDouble(t), t);
    for (const t of ['9007199254740993', '1.00000000000000001', '1e400', '1e-400', '0.1000000000000000000001']) assert.ok(!isExactDouble(t), t);
  });

  it('moves the point, not a double: milliseconds to seconds', () => {
    assert.equal(formatDecimal(scale(d('1717775165123'), -3)), '1717775165.123');
    assert.equal(formatDecimal(scale(d('1.7177751655e12'), -3)), '1717775165.5');
    assert.equal(formatDecimal(scale(d('1717775165000.0000000000001'), -3)), '1717775165.0000000000000001');
    assert.equal(formatDecimal(scale(d('1717775165000'), -3)), '1717775165');
    assert.equal(formatDecimal(d('-0')), '0');
  });
});

const retry = example('job_retry_event');
const failed = example('file_failed_event');
const category = example('file_category_create_event');

/** `code pointer message` of every diagnostic, as a document and as a one-line log record (which must agree). */
function findings(text: string): string[] {
  // One line, numbers untouched: the examples hold no line break inside a string.
  const line = text.replace(/\r?\n\s*/g, '');
  const show = (t: string, mode: DocumentMode) => validate(t, { mode }).map((x) => `${x.code} ${x.pointer} ${x.message}`);
  const doc = show(text, 'document');
  assert.deepEqual(show(line, 'log'), doc, 'a log record gets the same findings as the document');
  return doc;
}

function withValue(text: string, key: string, written: string): string {
  const member = new RegExp(`"${key}": [^,\\n]+`);
  assert.match(text, member);
  return text.replace(member, `"${key}": ${written}`);
}

describe('numbers are judged as written, never by a double\'s rounding', () => {
  describe('counts (file_count, retries): whole numbers of at least 0', () => {
    const whole = ['0', '-0', '1.0', '1e2', '1E+2', '100e-2', '9007199254740992', '9007199254740993', '123456789012345678901234567890', '1e400'];
    for (const t of whole) {
      it(`${t} is a count`, () => {
        assert.deepEqual(findings(withValue(retry, 'file_count', t)), []);
        assert.deepEqual(findings(withValue(retry, 'retries', t)), []);
      });
    }
    const not = ['-1', '1.5', '1.50', '1e-400', '-1e-400', '1.00000000000000001', '9007199254740993.5', '-9007199254740993'];
    for (const t of not) {
      it(`${t} is not, and the message quotes it`, () => {
        assert.deepEqual(findings(withValue(retry, 'file_count', t)), [`out-of-range /event/file_count file_count must be a whole number ≥ 0 in job_retry_event, found ${t}`]);
      });
    }
  });

  describe('scores (classification_score, confidence): from 0 to 1', () => {
    const inside = ['0', '-0', '1', '1.0', '0.5', '1e-400', '0.99999999999999999', '100e-2', '1E-1'];
    for (const t of inside) {
      it(`${t} is a score`, () => {
        assert.deepEqual(findings(withValue(failed, 'classification_score', t)), []);
        assert.deepEqual(findings(withValue(category, 'confidence', t)), []);
      });
    }
    const outside = ['1.00000000000000001', '1.0000000000000000000000001', '-1e-400', '1e400', '2', '-0.5'];
    for (const t of outside) {
      it(`${t} is not`, () => {
        assert.deepEqual(findings(withValue(failed, 'classification_score', t)), [`out-of-range /event/classification_score classification_score must be a number from 0 to 1 in file_failed_event, found ${t}`]);
        assert.deepEqual(findings(withValue(category, 'confidence', t)).map((f) => f.split(' ').slice(0, 2).join(' ')), ['out-of-range /event/confidence']);
      });
    }
  });

  describe('event_time: seconds from 2000 to 2100; a thousand times that is milliseconds', () => {
    for (const t of ['946684800', '4102444800', '4102444800.0', '1717775165.5', '1.7177751655e9']) {
      // 2000 is before the example's creation_date: date-order may speak, out-of-range may not.
      it(`${t} is in range`, () => assert.deepEqual(findings(withValue(retry, 'event_time', t)).filter((f) => !f.startsWith('date-order')), []));
    }
    for (const t of ['946684799.99999999999999999', '4102444800.0000000000001', '1e400', '-1', '9007199254740993', '4102444800001']) {
      it(`${t} is out of range`, () => {
        const fs = findings(withValue(retry, 'event_time', t)).filter((f) => !f.startsWith('date-order'));
        assert.deepEqual(fs, [`out-of-range /event_time event_time must be a Unix time in seconds between 2000 and 2100 in job_retry_event, found ${t}`]);
      });
    }
    const ms: [string, string][] = [
      ['1717775165500', '1717775165.5'],
      ['1.7177751655e12', '1717775165.5'],
      ['946684800000', '946684800'],
      ['1717775165000.0000000000001', '1717775165.0000000000000001'],
    ];
    for (const [t, seconds] of ms) {
      it(`${t} is milliseconds: ${seconds} s, and the fix writes exactly that`, () => {
        const text = withValue(retry, 'event_time', t);
        const fs = findings(text).filter((f) => f.startsWith('timestamp-in-milliseconds'));
        assert.equal(fs.length, 1);
        assert.match(fs[0]!, new RegExp(`event_time ${t.replace(/\./g, '\\.')} looks like milliseconds .*; Unix time in seconds is ${seconds.replace(/\./g, '\\.')}$`));
        const diag = validate(text).find((x) => x.code === 'timestamp-in-milliseconds')!;
        const fix = fixesFor(text, diag)[0]!;
        assert.equal(fix.title, `Convert to seconds: ${seconds}`);
        assert.equal(applyEdits(text, fix.edits), withValue(retry, 'event_time', seconds));
      });
    }
  });

  describe('numbers written as strings: judged on the string', () => {
    it('"9007199254740993" is a count written as a string, and a whole one', () => {
      assert.deepEqual(findings(withValue(retry, 'file_count', '"9007199254740993"')).map((f) => f.split(' ')[0]), ['string-encoded-value']);
    });
    it('"1.00000000000000001" is a score out of range, quoted as written', () => {
      const fs = findings(withValue(failed, 'classification_score', '"1.00000000000000001"'));
      assert.deepEqual(fs.map((f) => f.split(' ')[0]), ['string-encoded-value', 'out-of-range']);
      assert.match(fs[1]!, /found 1\.00000000000000001$/);
    });
    it('"1e-400" is no count', () => {
      assert.deepEqual(findings(withValue(retry, 'retries', '"1e-400"')).map((f) => f.split(' ')[0]), ['string-encoded-value', 'out-of-range']);
    });
  });

  describe('every message that shows a number shows it as written', () => {
    const cases: [string, string, RegExp][] = [
      [withValue(retry, 'job_id', '1e2'), 'invalid-type', /found the number 1e2$/],
      [withValue(retry, 'job_id', '-0'), 'invalid-type', /found the number -0$/],
      [withValue(retry, 'user_name', '9007199254740993'), 'invalid-type', /found the number 9007199254740993$/],
      [withValue(retry, 'event_name', '1.50'), 'invalid-type', /found the number 1\.50$/],
      [withValue(retry, 'event_type', '1E2'), 'invalid-type', /found the number 1E2$/],
      [withValue(example('job_stage_update_event'), 'stage', '1e400'), 'invalid-type', /found 1e400$/],
    ];
    for (const [text, code, message] of cases) {
      it(`${code}: ${message.source}`, () => {
        const hits = validate(text).filter((x) => x.code === code && /1e2|-0|9007199254740993|1\.50|1E2|1e400/.test(x.message));
        assert.equal(hits.length, 1, JSON.stringify(validate(text).map((x) => x.message)));
        assert.match(hits[0]!.message, message);
      });
    }
    it('a document that is a number', () => {
      assert.match(validate('1e400')[0]!.message, /found the number 1e400$/);
      assert.match(validate('-0', { mode: 'log' })[0]!.message, /found the number -0$/);
    });
  });
});

describe('retry-inconsistent judges retries as written', () => {
  const exceeded = (retries: string): string[] => {
    const doc = JSON.parse(example('job_exceeded_retries_event')) as { event: Record<string, unknown> };
    doc.event['exceeded_retries'] = true;
    doc.event['retries'] = 7;
    const text = JSON.stringify(doc).replace('"retries":7', `"retries":${retries}`);
    return validate(text).map((d) => d.code);
  };
  it('retries 1e-400 with exceeded_retries true: out-of-range (a fraction), not "0 retries"', () => {
    assert.deepEqual(exceeded('1e-400'), ['out-of-range']);
  });
  it('retries 0, 0e5, -0 and "0": zero as written, so retry-inconsistent', () => {
    for (const zero of ['0', '0e5', '-0', '"0"']) assert.ok(exceeded(zero).includes('retry-inconsistent'), zero);
  });
});
