/** A path into a JSON value: property names and array indices. */
export type JsonPath = readonly (string | number)[];

/** RFC 6901 JSON Pointer of a path: `~` and `/` escaped, `""` for the whole document. */
export function toPointer(path: JsonPath): string {
  let out = '';
  for (const seg of path) out += '/' + referenceToken(String(seg));
  return out;
}

/** One member name as an RFC 6901 reference token: `~` written `~0`, `/` written `~1`. */
export function referenceToken(key: string): string {
  return key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
}
