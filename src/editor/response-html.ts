/**
 * The response view's page (README "Sending to your receiver"): what was sent, and the answer or
 * why there was none. Static HTML: no script, its style under a nonce, nothing loaded, every
 * string of the request and the answer escaped as text. Free of the vscode module so that unit
 * tests render it.
 */
import { MAX_BODY_BYTES, type DeliveryResponse, type Verdict } from '../core/index';
import { ENGLISH, type L10n } from './receiver-policy';

/** What the view shows: the model the API hands to tests as it was last rendered. */
export interface ResponseShown {
  request: {
    method: 'POST' | 'GET';
    url: string;
    /** The document sent from, as the workspace names it, and the 1-based line of the record. */
    source?: string;
    line?: number;
    /** The text sent (as UTF-8), and its length in bytes. */
    body: string;
    bytes: number;
  };
  /** The answer, when one came. */
  response?: DeliveryResponse;
  /** Why none came: the kind, the sentence shown, and after how long. */
  failure?: { kind: string; message: string; ms: number };
  /** For the handshake: the verdict on the answer. */
  verdict?: Verdict;
}

/** The command the page's one link runs (allowed by the panel's enableCommandUris, nothing else is). */
export const COPY_AS_CURL = 'alfredEvents.copyAsCurl';

/** RFC 9110 §15: the class of a status code, by its first digit. */
export function statusClass(status: number): 'informational' | 'successful' | 'redirection' | 'client-error' | 'server-error' | 'other' {
  const classes = ['informational', 'successful', 'redirection', 'client-error', 'server-error'] as const;
  return status >= 100 && status <= 599 ? classes[Math.floor(status / 100) - 1]! : 'other';
}

/** The page for `shown`. `nonce` admits the one style element; the policy forbids everything else. */
export function responseHtml(shown: ResponseShown, nonce: string, l10n: L10n = ENGLISH): string {
  const { request, response, failure, verdict } = shown;
  const where = request.source ? `${request.source}${request.line !== undefined ? `:${request.line}` : ''}` : '';
  const parts: string[] = [];
  parts.push(`<p class="request"><span class="method">${esc(request.method)}</span> <span class="url">${esc(request.url)}</span></p>`);
  const sent = request.method === 'POST' ? l10n.t('{0} bytes of application/json', request.bytes) : '';
  parts.push(`<p class="meta">${[esc(where), esc(sent)].filter(Boolean).join(' · ')}</p>`);
  if (verdict) parts.push(`<p class="verdict ${verdict.ok ? 'ok' : 'fail'}">${esc(verdict.ok ? l10n.t('URL verification passed: the receiver {0}', verdict.message) : l10n.t('URL verification failed: {0}', verdict.message))}</p>`);
  if (response) {
    parts.push(
      `<p class="status ${statusClass(response.status)}"><span class="code">${response.status}</span> ${esc(response.statusText)} <span class="time">${esc(l10n.t('in {0} ms', response.ms))}</span></p>`,
    );
  } else if (failure) {
    parts.push(`<p class="status failure"><span class="code">${esc(l10n.t('No answer'))}</span> <span class="time">${esc(l10n.t('after {0} ms', failure.ms))}</span></p>`);
    // The handshake's verdict on no answer is this very sentence.
    if (verdict?.message !== failure.message) parts.push(`<p class="failure-message">${esc(failure.message)}</p>`);
  }
  parts.push(`<p class="actions"><a href="command:${COPY_AS_CURL}">${esc(l10n.t('Copy as cURL'))}</a></p>`);
  if (response) {
    parts.push(`<h2>${esc(l10n.t('Headers'))}</h2>`);
    const rows = response.headers.map(([name, value]) => `<tr><th scope="row">${esc(name)}</th><td>${esc(value)}</td></tr>`).join('');
    parts.push(rows ? `<table class="headers">${rows}</table>` : `<p class="none">${esc(l10n.t('none'))}</p>`);
    parts.push(`<h2>${esc(l10n.t('Body'))}</h2>`);
    if (response.body === '') parts.push(`<p class="none">${esc(l10n.t('empty'))}</p>`);
    else parts.push(`<pre class="body">${esc(prettyJson(response.body) ?? response.body)}</pre>`);
    if (response.truncated) parts.push(`<p class="note">${esc(l10n.t('Cut at {0} MiB: the rest of the body was not read.', MAX_BODY_BYTES / 1024 / 1024))}</p>`);
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
${parts.join('\n')}
</body>
</html>`;
}

/**
 * The JSON text re-indented by two spaces, every token kept as written (a number beyond double
 * precision, a duplicate key and an escape stay as the receiver sent them, which
 * JSON.parse/stringify would change); undefined when the text is not JSON (RFC 8259).
 */
export function prettyJson(text: string): string | undefined {
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  let out = '';
  let depth = 0;
  const newline = (): string => `\n${'  '.repeat(depth)}`;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      let j = i + 1;
      while (isSpace(text[j])) j++;
      if (text[j] === close) {
        out += c + close;
        i = j;
      } else {
        depth++;
        out += c + newline();
      }
    } else if (c === '}' || c === ']') {
      depth--;
      out += newline() + c;
    } else if (c === ',') out += c + newline();
    else if (c === ':') out += ': ';
    else if (!isSpace(c)) out += c;
  }
  return out;
}

/** RFC 8259 §2's whitespace: the only characters between tokens. */
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\n' || c === '\r' || c === '\t';

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// The workbench's own colours (the --vscode-* variables every webview gets), so the page follows the theme.
const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 16px 16px; }
p { margin: 6px 0; }
.request { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); margin-top: 14px; word-break: break-all; }
.method { font-weight: bold; }
.meta, .time, .none, .note { color: var(--vscode-descriptionForeground); }
.status { font-size: 1.6em; margin: 12px 0 4px; }
.status .code { font-weight: bold; }
.status .time { font-size: 0.6em; }
.informational .code, .redirection .code { color: var(--vscode-charts-blue); }
.successful .code { color: var(--vscode-testing-iconPassed); }
.client-error .code { color: var(--vscode-editorWarning-foreground); }
.server-error .code, .other .code, .failure .code { color: var(--vscode-errorForeground); }
.failure-message { white-space: pre-wrap; }
.verdict { padding: 6px 8px; border-left: 3px solid; background: var(--vscode-textBlockQuote-background); }
.verdict.ok { border-color: var(--vscode-testing-iconPassed); }
.verdict.fail { border-color: var(--vscode-errorForeground); }
a { color: var(--vscode-textLink-foreground); }
a:hover { color: var(--vscode-textLink-activeForeground); }
h2 { font-size: 1em; font-weight: 600; margin: 18px 0 6px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--vscode-descriptionForeground); }
table.headers { border-collapse: collapse; font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
table.headers th { text-align: left; font-weight: normal; color: var(--vscode-symbolIcon-propertyForeground, var(--vscode-foreground)); padding: 2px 16px 2px 0; vertical-align: top; white-space: nowrap; }
table.headers td { padding: 2px 0; word-break: break-all; }
pre.body { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); background: var(--vscode-textCodeBlock-background); padding: 8px 10px; white-space: pre-wrap; word-break: break-all; margin: 0; }
`;
