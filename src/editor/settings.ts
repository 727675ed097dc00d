import * as vscode from 'vscode';
import type { RuleSetting } from '../core/index';

/** The extension's settings for one document, read fresh each time (they change at run time). */
export interface Settings {
  rules: Record<string, RuleSetting>;
  /** Check plain .json / .jsonl files whose content is an Alfred payload. */
  plainJson: boolean;
  /** Above this many bytes a document is not checked; one information diagnostic says why. */
  maxBytes: number;
}

export const SECTION = 'alfredEvents';

export function settingsFor(scope: vscode.ConfigurationScope | undefined): Settings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    rules: { ...c.get<Record<string, RuleSetting>>('rules', {}) },
    plainJson: c.get<boolean>('detection.plainJson', true),
    maxBytes: Math.max(1, c.get<number>('validation.maxFileSizeMB', 200)) * 1024 * 1024,
  };
}
