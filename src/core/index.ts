/** The public core: everything the CLI, the editor and the tests need, with no `vscode`. */
export * from './types';
export { activeMessages, t, useMessages, type Messages } from './l10n';
export * from './config/rules';
export { validate, Validation } from './pipeline/validate';
export { advance, finish } from './pipeline/steps';
export { ByteDecoder, decodeBytes, decodeUtf8, encodingDiagnostics, sniffEncoding, type ByteEncoding, type Decoded, type InvalidBytes } from './input/encoding';
export { checkChunkBytes, checkChunkText, rowBuffers, type ChunkOptions, type ChunkResult, type ChunkRows } from './pipeline/chunk';
export { cutAfterLine, lineEnd, planBytes, PLAN_BYTES, StreamEngine, validateStreamed, type StreamSource } from './pipeline/engine';
export type { RecordTexts } from './pipeline/cross-stream';
export type { PageStore } from './pipeline/columns';
export { byOffset, makeDiagnostic, type Placer, type Problem, type Rules } from './pipeline/diagnostic';
export { LogSession, type LineSource } from './pipeline/incremental';
export { jsonSchema } from './checks/schema';
export { valueAt } from './checks/findings';
export { isRedacted, REDACTED, secretSpans, type SecretKind, type SecretRule, type SecretSpan, type StringField } from './checks/secrets';
export { complete, type Candidate, type CompleteOptions } from './features/complete';
export { hoverAt, type HoverResult } from './features/hover';
export { fixesFor, fixAll, REDACT_RULES, SAFE_RULES, type Fix, type FixOptions } from './features/fixes';
export { applyEdits, type TextEdit } from './features/edits';
export { logHead, outline, MAX_RECORDS as OUTLINE_MAX_RECORDS, type OutlineItem } from './features/outline';
export { DETECT_LENGTH, isPayloadName, isPlainJsonName, modeOfName, payloadKind, payloadMode, type DetectOptions, type PayloadKind } from './input/detect';
export { summarize, type Summary } from './features/summary';
export { captureOf, isCaptureShaped, receptionInstant, receptionOrder, type Capture, type CaptureEntry } from './input/capture';
export { captureLog, compactJson, type CaptureLog } from './input/capture-log';
export { captureProblems } from './checks/capture';
export { payloadText, SYSTEM_FRESH, type Fresh } from './features/skeleton';
export { EVENTS, eventByName, type EventInfo } from './catalogue';
export * from './jobs/index';
export { CONFIG_FILE, CONFIG_KEYS, combineRules, defaultRules, inScope, parseTeamConfig, POINTER_PATTERN, type ConfigProblem, type TeamConfig } from './config/team';
export { teamConfigSchema } from './config/team-schema';
export { placeFindings } from './jobs/place';
export type { CrossFinding } from './jobs/rules';
export type { EventRecord } from './jobs/records';
export {
  CROSS_EVENT_RULES, crossFindingsOn, FileValidation, FolderValidation, recordsOf, tooLargeDiagnostic,
  type FileInput, type FileResult, type RecordSet,
} from './pipeline/folder';
export { deliveryTarget, isLoopback, type Target as DeliveryTarget } from './delivery/target';
export { handshakeBody, judgeHandshake, type HandshakeAnswer, type Verdict } from './delivery/handshake';
export { curlCommand, type CurlRequest } from './delivery/curl';
export { deliver, answered, DEFAULT_TIMEOUT_MS, MAX_BODY_BYTES, type DeliveryRequest, type DeliveryResponse, type DeliveryFailure, type DeliveryOutcome, type Fetch } from './delivery/transport';
export { deliverablesOf, type Deliverable, type Skipped as SkippedRecord } from './delivery/deliverables';
export { RecordCutter, recordBytes, type RecordBytes } from './delivery/record-bytes';
export {
  replay, deliveryMs, ReplayRefused, REPLAY_DEFAULTS, MAX_REQUESTS_LIMIT, SCENARIOS,
  type DeliveryResult, type ReplayOptions, type ReplayReport, type ScenarioName, type ScenarioResult, type StateCheck,
} from './delivery/replay';
export { attemptLines, deliveryLabel, replayJunit, scenarioLabel } from './delivery/junit';
export { junitXml, xmlAttribute, xmlText, type JunitCase, type JunitSuite } from './util/xml';
export { redactText, type RedactOptions, type Redaction } from './redact/redact-text';
export { isIdPseudonym, isUserPseudonym, Pseudonyms, PSEUDONYM_MARK } from './redact/pseudonym';
export { EMAIL_PLACEHOLDER } from './redact/placeholders';
// The diff's `summarize` is `summarizeChanges` here: `summarize` is the status bar's (features/summary).
export {
  diff, normalizedText, readValue, stringifyWritten, VOLATILE, changeLabel, summarize as summarizeChanges, type Change, type DiffOptions, type ReadValue,
} from './diff/index';
