/**
 * XML as CI systems read test results: escaping per XML 1.0 (Fifth Edition), and the JUnit XML
 * format as Jenkins reads it (the xunit plugin's junit-10.xsd, vendored in test/fixtures/junit):
 * testsuites, testsuite, testcase, failure, skipped, system-out. Knows nothing of what is tested,
 * so that any report can be written as JUnit.
 */

/**
 * Characters XML 1.0 does not allow at all (§2.2 Char: tab, LF, CR, U+0020–U+D7FF,
 * U+E000–U+FFFD, U+10000–U+10FFFF): other C0 controls, lone surrogates, U+FFFE and U+FFFF.
 * No escape can write them (`&#1;` is not well-formed either), so they are replaced by U+FFFD.
 */
const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text content: `&`, `<` and `>` escaped (`>` too, so that `]]>` never appears), CR written as
 * `&#13;` so that the parser's end-of-line handling (§2.11) does not turn it into LF, and the
 * characters XML cannot hold replaced by U+FFFD.
 */
export function xmlText(s: string): string {
  return s.replace(NOT_XML, '\uFFFD').replace(/[&<>\r]/g, (c) => ESCAPES[c] ?? c);
}

/**
 * An attribute value for double quotes: as text, plus `"`, and tab, LF and CR as character
 * references, which attribute-value normalisation (§3.3.3) keeps, where it turns the literal
 * characters into spaces.
 */
export function xmlAttribute(s: string): string {
  return s.replace(NOT_XML, '\uFFFD').replace(/[&<>"\t\n\r]/g, (c) => ESCAPES[c] ?? c);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/** One test: failed when it has a failure, not run when it has `skipped`. `time` in seconds. */
export interface JunitCase {
  name: string;
  classname: string;
  time: number;
  failure?: { message: string; type: string; text: string };
  /** Why the test did not run: `<skipped message>`. */
  skipped?: { message: string };
}

/** A group of tests, such as one scenario or one file. `time` in seconds. */
export interface JunitSuite {
  name: string;
  time: number;
  /**
   * Read twice, for the counts and then for the document: an array, or an iterable whose
   * iterator starts afresh each time, so that a suite of a million cases is never held whole.
   */
  cases: Iterable<JunitCase>;
  /** What the suite printed, a piece at a time: its `<system-out>`, left out when empty. */
  output?: Iterable<string>;
}

/**
 * A JUnit XML document, a piece at a time (a report of a million tests is too long for one
 * string): `<testsuites>` with totals, one `<testsuite>` per suite with its counts, one
 * `<testcase>` per case, a `<failure message type>` holding the details in a failed one, a
 * `<skipped message>` in one that did not run, then the suite's `<system-out>` if it has one.
 * Times are seconds with three decimals at most, as the schema's SUREFIRE_TIME pattern allows;
 * no timestamp or host name is written, so the same results give the same document.
 */
export function* junitXml(suites: readonly JunitSuite[], name: string): Generator<string> {
  const counts = suites.map(count);
  const total = (key: keyof Counts): number => counts.reduce((n, c) => n + c[key], 0);
  const time = suites.reduce((t, s) => t + s.time, 0);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites${attributes({ name, tests: total('tests'), failures: total('failures'), errors: 0, time: seconds(time) })}>\n`;
  for (const [i, suite] of suites.entries()) {
    const { tests, failures, skipped } = counts[i]!;
    yield `  <testsuite${attributes({ name: suite.name, tests, failures, errors: 0, skipped, time: seconds(suite.time) })}>\n`;
    for (const c of suite.cases) {
      const head = `    <testcase${attributes({ name: c.name, classname: c.classname, time: seconds(c.time) })}`;
      if (!c.failure && !c.skipped) {
        yield `${head}/>\n`;
        continue;
      }
      yield `${head}>\n`;
      if (c.skipped) yield `      <skipped${attributes({ message: c.skipped.message })}/>\n`;
      if (c.failure) yield `      <failure${attributes({ message: c.failure.message, type: c.failure.type })}>${xmlText(c.failure.text)}</failure>\n`;
      yield '    </testcase>\n';
    }
    let printed = false;
    for (const piece of suite.output ?? []) {
      if (piece === '') continue;
      yield (printed ? '' : '    <system-out>') + xmlText(piece);
      printed = true;
    }
    if (printed) yield '</system-out>\n';
    yield '  </testsuite>\n';
  }
  yield '</testsuites>\n';
}

interface Counts {
  tests: number;
  failures: number;
  skipped: number;
}

function count(suite: JunitSuite): Counts {
  const counts: Counts = { tests: 0, failures: 0, skipped: 0 };
  for (const c of suite.cases) {
    counts.tests++;
    if (c.failure) counts.failures++;
    if (c.skipped) counts.skipped++;
  }
  return counts;
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => ` ${k}="${xmlAttribute(String(v))}"`)
    .join('');
}

/** Seconds with at most three decimals, never in exponent form. */
function seconds(s: number): string {
  return (Math.max(0, s) || 0).toFixed(3);
}
