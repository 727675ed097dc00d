import { getLocation, type Node } from 'jsonc-parser';
import {
  ENVELOPE_FIELDS, EVENTS, EVENT_TYPES, EVENT_TYPE_OF, FILE_STATUSES, JOB_STAGES, KINDS, eventField, familyName,
  type EventInfo, type FieldInfo,
} from '../catalogue';
import type { TextEdit } from './edits';
import { fieldList } from './hover';
import { t } from '../l10n';
import { nodeAt } from '../input/parse';
import { lineSpans } from '../input/positions';
import { eventOf, recordAt } from '../input/record';
import { SYSTEM_FRESH, payloadText, placeholder, type Fresh } from './skeleton';
import type { DocumentMode } from '../types';
import { typingAt } from '../checks/typing';

/** One completion proposal, editor-neutral; the adapter turns it into a CompletionItem. */
export interface Candidate {
  label: string;
  kind: 'event' | 'value' | 'property' | 'payload';
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Text to insert; snippet syntax when `snippet` is true. */
  insertText: string;
  snippet?: boolean;
  /**
   * What the insertion replaces (absolute offsets): the token being typed, never a neighbour's
   * character (see typing.ts).
   */
  range: { offset: number; length: number };
  /** Insertions elsewhere that come with it: the comma a new member needs after the member before it. */
  additionalEdits?: TextEdit[];
  filterText?: string;
  sortText?: string;
  preselect?: boolean;
}

export interface CompleteOptions {
  mode?: DocumentMode;
  fresh?: Fresh;
  /** Indentation of a whole new payload; logs always get one compact line. */
  indent?: string | number;
}

/**
 * Completion proposals at an offset of a payload or log (README, "In the editor": Completion).
 * Accepting one leaves the JSON as sound as it was before the user started the token: a new
 * member comes with the commas it needs on both sides, and where nothing fits (inside a comment,
 * in front of a value that is already there) nothing is proposed. In a log, and in any object
 * written on one line, what is inserted stays on that line.
 */
export function complete(text: string, offset: number, options: CompleteOptions = {}): Candidate[] {
  const fresh = options.fresh ?? SYSTEM_FRESH;
  const rec = recordAt(text, offset, options.mode);
  if (!rec.root) {
    if (rec.text.trim() !== '' || rec.outside) return [];
    const indent = options.mode === 'log' ? 0 : options.indent ?? 2;
    // The blanks of the cursor's line: an editor replaces nothing beyond the line it completes on.
    const line = lineSpans(rec.text).find((l) => offset - rec.start <= l.end)!;
    return payloads(rec.start + line.start, line.end - line.start, fresh, indent);
  }
  const rel = offset - rec.start;
  const typing = typingAt(rec.text, rel);
  if (typing.inComment) return [];
  const loc = getLocation(rec.text, rel);
  const event = eventOf(rec.root);
  const shift = (r: { offset: number; length: number }): { offset: number; length: number } => ({ offset: r.offset + rec.start, length: r.length });
  const range = shift(typing.range);
  // The token before says what belongs here (the parser's guess is unsure in unfinished text):
  // after a colon a value; after `{`, a comma or a whole member, a new member of that object.
  if (typing.before === 'colon') {
    if (typing.follow === 'other' || typing.follow === 'colon') return [];
    const comma = typing.follow === 'key' ? ',' : '';
    return values(loc.path, event, rec.root, fresh).map((v) => ({ ...v, insertText: v.insertText + comma, range, filterText: v.insertText }));
  }
  if (typing.before === 'other' || typing.before === 'none' || typing.follow === 'other') return [];
  const objPath = loc.path.slice(0, -1);
  const obj = nodeAt(rec.root, objPath);
  if (!obj || obj.type !== 'object' || !inside(rec.text, obj, rel)) return [];
  // After a member that has no comma yet, the new one brings it.
  const comma = typing.before === 'member' ? [{ offset: typing.memberEnd + rec.start, length: 0, newText: ',' }] : undefined;
  const typed = typing.range.length > 0 ? obj.children?.find((p) => p.children?.[0]?.offset === typing.range.offset)?.children?.[0] : undefined;
  const oneLine = options.mode === 'log' || !/[\r\n]/.test(rec.text.slice(obj.offset, obj.offset + obj.length));
  return properties(objPath, obj, typed, event, fresh, oneLine).map((p) => ({
    ...p,
    insertText: typing.follow === 'colon' ? JSON.stringify(p.label) : p.insertText + (typing.follow === 'key' ? ',' : ''),
    range,
    ...(comma ? { additionalEdits: comma } : {}),
    filterText: JSON.stringify(p.label),
  }));
}

/** Whether a relative offset lies between an object's braces (an unclosed one runs to the end). */
function inside(text: string, obj: Node, rel: number): boolean {
  const end = obj.offset + obj.length;
  return rel > obj.offset && (text[end - 1] === '}' ? rel < end : rel <= end);
}

type Partial = Omit<Candidate, 'range'>;

