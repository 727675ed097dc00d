/**
 * Redaction of a document or a log (README, "Redacting"): the string values that hold secrets,
 * personal data or ids are rewritten, and nothing else. Each changed value's JSON text is
 * replaced by `JSON.stringify` of its new value; every other byte (formatting, key order, escapes
 * in other strings, line endings, a BOM) stays as it was.
 */
import type { Node } from 'jsonc-parser';
import { isUrlVerification } from '../checks/check-payload';
import { secretSpans } from '../checks/secrets';
import { applyEdits, type TextEdit } from '../features/edits';
import { parseRecord } from '../input/parse';
import { toPointer } from '../input/pointer';
import { recordSpans, withoutBom, type RecordSpan } from '../input/record';
import { isPrettyDocument } from '../pipeline/validate';
import type { DocumentMode } from '../types';
import { freeTextAt, replaceEmbeddedIds, roleOf } from './fields';
import { replaceSpans } from './placeholders';
import { Pseudonyms } from './pseudonym';

export interface RedactOptions {
  /** A payload document, or a log of one record per line. */
  mode: DocumentMode;
  /** The key of the id and user-name pseudonyms: the same salt gives the same pseudonyms. */
  salt: string;
  /** Only the string value at this UTF-16 offset (its quotes included): the quick fix "Redact this value". */
  only?: { offset: number };
  /** Pseudonyms of `salt` made before, shared by the calls of one run (the CLI's chunks and files). */
  pseudonyms?: Pseudonyms;
}

export interface Redaction {
  /** The redacted text. */
  text: string;
  /** One edit per changed string value, in text order, UTF-16 offsets into the input. */
  edits: TextEdit[];
  /** How many string values were changed. */
  redacted: number;
  /** Records left as they are because they are not JSON (a syntax error). */
  skipped: number;
}

/**
 * Redacts `text`: in each record that is JSON (a log's every line; a pretty-printed document
 * saved as a log is read as the one document it is), ids and `user_name` become pseudonyms under
 * `salt`, and secrets and personal data placeholders, as placeholders.ts and pseudonym.ts say.
 * Records that are not JSON are skipped and counted. Idempotent: its output redacts to itself.
 * With `only`, just the string value at that offset is redacted, and `skipped` is 0.
 */
export function redactText(text: string, options: RedactOptions): Redaction {
  const src = withoutBom(text);
  const pseudonyms = options.pseudonyms?.salt === options.salt ? options.pseudonyms : new Pseudonyms(options.salt);
  let spans = recordSpans(src, options.mode);
  if (options.mode === 'log' && isPrettyDocument(src, spans)) spans = [{ start: 0, end: src.length }];
  const only = options.only?.offset;
  if (only !== undefined) spans = spans.filter((s) => only >= s.start && only <= s.end).slice(0, 1);
  const edits: TextEdit[] = [];
  let skipped = 0;
  for (const span of spans) {
    const root = parseRecord(src, span.start, span.end).root;
    if (!root) {
      if (only === undefined) skipped++;
      continue;
    }
    redactRecord(span, root, { pseudonyms, only, edits });
  }
  return { text: edits.length === 0 ? text : applyEdits(text, edits), edits, redacted: edits.length, skipped };
}

interface Walk {
  pseudonyms: Pseudonyms;
  only: number | undefined;
  edits: TextEdit[];
}

/** A record is its strings: walked in text order, each changed one an edit. */
function redactRecord(span: RecordSpan, root: Node, walk: Walk): void {
  const path: (string | number)[] = [];
  // The URL verification body is judged as the checks judge it (its token is the credential).
  const handshake = root.type === 'object' && isUrlVerification(topMembers(root));
  const visit = (node: Node): void => {
    if (node.type === 'object') {
      for (const prop of node.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (!key || !value) continue;
        path.push(String(key.value));
        visit(value);
        path.pop();
      }
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((item, i) => {
        path.push(i);
        visit(item);
        path.pop();
      });
    } else if (node.type === 'string') {
      const offset = span.start + node.offset;
      if (walk.only !== undefined && (walk.only < offset || walk.only > offset + node.length)) return;
      const value = String(node.value);
      const next = redactValue(value, path, handshake, walk);
      if (next !== value) walk.edits.push({ offset, length: node.length, newText: JSON.stringify(next) });
    }
  };
  visit(root);
}

/** The redacted form of one string value at `path` (the value itself when nothing is to redact). */
function redactValue(value: string, path: readonly (string | number)[], handshake: boolean, walk: Walk): string {
  const role = roleOf(path, handshake);
  if (role === 'id') return walk.pseudonyms.id(value);
  if (role === 'user') return walk.pseudonyms.user(value);
  const last = path[path.length - 1];
  const field = { key: typeof last === 'string' ? last : '', pointer: toPointer(path), freeText: freeTextAt(path, handshake) };
  const clean = replaceSpans(value, secretSpans(value, field));
  // "This value" is a secret the user pointed at; ids inside text go with the whole file.
  return walk.only !== undefined ? clean : replaceEmbeddedIds(clean, (id) => walk.pseudonyms.id(id));
}

/**
 * An object's members as much as isUrlVerification looks at them: strings as they are, other
 * values by their type's name, which no string test can take for a string (the last of repeated
 * keys wins, as in JSON.parse).
 */
function topMembers(root: Node): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const prop of root.children ?? []) {
    const [key, value] = prop.children ?? [];
    if (key && value) Object.defineProperty(out, String(key.value), { value: value.type === 'string' ? value.value : { type: value.type }, enumerable: true, configurable: true, writable: true });
  }
  return out;
}
