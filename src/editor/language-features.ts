import * as vscode from 'vscode';
import { complete, hoverAt, logHead, outline, OUTLINE_MAX_RECORDS as MAX_RECORDS, type Candidate, type DocumentMode, type OutlineItem } from '../core/index';
import { linesOf, modeWith, rangeOf, scopeAt, SELECTOR } from './documents';
import type { TeamConfigs } from './team-config';

const ITEM_KIND: Record<Candidate['kind'], vscode.CompletionItemKind> = {
  event: vscode.CompletionItemKind.EnumMember,
  value: vscode.CompletionItemKind.Value,
  property: vscode.CompletionItemKind.Property,
  payload: vscode.CompletionItemKind.Snippet,
};

const SYMBOL_KIND: Record<OutlineItem['kind'], vscode.SymbolKind> = {
  job: vscode.SymbolKind.Module,
  event: vscode.SymbolKind.Event,
  object: vscode.SymbolKind.Object,
  array: vscode.SymbolKind.Array,
  string: vscode.SymbolKind.String,
  number: vscode.SymbolKind.Number,
  boolean: vscode.SymbolKind.Boolean,
  null: vscode.SymbolKind.Null,
  property: vscode.SymbolKind.Property,
};

/**
 * Completion, hover and outline: thin adapters over the core. Whether a plain JSON document is a
 * payload is decided as the diagnostics decide it: by the team configuration's `detect` when it
 * has one, else the `alfredEvents.detection.plainJson` setting (README "Team configuration").
 */
export function registerLanguageFeatures(configs: TeamConfigs): vscode.Disposable {
  const modeOf = async (doc: vscode.TextDocument): Promise<DocumentMode | undefined> => modeWith(doc, (await configs.settings(doc.uri)).plainJson);
  return vscode.Disposable.from(
    vscode.languages.registerCompletionItemProvider(SELECTOR, { provideCompletionItems: async (doc, pos) => completions(doc, pos, await modeOf(doc)) }, '"', ':'),
    vscode.languages.registerHoverProvider(SELECTOR, { provideHover: async (doc, pos) => hover(doc, pos, await modeOf(doc)) }),
    vscode.languages.registerDocumentSymbolProvider(SELECTOR, { provideDocumentSymbols: async (doc) => symbols(doc, await modeOf(doc)) }, { label: 'Alfred Events' }),
  );
}

function completions(doc: vscode.TextDocument, pos: vscode.Position, detected: DocumentMode | undefined): vscode.CompletionItem[] | undefined {
  const mode = detected ?? emptyDocumentMode(doc);
  if (!mode) return undefined;
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
  const indent = editor && editor.options.insertSpaces === false ? '\t' : Number(editor?.options.tabSize ?? 2);
  const { text, base } = scopeAt(doc, mode, pos.line);
  return complete(text, doc.offsetAt(pos) - base, { mode, indent }).map((c) => {
    const item = new vscode.CompletionItem(c.label, ITEM_KIND[c.kind]);
    item.insertText = c.snippet ? new vscode.SnippetString(c.insertText) : c.insertText;
    item.range = rangeOf(doc, base + c.range.offset, c.range.length);
    if (c.additionalEdits) item.additionalTextEdits = c.additionalEdits.map((e) => vscode.TextEdit.replace(rangeOf(doc, base + e.offset, e.length), e.newText));
    if (c.detail) item.detail = c.detail;
    if (c.documentation) item.documentation = new vscode.MarkdownString(c.documentation);
    if (c.filterText) item.filterText = c.filterText;
    if (c.sortText) item.sortText = c.sortText;
    if (c.preselect) item.preselect = true;
    return item;
  });
}

/** An empty payload file has no content to detect yet; our own languages still get skeletons. */
function emptyDocumentMode(doc: vscode.TextDocument): 'document' | undefined {
  return doc.getText().trim() === '' && doc.languageId === 'alfred-event' ? 'document' : undefined;
}

function hover(doc: vscode.TextDocument, pos: vscode.Position, mode: DocumentMode | undefined): vscode.Hover | undefined {
  if (!mode) return undefined;
  const { text, base } = scopeAt(doc, mode, pos.line);
  const h = hoverAt(text, doc.offsetAt(pos) - base, mode);
  return h ? new vscode.Hover(new vscode.MarkdownString(h.markdown), rangeOf(doc, base + h.offset, h.length)) : undefined;
}

function symbols(doc: vscode.TextDocument, mode: DocumentMode | undefined): vscode.DocumentSymbol[] | undefined {
  if (!mode) return undefined;
  const convert = (i: OutlineItem): vscode.DocumentSymbol => {
    const s = new vscode.DocumentSymbol(
      i.name || ' ',
      i.detail,
      SYMBOL_KIND[i.kind],
      rangeOf(doc, i.offset, i.length),
      rangeOf(doc, i.selectionOffset, i.selectionLength),
    );
    s.children = i.children.map(convert);
    return s;
  };
  if (mode !== 'log') return outline(doc.getText(), mode).map(convert);
  // The outline lists a log's first records only, so only their lines are read, one by one from
  // the document (a long log is tens of MB; it is asked for as soon as a log opens).
  const { head, records } = logHead(linesOf(doc), MAX_RECORDS);
  return outline(head, mode, records).map(convert);
}

