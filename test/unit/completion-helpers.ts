import { parse, type ParseError } from 'jsonc-parser';
import { applyEdits, complete, type Candidate, type DocumentMode, type Fresh } from '../../src/core/index';

export const FRESH: Fresh = { uuid: () => '00000000-0000-4000-8000-000000000000', now: () => new Date('2024-06-07T16:00:00.500Z') };

/** Completion at the `|` of a text. */
export function at(marked: string, mode?: DocumentMode): { text: string; items: Candidate[] } {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { text, items: complete(text, offset, { mode, fresh: FRESH }) };
}

/**
 * A snippet as the editor inserts it when the user accepts it at once: each placeholder its
 * default, each choice its first option, tab stops empty (the TextMate snippet syntax VS Code uses).
 */
export function plainText(c: Candidate): string {
  if (!c.snippet) return c.insertText;
  return c.insertText
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\{\d+:((?:\\.|[^}])*)\}/g, (_m, d: string) => d.replace(/\\(.)/g, '$1'))
    .replace(/\$\d+/g, '');
}

/** The text after accepting a candidate: its range replaced, its additional edits made. */
export function accept(text: string, c: Candidate): string {
  return applyEdits(text, [{ offset: c.range.offset, length: c.range.length, newText: plainText(c) }, ...(c.additionalEdits ?? [])]);
}

/**
 * Syntax errors of JSON as ECMA-404 defines it (no comments, no trailing comma), as jsonc-parser
 * counts them; a log's are those of its non-blank lines, each one JSON text.
 */
export function syntaxErrors(text: string, mode?: DocumentMode): number {
  const texts = mode === 'log' ? text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '') : [text];
  let n = 0;
  for (const t of texts) {
    const errors: ParseError[] = [];
    parse(t, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    n += errors.length;
  }
  return n;
}

/** Line breaks as VS Code counts them: \n, \r\n and a lone \r. */
export function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}
