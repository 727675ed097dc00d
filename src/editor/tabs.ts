import * as vscode from 'vscode';

/**
 * The documents a tab shows: a text tab (preview or not) or a custom editor its one, a diff both
 * sides, a merge editor its inputs and result, a notebook (or its diff, or an interactive
 * window) its cells; webviews and terminals none. Read off whatever addresses the input holds,
 * since the 1.91 API types only some kinds of input (the merge editor's is a proposal there).
 */
export function urisOf(tab: vscode.Tab): vscode.Uri[] {
  const input = tab.input;
  if (typeof input !== 'object' || input === null) return [];
  return Object.values(input).filter((v): v is vscode.Uri => v instanceof vscode.Uri).flatMap(withCells);
}

/** The address, and the cells' when it is an open notebook's. */
function withCells(uri: vscode.Uri): vscode.Uri[] {
  const key = uri.toString();
  const notebook = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === key);
  return [uri, ...(notebook?.getCells().map((c) => c.document.uri) ?? [])];
}

/** Whether any tab, of any kind, in any group shows the document at `uri`. */
export function isShown(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => urisOf(t).some((u) => u.toString() === key)));
}

export interface TabHandlers {
  /** A new tab shows the document (it may have been shown already). */
  shown(uri: vscode.Uri): void;
  /** No tab shows the document any more. */
  hidden(uri: vscode.Uri): void;
  /** The closed tabs' documents have been looked at (`pending` is false again). */
  swept?(): void;
}

/**
 * Follows which documents the tabs show, whatever their kind. Whether a closed tab's document is
 * still shown is decided once the burst of tab changes is over (a macrotask later): VS Code closes
 * a preview tab before it opens the diff that replaces it, and that document never stops being
 * shown.
 */
export class TabWatch implements vscode.Disposable {
  private readonly closed = new Map<string, vscode.Uri>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly handlers: TabHandlers) {
    this.subscription = vscode.window.tabGroups.onDidChangeTabs((e) => {
      for (const tab of e.opened) for (const uri of urisOf(tab)) handlers.shown(uri);
      for (const tab of e.closed) for (const uri of urisOf(tab)) this.closed.set(uri.toString(), uri);
      if (this.closed.size > 0 && this.timer === undefined) this.timer = setTimeout(() => this.sweep(), 0);
    });
  }

  /** Whether closed tabs' documents are still to be looked at. */
  get pending(): boolean {
    return this.timer !== undefined;
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.subscription.dispose();
  }

  private sweep(): void {
    this.timer = undefined;
    const uris = [...this.closed.values()];
    this.closed.clear();
    for (const uri of uris) if (!isShown(uri)) this.handlers.hidden(uri);
    this.handlers.swept?.();
  }
}
