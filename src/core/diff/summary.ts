import type { Change } from './diff';
import { clip } from '../util/clip';
import { WrittenNumber } from './written';
import { t } from '../l10n';

/** How many changes a summary names before it counts the rest. */
const NAMED = 5;

/** A pointer as a person reads it: /event/error_messages/2 → error_messages[2] (the event's own members without "event."). */
export function label(pointer: string): string {
  const segs = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (segs.length > 1 && segs[0] === 'event') segs.shift();
  if (segs.length === 0) return '(the whole value)';
  return segs.map((seg, i) => (i > 0 && /^(0|[1-9]\d*)$/.test(seg) ? `[${seg}]` : (i > 0 ? '.' : '') + (seg === '' ? '""' : seg))).join('');
}

function short(v: unknown): string | undefined {
  if (v instanceof WrittenNumber) return clip(v.text, 24);
  return v === null || typeof v !== 'object' ? clip(JSON.stringify(v) ?? 'null', 24) : undefined;
}

/**
 * One line a person reads, as the editor's summary shows it: "retries 2 → 3; error_messages[2]
 * added", or "no changes". Five changes are named, the rest counted ("; 3 more").
 */
export function summarize(changes: readonly Change[]): string {
  if (changes.length === 0) return t('no changes');
  const parts = changes.slice(0, NAMED).map((c) => {
    const name = label(c.pointer);
    if (c.kind !== 'changed') return c.kind === 'added' ? t('{0} added', name) : t('{0} removed', name);
    const [o, n] = [short(c.old), short(c.new)];
    return o !== undefined && n !== undefined ? `${name} ${o} → ${n}` : t('{0} changed', name);
  });
  if (changes.length > NAMED) parts.push(t('{0} more', changes.length - NAMED));
  return parts.join('; ');
}
