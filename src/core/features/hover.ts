import { findNodeAtOffset, getNodePath, type Node } from 'jsonc-parser';
import { t } from '../l10n';
import {
  ENVELOPE_FIELDS, EVENT_TYPE_OF, FILE_STATUSES, JOB_STAGES, KINDS, URL_VERIFICATION_FIELDS, eventByName, eventField, familyName,
  type EventInfo, type FieldInfo,
} from '../catalogue';
import { codeSpan, escapeMarkdown } from './markdown';
import { readDateTime } from '../checks/datetime';
import { nodeAt } from '../input/parse';
import { eventOf, recordAt } from '../input/record';
import { formatGap, formatLocal, formatUtc } from '../util/time';
import type { DocumentMode } from '../types';

export interface HoverResult {
  /** Markdown. */
  markdown: string;
  /** The key or value hovered (absolute offsets). */
  offset: number;
  length: number;
}

/** Documentation for the key or value at an offset. */
export function hoverAt(text: string, offset: number, mode?: DocumentMode): HoverResult | undefined {
  const rec = recordAt(text, offset, mode);
  if (!rec.root) return undefined;
  const node = findNodeAtOffset(rec.root, offset - rec.start, true);
  const prop = node?.parent;
  if (!node || prop?.type !== 'property') return undefined;
  const path = getNodePath(node);
  const isKey = prop.children?.[0] === node;
  const event = eventOf(rec.root);
  const field = fieldAt(path, event, rec.root);
  const name = String(path[path.length - 1]);
  const sections: string[] = [];
  if (!isKey) sections.push(...valueNotes(path, name, node, event, rec.root));
  sections.push(field ? describeField(path, name, field, event) : unknownKey(path, name, event));
  return { markdown: sections.join('\n\n---\n\n'), offset: node.offset + rec.start, length: node.length };
}

function fieldAt(path: (string | number)[], event: EventInfo | undefined, root: Node): FieldInfo | undefined {
  const [first, second] = path;
  if (path.length === 1 && typeof first === 'string') {
    const table = nodeAt(root, ['type'])?.value === 'url_verification' ? URL_VERIFICATION_FIELDS : ENVELOPE_FIELDS;
    return Object.hasOwn(table, first) ? table[first] : undefined;
  }
  if (path.length === 2 && first === 'event' && typeof second === 'string') {
    if (second === 'event_name' || second === 'event_type') return eventField(second);
    return event && event.fields.includes(second) ? eventField(second) : undefined;
  }
  return undefined;
}

function describeField(path: (string | number)[], name: string, field: FieldInfo, event: EventInfo | undefined): string {
  const where = path.length === 1 ? t('Envelope member of every Alfred event.') : event ? t('Field of `{0}` ({1}).', event.name, event.title) : t('Field of the event.');
  // A known field's name is the catalogue's, not the payload's: it needs no escaping.
  return `**${name}** · ${KINDS[field.kind].type()}\n\n${t(field.doc)}\n\n${where}`;
}

function unknownKey(path: (string | number)[], name: string, event: EventInfo | undefined): string {
  const key = keyText(name);
  if (path.length === 2 && path[0] === 'event' && event) return t('**{0}** is not a field of `{1}`.', key, event.name);
  if (path.length === 1) return t('**{0}** is not a member of the Alfred envelope.', key);
  return `**${key}**`;
}

/**
 * A key from the payload as Markdown that shows it as written. One that is empty or starts or ends
 * with a blank shows its quotes: the blank would be invisible, and stop the bold (CommonMark §6.2).
 */
function keyText(name: string): string {
  return escapeMarkdown(name === '' || /^\s|\s$/.test(name) ? JSON.stringify(name) : name);
}

