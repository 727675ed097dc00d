/**
 * What the CLI prints of text it did not write (a receiver's answer, an event name, a file name)
 * goes through here, so that it cannot move the cursor, clear the screen, recolour or fake a line
 * of the report (SECURITY.md: payloads and answers are hostile input). The C0 and C1 control
 * characters, DEL, and the bidirectional overrides and isolates (the "Trojan Source" characters,
 * CVE-2021-42574) are written as `\u` escapes, as JSON would write them.
 */

// C0 but tab and line feed, DEL, C1, and U+202A–U+202E, U+2066–U+2069: control characters are what
// these patterns are for.
/* eslint-disable no-control-regex */
const MULTILINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
// The same, and tab and line feed too: a one-line field stays one line.
const ONE_LINE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/* eslint-enable no-control-regex */

const escape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` for a terminal, its line feeds and tabs kept (a body). A CRLF is kept as a line feed. */
export function printable(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(MULTILINE, escape);
}

/** `text` for one line of a report: every control character escaped, line feeds and tabs included. */
export function printableLine(text: string): string {
  return text.replace(ONE_LINE, escape);
}
