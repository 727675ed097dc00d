/** Plain data shared by the validator, the CLI and the editor adapter. No `vscode` here. */
import type { RuleCode } from './config/rules';

/** Severity of a reported problem, as the CLI prints it and the settings name it. */
export type Severity = 'error' | 'warning' | 'info';

/** What a user may set a rule to: a severity, or `off` to silence it. */
export type RuleSetting = Severity | 'off';

/** 0-based line and UTF-16 code-unit character, as in VS Code and LSP. */
export interface Position {
  line: number;
  character: number;
}

/** End-exclusive span. */
export interface Range {
  start: Position;
  end: Position;
}

/** One problem found in a document. */
export interface Diagnostic {
  /** Stable rule code from the README's "Rules" table (`invalid-uuid`, …). */
  code: RuleCode;
  severity: Severity;
  /** Says what was found, what was expected and which event says so. */
  message: string;
  /** RFC 6901 pointer into the document, or into record `record` of a log. */
  pointer: string;
  /** 0-based index of the record among the non-blank lines of a log; absent for single documents. */
  record?: number;
  range: Range;
  /** UTF-16 offset of the range's start in the whole text. */
  offset: number;
  /** UTF-16 length of the range. */
  length: number;
  /** Names that would make the problem go away, closest first (for "did you mean" and quick fixes). */
  suggestions?: string[];
  /** Other places the problem involves (the earlier event of a cross-event rule). */
  related?: RelatedInformation[];
}

/** A place that explains a diagnostic, possibly in another source (cross-file checks). */
export interface RelatedInformation {
  message: string;
  /** The source's name when it is not the diagnostic's own document. */
  uri?: string;
  record?: number;
  range: Range;
  offset: number;
  length: number;
}

/** How to read the text: one JSON document, or a log of one JSON record per non-blank line. */
export type DocumentMode = 'document' | 'log';

export interface ValidateOptions {
  /** Default `document`. */
  mode?: DocumentMode;
  /** Per-rule severity overrides; `off` drops the rule's diagnostics. */
  rules?: Readonly<Record<string, RuleSetting | undefined>>;
  /** Cross-event checks over a log's records (default true); the CLI runs them over all files at once instead. */
  crossEvent?: boolean;
}
