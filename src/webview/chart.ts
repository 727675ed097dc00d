/**
 * The picture: the sticky time axis, the lanes (only those in view are in the DOM), and the zoom
 * of the shared time window. The app tells it what to show; it tells the app when it needs a full
 * redraw (a zoom) through `requestDraw`.
 */
import { WHOLE } from './axis';
import { h, s } from './dom';
import { duration, isoDate } from './format';
import * as l10n from '../core/l10n';
import { renderLane, type LaneContext } from './lane';
import { axisTime, type View } from './model';
import { breakLabelFits, breaksInView, makeScale, minWindow, ticks, TRACK_PAD, type Range, type Scale } from './scale';
import { breakGlyph, textWidth } from './shapes';
import type { Skeleton } from './skeleton';
import { visibleLanes } from './virtual';
import { panBy, reveal, zoomBy } from './zoom';

export class Chart {
  private view: View | null = null;
  private ctx: LaneContext | null = null;
  private laneEls = new Map<number, HTMLElement>();
  /** The part of the axis shown when zoomed in (positions in [0, 1]); null shows everything. */
  zoom: Range | null = null;
  private scale: Scale | null = null;

  constructor(
    private readonly ui: Skeleton,
    private readonly requestDraw: () => void,
  ) {}

  /** Draws the axis and the lanes in view for `view`, from scratch. */
  draw(view: View, activeId: string | null, currentId: string | null): void {
    this.view = view;
    const { axisTrack, lanes } = this.ui;
    const width = Math.max(160, axisTrack.clientWidth || lanes.clientWidth - 240);
    if (this.zoom && (this.zoom.max <= WHOLE.min || this.zoom.min >= WHOLE.max)) this.zoom = null;
    const scale = (this.scale = makeScale(view.axis, width, this.zoom, view.mode));
    const tks = ticks(scale);
    const axis = s('svg', { class: 'axis-svg', width, height: 24 });
    // The breaks' bands go under the labels (a date may run across one), their marks over them.
    const breaks = breaksInView(scale);
    for (const b of breaks) axis.append(s('rect', { class: 'break-band', x: b.x1, y: 0, width: Math.max(1, b.x2 - b.x1), height: 24 }));
    for (const t of tks) {
      const x = Math.round(scale.x(t.at)) + 0.5;
      axis.append(s('line', { class: t.major ? 'tick major' : 'tick', x1: x, x2: x, y1: 17, y2: 24 }));
      if (t.label && x + 4 + textWidth(t.label) <= width) axis.append(s('text', { class: t.major ? 'tick-label major' : 'tick-label', x: x + 4, y: 15 }, t.label));
    }
    // Each collapsed stretch: the break mark, and the time it skips when there is room to say it.
    for (const b of breaks) {
      const g = s('g', { class: 'axis-break' }, s('title', {}, l10n.t('{0} without events, not to scale', duration(b.skipped))));
      g.append(s('rect', { class: 'break-hit', x: b.x1, y: 0, width: Math.max(1, b.x2 - b.x1), height: 24 }));
      for (const p of breakGlyph((b.x1 + b.x2) / 2, 20)) g.append(s('path', { class: 'break-glyph', d: p }));
      if (breakLabelFits(b, tks, scale)) g.append(s('text', { class: 'break-label', x: (b.x1 + b.x2) / 2, y: 14, 'text-anchor': 'middle' }, b.label));
      axis.append(g);
    }
    axisTrack.replaceChildren(axis);
    this.ui.axisLabel.replaceChildren(
      ...(view.mode === 'start'
        ? [h('span', { class: 'axis-zone' }, l10n.t("since each job's start"))]
        : [h('span', { class: 'axis-zone' }, 'UTC'), view.range ? h('span', { class: 'axis-date' }, isoDate(scale.timeAt(TRACK_PAD))) : '']),
    );
    this.renderZoomLevel(scale);
    lanes.style.height = `${view.offsets[view.offsets.length - 1] ?? 0}px`;
    this.clear();
    this.ctx = { scale, ticks: tks, breaks, activeId: view.where.has(activeId ?? '') ? activeId : null, currentId };
    this.drawWindow(this.ctx.activeId, currentId);
  }

