/*
 * The library entry, `require("alfred-events")` / `import … from "alfred-events"` (README, "Using
 * the checks in your receiver (TypeScript)"): the core's checks for a receiver's own code, in
 * serverless and edge runtimes too, so nothing here may need Node or the editor (lint and a test
 * of the bundles hold it to that). Its contract is the generated src/lib/alfred-events.d.ts, which
 * this module is checked against (`typeof Api.validate`), not the core's internal types.
 */
import { byOffset, decodeBytes, encodingDiagnostics, parseTeamConfig, validate as validateCore, type Diagnostic, type DocumentMode } from '../core/index';
import type * as Api from './alfred-events';
import { typedBody } from './conform';
import { notJsonFinding, UNTYPED_BODY, untypedFinding } from './refusal';

/** A log is recognised by one of its first non-blank lines, as the CLI's detection does (README, "Command line"). */
const LOG_LINES = 16;

/** The finding as `--format json` prints it, key by key, so that a field the core adds later cannot leak into the contract. */
function finding(d: Diagnostic, mode: DocumentMode): Api.Finding {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    pointer: d.pointer,
    ...(mode === 'log' && d.record !== undefined ? { record: d.record } : {}),
    range: { start: { line: d.range.start.line, character: d.range.start.character }, end: { line: d.range.end.line, character: d.range.end.character } },
  };
}

/** The rules as the core takes them; a TypeError names an unknown code or severity, with the closest known one. */
function rulesOf(rules: unknown): Api.ValidateOptions['rules'] {
  if (rules === undefined) return undefined;
  if (typeof rules === 'object' && rules !== null && Object.hasOwn(rules, UNTYPED_BODY)) {
    throw new TypeError(`alfred-events: options: "${UNTYPED_BODY}" is parseEvent's own finding, always an error (a body without its type is never handed out), and cannot be set`);
  }
  let text: string | undefined;
  try {
    text = JSON.stringify({ rules });
  } catch {
    // a cycle or a BigInt: not a table of rule codes, which the team file's reader says below
  }
  // The team configuration's reader has the one list of codes and severities, and its messages.
  const { config, problems } = parseTeamConfig(text ?? '{"rules": null}');
  if (problems[0]) throw new TypeError(`alfred-events: options: ${problems[0].message}`);
  return config.rules;
}

/** `auto`: a log when two or more non-blank lines and one of the first LOG_LINES is a JSON object on its own (a pretty-printed document has none). */
function modeOf(text: string, mode: unknown): DocumentMode {
  if (mode === 'payload') return 'document';
  if (mode === 'log') return 'log';
  if (mode !== undefined && mode !== 'auto') throw new TypeError(`alfred-events: options.mode must be "payload", "log" or "auto", found ${typeof mode === 'string' ? JSON.stringify(mode) : typeof mode}`);
  const lines = headLines(text.replace(/^\uFEFF/, ''));
  return lines.length >= 2 && lines.some(isObjectText) ? 'log' : 'document';
}

/** The first LOG_LINES non-blank lines, found without splitting the whole of a long log. */
function headLines(text: string): string[] {
  const lines: string[] = [];
  const ends = /\r\n|\r|\n|$/g;
  for (let start = 0; start <= text.length && lines.length < LOG_LINES; ) {
    const end = ends.exec(text)!;
    const line = text.slice(start, end.index);
    if (line.trim() !== '') lines.push(line);
    if (end.index === text.length) break;
    start = ends.lastIndex;
  }
  return lines;
}

function isObjectText(line: string): boolean {
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/**
 * Bytes, whichever realm made them: a Uint8Array of a node:vm context, an iframe or a test
 * environment fails `instanceof Uint8Array` here, but its internal type tag says what it is.
 */
const isBytes = (v: unknown): v is Uint8Array => ArrayBuffer.isView(v) && Object.prototype.toString.call(v) === '[object Uint8Array]';

/** The text of a body and the findings of its bytes (invalid UTF-8), whichever form it came in. */
function textOf(body: string | Uint8Array, rules: Api.ValidateOptions['rules']): { text: string; bytes: Diagnostic[] } {
  if (typeof body === 'string') return { text: body, bytes: [] };
  const { text, invalid } = decodeBytes(body);
  return { text, bytes: encodingDiagnostics(text, invalid, rules) };
}

function check(body: string | Uint8Array, options: Api.ValidateOptions | undefined, mode: DocumentMode | undefined): { text: string; findings: Api.Finding[] } {
  const rules = rulesOf(options?.rules);
  const { text, bytes } = textOf(body, rules);
  const how = mode ?? modeOf(text, options?.mode);
  const found = [...validateCore(text, { mode: how, rules }), ...bytes].sort(byOffset);
  return { text, findings: found.map((d) => finding(d, how)) };
}

export const validate: typeof Api.validate = (text, options) => {
  if (typeof text !== 'string' && !isBytes(text)) throw new TypeError('alfred-events: validate takes the text as a string or a Uint8Array');
  return check(text, options, undefined).findings;
};

/** The JSON text of a value a framework has parsed already; undefined when it has none (undefined, a function, a cycle, a BigInt). */
function jsonOf(value: unknown): string | undefined {
  try {
    // Typed string, but undefined for undefined, a function or a symbol.
    const text: string | undefined = JSON.stringify(value);
    return text;
  } catch {
    return undefined;
  }
}

/** A fresh finding each time: a caller may change what it is given. */
const notJson = (): Api.Finding => ({
  code: 'not-an-object',
  severity: 'error',
  message: 'The body is no JSON value (undefined, a function, a cycle or a BigInt): pass the request body as text, or as the object JSON.parse made of it',
  pointer: '',
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
});

/** The findings with one more, kept sorted by position as the README promises (stable: the earlier finding first on a tie). */
function withFinding(findings: Api.Finding[], more: Api.Finding): Api.Finding[] {
  const before = (a: Api.Position, b: Api.Position): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  const at = findings.findIndex((f) => !before(f.range.start, more.range.start));
  return at < 0 ? [...findings, more] : [...findings.slice(0, at), more, ...findings.slice(at)];
}

export const parseEvent: typeof Api.parseEvent = (body, options) => {
  const raw = typeof body === 'string' || isBytes(body) ? body : jsonOf(body);
  if (raw === undefined) return { ok: false, findings: [notJson()] };
  const { text, findings } = check(raw, options, 'document');
  if (findings.some((f) => f.severity === 'error')) return { ok: false, findings };
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // json-syntax set to a severity below error, or off: there is still no value to type
    return { ok: false, findings: withFinding(findings, notJsonFinding(text)) };
  }
  const { body: typed, refusal } = typedBody(value);
  return typed ? { ok: true, body: typed, findings } : { ok: false, findings: withFinding(findings, untypedFinding(text, refusal)) };
};
