import { ENVELOPE_FIELDS, EVENT_FIELDS, URL_VERIFICATION_FIELDS, type FieldInfo, type FieldKind } from '../../catalogue';
import { t } from '../../l10n';
import type { RuleCode } from '../../config/rules';
import { referenceToken, type JsonPath } from '../../input/pointer';
import { isObject, type Finding, type JsonObject } from '../findings';
import { secretSpans } from './spans';
import type { SecretRule, SecretSpan, StringField } from './types';

/*
 * The three secret rules over one record: every string value is looked at, each where the
 * catalogue puts it, so that personal data is sought in free text only (README, "What it checks",
 * Secrets and personal data). A finding is on the string itself.
 */

/** Kinds whose strings are free text: what people write, where names, addresses and numbers turn up. */
const FREE_TEXT: ReadonlySet<FieldKind> = new Set(['text', 'nullable-text', 'text-list']);

/** What the value gives away, by rule: completes "<field> carries <what>: …". */
const CONSEQUENCE: Readonly<Record<SecretRule, () => string>> = {
  'signed-url': () => t('a credential to the stored document; redact it'),
  credential: () => t('a credential that anyone who reads the file can use; redact it'),
  'personal-data': () => t('personal data, which does not belong in a saved sample; redact it'),
};

/**
 * The secret findings of a parsed record (an envelope, the URL verification body when
 * `handshake`, or any other object), one per string value and rule, at the string.
 */
export function secretFindings(root: JsonObject, handshake: boolean): Finding[] {
  const out: Finding[] = [];
  walkRecord(root, handshake, (value, path, field) => {
    const spans = secretSpans(value, field);
    if (spans.length > 0) {
      const at = path();
      for (const rule of RULE_ORDER) addFinding(out, at, spans.filter((s) => s.rule === rule));
    }
    return false;
  });
  return out;
}

/**
 * Whether secretFindings would report on the free text of an event whose envelope fastAccept found canonical. Its other
 * strings passed their kind's test: UUIDs of hex digits and dashes, RFC 3339 dates, a documented
 * stage, the event's own name and type, in which no detector finds anything, and URLs, which
 * fastAccept asks urlHoldsSecret about (once for each URL it remembers as good).
 */
export function canonicalEventHoldsSecret(event: JsonObject): boolean {
  for (const key in event) {
    const field = Object.hasOwn(EVENT_FIELDS, key) ? EVENT_FIELDS[key] : undefined;
    if (key === 'event_name' || !field || !FREE_TEXT.has(field.kind)) continue;
    const v = event[key];
    // Strings and lists of strings, as the kinds' tests have made sure.
    if (typeof v === 'string') {
      if (textHoldsSecret(v, key, `/event/${key}`)) return true;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (typeof v[i] === 'string' && textHoldsSecret(v[i] as string, '', `/event/${key}/${i}`)) return true;
    }
  }
  return false;
}

/**
 * Free texts found clean lately: a company's name and a job's user and metadata come again in
 * each of its events. Short ones only, bounded, emptied when full; a pure function's memo (an
 * event member's answer depends on its text alone).
 */
const CLEAN_TEXTS = new Set<string>();

function textHoldsSecret(text: string, key: string, pointer: string): boolean {
  if (CLEAN_TEXTS.has(text)) return false;
  if (secretSpans(text, { key, pointer, freeText: true }).length > 0) return true;
  if (text.length <= 256) {
    if (CLEAN_TEXTS.size >= 4096) CLEAN_TEXTS.clear();
    CLEAN_TEXTS.add(text);
  }
  return false;
}

/** Whether a URL member's value (url, url-list: not free text, not the handshake's token) holds a secret. */
export function urlHoldsSecret(url: string): boolean {
  return secretSpans(url, { key: '', pointer: '', freeText: false }).length > 0;
}

const RULE_ORDER: readonly SecretRule[] = ['signed-url', 'credential', 'personal-data'];

