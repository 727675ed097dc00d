/**
 * The picture: the sticky time axis, the lanes (only those in view are in the DOM), and the zoom
 * of the shared time window. The app tells it what to show; it tells the app when it needs a full
 * redraw (a zoom) through `requestDraw`.
 */
import type { TimelineMark } from '../core/jobs/protocol';
import { h, s } from './dom';
import { isoDate } from './format';
import { renderLane, type LaneContext } from './lane';
import type { View } from './model';
import { makeScale, ticks, TRACK_PAD, type Range, type Scale } from './scale';
import { textWidth } from './shapes';
import type { Skeleton } from './skeleton';
import { visibleLanes } from './virtual';
import { panBy, reveal, zoomBy } from './zoom';

export class Chart {
  private view: View | null = null;
  private ctx: LaneContext | null = null;
  private laneEls = new Map<number, HTMLElement>();
  /** The time window shown when zoomed in; null shows everything. */
  zoom: Range | null = null;
  private scale: Scale | null = null;
  private full: Range | null = null;

  constructor(
    private readonly ui: Skeleton,
    private readonly requestDraw: () => void,
  ) {}

  /** Draws the axis and the lanes in view for `view`, from scratch. */
  draw(view: View, activeId: string | null, currentId: string | null): void {
    this.view = view;
    const { axisTrack, lanes } = this.ui;
    const width = Math.max(160, axisTrack.clientWidth || lanes.clientWidth - 240);
    const all = makeScale(view.range, width);
    this.full = { min: all.min, max: all.max };
    if (this.zoom && (this.zoom.max <= all.min || this.zoom.min >= all.max)) this.zoom = null;
    const scale = (this.scale = this.zoom ? makeScale(this.zoom, width) : all);
    const tks = ticks(scale);
    const axis = s('svg', { class: 'axis-svg', width, height: 24 });
    for (const t of tks) {
      const x = Math.round(scale.x(t.at)) + 0.5;
      axis.append(s('line', { class: t.major ? 'tick major' : 'tick', x1: x, x2: x, y1: 17, y2: 24 }));
      if (x + 4 + textWidth(t.label) <= width) axis.append(s('text', { class: t.major ? 'tick-label major' : 'tick-label', x: x + 4, y: 15 }, t.label));
    }
    axisTrack.replaceChildren(axis);
    this.ui.axisLabel.replaceChildren(h('span', { class: 'axis-zone' }, 'UTC'), view.range ? h('span', { class: 'axis-date' }, isoDate(scale.min)) : '');
    this.renderZoomLevel(scale, all);
    lanes.style.height = `${view.offsets[view.offsets.length - 1] ?? 0}px`;
    this.clear();
    this.ctx = { scale, ticks: tks, activeId: view.where.has(activeId ?? '') ? activeId : null, currentId };
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

  /** Pans a zoomed axis so that `at` is on screen; true when it moved (and was redrawn). */
  revealTime(at: number | undefined): boolean {
    if (!this.zoom || !this.full || !this.view || at === undefined || !Number.isFinite(at)) return false;
    const next = reveal(this.zoom, this.full, at);
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

  /** Zooms keeping `anchor` where it is on screen (the wheel), or bringing it to the middle (buttons, keys). */
  zoomAround(factor: number, anchor: number, centre = false): void {
    if (!this.scale || !this.full) return;
    const next = zoomBy({ min: this.scale.min, max: this.scale.max }, this.full, factor, anchor);
    this.setZoom(next && centre && Number.isFinite(anchor) ? panBy(next, this.full, anchor - (next.min + next.max) / 2) : next);
  }

  private renderZoomLevel(scale: Scale, all: Scale): void {
    const ratio = (all.max - all.min) / (scale.max - scale.min);
    const level = ratio < 10 ? ratio.toFixed(1) : Math.round(ratio).toLocaleString('en-US');
    const fit = this.ui.zoom.querySelector('[data-zoom="fit"]');
    fit?.setAttribute('aria-label', this.zoom ? `Show the whole time range (now zoomed ${level}×)` : 'Show the whole time range');
    fit?.setAttribute('title', this.zoom ? `Zoomed ${level}×: show the whole time range (0)` : 'Showing the whole time range');
    fit?.toggleAttribute('disabled', !this.zoom);
    this.ui.zoom.querySelector('[data-zoom="out"]')?.toggleAttribute('disabled', !this.zoom);
  }

  /**
   * Where the zoom buttons zoom: the current mark if it is on screen, else the middle of what the
   * lanes in view span (in a staggered log, the jobs being looked at), else the window's middle.
   */
  anchor(current: TimelineMark | undefined): number {
    const { scale, view } = this;
    if (!scale || !view) return NaN;
    const inWindow = (t: number | undefined): t is number => t !== undefined && t >= scale.min && t <= scale.max;
    if (inWindow(current?.at)) return current.at;
    const top = -this.ui.lanes.getBoundingClientRect().top;
    const [from, to] = visibleLanes(view.offsets, top, top + window.innerHeight, 0);
    let min = Infinity;
    let max = -Infinity;
    for (let i = from; i < to; i++) {
      for (const m of view.lanes[i]!.nav) {
        if (inWindow(m.at)) {
          min = Math.min(min, m.at);
          max = Math.max(max, m.at);
        }
      }
    }
    return min <= max ? (min + max) / 2 : (scale.min + scale.max) / 2;
  }

  /** Ctrl/Cmd+wheel zooms around the pointer; Shift+wheel or a sideways wheel pans. */
  onWheel(e: WheelEvent): void {
    const { scale, full } = this;
    if (!scale || !full) return;
    const px = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? window.innerHeight : 1;
    const k = (scale.max - scale.min) / Math.max(1, scale.width - 2 * TRACK_PAD);
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      const left = this.ui.axisTrack.getBoundingClientRect().left;
      this.zoomAround(Math.exp(e.deltaY * px * 0.0025), scale.min + (e.clientX - left - TRACK_PAD) * k);
    } else if (this.zoom && (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY))) {
      e.preventDefault();
      const dx = e.shiftKey && !e.deltaX ? e.deltaY : e.deltaX;
      this.setZoom(panBy(this.zoom, full, dx * px * k));
    }
  }
}
