/** Secrets and personal data in string values: the detectors' one entry, the marker, the shapes. */
export { secretSpans } from './spans';
export { isRedacted, REDACTED } from './placeholder';
export type { SecretKind, SecretRule, SecretSpan, StringField } from './types';
