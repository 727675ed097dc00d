/**
 * The only ways the page makes elements. Payload strings only ever go in through `textContent`
 * and through attributes that are not URLs or handlers (checked here), never through markup.
 */
import type { Paint, Primitive } from './shapes';

const SVG_NS = 'http://www.w3.org/2000/svg';

type Attrs = Record<string, string | number | boolean | null | undefined>;

function setAttrs(el: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    // No page code passes these; the guard keeps it so.
    if (/^on|^href$|^src$|^xlink:href$|^style$/i.test(name)) throw new Error(`unsafe attribute ${name}`);
    el.setAttribute(name, value === true ? '' : String(value));
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | null | undefined | false)[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function append(el: Element, children: (Node | string | null | undefined | false)[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

/** Appends nodes one by one: `el.append(...nodes)` would pass each as an argument (at most ~100k). */
export function appendAll<E extends Node>(el: E, nodes: Iterable<Node>): E {
  for (const n of nodes) el.appendChild(n);
  return el;
}

export function paintClass(p: Primitive): string {
  const cls: string[] = [];
  if (p.fill) cls.push(`f-${p.fill}`);
  if (p.stroke) cls.push(`s-${p.stroke}`);
  return cls.join(' ');
}

/** A shape primitive as an SVG element; its colours become theme classes. */
export function primitive(p: Primitive, extraClass = ''): SVGElement {
  const el = s(p.tag, { ...p.attrs, class: [paintClass(p), extraClass].filter(Boolean).join(' ') || undefined });
  if (p.text !== undefined) el.textContent = p.text;
  return el;
}

/** A small standalone icon (the lane's outcome, the detail's steps, the legend). */
export function icon(prims: Primitive[], size = 16, viewBox = '0 0 16 16', label?: string): SVGSVGElement {
  const svg = s('svg', { class: 'icon', width: size, height: size, viewBox, 'aria-hidden': label ? undefined : 'true', role: label ? 'img' : undefined, 'aria-label': label });
  for (const p of prims) svg.append(primitive(p));
  return svg;
}

export const paintVar: Record<Exclude<Paint, 'none'>, string> = {
  red: '--vscode-charts-red',
  green: '--vscode-charts-green',
  yellow: '--vscode-charts-yellow',
  blue: '--vscode-charts-blue',
  orange: '--vscode-charts-orange',
  purple: '--vscode-charts-purple',
  fg: '--vscode-editor-foreground',
  muted: '--vscode-descriptionForeground',
  bg: '--vscode-editor-background',
};
