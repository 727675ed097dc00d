/**
 * When two ids are the same id. RFC 9562 §4: the hexadecimal digits of a UUID "are output as
 * lower case characters and are case insensitive on input", so `C232AB00-…` and `c232ab00-…`
 * name one job, one event, one file. See the README, "Jobs across events".
 */

/** The 8-4-4-4-12 hexadecimal form of RFC 9562 §4, in any letter case. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The key two ids are compared, grouped and looked up by: a UUID in lower case; any other
 * string (the docs' ids with letters beyond f, a name) exactly as written, since no standard
 * makes it case-insensitive. Never shown: what is shown is the id as first written.
 */
export function idKey(id: string): string {
  return UUID.test(id) ? id.toLowerCase() : id;
}

/**
 * A spelling book: `of(id)` gives the id as first written of all those with its key, so that
 * ids that differ only in case become one string, shown as the input first spelt it.
 * Call it in the input's order for "first" to mean first in the input.
 */
export class Spellings {
  private readonly first = new Map<string, string>();

  of(id: string): string {
    const key = idKey(id);
    const had = this.first.get(key);
    if (had !== undefined) return had;
    this.first.set(key, id);
    return id;
  }
}
