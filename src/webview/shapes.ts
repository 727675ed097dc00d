/**
 * What each mark and stage looks like, as plain primitives with colour tokens. The page turns the
 * tokens into CSS classes (so the theme's variables apply and follow theme changes); the SVG
 * export turns them into the resolved colours. Pure.
 */
import type { MarkKind, Outcome, TimelineMark } from '../core/jobs/timeline-data';

export type Paint = 'red' | 'green' | 'yellow' | 'blue' | 'orange' | 'purple' | 'fg' | 'muted' | 'bg' | 'none';

export interface Primitive {
  tag: 'circle' | 'path' | 'rect' | 'line' | 'text';
  attrs: Record<string, string | number>;
  fill?: Paint;
  stroke?: Paint;
  /** For `text`. */
  text?: string;
}

export const OUTCOME_PAINT: Record<Outcome, Paint> = {
  finished: 'green',
  failed: 'red',
  invalid: 'orange',
  exceeded_retries: 'purple',
  open: 'muted',
};

// A stage's colour says roughly how it is going: waiting, moving data, working, done, wrong.
const STAGE_PAINT: Record<string, Paint> = {
  queued: 'muted',
  started: 'blue',
  downloading: 'blue',
  downloaded: 'blue',
  uploading: 'blue',
  uploaded: 'blue',
  in_progress: 'purple',
  processing: 'purple',
  completed: 'green',
  failed: 'red',
  invalid: 'orange',
  cancelled: 'muted',
  syncing: 'blue',
  synced: 'green',
  in_revision: 'yellow',
  waiting_to_be_sent_to_third_party: 'muted',
  sent_to_third_party: 'green',
};
const SPARE: Paint[] = ['blue', 'purple', 'green', 'yellow', 'orange'];

export function stagePaint(stage: string): Paint {
  const known = STAGE_PAINT[stage];
  if (known) return known;
  let h = 0;
  for (let i = 0; i < stage.length; i++) h = (h * 31 + stage.charCodeAt(i)) | 0;
  return SPARE[Math.abs(h) % SPARE.length]!;
}

/** File events: how the file's pipeline went. */
export function filePaint(name: string): Paint {
  if (/fail/.test(name)) return 'red';
  if (/done/.test(name)) return 'green';
  if (/delete|remove|recycle/.test(name)) return 'orange';
  return 'blue';
}

// Glyphs drawn on the end disc, in the background colour (a check, a cross, an exclamation mark,
// a bar): the outcome reads without colour too.
const END_GLYPH: Record<Exclude<Outcome, 'open'>, string> = {
  finished: 'M-2.6 0.2 L-0.8 2 L2.8 -1.8',
  failed: 'M-2.2 -2.2 L2.2 2.2 M2.2 -2.2 L-2.2 2.2',
  invalid: 'M0 -3 L0 0.8 M0 2.6 L0 2.7',
  exceeded_retries: 'M-2.8 0 L2.8 0',
};

/** The mark's glyph, centred on (0, 0). */
export function markGlyph(mark: TimelineMark, kind: MarkKind = mark.kind): Primitive[] {
  const approx = mark.approximate === true;
  switch (kind) {
    case 'create':
      return [{ tag: 'circle', attrs: { r: 4.5, 'stroke-width': 1.5 }, fill: 'bg', stroke: 'blue' }];
    case 'start':
      return [{ tag: 'path', attrs: { d: 'M-3.5 -5 L5 0 L-3.5 5 Z', 'stroke-width': 1, 'stroke-linejoin': 'round' }, fill: 'blue', stroke: 'blue' }];
    case 'stage':
      return [{ tag: 'rect', attrs: { x: -1, y: -7, width: 2, height: 14, rx: 1 }, fill: 'muted' }];
    case 'retry':
      return [
        approx
          ? { tag: 'path', attrs: { d: 'M0 -5 L5 0 L0 5 L-5 0 Z', 'stroke-width': 1.5, 'stroke-dasharray': '2 1.5' }, fill: 'bg', stroke: 'yellow' }
          : { tag: 'path', attrs: { d: 'M0 -5.5 L5.5 0 L0 5.5 L-5.5 0 Z', 'stroke-width': 1 }, fill: 'yellow', stroke: 'bg' },
      ];
    case 'end': {
      const outcome = mark.outcome ?? 'open';
      if (outcome === 'open') {
        return [{ tag: 'circle', attrs: { r: 5, 'stroke-width': 1.5, 'stroke-dasharray': '2 1.6' }, fill: 'bg', stroke: 'muted' }];
      }
      return [
        { tag: 'circle', attrs: { r: 6, 'stroke-width': 1 }, fill: OUTCOME_PAINT[outcome], stroke: 'bg' },
        { tag: 'path', attrs: { d: END_GLYPH[outcome], 'stroke-width': 1.6, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }, fill: 'none', stroke: 'bg' },
      ];
    }
    case 'file':
      return [{ tag: 'rect', attrs: { x: -3, y: -3, width: 6, height: 6, rx: 1 }, fill: filePaint(mark.name), stroke: 'none' }];
    default:
      return [{ tag: 'circle', attrs: { r: 3.5 }, fill: 'muted', stroke: 'none' }];
  }
}

