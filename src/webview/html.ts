/**
 * The preview page's HTML. Pure (no `vscode`, no DOM): the extension calls it with the webview's
 * CSP source, a fresh nonce and the asset URIs; the browser tests call it with file URIs.
 *
 * The initial state (and data) travel in an HTML-escaped `data-state` attribute on `<body>`, never
 * inside a script, so no payload string can end the attribute or open a tag; the translations of the
 * page's words (README "Languages") likewise in `data-l10n`, so the page loads nothing to speak them.
 */
import { t, type Messages } from '../core/l10n';
import type { TimelineData } from '../core/jobs/timeline-data';
import type { WebviewState } from '../shared/preview-protocol';

export interface TimelineHtmlOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh random nonce per page (base64 or hex). */
  nonce: string;
  /** URI of dist/webview.js, as the webview can load it. */
  scriptUri: string;
  /** URI of media/timeline.css, as the webview can load it. */
  styleUri: string;
  state: WebviewState & { data?: TimelineData };
  /** The display language's bundle (vscode.l10n.bundle), for the page's words; none for English. */
  messages?: Messages;
  /** The display language as a BCP 47 tag (vscode.env.language), for `<html lang>`; default `en`. */
  lang?: string;
}

/** Escapes text for an HTML attribute value in double quotes, or for element content. */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function timelineHtml(opts: TimelineHtmlOptions): string {
  // Neither may add a directive, a keyword or leave the attribute: only URL-ish characters pass.
  const src = opts.cspSource.replace(/[^A-Za-z0-9+.:/*_ -]/g, '');
  const nonce = opts.nonce.replace(/[^A-Za-z0-9+/=_-]/g, '');
  const csp = [
    "default-src 'none'",
    `img-src ${src} data:`,
    `style-src ${src}`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${src}`,
  ].join('; ');
  const state = JSON.stringify(opts.state ?? {});
  const title = opts.state?.data?.title ? t('Job timeline: {0}', opts.state.data.title) : t('Job timeline');
  const l10n = JSON.stringify(opts.messages ?? {});
  const lang = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(opts.lang ?? '') ? opts.lang! : 'en';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(opts.styleUri)}">
<title>${escapeHtml(title)}</title>
</head>
<body data-state="${escapeHtml(state)}" data-l10n="${escapeHtml(l10n)}">
<noscript>${escapeHtml(t('The job timeline needs scripts to be enabled in this view.'))}</noscript>
<script nonce="${nonce}" src="${escapeHtml(opts.scriptUri)}"></script>
</body>
</html>
`;
}
