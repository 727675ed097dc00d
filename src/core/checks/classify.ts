import type { $ZodIssue } from 'zod/v4/core';
import { JOB_STAGES, KINDS, type FieldInfo } from '../catalogue';
import { dateFinding } from './date-problems';
import { describe, isObject, preview, valueAt, type Finding, type NumberSource } from './findings';
import { decimalOf, formatDecimal, inRange, scale } from './numbers';
import type { JsonPath } from '../input/pointer';
import { fieldSchema } from './schemas';
import { closest } from './suggest';
import { isoUtc } from '../util/time';
import { httpUrlProblem } from './url';
import { clip } from '../util/clip';
import { t } from '../l10n';

/** What the classifier needs to know about the payload it reads issues of. */
export interface IssueContext {
  root: unknown;
  /** The catalogue entry of the member at a path (list elements included), if it has one. */
  fieldAt(path: JsonPath): FieldInfo | undefined;
  /** The names an object at this path may hold, for "did you mean" and unknown-field. */
  knownKeys(path: JsonPath): readonly string[];
  /** Which rule a missing member at this path breaks. */
  missingCode(path: JsonPath): 'missing-envelope-field' | 'missing-field';
  /** " in job_retry_event", or "" when the event is not known. */
  where: string;
  /** Names the object at a path in messages: "the envelope", "job_retry_event". */
  owner(path: JsonPath): string;
  /** Extra words for an unknown key, e.g. which events do have it. */
  unknownKeyHint(key: string, path: JsonPath): string;
  /** The payload's numbers as written; without it, as a double prints them. */
  numbers?: NumberSource;
}

/**
 * Turns zod's issues into findings with our rule codes: one root cause, one finding. The
 * numbers a double misreads are judged again as written, also where zod saw no issue (a score
 * of 1.00000000000000001 is a double's 1).
 */
export function classifyIssues(issues: readonly $ZodIssue[], ctx: IssueContext): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const judged = new Set<string>();
  const add = (f: Finding): void => {
    const at = f.path.join('\u0000');
    const id = `${f.code}\u0000${at}`;
    if (seen.has(id)) return;
    seen.add(id);
    judged.add(at);
    out.push(f);
  };
  for (const issue of issues) {
    judged.add(issue.path.join('\u0000'));
    classifyIssue(issue, ctx).forEach(add);
  }
  for (const path of ctx.numbers?.misread ?? []) {
    const field = ctx.fieldAt(path);
    const known = ctx.knownKeys(path.slice(0, -1)).includes(String(path[path.length - 1]));
    if (!field || !known || judged.has(path.join('\u0000')) || !KINDS[field.kind].range) continue;
    const f = numberProblem(path, field, ctx.numbers!.text(path), ctx);
    if (f) add(f);
  }
  return out;
}

function classifyIssue(issue: $ZodIssue, ctx: IssueContext): Finding[] {
  const path = issue.path as (string | number)[];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => unknownKey(key, path, ctx));
  }
  const value = valueAt(ctx.root, path);
  const name = String(path[path.length - 1] ?? '');
  if (value === undefined) return [missing(path, name, ctx)];
  const field = ctx.fieldAt(path);
  if (!field) return [{ code: 'invalid-type', message: t('{0} is invalid{1}: {2}', label(path), ctx.where, issue.message), path, at: 'value' }];
  const kind = KINDS[field.kind];
  // zod judges a double; a number is judged as written (9007199254740993 is a whole number).
  if (typeof value === 'number' && kind.range) {
    const f = numberProblem(path, field, ctx.numbers?.text(path) ?? (Number.isFinite(value) ? String(value) : undefined), ctx);
    return f ? [f] : [];
  }
  if (typeof value === 'string' && kind.decode) {
    const decoded = kind.decode(value);
    if (decoded !== undefined) return stringEncoded(path, field, value, decoded, ctx);
  }
  return [valueProblem(issue, path, field, value, ctx)];
}

function stringEncoded(path: JsonPath, field: FieldInfo, text: string, decoded: unknown, ctx: IssueContext): Finding[] {
  const written = clip(text, 60);
  const quoted = preview(text);
  const findings: Finding[] = [{
    code: 'string-encoded-value',
    message: typeof decoded === 'boolean'
      ? t("{0} is a boolean written as a string{1}: write {2} instead of {3} (the docs' examples quote it, but receivers that do not convert will misread it)", label(path), ctx.where, written, quoted)
      : t("{0} is a number written as a string{1}: write {2} instead of {3} (the docs' examples quote it, but receivers that do not convert will misread it)", label(path), ctx.where, written, quoted),
    path,
    at: 'value',
  }];
  // The decoded value is checked as if written plainly: "-1" is both string-encoded and out of range.
  if (KINDS[field.kind].range) {
    const f = numberProblem(path, field, text, ctx);
    return f ? [...findings, f] : findings;
  }
  const result = fieldSchema(field).safeParse(decoded);
  if (!result.success) {
    const issue = result.error.issues[0];
    if (issue) findings.push(valueProblem(issue, path, field, decoded, ctx));
  }
  return findings;
}

