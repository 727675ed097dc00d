/**
 * Pseudonyms for ids and user names (README, "Redacting"): the same input under the same salt
 * always gives the same pseudonym, so a job's events stay linked and every cross-event finding
 * stays on its record, while the id itself cannot be read back without the salt.
 *
 * An id becomes an RFC 9562 version-8 UUID (§5.8, "custom") made of HMAC-SHA256(salt, id key),
 * with its 12 bits of custom_b fixed to `eda`: its third group is always `8eda` (version 8, then
 * the marker), and the variant bits are RFC 9562's `10`. That marker is how a pseudonym is
 * recognised and never pseudonymised again, so that redacting twice changes nothing. A real v8
 * UUID with this third group would be taken for a pseudonym; v8 UUIDs are rare and 1 in 4,096 of
 * them has it. The id key is jobs/ids.ts's: a UUID in lower case (RFC 9562 §4: case-insensitive
 * on input, as the project's rules read it), any other id exactly as written (the rules compare it
 * so), so two spellings of one id get one pseudonym and two ids never share one.
 *
 * A user name becomes `user-` and 8 lower-case hexadecimal digits of HMAC-SHA256(salt,
 * "user_name:" + name); that shape is its marker.
 */
import { idKey } from '../jobs/ids';
import { hex, hmacSha256 } from '../util/sha256';

/** The third group every id pseudonym has: version 8 and the marker `eda`. */
export const PSEUDONYM_MARK = '8eda';

const ID_PSEUDONYM = /^[0-9a-f]{8}-[0-9a-f]{4}-8eda-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const USER_PSEUDONYM = /^user-[0-9a-f]{8}$/;

/** Whether `value` is an id pseudonym (a v8 UUID whose third group is `8eda`, any letter case). */
export function isIdPseudonym(value: string): boolean {
  return ID_PSEUDONYM.test(value);
}

/** Whether `value` is a user-name pseudonym (`user-` and 8 lower-case hexadecimal digits). */
export function isUserPseudonym(value: string): boolean {
  return USER_PSEUDONYM.test(value);
}

/**
 * Makes the pseudonyms of one salt, remembering the last few thousand (a log repeats its job
 * and company ids on every record; its event ids, never, so the memory is bounded).
 */
export class Pseudonyms {
  private readonly memo = new Map<string, string>();

  /** `salt`: any string, used as the HMAC key as its UTF-8 bytes. */
  constructor(readonly salt: string) {}

  /**
   * The pseudonym of an id: a lower-case v8 UUID (8-4-4-4-12) with `8eda` as its third group.
   * A pseudonym, or an empty id, is returned as it is.
   */
  id(id: string): string {
    if (id === '' || isIdPseudonym(id)) return id;
    return this.remember(`i${idKey(id)}`, () => v8Uuid(hex(hmacSha256(this.salt, idKey(id)))));
  }

  /** The pseudonym of a user name: `user-` and 8 hexadecimal digits; a pseudonym or '' as it is. */
  user(name: string): string {
    if (name === '' || isUserPseudonym(name)) return name;
    return this.remember(`u${name}`, () => `user-${hex(hmacSha256(this.salt, `user_name:${name}`)).slice(0, 8)}`);
  }

  private remember(key: string, make: () => string): string {
    let out = this.memo.get(key);
    if (out !== undefined) return out;
    out = make();
    if (this.memo.size >= MEMO_SIZE) this.memo.clear();
    this.memo.set(key, out);
    return out;
  }
}

const MEMO_SIZE = 4096;

/**
 * RFC 9562 §5.8's layout from 64 hexadecimal digits: custom_a (48 bits), version 8, custom_b
 * (the marker `eda`), variant 0b10 with the first 2 bits of custom_c, the other 60 bits of
 * custom_c. 110 bits come from the HMAC.
 */
function v8Uuid(h: string): string {
  const variant = (8 | (parseInt(h[12]!, 16) & 3)).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${PSEUDONYM_MARK}-${variant}${h.slice(13, 16)}-${h.slice(16, 28)}`;
}
