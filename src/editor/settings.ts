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

/** The receiver settings (README "Sending to your receiver"); VS Code ignores the workspace's URL and allowRemote while it is untrusted. */
export interface ReceiverSettings {
  /** `alfredEvents.receiver.url`: "" when unset. */
  url: string;
  allowRemote: boolean;
  /** Whether the Send to receiver lens shows. */
  codeLens: boolean;
}

export function receiverSettingsFor(scope: vscode.ConfigurationScope | undefined): ReceiverSettings {
  const c = vscode.workspace.getConfiguration(`${SECTION}.receiver`, scope);
  return { url: c.get<string>('url', ''), allowRemote: c.get<boolean>('allowRemote', false), codeLens: c.get<boolean>('codeLens', true) };
}
