/**
 * The editor's decisions about sending, kept free of the vscode module so that unit tests can
 * put any trust state, setting and team file to them (README "Sending to your receiver"):
 * which receiver a send goes to, whether anything may be sent at all, and what to say when the
 * browser could not reach it.
 */
import { deliveryTarget, type DeliveryFailure, type TeamConfig } from '../core/index';

/**
 * The translator of messages: vscode.l10n in the extension (so the strings below are gathered
 * into l10n/bundle.l10n.json like the rest), plain English with `{0}` filled in elsewhere.
 */
export interface L10n {
  t(message: string, ...args: (string | number)[]): string;
}

export const ENGLISH: L10n = { t: (message, ...args) => message.replace(/\{(\d+)\}/g, (m, i: string) => String(args[Number(i)] ?? m)) };

/** Where a send may go: the checked URL (and state URL), whether remote targets are allowed, and which setting named it. */
export interface Receiver {
  url: URL;
  stateUrl?: URL;
  allowRemote: boolean;
  /** Where the URL came from, for messages: the setting, the team file, or the user's answer to the prompt. */
  from: 'setting' | 'team' | 'prompt';
}

/** What the editor knows when a send starts. */
export interface ReceiverInputs {
  /** `vscode.workspace.isTrusted`. */
  trusted: boolean;
  /** The `alfredEvents.receiver.url` setting for the document ("" when unset). */
  settingUrl: string;
  /** The `alfredEvents.receiver.allowRemote` setting for the document. */
  settingAllowRemote: boolean;
  /** The `receiver` key of the document's team configuration, if any. */
  team?: TeamConfig['receiver'];
  /** A URL the user typed at the prompt earlier in this window, if any. */
  answered?: string;
}

/** The decision: send to a receiver, ask the user for a URL, refuse (with one sentence), or nothing at all (untrusted). */
export type ReceiverChoice = { receiver: Receiver } | { ask: true; allowRemote: boolean } | { refused: string } | { untrusted: true };

/**
 * Decides where a send goes. Nothing at all in an untrusted workspace. Otherwise the URL of the
 * `alfredEvents.receiver.url` setting wins, else the team file's `receiver.url`, else what the user
 * typed at the prompt earlier, else the user is asked. Remote targets are allowed when the setting
 * `alfredEvents.receiver.allowRemote` or the team file's `receiver.allowRemote` is true. The
 * team's `stateUrl` goes only with the team's own `url` (not with the setting's or a typed URL,
 * which may be another receiver). The URL and that `stateUrl` are checked as the CLI checks `--to` (deliveryTarget: WHATWG URL, http: or
 * https:, loopback unless allowed); a refusal names the URL's origin and how to allow it.
 */
export function chooseReceiver(inputs: ReceiverInputs, l10n: L10n = ENGLISH): ReceiverChoice {
  if (!inputs.trusted) return { untrusted: true };
  const allowRemote = inputs.settingAllowRemote || inputs.team?.allowRemote === true;
  const setting = inputs.settingUrl.trim();
  const [text, from] = setting ? [setting, 'setting' as const] : inputs.team?.url ? [inputs.team.url, 'team' as const] : inputs.answered ? [inputs.answered, 'prompt' as const] : [];
  if (text === undefined || from === undefined) return { ask: true, allowRemote };
  const where = from === 'setting' ? l10n.t('the alfredEvents.receiver.url setting') : from === 'team' ? l10n.t('receiver.url of .alfred-events.json') : l10n.t('the URL you entered');
  const target = checkTarget(text, allowRemote, l10n);
  if ('error' in target) return { refused: l10n.t('{0} ({1})', target.error, where) };
  const receiver: Receiver = { url: target.url, allowRemote, from };
  // As the CLI's: the state URL describes the file's own receiver, so it goes only with that URL
  // (README "Delivering to your receiver", "Which receiver").
  if (from === 'team' && inputs.team?.stateUrl) {
    const state = checkTarget(inputs.team.stateUrl, allowRemote, l10n);
    if ('error' in state) return { refused: l10n.t('{0} ({1})', state.error, l10n.t('receiver.stateUrl of .alfred-events.json')) };
    receiver.stateUrl = state.url;
  }
  return { receiver };
}

/**
 * A delivery target checked as the core's deliveryTarget checks it, with the editor's words for
 * a remote host: the CLI's `--allow-remote` is the setting or the team file's key here.
 */
export function checkTarget(text: string, allowRemote: boolean, l10n: L10n = ENGLISH): { url: URL } | { error: string } {
  const target = deliveryTarget(text, allowRemote);
  if (!('error' in target)) return target;
  const anyHost = deliveryTarget(text, true);
  if ('error' in anyHost) return target;
  return { error: l10n.t('{0} is not a loopback address (127.0.0.0/8, ::1, localhost); set alfredEvents.receiver.allowRemote (or receiver.allowRemote in .alfred-events.json) to deliver to it', anyHost.url.host) };
}

/** Where the request was sent from: the extension host in Node, or a browser (VS Code for the Web) whose page is https: or not. */
export type Sender = { browser: false } | { browser: true; secure: boolean };

/** The globals senderOf reads: `globalThis` in the extension, a stub in tests. */
export interface SenderGlobals {
  process?: { versions?: { node?: string } };
  location?: { origin?: string };
  isSecureContext?: boolean;
}

/**
 * Who makes the request: the extension host in Node (the desktop, code-server, Codespaces), or a
 * browser's web worker (vscode.dev), where CORS and mixed content apply. Decided by the runtime,
 * not by `env.uiKind`, which is Web in code-server too though its requests leave from Node. The
 * web extension host runs in a worker loaded from a `blob:` URL, so `location.protocol` is
 * `blob:` there: the page's scheme is that of `location.origin` (a blob: URL's origin is its
 * creator's, WHATWG URL §6.4), else the worker's `isSecureContext`.
 */
export function senderOf(g: SenderGlobals): Sender {
  if (g.process?.versions?.node) return { browser: false };
  const origin = g.location?.origin;
  if (origin && origin !== 'null') return { browser: true, secure: origin.startsWith('https:') };
  return { browser: true, secure: g.isSecureContext === true };
}

/**
 * One sentence for a delivery that got no answer. From a browser, a `network` failure is all the
 * browser will say ("Failed to fetch"), whatever the cause: it is explained with what the
 * receiver must do for a page to reach it (CORS, mixed content, Private Network Access).
 * Elsewhere the core's sentence stands.
 */
export function failureSentence(failure: DeliveryFailure, url: URL, sender: Sender, l10n: L10n = ENGLISH): string {
  if (failure.failure !== 'network' || !sender.browser) return failure.message;
  const parts = [
    l10n.t('The browser could not reach {0}: the receiver is down, or the browser blocked the request (browsers do not say which).', url.origin),
    l10n.t('In VS Code for the Web the browser sends the request, so the receiver must allow the origin of this page (CORS): answer the preflight OPTIONS request with Access-Control-Allow-Origin (that origin, or *) and Access-Control-Allow-Headers: content-type.'),
  ];
  // Browsers treat http://localhost and http://127.0.0.1 as secure (W3C Secure Contexts §3.2); any other http: URL from an https: page is blocked mixed content.
  if (sender.secure && url.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
    parts.push(l10n.t('This page is https: and {0} is http:, which browsers block as mixed content: serve the receiver over https:, or use http://localhost or http://127.0.0.1.', url.origin));
  }
  parts.push(l10n.t('Chrome may also ask the receiver for Private Network Access: answer that preflight with Access-Control-Allow-Private-Network: true.'));
  return parts.join(' ');
}
