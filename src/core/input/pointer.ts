/** A path into a JSON value: property names and array indices. */
export type JsonPath = readonly (string | number)[];

/** RFC 6901 JSON Pointer of a path: `~` and `/` escaped, `""` for the whole document. */
export function toPointer(path: JsonPath): string {
  let out = '';
  for (const seg of path) out += '/' + String(seg).replace(/~/g, '~0').replace(/\//g, '~1');
  return out;
}
