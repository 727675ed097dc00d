/**
 * Payload text as messages show it: cut so that the cut says how much it left out (README, "In
 * the editor": every cut says that it cut and how much), counting code points so that no
 * surrogate pair is split into a lone half; and an invisible character named by its code point.
 */

/** `U+00A0`: a code point as Unicode writes it, four hexadecimal digits at least. */
export const codePointName = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * `s` cut to `max` characters, saying how many were cut: `"https://example.com/a…" (+40
 * characters)`. Characters are code points, so that no surrogate pair is split.
 */
export function clip(s: string, max: number): string {
  const cut = cutAt(s, max - 1);
  // One character more than the ellipsis's place fits as it is.
  return cut && cut.rest > 1 ? `${s.slice(0, cut.at)}… (+${cut.rest} characters)` : s;
}

/**
 * Where `s` holds more than `keep` code points: the UTF-16 index after the first `keep`, and how
 * many follow. One pass without copying, since a value may be megabytes long.
 */
export function cutAt(s: string, keep: number): { at: number; rest: number } | undefined {
  let points = 0;
  let at = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const low = c >= 0xdc00 && c <= 0xdfff && i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff;
    if (low) continue;
    if (points === keep) at = i;
    points++;
  }
  return points > keep ? { at, rest: points - keep } : undefined;
}
