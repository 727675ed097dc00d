/**
 * The job timeline preview's page. Reads the state the host wrote into `<body data-state>` (and
 * what the page saved with setState), draws, then says it is ready for data.
 */
import type { TimelineData } from '../core/jobs/timeline-data';
import { parseTimelineData, parseWebviewState, type WebviewState } from '../shared/preview-protocol';
import { TimelineApp } from './app';
import { connectHost } from './host';
import { useMessages, type Messages } from '../core/l10n';

function readBodyState(): { state: WebviewState; data: TimelineData | null } {
  try {
    const raw: unknown = JSON.parse(document.body.dataset['state'] ?? '{}');
    const picture = typeof raw === 'object' && raw !== null && 'data' in raw ? parseTimelineData(raw.data) : undefined;
    if (picture?.problem) console.warn(`Alfred Events timeline: dropped the picture the extension wrote into the page: ${picture.problem}`);
    return { state: parseWebviewState(raw) ?? {}, data: picture?.value ?? null };
  } catch {
    return { state: {}, data: null };
  }
}

/**
 * The translations the host wrote into `<body data-l10n>`: an object of strings, else none (the
 * page speaks English rather than draw a word that is not a string).
 */
function readMessages(): Messages | undefined {
  try {
    const raw: unknown = JSON.parse(document.body.dataset['l10n'] ?? '{}');
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
    return Object.values(raw).every((v) => typeof v === 'string') ? (raw as Messages) : undefined;
  } catch {
    return undefined;
  }
}

function start(): void {
  useMessages(readMessages());
  const host = connectHost();
  const fromBody = readBodyState();
  const saved = host.getState();
  // What the page saved last wins, unless it was about another document.
  const state = saved && (!fromBody.state.uri || !saved.uri || saved.uri === fromBody.state.uri) ? { ...fromBody.state, ...saved } : fromBody.state;
  const app = new TimelineApp(host, state);
  if (fromBody.data) app.setData(fromBody.data);
  host.post({ type: 'ready' });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
