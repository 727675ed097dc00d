import * as vscode from 'vscode';
import { registerCodeActions } from './editor/code-actions';
import { registerCommands } from './editor/commands';
import { DiagnosticsController } from './editor/diagnostics';
import { registerLanguageFeatures } from './editor/language-features';
import { registerStatus } from './editor/status';
import { registerTask } from './editor/task';

/** Wires each feature; none does work before a payload document asks for it. */
export function activate(context: vscode.ExtensionContext): { diagnostics: DiagnosticsController } {
  const diagnostics = new DiagnosticsController();
  context.subscriptions.push(
    diagnostics,
    registerLanguageFeatures(),
    registerCodeActions(diagnostics),
    registerCommands(diagnostics),
    registerStatus(diagnostics),
  );
  // The task runs the CLI with Node, which the web-worker host does not have.
  if (typeof process !== 'undefined' && process.versions?.node) context.subscriptions.push(registerTask(context));
  return { diagnostics };
}

export function deactivate(): void {}
