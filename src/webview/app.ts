/**
 * The page: holds the data and the view state, draws the parts, and answers the user and the
 * host. Drawing is split: a full render when the data, filter, picked job or width change; a
 * window render (only the lanes in view) when the page scrolls.
 */
import type { TimelineData, TimelineJob, TimelineMark } from '../core/jobs/timeline-data';
import { parseHostMessage, type WebviewState } from '../shared/preview-protocol';
import { renderDetail } from './detail';
import { Chart } from './chart';
import { h } from './dom';
import { documentUri, type Host } from './host';
import { isNavKey, isVertical, navigate } from './keyboard';
import { buildView, type View } from './model';
import { renderProblems } from './problems';
import { buildSkeleton, legendItems, renderPicker, renderSummary, type Skeleton } from './skeleton';
import { exportSvg } from './svg';
import { resolvePalette } from './theme';
import * as l10n from '../core/l10n';

export class TimelineApp {
  private data: TimelineData | null = null;
  private view: View | null = null;
  private marks = new Map<string, TimelineMark>();
  private state: WebviewState;
  /** The roving tab stop among the marks. */
  private activeId: string | null = null;
  /** The time a run of up/down moves started from. */
  private navAnchor: number | null = null;
  private readonly ui: Skeleton;
  private readonly chart: Chart;
  private frame = 0;
  private pending: 'full' | 'window' | null = null;
  private pendingScroll: number | null;

  constructor(
    private readonly host: Host,
    initial: WebviewState,
  ) {
    this.state = { ...initial };
    this.pendingScroll = initial.scrollTop ?? null;
    this.ui = buildSkeleton();
    this.chart = new Chart(this.ui, () => this.schedule('full'));
    this.ui.filter.value = this.state.filter ?? '';
    document.body.append(this.ui.root);
    this.listen();
    this.render();
  }

  /**
   * A message from the extension. One that is not a HostMessage exactly is dropped before it can
   * touch the view; the page has no channel back for it, so the console (the webview's developer
   * tools) says where it went wrong.
   */
  receive(raw: unknown): void {
    const { value: message, problem } = parseHostMessage(raw);
    if (!message) {
      console.warn(`Alfred Events timeline: dropped a message from the extension: ${problem}`);
      return;
    }
    this.safely(() => {
      if (message.type === 'render') this.setData(message.data);
      else if (message.type === 'more') this.addJobs(message.delivery, message.jobs);
      else this.highlight(message.markId);
    });
  }