  clear(): void {
    this.ui.lanes.replaceChildren();
    this.laneEls.clear();
  }

  /** Adds the lanes that came into view, drops those that left. */
  drawWindow(activeId: string | null, currentId: string | null): void {
    const { view, ctx } = this;
    if (!view || !ctx || this.ui.chart.hidden) return;
    ctx.activeId = activeId;
    ctx.currentId = currentId;
    const top = -this.ui.lanes.getBoundingClientRect().top;
    const [from, to] = visibleLanes(view.offsets, top, top + window.innerHeight);
    for (const [i, el] of this.laneEls) {
      // Never drop the lane holding focus: the keyboard user would be thrown out of the picture.
      if ((i < from || i >= to) && !el.contains(document.activeElement)) {
        el.remove();
        this.laneEls.delete(i);
      }
    }
    for (let i = from; i < to; i++) {
      if (this.laneEls.has(i)) continue;
      const el = renderLane(view.lanes[i]!, i, ctx);
      el.style.top = `${view.offsets[i]}px`;
      this.laneEls.set(i, el);
      this.ui.lanes.append(el);
    }
    // One mark is always reachable with Tab: the active one, else the earliest of the first lane drawn.
    if (!this.ui.lanes.querySelector('.mark[tabindex="0"]')) {
      for (let i = from; i < to; i++) {
        const first = view.lanes[i]!.nav[0];
        const el = first && this.markEl(first.id);
        if (el) {
          el.setAttribute('tabindex', '0');
          break;
        }
      }
    }
  }

  markEl(id: string): Element | null {
    return this.ui.lanes.querySelector(`[data-mark-id="${CSS.escape(id)}"]`);
  }

  /** Moves the roving tab stop to a mark (if it is drawn). */
  setTabStop(id: string): void {
    if (this.ctx) this.ctx.activeId = id;
    for (const el of this.ui.lanes.querySelectorAll('.mark[tabindex="0"]')) el.setAttribute('tabindex', '-1');
    this.markEl(id)?.setAttribute('tabindex', '0');
  }

  setCurrent(id: string | null): void {
    if (this.ctx) this.ctx.currentId = id;
  }

  scrollLaneIntoView(index: number): void {
    const view = this.view;
    if (!view || index < 0 || index >= view.lanes.length) return;
    const lanesTop = this.ui.lanes.getBoundingClientRect().top + window.scrollY;
    const top = lanesTop + view.offsets[index]!;
    const bottom = lanesTop + view.offsets[index + 1]!;
    const sticky = this.ui.chart.querySelector('.axis')?.getBoundingClientRect().height ?? 0;
    if (top < window.scrollY + sticky) window.scrollTo(0, top - sticky - 8);
    else if (bottom > window.scrollY + window.innerHeight) window.scrollTo(0, bottom - window.innerHeight + 8);
    this.drawWindow(this.ctx?.activeId ?? null, this.ctx?.currentId ?? null);
  }

  // ---- zoom ----------------------------------------------------------------------------------

  /** The axis time of a mark (its time less its lane's origin); NaN when it is not shown. */
  axisTimeOf(id: string | null | undefined, at: number | undefined): number {
    const lane = id ? this.view?.lanes[this.view.where.get(id) ?? -1] : undefined;
    return lane && at !== undefined ? axisTime(lane, at) : NaN;
  }

  /** Pans a zoomed axis so that axis time `at` is on screen; true when it moved (and was redrawn). */
  revealTime(at: number): boolean {
    if (!this.zoom || !this.scale || !this.view || !Number.isFinite(at)) return false;
    const next = reveal(this.zoom, WHOLE, this.scale.axis.u(at));
    if (next === this.zoom) return false;
    this.zoom = next;
    this.draw(this.view, this.ctx?.activeId ?? null, this.ctx?.currentId ?? null);
    return true;
  }

