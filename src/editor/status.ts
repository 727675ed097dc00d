import * as vscode from 'vscode';
import { summarize } from '../core/index';
import type { DiagnosticsController } from './diagnostics';
import { DOCUMENT_LANGUAGE, LOG_LANGUAGE } from './documents';

/**
 * A language status item: the event a payload holds, or for a log its events, jobs and the
 * records with errors.
 */
export function registerStatus(diagnostics: DiagnosticsController): vscode.Disposable & { snapshot(): { text: string; detail: string | undefined } } {
  const item = vscode.languages.createLanguageStatusItem('alfredEvents.status', [
    { language: DOCUMENT_LANGUAGE },
    { language: LOG_LANGUAGE },
    { language: 'json' },
    { language: 'jsonl' },
  ]);
  item.name = 'Alfred Events';
  item.command = { title: vscode.l10n.t('Validate Workspace'), command: 'alfredEvents.validateWorkspace' };
  const update = (): void => {
    const doc = vscode.window.activeTextEditor?.document;
    const result = doc ? diagnostics.result(doc.uri) : undefined;
    if (!doc || !result) {
      item.text = 'Alfred';
      item.detail = vscode.l10n.t('not an Alfred payload');
      item.severity = vscode.LanguageStatusSeverity.Information;
      return;
    }
    // A log's session knows its records and jobs; scanning a long text again would cost more.
    const session = result.mode === 'log' ? diagnostics.session(doc) : undefined;
    const s = session ? { ...session.counts(), recordsWithErrors: new Set(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.record)).size, eventName: undefined } : summarize(doc.getText(), result.mode, result.diagnostics);
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    item.severity = errors > 0 ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    if (result.mode === 'log' || ('capture' in s && s.capture)) {
      item.text = vscode.l10n.t('{0} events · {1} jobs', s.records, s.jobs);
      item.detail = vscode.l10n.t('{0} records with errors', s.recordsWithErrors);
    } else {
      item.text = s.eventName ?? vscode.l10n.t('Alfred payload');
      item.detail = errors > 0 ? vscode.l10n.t('{0} errors', errors) : vscode.l10n.t('no errors');
    }
  };
  update();
  const disposable = vscode.Disposable.from(item, diagnostics.onDidUpdate(update), vscode.window.onDidChangeActiveTextEditor(update));
  // What the item shows, for tests: the workbench does not expose language status items.
  return Object.assign(disposable, { snapshot: () => ({ text: item.text, detail: item.detail }) });
}
