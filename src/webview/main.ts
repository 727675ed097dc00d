/**
 * The job timeline preview's page. Reads the state the host wrote into `<body data-state>` (and
 * what the page saved with setState), draws, then says it is ready for data.
 */
import type { TimelineData, WebviewState } from '../core/jobs/protocol';
import { TimelineApp } from './app';
import { asData, asState, connectHost } from './host';

function readBodyState(): { state: WebviewState; data: TimelineData | null } {
  try {
    const raw: unknown = JSON.parse(document.body.dataset['state'] ?? '{}');
    const data = typeof raw === 'object' && raw !== null && 'data' in raw ? asData(raw.data) : null;
    return { state: asState(raw) ?? {}, data };
  } catch {
    return { state: {}, data: null };
  }
}

function start(): void {
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
