import type { Node } from 'jsonc-parser';
import { t } from '../l10n';
import { ENVELOPE_FIELDS, URL_VERIFICATION_FIELDS, eventField, type EventInfo, type FieldInfo } from '../catalogue';
import { JsonEditor, type TextEdit } from './edits';
import { decimalOf, formatDecimal, scale } from '../checks/numbers';
import { isTrailingComma, memberAt, nodeAt } from '../input/parse';
import { eventOf, recordAt, type RecordView } from '../input/record';
import { SYSTEM_FRESH, placeholder, type Fresh } from './skeleton';
import type { Diagnostic, DocumentMode, RuleSetting } from '../types';
import { validate } from '../pipeline/validate';
import { pushAll } from '../util/arrays';
import { redactText } from '../redact/redact-text';

/** A quick fix: a title for the light bulb and the edits (absolute offsets) it makes. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The one fix to apply with a single keystroke. */
  isPreferred?: boolean;
}

export interface FixOptions {
  mode?: DocumentMode;
  fresh?: Fresh;
}

/** Rules whose preferred fix is certain, so "Fix all" may apply it without asking. */
export const SAFE_RULES: ReadonlySet<string> = new Set([
  'string-encoded-value', 'event-name-alias', 'timestamp-in-milliseconds', 'event-type-mismatch', 'json-syntax',
]);

/**
 * Rules whose fix is redaction (README "Redacting"). Never in "Fix all": redaction changes the
 * data, not its form.
 */
export const REDACT_RULES: ReadonlySet<string> = new Set(['signed-url', 'credential', 'personal-data']);

/** The quick fixes for one diagnostic of `text` (as validate reported it). */
export function fixesFor(text: string, d: Diagnostic, options: FixOptions = {}): Fix[] {
  const rec = recordAt(text, d.offset, options.mode);
  const ctx = new FixContext(rec, d, options.fresh ?? SYSTEM_FRESH);
  return ctx.fixes();
}

class FixContext {
  private readonly ed: JsonEditor;
  private readonly path: (string | number)[];

  constructor(
    private readonly rec: RecordView,
    private readonly d: Diagnostic,
    private readonly fresh: Fresh,
  ) {
    this.ed = new JsonEditor(rec.text);
    this.path = parsePointer(d.pointer);
  }

  fixes(): Fix[] {
    const root = this.rec.root;
    if (this.d.code === 'json-syntax') return this.syntaxFixes();
    if (!root) return [];
    const node = nodeAt(root, this.path);
    const s = this.d.suggestions ?? [];
    switch (this.d.code) {
      case 'string-encoded-value':
        return node?.type === 'string' ? [this.fix(t('Write {0} without quotes', String(node.value)), [this.ed.replace(node, String(node.value))], true)] : [];
      case 'timestamp-in-milliseconds': {
        // Divided as written, by moving the point: a double's division could print another number.
        const ms = node && decimalOf(node.type === 'string' ? String(node.value) : this.rec.text.slice(node.offset, node.offset + node.length));
        const seconds = ms && formatDecimal(scale(ms, -3));
        return node && seconds ? [this.fix(t('Convert to seconds: {0}', seconds), [this.ed.replace(node, seconds)], true)] : [];
      }
      case 'unknown-event-name':
      case 'event-name-alias':
      case 'event-type-mismatch':
      case 'unknown-stage':
      case 'retry-inconsistent':
      case 'invalid-date':
      case 'date-without-offset':
        return node ? s.map((v, i) => this.fix(t('Change to {0}', JSON.stringify(v)), [this.ed.replace(node, this.literal(v))], i === 0)) : [];
      case 'invalid-uuid':
        return node ? [this.fix(t('Replace with a new random UUID'), [this.ed.replace(node, JSON.stringify(this.fresh.uuid()))])] : [];
      case 'unknown-field':
        return this.unknownFieldFixes(root);
      case 'duplicate-key':
        return this.duplicateFixes(root);
      case 'missing-field':
      case 'missing-envelope-field':
        return this.missingFixes(root);
      case 'signed-url':
      case 'credential':
      case 'personal-data':
        return this.redactFixes();
      default:
        return [];
    }
  }

