/**
 * What a delivered body is, and the one line of the log it becomes (README "Recording
 * deliveries"). The line keeps the sender's own text: numbers as written (2^53 + 1 is not
 * rounded), escapes as written, repeated keys kept, since the log is evidence of what was sent.
 */
import { compactJson, REDACTED } from '../core/index';

/** A body as the recorder files it. */
export type Body =
  /** A JSON object: one line of the log. `line` is its UTF-8 text on one line, without a line feed. */
  | { kind: 'event'; line: string; value: Record<string, unknown> }
  /** Alfred's URL verification (`"type": "url_verification"`); `challenge` when it is a string. */
  | { kind: 'handshake'; challenge?: string }
  /** Anything else: why it is not an event, in a few words. */
  | { kind: 'other'; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** The same, keeping a BOM: the sidecar holds the bytes as they came. */
const exactUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Files a request body: UTF-8 (a BOM dropped, RFC 8259 §8.1) holding one JSON value (ECMA-404)
 * that is an object. An object whose `type` is `url_verification` is the handshake; any other
 * object an event. The event's line is its text with the surrounding whitespace cut when it
 * already fits on one line; a body with line breaks (pretty-printed) is compacted: every JSON
 * whitespace character outside strings is dropped, and nothing else changes.
 */
export function fileBody(bytes: Uint8Array): Body {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { kind: 'other', reason: 'not UTF-8' };
  }
  if (text.trim() === '') return { kind: 'other', reason: 'an empty body' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'other', reason: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null) return { kind: 'other', reason: `a JSON ${value === null ? 'null' : typeof value}, not an object` };
  if (Array.isArray(value)) return { kind: 'other', reason: 'a JSON array, not an object' };
  const object = value as Record<string, unknown>;
  if (object.type === 'url_verification') {
    return typeof object.challenge === 'string' ? { kind: 'handshake', challenge: object.challenge } : { kind: 'handshake' };
  }
  const trimmed = text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  return { kind: 'event', line: /[\r\n]/.test(trimmed) ? compactJson(trimmed) : trimmed, value: object };
}

/** A body for a JSON line of the sidecar: its text, or base64 when it is not UTF-8. */
export function bodyField(bytes: Uint8Array): { body: string; bodyEncoding?: 'base64' } {
  try {
    return { body: exactUtf8.decode(bytes) };
  } catch {
    return { body: Buffer.from(bytes).toString('base64'), bodyEncoding: 'base64' };
  }
}

/**
 * Headers as the sidecar keeps them (a request's, and a receiver's answer's): the credentials
 * they may carry (RFC 9110 §11.6.2 `authorization`, §11.7.2 `proxy-authorization`, RFC 6265
 * `cookie` and `set-cookie`, and the API-key headers in common use) keep their scheme but not their secret, since a sidecar is a file people
 * share as evidence (README, "Recording deliveries"). Every other header is kept as it came.
 */
export function sidecarHeaders(headers: Readonly<Record<string, string | string[] | undefined>>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = CREDENTIAL_HEADERS.has(name.toLowerCase()) ? (Array.isArray(value) ? value.map(masked) : masked(value)) : value;
  }
  return out;
}

const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key', 'x-auth-token']);

/** `Bearer eyJ…` → `Bearer REDACTED`: an auth-scheme (RFC 9110 §11.1, a token then a space) is kept; anything else is all secret. */
function masked(value: string): string {
  const scheme = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) +\S/.exec(value);
  return scheme ? `${scheme[1]} ${REDACTED}` : REDACTED;
}
