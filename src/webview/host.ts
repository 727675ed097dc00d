/**
 * The page's side of the conversation with the extension: typed posts and the saved state. What
 * arrives is checked by src/shared/preview-protocol.ts.
 */
import type { TimelineData } from '../core/jobs/timeline-data';
import { parseWebviewState, type WebviewMessage, type WebviewState } from '../shared/preview-protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface Host {
  post(message: WebviewMessage): void;
  getState(): WebviewState | undefined;
  setState(state: WebviewState): void;
}

/** The VS Code API, or a stand-in that does nothing when the page is opened outside VS Code. */
export function connectHost(): Host {
  let api: VsCodeApi | undefined;
  try {
    api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  } catch {
    api = undefined;
  }
  return {
    post: (message) => api?.postMessage(message),
    getState: () => parseWebviewState(api?.getState()),
    setState: (state) => api?.setState(state),
  };
}

/** The document a timeline was drawn from: its `source`, else as far as the refs say. */
export function documentUri(data: TimelineData): string | undefined {
  if (typeof data.source === 'string') return data.source;
  for (const j of data.jobs) for (const m of j.marks) if (m.ref?.uri) return m.ref.uri;
  for (const m of data.orphans) if (m.ref?.uri) return m.ref.uri;
  for (const p of data.problems) if (p.ref?.uri) return p.ref.uri;
  return undefined;
}
