import * as vscode from 'vscode';
import { fixAll, fixesFor, redactText, REDACT_RULES, type Diagnostic, type DocumentMode, type TextEdit } from '../core/index';
import { codeOf } from './convert';
import type { DiagnosticsController } from './diagnostics';
import { modeWith, rangeOf, scopeAt, SELECTOR } from './documents';
import type { TeamConfigs } from './team-config';

const FIX_ALL = vscode.CodeActionKind.SourceFixAll.append('alfredEvents');

/**
 * Quick fixes for our diagnostics (each found for its own finding), "fix all of this kind", and
 * `source.fixAll.alfredEvents` for the fixes that are certain. Every fix is a workspace edit,
 * so the user sees it and can undo it.
 */
export function registerCodeActions(diagnostics: DiagnosticsController, configs: TeamConfigs): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(SELECTOR, new Provider(diagnostics, configs), {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL],
  });
}

/** "Fix all of one kind in this file": its edits are worked out only if the user picks it. */
class FixAllOfKind extends vscode.CodeAction {
  constructor(readonly doc: vscode.TextDocument, readonly mode: DocumentMode, readonly code: string) {
    super(vscode.l10n.t('Fix all {0} problems in this file', code), vscode.CodeActionKind.QuickFix);
  }
}

/**
 * "Redact all secrets and personal data in this file" (README "In the editor"): worked out only
 * if the user picks it, over the whole document, ids pseudonymised under a salt of its own.
 */
class RedactAll extends vscode.CodeAction {
  constructor(readonly doc: vscode.TextDocument, readonly mode: DocumentMode) {
    super(vscode.l10n.t('Redact all secrets and personal data in this file'), vscode.CodeActionKind.QuickFix);
  }
}

class Provider implements vscode.CodeActionProvider<vscode.CodeAction> {
  constructor(private readonly diagnostics: DiagnosticsController, private readonly configs: TeamConfigs) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, ctx: vscode.CodeActionContext): vscode.CodeAction[] | Promise<vscode.CodeAction[]> {
    if (ctx.only && FIX_ALL.contains(ctx.only) || ctx.only?.contains(FIX_ALL)) return this.fixAll(doc);
    // The live check decided whether the document is ours, under its configuration, and how to read it.
    const result = this.diagnostics.result(doc.uri);
    if (!result || result.version !== doc.version) return [];
    const mode = result.mode;
    // Two problems at one place (two missing fields of one object, say) each offer their own
    // fixes; a fix that several of them offer alike ("Add all 2 missing fields") is offered once,
    // for all of them. Alike means the same title at the same place, not the same edits: those
    // may hold fresh placeholders (a new UUID each time).
    const offered = new Map<string, vscode.CodeAction>();
    const kinds = new Set<string>();
    for (const [vd, d] of findings(result.diagnostics, ctx.diagnostics)) {
      // Asked at each cursor move: in a log, only the diagnostic's line (its record) is read.
      const { text, base } = scopeAt(doc, mode, d.range.start.line);
      for (const f of fixesFor(text, { ...d, offset: d.offset - base }, { mode })) {
        const edits = f.edits.map((e) => ({ ...e, offset: e.offset + base }));
        const key = JSON.stringify([f.title, d.offset, d.length]);
        const same = offered.get(key);
        if (same) {
          same.diagnostics!.push(vd);
          if (f.isPreferred) same.isPreferred = true;
          continue;
        }
        const a = action(doc, f.title, vscode.CodeActionKind.QuickFix, edits);
        a.diagnostics = [vd];
        if (f.isPreferred) a.isPreferred = true;
        offered.set(key, a);
      }
      kinds.add(d.code);
    }
    const out = [...offered.values()];
    for (const code of ['string-encoded-value', 'invalid-uuid']) {
      if (kinds.has(code) && result.diagnostics.filter((d) => d.code === code).length > 1) out.push(new FixAllOfKind(doc, mode, code));
    }
    if ([...kinds].some((code) => REDACT_RULES.has(code))) out.push(new RedactAll(doc, mode));
    return out;
  }

  /** `source.fixAll.alfredEvents`: the safe fixes, under the document's effective rules (a rule switched off is left alone). */
  private async fixAll(doc: vscode.TextDocument): Promise<vscode.CodeAction[]> {
    const settings = await this.configs.settings(doc.uri);
    const mode = settings.inScope ? modeWith(doc, settings.plainJson) : undefined;
    if (!mode || doc.isClosed) return [];
    const edits = fixAll(doc.getText(), { mode, rules: settings.rules });
    return edits.length > 0 ? [action(doc, vscode.l10n.t('Fix all safe Alfred problems'), FIX_ALL, edits)] : [];
  }

  async resolveCodeAction(a: vscode.CodeAction): Promise<vscode.CodeAction> {
    if (a instanceof RedactAll) {
      // One WorkspaceEdit of all the values, so one undo takes it back. A fresh salt each time:
      // the pseudonyms link the file's records to one another, never to another redaction.
      if (a.doc.isClosed) return a;
      const { edits } = redactText(a.doc.getText(), { mode: a.mode, salt: globalThis.crypto.randomUUID() });
      return edits.length > 0 ? Object.assign(a, { edit: action(a.doc, a.title, a.kind!, edits).edit }) : a;
    }
    if (!(a instanceof FixAllOfKind) || a.doc.isClosed) return a;
    const { rules } = await this.configs.settings(a.doc.uri);
    const edits = fixAll(a.doc.getText(), { mode: a.mode, only: a.code, rules });
    return edits.length > 0 ? Object.assign(a, { edit: action(a.doc, a.title, a.kind!, edits).edit }) : a;
  }
}

/**
 * Each of our diagnostics the editor asks about, paired with the finding it shows. The 1.91 API
 * carries no key on a diagnostic, and several findings may share a range and a code (every
 * member an object lacks is reported on its opening brace): the message tells them apart, and
 * findings alike in all three are paired in order, each used once.
 */
function findings(all: readonly Diagnostic[], shown: readonly vscode.Diagnostic[]): [vscode.Diagnostic, Diagnostic][] {
  const used = new Set<Diagnostic>();
  const out: [vscode.Diagnostic, Diagnostic][] = [];
  for (const vd of shown) {
    const code = codeOf(vd);
    const r = vd.range;
    const d = code === undefined ? undefined : all.find((x) => !used.has(x) && x.code === code && x.message === vd.message
      && x.range.start.line === r.start.line && x.range.start.character === r.start.character
      && x.range.end.line === r.end.line && x.range.end.character === r.end.character);
    if (!d) continue;
    used.add(d);
    out.push([vd, d]);
  }
  return out;
}

function action(doc: vscode.TextDocument, title: string, kind: vscode.CodeActionKind, edits: readonly TextEdit[]): vscode.CodeAction {
  const a = new vscode.CodeAction(title, kind);
  a.edit = new vscode.WorkspaceEdit();
  for (const e of edits) a.edit.replace(doc.uri, rangeOf(doc, e.offset, e.length), e.newText);
  return a;
}
