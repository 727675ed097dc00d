import type { DocumentMode } from './types';

/**
 * Whether a plain .json / .jsonl text is an Alfred payload, so that the extension may check it
 * without touching unrelated JSON. Looks only at the start of the text: an envelope names its
 * event within its first lines, and this runs on every JSON file the user opens.
 */
export function looksLikeAlfred(text: string): boolean {
  const head = text.slice(0, 16_384);
  if (/"type"\s*:\s*"url_verification"/.test(head) && /"challenge"\s*:/.test(head)) return true;
  return /"event_name"\s*:/.test(head) && /"event_(?:id|type|time)"\s*:/.test(head) && /"event"\s*:\s*\{/.test(head);
}

/** How a file is read by its name: `.jsonl` and `.ndjson` files are logs, the rest documents. */
export function modeOfName(path: string): DocumentMode {
  return /\.(?:jsonl|ndjson)$/i.test(path) ? 'log' : 'document';
}

/** The names of payload files and logs (SPEC B2), whatever their content. */
export function isPayloadName(path: string): boolean {
  return /\.(?:alfred\.json|alfred-event\.json|alfred\.jsonl|alfred\.ndjson)$/i.test(path);
}

/** Plain JSON names that may hold payloads: their content decides (see looksLikeAlfred). */
export function isPlainJsonName(path: string): boolean {
  return /\.(?:json|jsonl|ndjson)$/i.test(path);
}