function addFinding(out: Finding[], path: JsonPath, spans: SecretSpan[]): void {
  if (spans.length === 0) return;
  // The detectors' words were marked with `later`: they are translated here, as they are shown.
  const whats = [...new Set(spans.map((s) => t(s.what)))];
  const listed = whats.length === 1 ? whats[0]! : t('{0} and {1}', whats.slice(0, -1).join(', '), whats[whats.length - 1]);
  const code: RuleCode = spans[0]!.rule;
  out.push({ code, path: [...path], at: 'value', message: t('{0} carries {1}: {2}', label(path), listed, CONSEQUENCE[spans[0]!.rule]()) });
}

/** `blob_url`, `file_urls[1]`, `error_messages[0]`: the member, and the item's index in a list. */
function label(path: JsonPath): string {
  let name = '';
  for (const seg of path) name = typeof seg === 'number' ? `${name}[${seg}]` : seg;
  return name === '' ? t('The value') : name;
}

/** Called for each string, with its path made on demand; returning true stops the walk. */
type Visit = (value: string, path: () => JsonPath, field: StringField) => boolean;

/** Visits every string of a record with its field; true when a visit stopped the walk. */
function walkRecord(root: JsonObject, handshake: boolean, visit: Visit): boolean {
  const table = handshake ? URL_VERIFICATION_FIELDS : ENVELOPE_FIELDS;
  for (const key in root) {
    const v = root[key];
    if (key === 'event' && !handshake && isObject(v)) {
      for (const k in v) if (walk(v[k], ['event', k], `/event/${referenceToken(k)}`, k, freeTextOf(EVENT_FIELDS, k), visit)) return true;
    } else if (walk(v, [key], `/${referenceToken(key)}`, key, freeTextOf(table, key), visit)) return true;
  }
  return false;
}

/**
 * Whether a member of `table` holds free text, where personal data is sought (README "Secrets
 * and personal data"): a field of a text kind, or a member the catalogue does not list, whatever
 * it holds, since it is someone's own. Redaction asks the same question (redact/fields.ts).
 */
export function freeTextOf(table: Readonly<Record<string, FieldInfo>>, key: string): boolean {
  const field = Object.hasOwn(table, key) ? table[key] : undefined;
  return field ? FREE_TEXT.has(field.kind) : true;
}

/**
 * A value met on the walk: its path is its parent's plus `seg`, linked rather than copied, since
 * copying a path at every level costs the square of a deep record's depth.
 */
interface Item { v: unknown; parent: Item | undefined; seg: string | number; pointer: string; key: string; free: boolean }

/** The path of an item: the member's path, then the segments down to it. */
function pathOf(base: JsonPath, it: Item): JsonPath {
  const segs: (string | number)[] = [];
  for (let at: Item | undefined = it; at?.parent; at = at.parent) segs.push(at.seg);
  return [...base, ...segs.reverse()];
}

/**
 * Visits the strings of one member's value, depth first in document order, with a stack of its
 * own (a hostile record may nest deeper than the call stack goes). Inside an object where the
 * catalogue has none, every member is the sender's own, so free text.
 */
function walk(value: unknown, path: JsonPath, pointer: string, key: string, freeText: boolean, visit: Visit): boolean {
  if (typeof value === 'string') return visit(value, () => path, { key, pointer, freeText });
  if (typeof value !== 'object' || value === null) return false;
  const stack: Item[] = [{ v: value, parent: undefined, seg: '', pointer, key, free: freeText }];
  while (stack.length > 0) {
    const it = stack.pop()!;
    const v = it.v;
    if (typeof v === 'string') {
      if (visit(v, () => pathOf(path, it), { key: it.key, pointer: it.pointer, freeText: it.free })) return true;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], parent: it, seg: i, pointer: `${it.pointer}/${i}`, key: '', free: it.free });
    } else if (isObject(v)) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i]!;
        stack.push({ v: v[k], parent: it, seg: k, pointer: `${it.pointer}/${referenceToken(k)}`, key: k, free: true });
      }
    }
  }
  return false;
}
