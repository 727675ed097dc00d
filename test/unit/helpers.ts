import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { validate, type Diagnostic, type ValidateOptions } from '../../src/core/index';

export const FIXTURES = join(__dirname, '..', 'fixtures');

export function fixture(...parts: string[]): string {
  return readFileSync(join(FIXTURES, ...parts), 'utf8');
}

const temps: string[] = [];

/**
 * A fresh temporary folder holding `files` (relative path → content), removed when the process
 * ends. (Not a node:test hook: scripts that are no test, such as tz-probe.ts, load this module
 * too, and a hook would make them print a test report.)
 */
export function tempFolder(files: Record<string, string | Uint8Array>, prefix = 'alfred-'): string {
  if (temps.length === 0) process.once('exit', () => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  return dir;
}

/** The canonical example of an event, as text. */
export function example(eventName: string): string {
  return fixture('examples', `${eventName}.alfred.json`);
}

/**
 * Replaces `from` in `text` (which must occur exactly once) by `to`. `to` may mark the range a
 * diagnostic must cover with ⟪ and ⟫; see `marked`.
 */
export function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  assert.ok(at >= 0 && text.indexOf(from, at + 1) < 0, `"${from}" must occur exactly once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** Strips ⟪…⟫ markers from a text and returns the marked offsets. */
export function marked(text: string): { text: string; spans: { offset: number; length: number }[] } {
  const spans: { offset: number; length: number }[] = [];
  let out = '';
  let open = -1;
  for (const ch of text) {
    if (ch === '⟪') open = out.length;
    else if (ch === '⟫') {
      spans.push({ offset: open, length: out.length - open });
      open = -1;
    } else out += ch;
  }
  return { text: out, spans };
}

/**
 * Validates a marked text and asserts that `code` is reported exactly once per marked span, at that
 * span, with `pointer`; returns all diagnostics for further checks.
 */
export function expectAt(markedText: string, code: string, pointer: string | string[], options?: ValidateOptions): Diagnostic[] {
  const { text, spans } = marked(markedText);
  const all = validate(text, options);
  const hits = all.filter((d) => d.code === code);
  const pointers = Array.isArray(pointer) ? pointer : [pointer];
  assert.deepEqual(
    hits.map((d) => ({ pointer: d.pointer, offset: d.offset, length: d.length })),
    spans.map((s, i) => ({ pointer: pointers[i] ?? pointers[0], offset: s.offset, length: s.length })),
    `${code}: got ${JSON.stringify(all.map((d) => [d.code, d.pointer, d.offset, d.length, d.message]))}`,
  );
  return all;
}

/** Codes of all diagnostics, for "nothing else was reported" checks. */
export function codes(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => d.code);
}