  setZoom(next: Range | null): void {
    const same = next === this.zoom || (next && this.zoom && next.min === this.zoom.min && next.max === this.zoom.max);
    if (same) return;
    this.zoom = next;
    this.requestDraw();
  }

  /**
   * Zooms keeping axis time `anchor` where it is on screen (the wheel), or bringing it to the
   * middle (buttons, keys).
   */
  zoomAround(factor: number, anchor: number, centre = false): void {
    if (!this.scale) return;
    const u = this.scale.axis.u(anchor);
    const next = zoomBy(this.scale.window, WHOLE, factor, u, minWindow(this.scale.axis));
    this.setZoom(next && centre && Number.isFinite(u) ? panBy(next, WHOLE, u - (next.min + next.max) / 2) : next);
  }

  private renderZoomLevel(scale: Scale): void {
    const ratio = (WHOLE.max - WHOLE.min) / (scale.window.max - scale.window.min);
    const level = ratio < 10 ? ratio.toFixed(1) : Math.round(ratio).toLocaleString('en-US');
    const fit = this.ui.zoom.querySelector('[data-zoom="fit"]');
    fit?.setAttribute('aria-label', this.zoom ? l10n.t('Show the whole time range (now zoomed {0}×)', level) : l10n.t('Show the whole time range'));
    fit?.setAttribute('title', this.zoom ? l10n.t('Zoomed {0}×: show the whole time range (0)', level) : l10n.t('Showing the whole time range'));
    fit?.toggleAttribute('disabled', !this.zoom);
    this.ui.zoom.querySelector('[data-zoom="out"]')?.toggleAttribute('disabled', !this.zoom);
  }

  /**
   * Where the zoom buttons zoom (an axis time): `current` (the current mark's axis time, NaN for
   * none) if it is on screen, else the middle of what the lanes in view span (in a staggered log,
   * the jobs being looked at), else the window's middle.
   */
  anchor(current: number): number {
    const { scale, view } = this;
    if (!scale || !view) return NaN;
    const inWindow = (t: number): boolean => {
      const x = scale.x(t);
      return x >= TRACK_PAD && x <= scale.width - TRACK_PAD;
    };
    if (Number.isFinite(current) && inWindow(current)) return current;
    const top = -this.ui.lanes.getBoundingClientRect().top;
    const [from, to] = visibleLanes(view.offsets, top, top + window.innerHeight, 0);
    let min = Infinity;
    let max = -Infinity;
    for (let i = from; i < to; i++) {
      const lane = view.lanes[i]!;
      for (const m of lane.nav) {
        const t = axisTime(lane, m.at);
        if (inWindow(t)) {
          min = Math.min(min, t);
          max = Math.max(max, t);
        }
      }
    }
    return min <= max ? (min + max) / 2 : scale.timeAt(scale.width / 2);
  }

  /** Ctrl/Cmd+wheel zooms around the pointer; Shift+wheel or a sideways wheel pans. */
  onWheel(e: WheelEvent): void {
    const { scale } = this;
    if (!scale) return;
    const px = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? window.innerHeight : 1;
    // Axis positions per pixel.
    const k = (scale.window.max - scale.window.min) / Math.max(1, scale.width - 2 * TRACK_PAD);
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      const left = this.ui.axisTrack.getBoundingClientRect().left;
      this.zoomAround(Math.exp(e.deltaY * px * 0.0025), scale.timeAt(e.clientX - left));
    } else if (this.zoom && (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY))) {
      e.preventDefault();
      const dx = e.shiftKey && !e.deltaX ? e.deltaY : e.deltaX;
      this.setZoom(panBy(this.zoom, WHOLE, dx * px * k));
    }
  }
}
