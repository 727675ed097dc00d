import * as vscode from 'vscode';

/** Files read ahead of the one being worked on, and the largest read ahead (bounded memory). */
const AHEAD = 32;
const AHEAD_BYTES = 1024 * 1024;

/**
 * The files' bytes in order (undefined for one gone or unreadable since it was found). Each read
 * is a round trip to the file service; waiting for them one by one would take most of the time,
 * so small files are read ahead, and larger ones when their turn comes.
 */
export async function* readInOrder(files: readonly vscode.Uri[]): AsyncGenerator<[vscode.Uri, Uint8Array | undefined]> {
  const reads = new Map<number, Promise<Uint8Array | undefined | 'later'>>();
  for (const [i, uri] of files.entries()) {
    for (let k = i; k < Math.min(files.length, i + AHEAD); k++) if (!reads.has(k)) reads.set(k, readSmall(files[k]!));
    const ahead = await reads.get(i);
    reads.delete(i);
    yield [uri, ahead === 'later' ? await readBytes(uri) : ahead];
  }
}

async function readSmall(uri: vscode.Uri): Promise<Uint8Array | undefined | 'later'> {
  const n = await size(uri);
  if (n === undefined) return undefined;
  return n <= AHEAD_BYTES ? readBytes(uri) : 'later';
}

/** A file's bytes, or undefined when it is gone or unreadable. */
export async function readBytes(uri: vscode.Uri): Promise<Uint8Array | undefined> {
  try {
    return await vscode.workspace.fs.readFile(uri);
  } catch {
    return undefined;
  }
}

/** A file's size, or undefined when it is gone. */
export async function size(uri: vscode.Uri): Promise<number | undefined> {
  try {
    return (await vscode.workspace.fs.stat(uri)).size;
  } catch {
    return undefined;
  }
}