function payloads(start: number, length: number, fresh: Fresh, indent: string | number): Candidate[] {
  return EVENTS.map((e) => ({
    label: t('{0} payload', e.name),
    kind: 'payload' as const,
    detail: e.family === 'job' ? t('{0}: a complete job event with fresh ids', e.title) : t('{0}: a complete file event with fresh ids', e.title),
    documentation: t(e.when),
    insertText: payloadText(e, fresh, indent),
    range: { offset: start, length },
    sortText: `${e.family === 'job' ? 'a' : 'b'}${e.name}`,
  }));
}

function properties(objPath: (string | number)[], obj: Node, typing: Node | undefined, event: EventInfo | undefined, fresh: Fresh, oneLine: boolean): Partial[] {
  let names: string[];
  let lookup: (n: string) => FieldInfo | undefined;
  if (objPath.length === 0) {
    names = Object.keys(ENVELOPE_FIELDS);
    lookup = (n) => ENVELOPE_FIELDS[n];
  } else if (objPath.length === 1 && objPath[0] === 'event') {
    names = ['event_name', 'event_type', ...(event?.fields ?? [])];
    lookup = eventField;
  } else return [];
  // The key being typed is in the tree already; it must not hide its own completion.
  const present = new Set(
    (obj.children ?? []).map((p) => p.children?.[0]).filter((k) => k && k.offset !== typing?.offset).map((k) => k!.value as unknown),
  );
  return names
    .filter((n) => !present.has(n))
    .map((name, i) => {
      const field = lookup(name)!;
      return {
        label: name,
        kind: 'property' as const,
        detail: KINDS[field.kind].type(),
        documentation: t(field.doc) + (event && objPath.length === 1 ? `\n\n${t('Field of `{0}`.', event.name)}` : ''),
        insertText: `${JSON.stringify(name)}: ${valueSnippet(name, field, event, fresh, oneLine)}`,
        snippet: true,
        sortText: String(i).padStart(3, '0'),
      };
    });
}

/**
 * A typed value with the cursor on it: a fresh id, the current time, a placeholder. `oneLine`:
 * the object is written on one line (always in a log, where a line break would split the record).
 */
function valueSnippet(name: string, field: FieldInfo, event: EventInfo | undefined, fresh: Fresh, oneLine: boolean): string {
  if (name === 'event_name') return '"${1|' + EVENTS.map((e) => e.name).join(',') + '|}"';
  if (name === 'event') return oneLine ? '{"event_name": "$1"}' : '{\n\t"event_name": "$1"\n}';
  const value = placeholder(name, field, event, fresh);
  if (typeof value === 'string') return `"\${1:${escapeSnippet(value)}}"`;
  if (Array.isArray(value)) return value.length === 0 ? '[$1]' : `["\${1:${escapeSnippet(String(value[0]))}}"]`;
  return `\${1:${escapeSnippet(JSON.stringify(value))}}`;
}

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}

function values(path: (string | number)[], event: EventInfo | undefined, root: Node, fresh: Fresh): Partial[] {
  const name = path[path.length - 1];
  if (typeof name !== 'string' || path.length > 2 || (path.length === 2 && path[0] !== 'event')) return [];
  if (path.length === 2 && name === 'event_name') {
    return EVENTS.map((e) => ({
      label: e.name,
      kind: 'event' as const,
      detail: `${e.title} · ${familyName(e.family)}`,
      documentation: `${t(e.when)}\n\n${fieldList(e)}`,
      insertText: JSON.stringify(e.name),
      sortText: `${e.family === 'job' ? 'a' : 'b'}${e.name}`,
    }));
  }
  if (name === 'event_type') {
    const own = event ? EVENT_TYPE_OF[event.family] : typeof nodeAt(root, ['event_type'])?.value === 'string' ? String(nodeAt(root, ['event_type'])?.value) : undefined;
    return EVENT_TYPES.map((type) => {
      const count = EVENTS.filter((e) => EVENT_TYPE_OF[e.family] === type).length;
      return {
        label: type,
        kind: 'value' as const,
        detail: type === EVENT_TYPE_OF.job ? t('the {0} job events', count) : t('the {0} file events', count),
        insertText: JSON.stringify(type),
        preselect: type === own,
        sortText: type === own ? '0' : '1',
      };
    });
  }
  const field = path.length === 1 ? ENVELOPE_FIELDS[name] : event?.fields.includes(name) ? eventField(name) : undefined;
  if (!field) return [];
  const one = (label: string, detail: string, insertText = label): Partial => ({ label, kind: 'value', detail, insertText });
  switch (field.kind) {
    case 'stage':
      return JOB_STAGES.map((s, i) => ({ ...one(JSON.stringify(s), t('job stage {0} of {1}', i + 1, JOB_STAGES.length)), sortText: String(i).padStart(2, '0') }));
    case 'boolean':
      return [one('true', t(field.doc)), one('false', t(field.doc))];
    case 'uuid':
      return [one(JSON.stringify(fresh.uuid()), t('a new random UUID'))];
    case 'date':
    case 'event-time': {
      const now = JSON.stringify(placeholder(name, field, event, fresh));
      return [one(now, t('now'))];
    }
    default:
      if (name === 'file_status') return FILE_STATUSES.map((s, i) => ({ ...one(JSON.stringify(s), t('file status {0}', i)), sortText: String(i).padStart(2, '0') }));
      return [];
  }
}
