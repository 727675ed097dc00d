/**
 * Payload text inside the Markdown of hovers and completion documentation. A payload is anyone's
 * data: a key `__trace_id__` must show as written, not in bold, and `[x](y)` must not become a
 * link. Everything that comes from a payload goes through one of these two functions; the
 * catalogue's own texts are Markdown on purpose and do not.
 *
 * The rules are CommonMark's (https://spec.commonmark.org/0.31.2/), which VS Code's Markdown
 * renderer follows: §2.4 (backslash escapes), §6.1 (code spans).
 */

/** The ASCII punctuation characters of CommonMark §2.1, each escapable with a backslash (§2.4). */
const ASCII_PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/** A line ending of CommonMark §2.1: CRLF, LF or CR. */
const LINE_ENDING = /\r\n|\r|\n/g;

/**
 * `text` as Markdown that renders as exactly that text, on one line: every ASCII punctuation
 * character backslash-escaped (CommonMark §2.4, which also stops entity references, raw HTML,
 * autolinks and GitHub's extended autolinks), and each line ending a space (a line ending could
 * open a heading, a list or a new paragraph in the middle of a hover's line).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(LINE_ENDING, ' ').replace(ASCII_PUNCTUATION, (c) => `\\${c}`);
}

/**
 * `text` as a code span that shows it literally (CommonMark §6.1). Backslashes do not escape in a
 * code span; instead the fence is a backtick string whose length no run of backticks inside has
 * (a span ends at the first backtick string as long as its opening one), and a space pads each
 * side when the text starts or ends with a backtick, or starts and ends with a space (the
 * renderer strips one space from each side of such content). Line endings become spaces, as §6.1
 * renders them anyway. An empty text gives '' (CommonMark has no empty code span).
 */
export function codeSpan(text: string): string {
  const content = text.replace(LINE_ENDING, ' ');
  if (content === '') return '';
  const runs = new Set((content.match(/`+/g) ?? []).map((r) => r.length));
  let n = 1;
  while (runs.has(n)) n++;
  const fence = '`'.repeat(n);
  const pad = /^`|`$/.test(content) || (/^ [^]* $/.test(content) && /[^ ]/.test(content)) ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}
