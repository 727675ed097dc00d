import * as fs from 'node:fs';
import * as path from 'node:path';
import { clip } from '../core/util/clip';
import { decodeBytes, decodeUtf8, diff, modeOfName, readValue, RecordCutter, recordBytes, stringifyWritten, summarizeChanges, t, VOLATILE, type Change } from '../core/index';
import { lineSpans } from '../core/input/positions';
import { captureSpans, withoutBom } from '../core/input/record';
import { UsageError } from './args';
import { FolderConfigs, type ConfigChoice } from './config';
import { IoError, reading } from './errors';
import type { Write } from './output';
import { printableLine } from './terminal';

export interface DiffCommand {
  kind: 'diff';
  /** A file, or FILE:LINE for line LINE (1-based) of a log, as given. */
  a: string;
  b: string;
  strict: boolean;
  /** --ignore pointers, already checked against RFC 6901. */
  ignore: string[];
  format: 'text' | 'json';
  config: ConfigChoice;
}

/** Bytes read at a time: line N of a log of any size is found without holding the whole log. */
const CHUNK = 1 << 20;
/** A value printed on a change's line is cut to this many characters, so that a change is one line. */
const SHOWN = 80;

/**
 * `alfred-events diff A B` (README "Comparing payloads"): the core's `diff` of two payloads,
 * each a file or a log's record (FILE:LINE). Ignored: the team file's `diff.ignore` (else the
 * volatile fields) plus `--ignore`; with `--strict`, only `--ignore`. Resolves to 0 when equal, 1
 * when they differ; throws an IoError (exit 2) for a file that cannot be read or is not JSON, a
 * UsageError for a line past the end.
 */
export async function diffCommand(command: DiffCommand, cwd: string, out: Write, warn: (text: string) => void): Promise<number> {
  const a = readSide(command.a, cwd, warn);
  const b = readSide(command.b, cwd, warn);
  const team = command.strict ? undefined : new FolderConfigs(command.config, cwd).of(path.resolve(cwd))?.config.diff?.ignore;
  const ignore = [...(command.strict ? [] : (team ?? VOLATILE)), ...command.ignore];
  const changes = diff(a, b, { strict: command.strict, ignore });
  if (command.format === 'json') {
    await out(stringifyWritten({ equal: changes.length === 0, changes }, 2) + '\n');
  } else {
    for (const c of changes) await out(changeLine(c) + '\n');
    const ignored = ignore.length > 0 ? t(', ignoring {0}', ignoredList(ignore)) : '';
    const how = `${command.strict ? t('strict') : t('normalised')}${ignored}`;
    await out(`${changes.length === 0 ? t('equal ({0})', how) : t('{0} ({1}): {2}', changes.length === 1 ? t('1 change') : t('{0} changes', changes.length), how, printableLine(summarizeChanges(changes)))}\n`);
  }
  return changes.length === 0 ? 0 : 1;
}

/** `~ /event/retries: 2 → 3`, `+ /event/error_messages/1: "…"`, `- /x: …`: one line, whatever the values hold. */
export function changeLine(c: Change): string {
  const pointer = clip(printableLine(c.pointer === '' ? '""' : c.pointer), SHOWN);
  if (c.kind === 'changed') return `~ ${pointer}: ${shown(c.old)} → ${shown(c.new)}`;
  return `${c.kind === 'added' ? '+' : '-'} ${pointer}: ${shown(c.value)}`;
}

function shown(value: unknown): string {
  let text: string;
  try {
    text = stringifyWritten(value);
  } catch {
    text = Array.isArray(value) ? '[…]' : '{…}'; // nested past the engine's stack
  }
  return clip(printableLine(text), SHOWN);
}

/** A side given as FILE or FILE:LINE: an existing file's name wins over reading its tail as a line. */
function split(given: string, cwd: string): { file: string; line?: number } {
  const m = /^(.+):([0-9]+)$/.exec(given);
  if (!m || fs.existsSync(path.resolve(cwd, given))) return { file: given };
  const line = Number(m[2]);
  if (!(line >= 1 && Number.isSafeInteger(line))) throw new UsageError(t('{0}: a line is counted from 1', given));
  return { file: m[1]!, line };
}

/**
 * The parsed value of a side: the whole file, or line LINE of a log (the core's RecordCutter, as
 * `send` cuts it). A key the side repeats is one warning line on `warn`: only its last value is compared.
 */
function readSide(given: string, cwd: string, warn: (text: string) => void): unknown {
  const { file, line } = split(given, cwd);
  if (line === undefined && modeOfName(file) === 'log') throw new UsageError(t('{0} is a log: name one record as {0}:LINE', given));
  const fd = reading(file, () => fs.openSync(path.resolve(cwd, file), 'r'));
  let found;
  if (modeOfName(file) !== 'log') {
    const bytes = reading(file, () => fs.readFileSync(fd));
    fs.closeSync(fd);
    found = captureSide(given, decodeBytes(bytes).text, line) ?? recordBytes(bytes, line);
  } else try {
    const cutter = new RecordCutter(line);
    for (;;) {
      const buffer = new Uint8Array(CHUNK);
      const n = reading(file, () => fs.readSync(fd, buffer, 0, CHUNK, null));
      if (n === 0 || cutter.push(buffer.subarray(0, n))) break;
    }
    found = cutter.end();
  } finally {
    fs.closeSync(fd);
  }
  if ('lines' in found) throw new UsageError(t('{0}: line {1} is past the end, {2} has {3}', given, line, file, found.lines === 1 ? t('1 line') : t('{0} lines', found.lines)));
  const read = readValue(decodeUtf8(found.bytes).text);
  const at = (l: number, c: number): string => printableLine(line === undefined ? `${file}:${l}:${c}` : `${file}:${line}:${c}`);
  if ('value' in read) {
    for (const r of read.repeated) warn(`alfred-events: ${t('warning: {0} repeats the key {1}: only its last value is compared', at(r.line, r.character), clip(printableLine(r.pointer), SHOWN))}\n`);
    return read.value;
  }
  throw new IoError(t('{0} is not JSON: {1}', at(read.line, read.character), printableLine(read.problem)));
}

/**
 * A side that is a capture (README "Captures made before"): the bytes of the payload that line
 * LINE is part of; undefined when the text is no capture. A capture without a line is refused.
 */
function captureSide(given: string, text: string, line: number | undefined): { bytes: Uint8Array } | undefined {
  const src = withoutBom(text);
  const payloads = captureSpans(src);
  if (!payloads) return undefined;
  if (line === undefined) throw new UsageError(t('{0} is a capture of {1}: name one as {0}:LINE, a line inside it', given, payloads.length === 1 ? t('1 payload') : t('{0} payloads', payloads.length)));
  const at = lineSpans(src)[line - 1];
  const payload = at && payloads.find((p) => p.start <= at.end && at.start <= p.end);
  if (!payload) throw new UsageError(t('{0}: line {1} is in no payload of the capture', given, line));
  return { bytes: new TextEncoder().encode(src.slice(payload.start, payload.end)) };
}

/** The pointers ignored, each whole (a pointer cut short no longer says what it ignores), the first ten of a long list. */
function ignoredList(ignore: readonly string[]): string {
  const shown = ignore.slice(0, 10).map((p) => (p === '' ? '""' : printableLine(p)));
  return ignore.length > 10 ? `${shown.join(', ')} and ${ignore.length - 10} more` : shown.join(', ');
}