function valueNotes(path: (string | number)[], name: string, node: Node, event: EventInfo | undefined, root: Node): string[] {
  const inEvent = path.length === 2 && path[0] === 'event';
  if (inEvent && name === 'event_name' && typeof node.value === 'string') {
    const named = eventByName(node.value);
    return named ? [describeEvent(named, node.value)] : [];
  }
  if (name === 'event_type' && (path.length === 1 || inEvent)) {
    if (!event) return [];
    const type = EVENT_TYPE_OF[event.family];
    return [event.family === 'job'
      ? t('`{0}` is a job event: its event_type is `{1}`, outside and inside `event`.', event.name, type)
      : t('`{0}` is a file event: its event_type is `{1}`, outside and inside `event`.', event.name, type)];
  }
  if (inEvent && name === 'stage' && typeof node.value === 'string') {
    const i = (JOB_STAGES as readonly string[]).indexOf(node.value);
    return [i >= 0 ? t("Job stage {0} of {1} in the docs' list.", i + 1, JOB_STAGES.length) : t('Not a documented job stage. The stages are {0}.', JOB_STAGES.map((s) => `\`${s}\``).join(', '))];
  }
  if (inEvent && name === 'file_status' && typeof node.value === 'string') {
    const i = (FILE_STATUSES as readonly string[]).indexOf(node.value);
    return i >= 0 ? [t('File status code {0}.', i)] : [];
  }
  const times = timestamps(root);
  const key = path.length === 1 ? name : inEvent ? name : '';
  const own = times.find((s) => s.name === key);
  if (!own) return [];
  if (own.unset) return [t("**{0} not set**: `0001-01-01T00:00:00` is .NET's DateTime.MinValue, the default of a date never set.", name)];
  const lines = [`**${formatUtc(own.ms, own.leapSecond)}**${own.note}`, t('Local: {0}', formatLocal(own.ms, own.leapSecond))];
  for (const other of times) if (other !== own && !other.unset) lines.push(formatGap(own.ms, other.ms, other.name));
  return [lines.join('  \n')];
}

function describeEvent(e: EventInfo, written: string): string {
  const notes: string[] = [];
  if (written !== e.name) notes.push(t("{0} is the Python SDK's spelling; the webhook docs send `{1}`.", codeSpan(written), e.name));
  if (!e.confirmed) notes.push(t('The docs page was seen but not its example\'s `event_name`; the name follows the pattern of every confirmed one.'));
  if (e.aliases.length > 0 && written === e.name) notes.push(t('Also written `{0}` (Python SDK).', e.aliases.join('`, `')));
  return [`**${e.name}** · ${e.title} · ${familyName(e.family)}`, t(e.when), fieldList(e), ...notes].join('\n\n');
}

/** "Fields: `job_id`, `retries`…": an event's fields, in the catalogue's order, for hovers and completion. */
export function fieldList(e: EventInfo): string {
  return t('Fields: {0}', e.fields.map((f) => `\`${f}\``).join(', '));
}

interface Timestamp {
  name: string;
  ms: number;
  leapSecond: boolean;
  unset: boolean;
  /** Words after the UTC time: how a date without an offset, or a leap second, was read. */
  note: string;
}

/** The payload's timestamps that parse, as milliseconds: event_time and the event's dates. */
function timestamps(root: Node): Timestamp[] {
  const out: Timestamp[] = [];
  const time = nodeAt(root, ['event_time'])?.value as unknown;
  const seconds = typeof time === 'number' ? time : typeof time === 'string' && /^\d+(\.\d+)?$/.test(time) ? Number(time) : NaN;
  if (Number.isFinite(seconds)) out.push({ name: 'event_time', ms: seconds * 1000, leapSecond: false, unset: false, note: '' });
  for (const name of ['creation_date', 'update_date']) {
    const v = nodeAt(root, ['event', name])?.value as unknown;
    const d = typeof v === 'string' ? readDateTime(v) : undefined;
    if (!d) continue;
    const notes = [
      d.offset === undefined ? t('no offset written: read as UTC, though a receiver may read it as its own local time') : '',
      d.leapSecond ? t('a leap second, ordered as the last instant of 23:59:59') : '',
    ].filter((n) => n !== '');
    out.push({ name, ms: d.ms, leapSecond: d.leapSecond, unset: d.unset, note: notes.length > 0 ? ` (${notes.join('; ')})` : '' });
  }
  return out;
}
