import * as vscode from 'vscode';
import type { DeliveryFailure } from '../core/index';
import { checkTarget, chooseReceiver, failureSentence, senderOf, type Receiver } from './receiver-policy';
import { receiverSettingsFor, SECTION } from './settings';
import type { TeamConfigs } from './team-config';

export type { Receiver } from './receiver-policy';

/** What the prompt offers first: the loopback port most local web servers start on. */
export const PROMPT_URL = 'http://127.0.0.1:3000/';

/** The URL typed at the prompt, for the rest of this window: the user is asked once, not at every send. */
let answered: string | undefined;

/**
 * The receiver a send from `uri` goes to (README "Sending to your receiver"), or undefined when
 * nothing is to be sent: the workspace is untrusted (an error message says so, with a button to
 * manage trust), the URL is refused (an error message gives the reason), or the user dismissed the
 * prompt. The `alfredEvents.receiver.url` setting wins over the `receiver.url` of the document's
 * `.alfred-events.json`; without either, the user is asked (with `options.prompt`, the default),
 * and offered to save the answer in the workspace settings. `uri` names a document (its folder's
 * team file applies); for a folder, pass a file at its root; undefined uses the workspace's
 * settings and no team file. Every target is checked by the core's deliveryTarget before anything
 * is sent; the state URL (the team's `receiver.stateUrl`) too, when there is one.
 */
export async function resolveReceiver(uri: vscode.Uri | undefined, configs: TeamConfigs, options: { prompt: boolean } = { prompt: true }): Promise<Receiver | undefined> {
  if (!guardTrust()) return undefined;
  const settings = receiverSettingsFor(uri);
  const team = uri ? (await configs.settings(uri)).receiver : undefined;
  const choice = chooseReceiver({ trusted: vscode.workspace.isTrusted, settingUrl: settings.url, settingAllowRemote: settings.allowRemote, team, answered }, vscode.l10n);
  if ('receiver' in choice) return choice.receiver;
  if ('refused' in choice) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Not sent: {0}', choice.refused));
    return undefined;
  }
  if ('untrusted' in choice || !options.prompt) return undefined;
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Alfred: Receiver URL'),
    prompt: vscode.l10n.t('Where to deliver: your webhook receiver (this machine unless alfredEvents.receiver.allowRemote is set). Set alfredEvents.receiver.url, or receiver.url in .alfred-events.json, to skip this question.'),
    value: PROMPT_URL,
    ignoreFocusOut: true,
    validateInput: (value) => {
      const target = checkTarget(value.trim(), choice.allowRemote, vscode.l10n);
      return 'error' in target ? target.error : undefined;
    },
  });
  if (text === undefined) return undefined;
  const target = checkTarget(text.trim(), choice.allowRemote, vscode.l10n);
  if ('error' in target) return undefined;
  answered = text.trim();
  offerToSave(answered);
  return { url: target.url, allowRemote: choice.allowRemote, from: 'prompt' };
}

/** Offers, without waiting for an answer, to keep the URL in the workspace's `alfredEvents.receiver.url`. */
function offerToSave(url: string): void {
  if (!vscode.workspace.workspaceFolders?.length) return;
  const save = vscode.l10n.t('Save in Workspace Settings');
  void vscode.window.showInformationMessage(vscode.l10n.t('Deliver to {0} from now on in this workspace?', url), save).then(async (pick) => {
    if (pick === save) await vscode.workspace.getConfiguration(`${SECTION}.receiver`).update('url', url, vscode.ConfigurationTarget.Workspace);
  });
}

/**
 * Whether anything may be sent: only from a trusted workspace (a repository's settings or team
 * file must not make the editor post its documents somewhere). When not, shows an error message
 * whose button opens Manage Workspace Trust, and answers false at once.
 */
export function guardTrust(): boolean {
  if (vscode.workspace.isTrusted) return true;
  const manage = vscode.l10n.t('Manage Workspace Trust');
  void vscode.window.showErrorMessage(vscode.l10n.t('Nothing is sent to a receiver from an untrusted workspace: trust it first.'), manage).then((pick) => {
    if (pick === manage) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}

/** One sentence for a delivery that got no answer; in VS Code for the Web, what the browser needs from the receiver. */
export function describeFailure(failure: DeliveryFailure, url: URL): string {
  return failureSentence(failure, url, senderOf(globalThis), vscode.l10n);
}

