// Waiting on an event, never on a sleep: shared by the desktop and the web suites (no Node here,
// so that the web suite can bundle it for the browser).
import type * as vscode from 'vscode';

/** Resolves when `check` holds, re-checked on each event; fails after `ms`. */
export function until<T>(event: vscode.Event<unknown>, check: () => T | undefined, what: string, ms = 15_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const first = check();
    if (first !== undefined) return resolve(first);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
    }, ms);
    const sub = event(() => {
      const value = check();
      if (value === undefined) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(value);
    });
  });
}