/** The small number over a retry: the retry count that event reports. */
export function retryBadge(mark: TimelineMark): Primitive | null {
  if (mark.kind !== 'retry' || typeof mark.retries !== 'number') return null;
  return { tag: 'text', attrs: { x: 0, y: -9, 'text-anchor': 'middle', 'font-size': 10 }, fill: 'fg', text: String(mark.retries) };
}

/**
 * Retry counts that would collide with the next retry's: a run of retries a few pixels apart shows
 * only its last count (the highest), so "1 2 3" never reads as "123".
 */
export function hiddenBadges(marks: TimelineMark[], x: (m: TimelineMark) => number, minGap = 14): Set<string> {
  const retries = marks.filter((m) => m.kind === 'retry' && typeof m.retries === 'number' && Number.isFinite(x(m))).sort((a, b) => x(a) - x(b));
  const hidden = new Set<string>();
  for (let i = 0; i + 1 < retries.length; i++) if (x(retries[i + 1]!) - x(retries[i]!) < minGap) hidden.add(retries[i]!.id);
  return hidden;
}

/** Drawing order within a lane: the telling marks last, so they sit on top. */
export const KIND_LAYER: Record<MarkKind, number> = { stage: 0, other: 1, file: 1, create: 2, start: 2, retry: 3, end: 4 };

/** A 16×16 outcome icon for the lane label (codicon-like: a ring with a glyph). */
export function outcomeIcon(outcome: Outcome): Primitive[] {
  const paint = OUTCOME_PAINT[outcome];
  if (outcome === 'open') {
    return [{ tag: 'circle', attrs: { cx: 8, cy: 8, r: 5.5, 'stroke-width': 1.5, 'stroke-dasharray': '2.2 1.8' }, fill: 'none', stroke: paint }];
  }
  return [
    { tag: 'circle', attrs: { cx: 8, cy: 8, r: 6.5 }, fill: paint, stroke: 'none' },
    {
      tag: 'path',
      attrs: { d: END_GLYPH[outcome], transform: 'translate(8 8) scale(1.25)', 'stroke-width': 1.4, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' },
      fill: 'none',
      stroke: 'bg',
    },
  ];
}

/** The axis-break mark: two short parallel slashes centred on (cx, cy), as SVG path data. */
export function breakGlyph(cx: number, cy: number, h = 9): string[] {
  const r = (n: number): number => Math.round(n * 10) / 10;
  return [-2.5, 1.5].map((dx) => `M${r(cx + dx - 1.5)} ${r(cy + h / 2)} L${r(cx + dx + 1.5)} ${r(cy - h / 2)}`);
}

/** Rough text width (the UI font at `size` px), to decide whether a label fits. */
export function textWidth(text: string, size = 11): number {
  return text.length * size * 0.58;
}

/** Cut `text` to fit `width` px, with an ellipsis; '' when not even two letters fit. */
export function fitText(text: string, width: number, size = 11): string {
  if (textWidth(text, size) <= width) return text;
  const n = Math.floor(width / (size * 0.58)) - 1;
  return n >= 2 ? `${text.slice(0, n)}…` : '';
}

/** Room for a stage's label from `from` to the segment's end or the first mark drawn over it. */
export function labelRoom(from: number, to: number, markXs: number[]): number {
  let end = to;
  for (const x of markXs) if (x > from && x - 7 < end) end = x - 7;
  return end - from - 2;
}
