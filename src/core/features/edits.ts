import type { Node } from 'jsonc-parser';

/** A change to the text: replace `length` code units at `offset` by `newText`. */
export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

/**
 * Edits on JSON objects that keep the user's formatting: indentation, line endings, and the
 * compact one-line style of log records. `src` is the record's text; offsets returned are
 * relative to it (callers shift them).
 */
export class JsonEditor {
  private readonly eol: string;

  constructor(private readonly src: string) {
    // A lone \r breaks lines too (positions.ts counts it): a file written with it keeps it.
    this.eol = src.includes('\r\n') ? '\r\n' : !src.includes('\n') && src.includes('\r') ? '\r' : '\n';
  }

  /** Inserts `"key": value` into an object, before the member named `before` when given. */
  insertMember(obj: Node, key: string, valueText: string, before?: Node): TextEdit {
    const props = obj.children ?? [];
    const oneLine = !/[\r\n]/.test(this.src.slice(obj.offset, obj.offset + obj.length));
    const colon = this.colonStyle(props[0]);
    const member = `${JSON.stringify(key)}${colon}${valueText}`;
    if (props.length === 0) return this.fillEmpty(obj, [[key, valueText]]);
    const sep = oneLine ? this.commaStyle(props, colon) : `,${this.eol}${this.indentOf(props[0]!.offset)}`;
    if (before) {
      // "key": value, ⏎ indent  — then the member that was there.
      return { offset: before.offset, length: 0, newText: member + sep };
    }
    const last = props[props.length - 1]!;
    return { offset: last.offset + last.length, length: 0, newText: sep + member };
  }

  /**
   * Fills an empty object with members (key, value text), as one edit. Inserting them one at a
   * time cannot work there: each such edit replaces the whole inside of the braces, so several
   * would overlap (or, in `{}`, run together without commas).
   */
  fillEmpty(obj: Node, members: readonly (readonly [string, string])[]): TextEdit {
    const oneLine = !/[\r\n]/.test(this.src.slice(obj.offset, obj.offset + obj.length));
    const colon = this.colonStyle(undefined);
    const texts = members.map(([key, valueText]) => `${JSON.stringify(key)}${colon}${valueText}`);
    if (oneLine) return { offset: obj.offset + 1, length: obj.length - 2, newText: texts.join(this.commaStyle([], colon)) };
    const outer = this.indentOf(obj.offset);
    const inner = outer + this.unit();
    return { offset: obj.offset + 1, length: obj.length - 2, newText: `${this.eol}${inner}${texts.join(`,${this.eol}${inner}`)}${this.eol}${outer}` };
  }

  /** Removes a member with the one comma that separated it, leaving the rest as it was. */
  removeMember(obj: Node, prop: Node): TextEdit {
    const props = obj.children ?? [];
    const i = props.indexOf(prop);
    const prev = props[i - 1];
    const next = props[i + 1];
    if (prev) return { offset: prev.offset + prev.length, length: prop.offset + prop.length - (prev.offset + prev.length), newText: '' };
    if (next) return { offset: prop.offset, length: next.offset - prop.offset, newText: '' };
    return { offset: obj.offset + 1, length: obj.length - 2, newText: '' };
  }

  replace(node: Node, newText: string): TextEdit {
    return { offset: node.offset, length: node.length, newText };
  }

  /** `": "` or `":"`, as the object's first member writes it. */
  private colonStyle(prop: Node | undefined): string {
    const key = prop?.children?.[0];
    const value = prop?.children?.[1];
    if (!key || !value) return ': ';
    const between = this.src.slice(key.offset + key.length, value.offset);
    return /[\r\n]/.test(between) || !between.includes(':') ? ': ' : between;
  }

  /** `", "` or `","` between members of a one-line object; compact records get compact commas. */
  private commaStyle(props: Node[], colon: string): string {
    const [a, b] = props;
    if (!a || !b) return colon === ':' ? ',' : ', ';
    const between = this.src.slice(a.offset + a.length, b.offset);
    return between.includes(',') ? between : ', ';
  }

  private indentOf(offset: number): string {
    const lineStart = Math.max(this.src.lastIndexOf('\n', offset - 1), this.src.lastIndexOf('\r', offset - 1)) + 1;
    return /^[ \t]*/.exec(this.src.slice(lineStart))![0];
  }

  /** One level of indentation as the document uses it (tab or spaces), two spaces by default. */
  private unit(): string {
    const m = /[\r\n]([ \t]+)\S/.exec(this.src);
    if (!m) return '  ';
    return m[1]!.startsWith('\t') ? '\t' : ' '.repeat(Math.min(m[1]!.length, 8));
  }
}

/** Applies non-overlapping edits (any order) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  // One pass, in text order: a log's redaction makes thousands of edits, and a copy of the whole
  // text per edit would be quadratic. Of edits at one offset the later one comes first, as it
  // would if each were made in turn from the end of the text.
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.offset - b.e.offset || b.i - a.i).map(({ e }) => e);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    parts.push(text.slice(at, e.offset), e.newText);
    at = e.offset + e.length;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
