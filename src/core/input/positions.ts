import type { Position } from '../types';

/**
 * Turns UTF-16 offsets into LSP positions. Line breaks are `\n`, `\r\n` and a lone `\r`, as in
 * VS Code, so columns agree with the editor whatever the file's line endings.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    // Most files have no \r: then the native search finds the lines far faster than a loop.
    if (!text.includes('\r')) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset where a line starts. */
  lineStart(line: number): number {
    return this.starts[line] ?? Number.MAX_SAFE_INTEGER;
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - (this.starts[lo] ?? 0) };
  }
}

/** A line's text span without its terminator: [start, end). */
export interface LineSpan {
  start: number;
  end: number;
}

/** Every line of the text, as spans that exclude the line terminator. */
export function lineSpans(text: string): LineSpan[] {
  const spans: LineSpan[] = [];
  let start = 0;
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      spans.push({ start, end: i });
      start = i + 1;
    }
    spans.push({ start, end: text.length });
    return spans;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      spans.push({ start, end: i });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  spans.push({ start, end: text.length });
  return spans;
}
