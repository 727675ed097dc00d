import * as vscode from 'vscode';
import { settingsFor, type Settings } from './settings';

/**
 * STAND-IN (issue 12, editor helper): the `config` helper writes the real TeamConfigs, which
 * combines the rule table's defaults < the `alfredEvents.rules` setting < the nearest
 * `.alfred-events.json`. This one has the same shape and gives the VS Code settings alone, every
 * file in scope, and never fires; the lead replaces it with the real one.
 */
export class TeamConfigs implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange: vscode.Event<void> = this.changed.event;

  settings(uri: vscode.Uri): Promise<Settings & { inScope: boolean }> {
    return Promise.resolve({ ...settingsFor(uri), inScope: true });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
