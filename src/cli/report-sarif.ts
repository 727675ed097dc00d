import { pathToFileURL } from 'node:url';
import { RULES, t, type Range, type RuleInfo, type Severity } from '../core/index';
import { Streamed, writeJson, type Output } from './output';
import type { CheckedFile } from './results';

/** SARIF's name for a severity: it has `note` where we have `info`. */
export type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/** The root that relative result URIs are resolved against, as GitHub code scanning expects. */
export const SRCROOT = '%SRCROOT%';

/** The parts of SARIF 2.1.0 this report writes (field names and nesting as in the standard). */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

export interface SarifRun {
  tool: { driver: { name: string; version: string; rules: SarifRule[] } };
  originalUriBaseIds?: Record<string, { uri: string }>;
  columnKind: 'utf16CodeUnits';
  results: SarifResult[];
}

export interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: SarifLevel };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: SarifLevel;
  message: { text: string };
  locations: { physicalLocation: SarifPhysicalLocation }[];
  relatedLocations?: { id: number; message: { text: string }; physicalLocation: SarifPhysicalLocation }[];
}

export interface SarifPhysicalLocation {
  artifactLocation: SarifArtifactLocation;
  region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
}

export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

export interface SarifOptions {
  /** The tool version reported in `tool.driver.version`. */
  version: string;
  /**
   * Absolute directory the relative paths are relative to (the working directory). When given,
   * it is recorded in `originalUriBaseIds` so that viewers other than GitHub can resolve them.
   */
  root?: string;
}

/**
 * A SARIF 2.1.0 log with one run, in the subset GitHub code scanning documents as supported.
 * Every rule is listed (not only those that fired) so that viewers can show help for rules
 * turned up from `info` by `--rule`, and so that `ruleIndex` is stable across runs.
 */
export function sarifLog(files: readonly CheckedFile[], options: SarifOptions): SarifLog {
  return sarifSkeleton(files, options, [...sarifResults(files)]) as SarifLog;
}

/** The results of every file, one at a time. */
function* sarifResults(files: readonly CheckedFile[]): Generator<SarifResult> {
  const indexByCode = new Map(RULES.map((r, i) => [r.code, i]));
  const byDisplay = new Map<string, CheckedFile>();
  for (const f of files) if (!byDisplay.has(f.display)) byDisplay.set(f.display, f);
  for (const file of files) {
    for (const d of file.diagnostics) {
      const ruleIndex = indexByCode.get(d.code);
      // Ids from 1: any non-negative integer will do (§3.28.2), and no reader mistakes 1 for "none".
      const related = (d.related ?? []).map((r, i) => ({
        id: i + 1,
        message: { text: literal(r.message) },
        physicalLocation: {
          artifactLocation: r.uri ? artifactLocation(byDisplay.get(r.uri) ?? file) : artifactLocation(file),
          region: region(r.range),
        },
      }));
      yield {
        ruleId: d.code,
        ...(ruleIndex === undefined ? {} : { ruleIndex }),
        level: LEVEL[d.severity],
        message: { text: withLinks(d.message, related) },
        locations: [{ physicalLocation: { artifactLocation: artifactLocation(file), region: region(d.range) } }],
        ...(related.length > 0 ? { relatedLocations: related } : {}),
      };
    }
  }
}

function sarifSkeleton(files: readonly CheckedFile[], options: SarifOptions, results: SarifResult[] | Streamed): unknown {
  const usesRoot = options.root !== undefined && files.some((f) => f.relative !== undefined);
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'alfred-events',
            version: options.version,
            rules: RULES.map(sarifRule),
          },
        },
        ...(usesRoot && options.root !== undefined
          ? { originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(options.root) } } }
          : {}),
        // Our columns count UTF-16 code units; SARIF's default, stated so no reader guesses.
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** The same text as formatSarif, written a result at a time. */
export async function writeSarif(files: readonly CheckedFile[], options: SarifOptions, out: Output): Promise<void> {
  await writeJson(out, sarifSkeleton(files, options, new Streamed(sarifResults(files))));
  await out.put('\n');
}

/**
 * A result's message with an embedded link to each related location, `… (see [text](id))`
 * (SARIF 2.1.0 §3.11.6): GitHub code scanning shows a related location only when the message
 * links to it. The link text is the related location's own message, already literal.
 */
function withLinks(message: string, related: readonly { id: number; message: { text: string } }[]): string {
  if (related.length === 0) return literal(message);
  return `${literal(message)} (see ${related.map((r) => `[${r.message.text}](${r.id})`).join(', ')})`;
}

/**
 * Text that a SARIF viewer shows as written, inside or outside an embedded link's text: `{` and
 * `}` doubled, since single ones are placeholders (§3.11.5), and `\`, `[`, `]` escaped with a
 * backslash (§3.11.6), so that a payload value quoted in a message (a key such as `[x](1)`)
 * never becomes a link.
 */
function literal(text: string): string {
  return text.replace(/[{}]/g, '$&$&').replace(/[\\[\]]/g, '\\$&');
}

// SARIF lines and columns are 1-based and endColumn is exclusive, like our end.
function region(r: Range): SarifPhysicalLocation['region'] {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

export function formatSarif(files: readonly CheckedFile[], options: SarifOptions): string {
  return JSON.stringify(sarifLog(files, options), null, 2) + '\n';
}

function sarifRule(rule: RuleInfo): SarifRule {
  return {
    id: rule.code,
    shortDescription: { text: t(rule.summary) },
    fullDescription: { text: t(rule.help) },
    help: { text: `${t(rule.summary)}\n\n${t(rule.help)}`, markdown: `**${t(rule.summary)}**\n\n${t(rule.help)}` },
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
  };
}

// Relative URIs against %SRCROOT% are what code scanning maps onto the repository; a file
// outside the working directory can only be named by an absolute file URI.
function artifactLocation(file: CheckedFile): SarifArtifactLocation {
  if (file.relative === undefined) return { uri: pathToFileURL(file.absolute).href };
  return { uri: file.relative.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

// A base URI must end with `/`, or resolving `a.json` against it would replace its last segment.
function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : href + '/';
}
