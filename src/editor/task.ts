import * as vscode from 'vscode';

const TYPE = 'alfred-events';

interface AlfredTaskDefinition extends vscode.TaskDefinition {
  paths: string[];
}

/**
 * A task that runs the bundled CLI over the workspace, with a problem matcher, so the same
 * checks as CI show in the Problems panel. It runs the extension host's own Node (Electron's,
 * as Node, on the desktop): nothing needs to be installed.
 */
export function registerTask(context: vscode.ExtensionContext): vscode.Disposable {
  const cli = vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath;
  const make = (folder: vscode.WorkspaceFolder, def: AlfredTaskDefinition): vscode.Task => {
    const exec = new vscode.ProcessExecution(process.execPath, [cli, 'validate', ...def.paths], {
      cwd: folder.uri.fsPath,
      env: { ELECTRON_RUN_AS_NODE: '1' },
    });
    const task = new vscode.Task(def, folder, vscode.l10n.t('validate payloads'), 'Alfred', exec, ['$alfred-events']);
    task.group = vscode.TaskGroup.Test;
    return task;
  };
  return vscode.tasks.registerTaskProvider(TYPE, {
    provideTasks: () =>
      (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => make(f, { type: TYPE, paths: ['.'] })),
    resolveTask: (task) => {
      const def = task.definition as AlfredTaskDefinition;
      const folder = task.scope;
      if (def.type !== TYPE || typeof folder !== 'object' || !Array.isArray(def.paths)) return undefined;
      return make(folder, def);
    },
  });
}
