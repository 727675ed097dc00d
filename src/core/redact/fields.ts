/**
 * What redaction does to a string by where it stands (README, "Redacting"): the catalogue's ids
 * (fields of kind `uuid`: the envelope's event_id, and job_id, file_id, company_id, the tag ids …
 * in `event`) become id pseudonyms, `event.user_name` a user pseudonym, and every other string is
 * searched for secrets and personal data.
 */
import { ENVELOPE_FIELDS, EVENT_FIELDS, URL_VERIFICATION_FIELDS } from '../catalogue';
import { freeTextOf } from '../checks/secrets/record';
import type { JsonPath } from '../input/pointer';

export type Role = 'id' | 'user' | 'text';

/** The role of the string at `path` in a record (an envelope, or the URL verification body). */
export function roleOf(path: JsonPath, handshake: boolean): Role {
  if (handshake) return 'text';
  if (path.length === 1) return isId(ENVELOPE_FIELDS, path[0]) ? 'id' : 'text';
  if (path.length !== 2 || path[0] !== 'event') return 'text';
  if (path[1] === 'user_name') return 'user';
  return isId(EVENT_FIELDS, path[1]) ? 'id' : 'text';
}

/**
 * Whether the string at `path` is free text as the detection reads a record
 * (checks/secrets/record.ts, README "Secrets and personal data"): a catalogue field of a text
 * kind, a member the catalogue does not list, anything inside an object the catalogue has none
 * for; an array's items are what the array is. Redaction must ask the same question, or it would
 * leave personal data that the rule reports.
 */
export function freeTextAt(path: JsonPath, handshake: boolean): boolean {
  const top = path[0];
  if (typeof top !== 'string') return true;
  let free: boolean;
  let rest: number;
  if (top === 'event' && !handshake && typeof path[1] === 'string') {
    free = freeTextOf(EVENT_FIELDS, path[1]);
    rest = 2;
  } else {
    free = freeTextOf(handshake ? URL_VERIFICATION_FIELDS : ENVELOPE_FIELDS, top);
    rest = 1;
  }
  for (let i = rest; i < path.length; i++) if (typeof path[i] === 'string') free = true;
  return free;
}

function isId(table: Readonly<Record<string, { kind: string }>>, key: string | number | undefined): boolean {
  return typeof key === 'string' && Object.hasOwn(table, key) && table[key]!.kind === 'uuid';
}

// RFC 9562 §4's 8-4-4-4-12 form inside a longer string (a blob name, a URL's path, an error
// message), not part of a longer run of hexadecimal digits. Fixed-length pieces: linear time.
const EMBEDDED_UUID = /(?<![0-9a-f])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f])/gi;

/**
 * `value` with every UUID in it replaced by `pseudonym(uuid)`: the ids a blob name, a file's URL
 * or an error message repeats become the same pseudonyms as the id fields, so they neither leak
 * nor come apart from their record.
 */
export function replaceEmbeddedIds(value: string, pseudonym: (id: string) => string): string {
  return value.length < 36 ? value : value.replace(EMBEDDED_UUID, pseudonym);
}
