import type { JsonPath } from '../input/pointer';
import { clip } from '../util/clip';
import { REDACTED } from './secrets/placeholder';
import { secretSpans } from './secrets/spans';
import type { RuleCode } from '../config/rules';
import { t } from '../l10n';

/**
 * A problem found in a JSON value, before it is placed in the text. `at` says what the range
 * covers: the value, the member's key, or (for a member that is absent) the enclosing object.
 */
export interface Finding {
  code: RuleCode;
  message: string;
  path: JsonPath;
  at: 'value' | 'key' | 'missing';
  suggestions?: string[];
  /**
   * A missing member that an unknown key most likely misspells: said once, by that key's finding,
   * unless the user's severities would hide it or make it weaker than the missing one.
   */
  absorbedBy?: Finding;
}

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own member of a parsed object (they have no prototype, but callers may pass plain ones). */
export function member(obj: JsonObject, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** The value at a path, or undefined. */
export function valueAt(root: unknown, path: JsonPath): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (typeof seg === 'number') v = Array.isArray(v) ? (v[seg] as unknown) : undefined;
    else v = isObject(v) ? member(v, seg) : undefined;
  }
  return v;
}

/** The numbers of a record as written, for messages and for the rules that judge numbers. */
export interface NumberSource {
  /** The text of the number at a path, as the payload writes it; undefined where no number is. */
  text(path: JsonPath): string | undefined;
  /** Paths of the numbers a double reads as another value (9007199254740993, 1e-400). */
  readonly misread: readonly JsonPath[];
}

/**
 * A value as it would appear in the JSON, short enough for one line of a message. A number is
 * quoted as `written` when given (`1e2`, `-0`, `9007199254740993`): a double would print
 * another text, sometimes another number.
 */
export function preview(v: unknown, written?: string): string {
  if (v === undefined) return t('nothing');
  let s: string;
  if (Array.isArray(v)) s = v.length === 0 ? '[]' : t('an array');
  else if (isObject(v)) s = t('an object');
  else if (typeof v === 'number') s = written ?? (Number.isFinite(v) ? JSON.stringify(v) : String(v));
  else if (typeof v === 'string') s = JSON.stringify(withoutSecrets(v));
  else s = JSON.stringify(v) ?? typeof v;
  return clip(s, 60);
}

/**
 * `text` with every secret and piece of personal data the secret rules find in it replaced by
 * REDACTED, whichever field it came from and whether those rules are on: a message goes into
 * reports, SARIF uploads and CI logs, and must never carry what the file should not (README
 * "Secrets and personal data": the message says what was found, never the secret).
 */
export function withoutSecrets(text: string): string {
  const spans = secretSpans(text, { key: '', pointer: '', freeText: true });
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < at) continue;
    out += text.slice(at, span.start) + REDACTED;
    at = span.end;
  }
  return out + text.slice(at);
}

/** "the string "x"", "the number 3", …: what was found, for type errors; numbers as in preview. */
export function describe(v: unknown, written?: string): string {
  if (v === null) return 'null';
  if (Array.isArray(v) || isObject(v)) return preview(v);
  const shown = preview(v, written);
  if (typeof v === 'string') return t('the string {0}', shown);
  if (typeof v === 'number') return t('the number {0}', shown);
  if (typeof v === 'boolean') return t('the boolean {0}', shown);
  return t('the {0} {1}', typeof v, shown);
}
