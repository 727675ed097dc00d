/** The theme's colours as values, for the SVG export (which cannot use CSS variables). */
import type { Palette } from './svg';
import { paintVar } from './dom';

// VS Code's defaults (Light+ / Dark+), used only when a variable is not set.
const LIGHT: Palette = {
  red: '#e51400',
  green: '#388a34',
  yellow: '#bf8803',
  blue: '#1a85ff',
  orange: '#d18616',
  purple: '#652d90',
  fg: '#3b3b3b',
  muted: '#717171',
  bg: '#ffffff',
  font: 'system-ui, sans-serif',
  mono: 'monospace',
};
const DARK: Palette = {
  ...LIGHT,
  red: '#f14c4c',
  green: '#89d185',
  yellow: '#cca700',
  blue: '#3794ff',
  orange: '#d18616',
  purple: '#b180d7',
  fg: '#cccccc',
  muted: '#9d9d9d',
  bg: '#1f1f1f',
};

export function resolvePalette(): Palette {
  const body = document.body;
  const style = getComputedStyle(body);
  const base = body.classList.contains('vscode-light') || body.classList.contains('vscode-high-contrast-light') ? LIGHT : DARK;
  const get = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const palette = { ...base };
  for (const [paint, variable] of Object.entries(paintVar) as [keyof typeof paintVar, string][]) palette[paint] = get(variable, base[paint]);
  palette.font = get('--vscode-font-family', base.font);
  palette.mono = get('--vscode-editor-font-family', base.mono);
  return palette;
}