  /** "Redact this value": the secrets in the one string the finding is on (an id in it by a fresh salt). */
  private redactFixes(): Fix[] {
    const { edits } = redactText(this.rec.text, { mode: 'document', salt: this.fresh.uuid(), only: { offset: this.d.offset - this.rec.start } });
    return edits.length > 0 ? [this.fix(t('Redact this value'), edits, true)] : [];
  }

  /** Retry fixes name booleans (`true`); everything else is a string value. */
  private literal(v: string): string {
    return this.d.code === 'retry-inconsistent' ? v : JSON.stringify(v);
  }

  private syntaxFixes(): Fix[] {
    const at = this.d.offset - this.rec.start;
    const src = this.rec.text;
    // Only the sure ones: a trailing comma goes; a comment goes (JSON has none).
    if (isTrailingComma(src, at)) {
      return [this.fix(t('Remove the trailing comma'), [{ offset: at, length: 1, newText: '' }], true)];
    }
    if (src.startsWith('//', at) || src.startsWith('/*', at)) {
      return [this.fix(t('Remove the comment'), [{ offset: at, length: this.d.length, newText: '' }])];
    }
    return [];
  }

  private unknownFieldFixes(root: Node): Fix[] {
    const obj = nodeAt(root, this.path.slice(0, -1));
    const prop = obj && memberAt(obj, String(this.path[this.path.length - 1]));
    const key = prop?.children?.[0];
    if (!obj || !prop || !key) return [];
    const present = new Set((obj.children ?? []).map((p) => p.children?.[0]?.value as unknown));
    const renames = (this.d.suggestions ?? [])
      .filter((name) => !present.has(name))
      .map((name, i) => this.fix(t('Rename to "{0}"', name), [this.ed.replace(key, JSON.stringify(name))], i === 0));
    return [...renames, this.fix(`Remove "${String(key.value)}"`, [this.ed.removeMember(obj, prop)])];
  }

  private duplicateFixes(root: Node): Fix[] {
    const obj = nodeAt(root, this.path.slice(0, -1));
    const at = this.d.offset - this.rec.start;
    const prop = obj?.children?.find((p) => p.children?.[0]?.offset === at);
    return obj && prop ? [this.fix(t('Remove this repeated member'), [this.ed.removeMember(obj, prop)])] : [];
  }

  private missingFixes(root: Node): Fix[] {
    const objPath = this.path.slice(0, -1);
    const obj = nodeAt(root, objPath);
    if (!obj || obj.type !== 'object') return [];
    const name = String(this.path[this.path.length - 1]);
    const one = this.insertion(root, obj, objPath, [name]);
    const fixes = one ? [this.fix(`Add "${name}"`, one, true)] : [];
    const all = missingMembers(root, obj, objPath);
    if (all.length > 1) {
      const edits = this.insertion(root, obj, objPath, all);
      if (edits) fixes.push(this.fix(t('Add all {0} missing fields', all.length), edits));
    }
    return fixes;
  }

  /** One edit that inserts the members, each with a typed placeholder, in documented order. */
  private insertion(root: Node, obj: Node, objPath: (string | number)[], names: string[]): TextEdit[] | undefined {
    const event = eventOf(root);
    const order = documentedOrder(objPath, event, root);
    const members: [string, string][] = [];
    for (const name of names) {
      const field = fieldOf(objPath, name, root);
      if (!field) return undefined;
      members.push([name, JSON.stringify(placeholder(name, field, event, this.fresh))]);
    }
    // An empty object takes all members in one edit: an insertion into it replaces the inside of
    // its braces, so one per member would overlap (or run together in `{}`, without commas).
    if ((obj.children ?? []).length === 0) return [this.ed.fillEmpty(obj, members)];
    return mergeInserts(members.map(([name, value]) => this.ed.insertMember(obj, name, value, nextPresent(obj, order, name))));
  }

  private fix(title: string, edits: TextEdit[], isPreferred = false): Fix {
    const shifted = edits.map((e) => ({ ...e, offset: e.offset + this.rec.start }));
    return isPreferred ? { title, edits: shifted, isPreferred } : { title, edits: shifted };
  }
}

