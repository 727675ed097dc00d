/** The semantic diff of payloads (README, "Comparing payloads"). */
export { diff, normalizedText, VOLATILE, type Change, type DiffOptions } from './diff';
export { summarize, label as changeLabel } from './summary';
export { readValue, type ReadValue, type RepeatedKey } from './read';
export { stringifyWritten, WrittenNumber } from './written';
