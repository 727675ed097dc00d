/** The public core: everything the CLI, the editor and the tests need, with no `vscode`. */
export * from './types';
export * from './rules';
export { validate, Validation } from './validate';
export { advance, finish } from './steps';
export { decodeUtf8, encodingDiagnostics, invalidUtf8, type InvalidBytes } from './encoding';
export { LogSession, type LineSource } from './incremental';
export { jsonSchema } from './schema';
export { complete, type Candidate, type CompleteOptions } from './complete';
export { hoverAt, type HoverResult } from './hover';
export { fixesFor, fixAll, SAFE_RULES, type Fix, type FixOptions } from './fixes';
export { applyEdits, type TextEdit } from './edits';
export { logHead, outline, MAX_RECORDS as OUTLINE_MAX_RECORDS, type OutlineItem } from './outline';
export { DETECT_LENGTH, isPlainJsonName, modeOfName, payloadKind, payloadMode, type DetectOptions, type PayloadKind } from './detect';
export { summarize, type Summary } from './summary';
export { payloadText, SYSTEM_FRESH, type Fresh } from './skeleton';
export { EVENTS, eventByName, type EventInfo } from './catalogue';
export * from './jobs/index';