/** Documented members the object lacks, in documented order. */
function missingMembers(root: Node, obj: Node, objPath: (string | number)[]): string[] {
  const present = new Set((obj.children ?? []).map((p) => p.children?.[0]?.value as unknown));
  return documentedOrder(objPath, eventOf(root), root).filter((n) => !present.has(n));
}

function documentedOrder(objPath: (string | number)[], event: EventInfo | undefined, root: Node): string[] {
  if (objPath.length === 0) return isVerification(root) ? Object.keys(URL_VERIFICATION_FIELDS) : Object.keys(ENVELOPE_FIELDS);
  return event ? ['event_name', 'event_type', ...event.fields] : [];
}

function fieldOf(objPath: (string | number)[], name: string, root: Node): FieldInfo | undefined {
  const table = objPath.length === 0 ? (isVerification(root) ? URL_VERIFICATION_FIELDS : ENVELOPE_FIELDS) : undefined;
  if (table) return Object.hasOwn(table, name) ? table[name] : undefined;
  return eventField(name);
}

function isVerification(root: Node): boolean {
  return nodeAt(root, ['type'])?.value === 'url_verification';
}

/** The first member after `name` in documented order that the object has, to insert before it. */
function nextPresent(obj: Node, order: string[], name: string): Node | undefined {
  const after = order.slice(order.indexOf(name) + 1);
  for (const n of after) {
    const prop = memberAt(obj, n);
    if (prop) return prop;
  }
  return undefined;
}

/** Inserts at one place become one edit, in order, so editors apply them as written. */
function mergeInserts(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const same = out.find((o) => o.offset === e.offset && o.length === 0 && e.length === 0);
    if (same) same.newText += e.newText;
    else out.push({ ...e });
  }
  return out;
}

/** RFC 6901 pointer to path; numeric segments become indices. */
export function parsePointer(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

/**
 * The edits of "Fix all": the preferred fix of every diagnostic of a safe rule, without overlaps
 * (the first wins; run it again for what is left). With `only`, every diagnostic of that one
 * rule instead, safe or not, with its preferred (or first) fix: the user asked for that rule.
 * `rules` are the effective rule settings (README "Settings"): only rules that are on are fixed.
 */
export function fixAll(text: string, options: FixOptions & { only?: string; rules?: Readonly<Record<string, RuleSetting | undefined>> } = {}): TextEdit[] {
  // Milliseconds first: converting "1716580800000" to seconds also ends its string encoding.
  // Under the user's rules: a rule switched off is not a problem to them, so nothing is fixed for it.
  const ds = validate(text, { mode: options.mode, rules: options.rules }).sort((a, b) => rank(a) - rank(b));
  const edits: TextEdit[] = [];
  // Keys that renames of unknown fields give, per object: two misspellings of one missing key
  // ("compnay_name", "company_nme") would both become it, and repeat it. The first one wins.
  const renamed = new Set<string>();
  for (const d of ds) {
    if (options.only ? d.code !== options.only : !SAFE_RULES.has(d.code)) continue;
    if (!options.only && d.code === 'event-type-mismatch' && !eventOf(recordAt(text, d.offset, options.mode).root)) continue;
    const fixes = fixesFor(text, d, options);
    const fix = fixes.find((f) => f.isPreferred) ?? (options.only ? fixes[0] : undefined);
    if (!fix) continue;
    if (fix.edits.some((e) => edits.some((o) => overlaps(o, e)))) continue;
    const newKey = d.code === 'unknown-field' && fix.edits.length === 1 ? fix.edits[0]!.newText : '';
    if (newKey !== '') {
      const target = `${d.record ?? ''}\u0000${d.pointer.slice(0, d.pointer.lastIndexOf('/'))}\u0000${newKey}`;
      if (renamed.has(target)) continue;
      renamed.add(target);
    }
    pushAll(edits, fix.edits);
  }
  return edits;
}

const rank = (d: Diagnostic): number => (d.code === 'timestamp-in-milliseconds' ? 0 : 1);

function overlaps(a: TextEdit, b: TextEdit): boolean {
  return a.offset < b.offset + b.length && b.offset < a.offset + a.length || a.offset === b.offset;
}
