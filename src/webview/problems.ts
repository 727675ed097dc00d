/** The document's problems under the picture; each one with a place reveals it when clicked. */
import type { TimelineProblem } from '../core/jobs/timeline-data';
import { h, icon } from './dom';
import { count } from './format';
import * as l10n from '../core/l10n';
import type { Primitive } from './shapes';

const SEVERITY_ICON: Record<TimelineProblem['severity'], Primitive[]> = {
  error: [
    { tag: 'circle', attrs: { cx: 8, cy: 8, r: 6, 'stroke-width': 1.3 }, fill: 'none', stroke: 'red' },
    { tag: 'path', attrs: { d: 'M5.8 5.8 L10.2 10.2 M10.2 5.8 L5.8 10.2', 'stroke-width': 1.3, 'stroke-linecap': 'round' }, stroke: 'red' },
  ],
  warning: [
    { tag: 'path', attrs: { d: 'M8 2.2 L14 13.2 L2 13.2 Z', 'stroke-width': 1.3, 'stroke-linejoin': 'round' }, fill: 'none', stroke: 'yellow' },
    { tag: 'path', attrs: { d: 'M8 6.4 L8 9.4 M8 11.3 L8 11.4', 'stroke-width': 1.4, 'stroke-linecap': 'round' }, stroke: 'yellow' },
  ],
  info: [
    { tag: 'circle', attrs: { cx: 8, cy: 8, r: 6, 'stroke-width': 1.3 }, fill: 'none', stroke: 'blue' },
    { tag: 'path', attrs: { d: 'M8 7.3 L8 11 M8 5 L8 5.1', 'stroke-width': 1.4, 'stroke-linecap': 'round' }, stroke: 'blue' },
  ],
};

/**
 * The list, and when it holds only the first of `total` problems, a last line that says how many
 * it leaves out and where they all are: a cut that says nothing would read as "no more".
 */
export function renderProblems(problems: TimelineProblem[], total = problems.length): HTMLElement | null {
  if (!problems.length) return null;
  const section = h('section', { class: 'problems', 'aria-labelledby': 'problems-title' });
  section.append(h('h3', { id: 'problems-title', class: 'section-title' }, `${l10n.t('Problems')} `, h('span', { class: 'count-badge' }, Math.max(total, problems.length).toLocaleString('en-US'))));
  const list = h('ul', { class: 'problem-list' });
  problems.forEach((p, i) => {
    const severity = SEVERITY_ICON[p.severity] ? p.severity : 'error';
    const line = Number.isFinite(p.line) ? l10n.t('Ln {0}', p.line + 1) : '';
    const parts = [
      icon(SEVERITY_ICON[severity], 16, '0 0 16 16', severity),
      h('span', { class: 'problem-message' }, p.message),
      h('span', { class: 'problem-code' }, p.code),
      h('span', { class: 'problem-line' }, line),
    ];
    const row = p.ref
      ? h('button', { type: 'button', class: 'problem', 'data-problem': i, title: l10n.t('Reveal in editor') }, ...parts)
      : h('div', { class: 'problem' }, ...parts);
    list.append(h('li', {}, row));
  });
  const more = total - problems.length;
  if (more > 0) {
    list.append(h('li', { class: 'problem-more' }, l10n.t('{0} not listed here, only the first {1}: all {2} are in the Problems panel', count(more, l10n.t('{0} more problem'), l10n.t('{0} more problems')), problems.length.toLocaleString('en-US'), total.toLocaleString('en-US'))));
  }
  section.append(list);
  return section;
}
