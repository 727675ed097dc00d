import * as vscode from 'vscode';
import { curlCommand } from '../core/index';
import { nonce } from './preview';
import { COPY_AS_CURL, responseHtml, type ResponseShown } from './response-html';

export type { ResponseShown } from './response-html';

/** How many answers the test surface remembers (the view shows the last). */
const KEPT = 100;

/**
 * The one response view (README "Sending to your receiver"): a webview panel beside the editor,
 * opened without taking the focus and reused by every send and handshake. The page has no
 * script; its one link, Copy as cURL, is a command URI limited to that command.
 */
export class ResponseView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly shown: ResponseShown[] = [];
  private readonly emitter = new vscode.EventEmitter<ResponseShown>();
  /** Fires once the view has rendered an answer (or a failure). */
  readonly onDidShow = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [this.emitter, vscode.commands.registerCommand('alfredEvents.copyAsCurl', () => this.copyAsCurl())];
  }

  /** Renders `model` in the panel, opening it beside the active editor the first time. */
  show(model: ResponseShown): void {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        'alfredEvents.response',
        vscode.l10n.t('Response'),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: false, enableCommandUris: [COPY_AS_CURL], localResourceRoots: [], retainContextWhenHidden: false },
      );
      this.panel.onDidDispose(() => (this.panel = undefined));
    } else if (!this.panel.visible) {
      this.panel.reveal(this.panel.viewColumn, true);
    }
    this.panel.title = titleOf(model);
    this.panel.webview.html = responseHtml(model, nonce(), vscode.l10n);
    this.shown.push(model);
    if (this.shown.length > KEPT) this.shown.shift();
    this.emitter.fire(model);
  }

  /** The answers rendered, oldest first (the last is on screen). */
  responses(): readonly ResponseShown[] {
    return this.shown;
  }

  /**
   * Puts the request of the answer on screen on the clipboard as a curl command (core
   * curlCommand: the exact bytes sent), and returns it; undefined when nothing was sent yet.
   */
  async copyAsCurl(): Promise<string | undefined> {
    const last = this.shown.at(-1);
    if (!last) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing has been sent to a receiver yet.'));
      return undefined;
    }
    const { method, url, body } = last.request;
    const command = curlCommand({ url: new URL(url), method, body });
    await vscode.env.clipboard.writeText(command);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the request as a curl command'), 3000);
    return command;
  }

  dispose(): void {
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

function titleOf(model: ResponseShown): string {
  if (model.verdict) return model.verdict.ok ? vscode.l10n.t('Handshake passed') : vscode.l10n.t('Handshake failed');
  if (model.response) return vscode.l10n.t('Response: {0}', `${model.response.status} ${model.response.statusText}`.trim());
  return vscode.l10n.t('Response: no answer');
}
