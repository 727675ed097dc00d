/*
 * The shapes shared by the detectors of secrets and personal data and by redaction (README,
 * "What it checks", Secrets and personal data). Offsets are UTF-16 code units into the decoded
 * string value, never into the JSON text: the caller places them.
 */

/** The three rules of the rule table that report what these detectors find. */
export type SecretRule = 'signed-url' | 'credential' | 'personal-data';

/**
 * What a span holds: a cloud's URL signature (`signature`) or the credential that signed it
 * (`signed-credential`), a URL's user and password (`userinfo`), the credentials of an
 * Authorization scheme (`authorization`), a vendor's key (`api-key`), any other token or
 * password (`token`), an e-mail address or a phone number.
 */
export type SecretKind = 'signature' | 'signed-credential' | 'userinfo' | 'authorization' | 'api-key' | 'token' | 'email' | 'phone';

/** A secret inside one string value: UTF-16 offsets into the decoded string (not the JSON text). */
export interface SecretSpan {
  rule: SecretRule;
  kind: SecretKind;
  /** First code unit of the secret. */
  start: number;
  /** One past its last code unit. */
  end: number;
  /** What it is, for messages, without the secret itself: "an Azure SAS signature (sig)". */
  what: string;
}

/** Where a string sits: its member name ('' for an array item), its RFC 6901 pointer, and whether the catalogue calls the field free text. */
export interface StringField {
  key: string;
  pointer: string;
  freeText: boolean;
}

/** A span before its rule is known: each detector file makes these for its own rule. */
export type Found = Omit<SecretSpan, 'rule'>;