function valueProblem(issue: $ZodIssue, path: JsonPath, field: FieldInfo, value: unknown, ctx: IssueContext): Finding {
  const base = { path, at: 'value' as const };
  const expected = KINDS[field.kind].expected();
  const written = typeof value === 'number' ? ctx.numbers?.text(path) : undefined;
  const mustBe = t('{0} must be {1}{2}, found {3}', label(path), expected, ctx.where, preview(value, written));
  // zod says only that a URL failed; the reason is worth saying (a missing slash, a bad port…).
  if (field.kind === 'url' && typeof value === 'string') return { ...base, code: 'invalid-url', message: t('{0}: {1}', mustBe, httpUrlProblem(value) ?? t('it is not a URL')) };
  if (field.kind === 'date' && typeof value === 'string') {
    return { ...base, ...(dateFinding(label(path), value, ctx.where) ?? { code: 'invalid-date', message: mustBe }) };
  }
  switch (issue.code) {
    case 'invalid_type':
      return { ...base, code: 'invalid-type', message: t('{0} must be {1}{2}, found {3}', label(path), expected, ctx.where, describe(value, written)) };
    case 'invalid_format':
      if (issue.format === 'guid') {
        // The docs' example ids have the UUID shape with letters beyond f: say so, it is their habit.
        const docsStyle = typeof value === 'string' && /^[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}$/i.test(value);
        return { ...base, code: 'invalid-uuid', message: docsStyle ? t("{0} (letters beyond f, as in the docs' examples)", mustBe) : mustBe };
      }
      if (issue.format === 'url') return { ...base, code: 'invalid-url', message: mustBe };
      return { ...base, code: 'invalid-type', message: mustBe };
    case 'invalid_value':
      if (field.kind === 'stage' && typeof value === 'string') {
        const suggestions = closest(value, JOB_STAGES);
        const docs = value === 'processing' ? t(" (the docs' own example uses it, but it is not in their list of stages)") : '';
        const hint = suggestions.length > 0 ? t('; did you mean "{0}"?', suggestions[0]) : t('; job stages are {0}{1}', JOB_STAGES.join(', '), docs);
        return { ...base, code: 'unknown-stage', message: t('{0} is not a job stage{1}{2}', preview(value), ctx.where, hint), suggestions };
      }
      if (issue.values.length > 0 && issue.values.every((v) => typeof v === 'string')) {
        const allowed = issue.values.map((v) => JSON.stringify(v));
        return { ...base, code: 'invalid-type', message: t('{0} must be {1}{2}, found {3}', label(path), allowed.join(t(' or ')), ctx.where, preview(value, written)), suggestions: issue.values.map(String) };
      }
      return { ...base, code: 'invalid-type', message: t('{0} must be {1}{2}, found {3}', label(path), expected, ctx.where, describe(value, written)) };
    default:
      return { ...base, code: 'invalid-type', message: mustBe };
  }
}

/**
 * A number of a numeric kind, judged exactly on its text (README, "Rules": out-of-range and
 * timestamp-in-milliseconds); undefined when it is in range. Without a text (a double that
 * overflowed), it is out of range.
 */
function numberProblem(path: JsonPath, field: FieldInfo, text: string | undefined, ctx: IssueContext): Finding | undefined {
  const kind = KINDS[field.kind];
  const d = text === undefined ? undefined : decimalOf(text);
  if (d && inRange(d, kind.range!)) return undefined;
  const base = { path, at: 'value' as const };
  const seconds = d && field.kind === 'event-time' ? scale(d, -3) : undefined;
  if (seconds && inRange(seconds, kind.range!)) {
    const when = isoUtc(Number(text));
    return { ...base, code: 'timestamp-in-milliseconds', message: t('{0} {1} looks like milliseconds{2} ({3}); Unix time in seconds is {4}', 'event_time', clip(String(text), 60), ctx.where, when, formatDecimal(seconds)) };
  }
  return { ...base, code: 'out-of-range', message: t('{0} must be {1}{2}, found {3}', label(path), kind.expected(), ctx.where, text === undefined ? t('a number too large for a double') : clip(text, 60)) };
}

function missing(path: JsonPath, name: string, ctx: IssueContext): Finding {
  const code = ctx.missingCode(path);
  const field = ctx.fieldAt(path);
  const what = field ? ` (${KINDS[field.kind].expected()})` : '';
  const message = code === 'missing-envelope-field' ? t('Missing envelope member "{0}"{1}{2}', name, what, ctx.where) : t('Missing "{0}"{1}{2}', name, what, ctx.where);
  return { code, path, at: 'missing', message, suggestions: [name] };
}

function unknownKey(key: string, objectPath: JsonPath, ctx: IssueContext): Finding {
  const path = [...objectPath, key];
  // A name the object already has is no rename target: it would only make a duplicate.
  const obj = valueAt(ctx.root, objectPath);
  const absent = ctx.knownKeys(objectPath).filter((k) => !(isObject(obj) && Object.hasOwn(obj, k)));
  const suggestions = closest(key, absent);
  const mean = suggestions.length > 0 ? t('; did you mean "{0}"?', suggestions[0]) : '';
  return {
    code: 'unknown-field',
    path,
    at: 'key',
    message: t('{0} is not a field of {1}{2}{3}', preview(key), ctx.owner(objectPath), mean, ctx.unknownKeyHint(key, objectPath)),
    suggestions,
  };
}

/** How a member is named in messages: its key, or `error_messages[2]` for an element. */
function label(path: JsonPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (seg !== 'event' || out !== '') out = seg;
  }
  return out === '' ? 'event' : out;
}
