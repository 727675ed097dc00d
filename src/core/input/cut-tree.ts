import { visit, type Node, type ParseError, type ParseOptions } from 'jsonc-parser';

/**
 * Which containers keep no children: called with a container's offset and its depth (1 for the
 * top-level value); true makes the node (type, offset, length) but nothing inside it.
 */
export type Cut = (offset: number, depth: number) => boolean;

/** A Node while it is built (jsonc-parser's Node is read-only). */
type Building = { -readonly [K in keyof Node]: Node[K] } & { parent?: Building; children?: Building[] };

/**
 * jsonc-parser's parseTree, node for node (same offsets, lengths, recovery and errors), but the
 * containers `cut` names are made without their insides. A capture (input/capture.ts) is one JSON
 * document of tens of MB whose parts are read only down to each payload's span; a whole tree of it
 * takes about nine times the text's size (README "Captures made before"). The errors are every
 * error of the whole text, inside cut containers too, as parseTree's.
 */
export function parseTreeCut(text: string, errors: ParseError[], options: ParseOptions, cut: Cut): Node | undefined {
  // The artificial root, as parseTree's: the top-level value is its child.
  let parent: Building = { type: 'array', offset: -1, length: -1, children: [] };
  let depth = 0;
  // Depth of the cut container being skipped through, 0 when none.
  let skipping = 0;
  const complete = (end: number): void => {
    if (parent.type === 'property') {
      parent.length = end - parent.offset;
      parent = parent.parent!;
    }
  };
  const add = (node: Building): Building => {
    parent.children!.push(node);
    return node;
  };
  const begin = (type: 'object' | 'array', offset: number): void => {
    depth++;
    if (skipping) return;
    parent = add({ type, offset, length: -1, parent, children: [] });
    if (cut(offset, depth)) skipping = depth;
  };
  const end = (offset: number, length: number): void => {
    const was = depth--;
    if (skipping && was > skipping) return;
    if (skipping === was) skipping = 0;
    complete(offset + length);
    parent.length = offset + length - parent.offset;
    parent = parent.parent!;
    complete(offset + length);
  };
  visit(
    text,
    {
      onObjectBegin: (offset) => begin('object', offset),
      onObjectProperty: (name, offset, length) => {
        if (skipping) return;
        parent = add({ type: 'property', offset, length: -1, parent, children: [] });
        parent.children!.push({ type: 'string', value: name, offset, length, parent });
      },
      onObjectEnd: end,
      onArrayBegin: (offset) => begin('array', offset),
      onArrayEnd: end,
      onLiteralValue: (value: unknown, offset, length) => {
        if (skipping) return;
        add({ type: value === null ? 'null' : (typeof value as 'string' | 'number' | 'boolean'), offset, length, parent, value });
        complete(offset + length);
      },
      onSeparator: (sep, offset) => {
        if (skipping || parent.type !== 'property') return;
        if (sep === ':') parent.colonOffset = offset;
        else if (sep === ',') complete(offset);
      },
      onError: (error, offset, length) => {
        errors.push({ error, offset, length });
      },
    },
    options,
  );
  const root = parent.children![0];
  if (root) delete root.parent;
  return root;
}