  /** Runs a handler so that nothing escapes: a failure shows in the page instead. */
  private safely(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.showError(error);
    }
  }

  setData(data: TimelineData): void {
    const uri = documentUri(data);
    if (uri && this.state.uri && uri !== this.state.uri) {
      // Another document: its own filter and place, not the last one's.
      this.state = { uri };
      this.ui.filter.value = '';
      this.activeId = null;
      this.chart.zoom = null;
      this.pendingScroll = 0;
    } else if (uri) this.state.uri = uri;
    this.data = data;
    this.marks = new Map();
    const add = (m: TimelineMark): void => void this.marks.set(m.id, m);
    for (const j of data.jobs) {
      j.marks.forEach(add);
      j.files.forEach((f) => f.marks.forEach(add));
    }
    data.orphans.forEach(add);
    this.render();
    this.save();
  }

  /** More jobs of the picture shown; those of an older picture (a newer one came) are dropped. */
  private addJobs(delivery: number, jobs: TimelineJob[]): void {
    const data = this.data;
    if (!data || data.delivery !== delivery) return;
    for (const j of jobs) {
      data.jobs.push(j);
      j.marks.forEach((m) => this.marks.set(m.id, m));
      j.files.forEach((f) => f.marks.forEach((m) => this.marks.set(m.id, m)));
    }
    this.schedule('full');
  }

  // ---- drawing -------------------------------------------------------------------------------

  private render(): void {
    const focused = this.focusedMarkId();
    const { ui } = this;
    try {
      ui.message.replaceChildren();
      ui.detail.replaceChildren();
      ui.problems.replaceChildren();
      const data = this.data;
      if (!data) {
        this.showMessage(l10n.t('Loading the job timeline…'), 'info');
        this.hide(ui.chart, ui.controls, ui.legend);
        this.chart.clear();
        return;
      }
      ui.title.textContent = data.title || l10n.t('Job timeline');
      renderSummary(ui, data);
      const view = (this.view = buildView(data, this.state.filter ?? '', this.state.jobId, this.state.axis));
      ui.axisMode.value = view.mode;
      const many = data.jobs.length > 1;
      renderPicker(ui, data, view, this.state);
      const empty = !data.jobs.length && !data.orphans.length;
      ui.controls.toggleAttribute('hidden', empty || !many);
      ui.legend.replaceChildren(...legendItems(data));
      ui.legend.toggleAttribute('hidden', empty);
      if (empty) {
        this.showMessage(data.problems.length ? l10n.t('No job events in this document. Its problems are listed below.') : l10n.t('No job events in this document.'), 'info');
      } else if (!view.lanes.length) {
        this.showMessage(l10n.t('No jobs match “{0}”.', this.state.filter ?? ''), 'info');
      }
      ui.chart.toggleAttribute('hidden', !view.lanes.length);
      if (view.lanes.length) this.chart.draw(view, this.activeId, this.current());
      else this.chart.clear();
      if (view.detail) ui.detail.append(renderDetail(view.detail, { selectedId: this.state.selectedMarkId ?? null, canGoBack: many }));
      const problems = renderProblems(data.problems, data.problemsTotal);
      if (problems) ui.problems.append(problems);
      if (this.pendingScroll !== null) {
        window.scrollTo(0, this.pendingScroll);
        this.pendingScroll = null;
        this.chart.drawWindow(this.activeId, this.current());
      }
      if (focused) this.focusMark(focused, false);
    } catch (error) {
      this.showError(error);
    }
  }

  private hide(...els: HTMLElement[]): void {
    for (const el of els) el.hidden = true;
  }

  private showMessage(text: string, kind: 'info' | 'error'): void {
    this.ui.message.replaceChildren(h('p', { class: `message-text ${kind}` }, text));
  }

  private showError(error: unknown): void {
    const detail = error instanceof Error ? error.message : String(error);
    this.ui.message.replaceChildren(h('p', { class: 'message-text error', role: 'alert' }, `${l10n.t('The timeline could not be drawn:')} `, h('span', { class: 'mono' }, detail)));
    try {
      const problems = this.data ? renderProblems(this.data.problems, this.data.problemsTotal) : null;
      this.ui.problems.replaceChildren(...(problems ? [problems] : []));
    } catch {
      // The message above is enough.
    }
  }

  private schedule(kind: 'full' | 'window'): void {
    if (this.pending !== 'full') this.pending = kind;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() =>
      this.safely(() => {
        const what = this.pending;
        this.frame = 0;
        this.pending = null;
        if (what === 'full') this.render();
        else if (what === 'window') this.chart.drawWindow(this.activeId, this.current());
        this.save();
      }),
    );
  }

  // ---- marks: focus, selection, reveal ---------------------------------------------------------

  private markEls(id: string): Element[] {
    const q = CSS.escape(id);
    return [...this.ui.root.querySelectorAll(`[data-mark-id="${q}"], [data-step-id="${q}"]`)];
  }

  private focusedMarkId(): string | null {
    const el = document.activeElement;
    return el instanceof Element ? el.getAttribute('data-mark-id') : null;
  }

  /** Moves the roving tab stop (and focus) to a mark, scrolling its lane into view. */
  private focusMark(id: string, scroll = true): void {
    const lane = this.view?.where.get(id);
    if (lane === undefined) return;
    if (scroll) {
      this.chart.revealTime(this.axisTimeOf(id));
      this.chart.scrollLaneIntoView(lane);
    }
    this.setActive(id);
    const el = this.chart.markEl(id);
    if (el instanceof SVGElement) el.focus({ preventScroll: true });
  }

  private setActive(id: string): void {
    this.activeId = id;
    this.chart.setTabStop(id);
  }

  /** A mark's time on the axis shown (its clock time, or the time since its job's start); NaN if unknown. */
  private axisTimeOf(id: string | null): number {
    return this.chart.axisTimeOf(id, id ? this.marks.get(id)?.at : undefined);
  }

  private current(): string | null {
    return this.state.selectedMarkId ?? null;
  }

  /** Makes a mark the current one (the host's cursor, or the user's click). */
  private select(id: string | null, scroll: boolean): void {
    const old = this.state.selectedMarkId;
    if (old) for (const el of this.markEls(old)) setCurrent(el, false);
    this.state.selectedMarkId = id;
    this.chart.setCurrent(id);
    if (id) {
      if (scroll) {
        const step = this.ui.detail.querySelector(`[data-step-id="${CSS.escape(id)}"]`);
        const lane = this.view?.where.get(id);
        this.chart.revealTime(this.axisTimeOf(id));
        if (step && this.view?.detail) step.scrollIntoView({ block: 'nearest' });
        else if (lane !== undefined) this.chart.scrollLaneIntoView(lane);
      }
      for (const el of this.markEls(id)) setCurrent(el, true);
      if (this.view?.where.has(id)) this.setActive(id);
    }
    this.save();
  }

  private activate(id: string): void {
    this.select(id, false);
    const ref = this.marks.get(id)?.ref;
    if (ref) this.host.post({ type: 'reveal', ref });
  }

  /**
   * Shift+click or Shift+Enter on a mark while another is current: the host opens the two records
   * in the diff editor (README "Comparing payloads in the editor"). False when there is no other
   * current mark to compare with, so the gesture falls back to a plain click.
   */
  private compareWithCurrent(id: string): boolean {
    const current = this.current();
    const a = current ? this.marks.get(current)?.ref : undefined;
    const b = this.marks.get(id)?.ref;
    if (!a || !b || current === id) return false;
    this.host.post({ type: 'compare', a, b });
    return true;
  }

  private highlight(id: string | null): void {
    if (id !== null && !this.marks.has(id)) return;
    this.select(id, true);
  }

  // ---- events --------------------------------------------------------------------------------

  private listen(): void {
    const { ui } = this;
    const on = <E extends Event = Event>(target: EventTarget, type: string, handler: (e: E) => void, options?: AddEventListenerOptions): void =>
      target.addEventListener(type, (e) => this.safely(() => handler(e as E)), options);
    on(ui.filter, 'input', () => {
      this.state.filter = ui.filter.value;
      this.chart.zoom = null;
      this.schedule('full');
      this.save();
    });
    on<KeyboardEvent>(ui.filter, 'keydown', (e) => {
      if (e.key === 'Escape' && ui.filter.value) {
        ui.filter.value = '';
        ui.filter.dispatchEvent(new Event('input'));
      }
    });
    on(ui.picker, 'change', () => this.pick(ui.picker.value || null));
    on(ui.axisMode, 'change', () => {
      this.state.axis = ui.axisMode.value === 'start' ? 'start' : 'clock';
      this.chart.zoom = null;
      this.render();
      this.save();
    });
    on(ui.exportButton, 'click', () => this.exportSvg());
    on(ui.zoom, 'click', (e) => {
      const kind = e.target instanceof Element ? e.target.closest('[data-zoom]')?.getAttribute('data-zoom') : null;
      if (kind === 'fit') this.chart.setZoom(null);
      else if (kind === 'in' || kind === 'out') this.chart.zoomAround(kind === 'in' ? 0.5 : 2, this.chart.anchor(this.axisTimeOf(this.current())), true);
    });
    on<WheelEvent>(ui.chart, 'wheel', (e) => this.chart.onWheel(e), { passive: false });

    on(ui.lanes, 'click', (e) => {
      const target = e.target instanceof Element ? e.target : null;
      const mark = target?.closest('[data-mark-id]');
      if (mark) {
        this.navAnchor = null;
        const id = mark.getAttribute('data-mark-id')!;
        if ((e as MouseEvent).shiftKey && this.compareWithCurrent(id)) return;
        this.setActive(id);
        this.activate(id);
        return;
      }
      const pick = target?.closest('.pick');
      if (pick instanceof HTMLElement && pick.dataset['jobId'] !== undefined && this.data && this.data.jobs.length > 1) this.pick(pick.dataset['jobId']);
    });
    on(ui.lanes, 'focusin', (e) => {
      const id = e.target instanceof Element ? e.target.getAttribute('data-mark-id') : null;
      if (id) this.setActive(id);
    });
    on<KeyboardEvent>(ui.lanes, 'keydown', (e) => {
      const id = e.target instanceof Element ? e.target.getAttribute('data-mark-id') : null;
      if (!id || !this.view) return;
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        this.navAnchor = null;
        if (e.shiftKey && this.compareWithCurrent(id)) return;
        this.activate(id);
      } else if (isNavKey(e.key)) {
        e.preventDefault();
        const vertical = isVertical(e.key);
        if (vertical) this.navAnchor ??= this.axisTimeOf(id);
        const next = navigate(this.view, id, e.key, e.ctrlKey || e.metaKey, vertical ? (this.navAnchor ?? undefined) : undefined);
        if (!vertical) this.navAnchor = null;
        if (next) this.focusMark(next);
      } else if (e.key === '+' || e.key === '=' || e.key === '-' || e.key === '0') {
        e.preventDefault();
        if (e.key === '0') this.chart.setZoom(null);
        else this.chart.zoomAround(e.key === '-' ? 2 : 0.5, this.axisTimeOf(id), true);
      }
    });
    on(ui.detail, 'click', (e) => {
      const target = e.target instanceof Element ? e.target : null;
      const step = target?.closest('[data-step-id]');
      if (step) this.activate(step.getAttribute('data-step-id')!);
      else if (target?.closest('[data-action="all-jobs"]')) this.pick(null);
    });
    on(ui.problems, 'click', (e) => {
      const row = e.target instanceof Element ? e.target.closest('[data-problem]') : null;
      const ref = row ? this.data?.problems[Number(row.getAttribute('data-problem'))]?.ref : undefined;
      if (ref) this.host.post({ type: 'reveal', ref });
    });
    on(
      window,
      'scroll',
      () => {
        this.state.scrollTop = Math.round(window.scrollY);
        this.schedule('window');
      },
      { passive: true },
    );
    on(window, 'resize', () => this.schedule('full'));
    on<MessageEvent>(window, 'message', (e) => this.receive(e.data));
  }

  private pick(jobId: string | null): void {
    this.state.jobId = jobId;
    this.activeId = null;
    this.chart.zoom = null;
    this.render();
    this.ui.chart.scrollIntoView({ block: 'nearest' });
    this.save();
  }

  private exportSvg(): void {
    if (!this.data || !this.view) return;
    try {
      const width = Math.max(960, this.ui.lanes.clientWidth || 0);
      const labelWidth = this.ui.axisCorner.getBoundingClientRect().width || 240;
      this.host.post({ type: 'exportSvg', svg: exportSvg(this.data, this.view, resolvePalette(), { width, labelWidth, range: this.chart.zoom }) });
    } catch (error) {
      this.showError(error);
    }
  }

  private save(): void {
    this.host.setState({ ...this.state });
  }
}

function setCurrent(el: Element, on: boolean): void {
  el.classList.toggle('current', on);
  if (on) el.setAttribute('aria-current', 'true');
  else el.removeAttribute('aria-current');
}
