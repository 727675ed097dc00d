import * as z from 'zod/mini';
import type { WebviewMessage } from '../core/index';

/**
 * Messages from the webview, checked before use: the page draws payload strings, and the host
 * trusts nothing it says. Unknown or malformed messages are ignored.
 */
const ref = z.strictObject({
  uri: z.string().check(z.maxLength(4096)),
  offset: z.int().check(z.minimum(0)),
  length: z.int().check(z.minimum(0)),
  record: z.optional(z.int().check(z.minimum(0))),
});

const message = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('reveal'), ref }),
  // A picture of 1,000 jobs is a few MB; anything far beyond is no picture of ours.
  z.strictObject({ type: z.literal('exportSvg'), svg: z.string().check(z.maxLength(64 * 1024 * 1024)) }),
]);

export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  const r = message.safeParse(raw);
  return r.success ? r.data : undefined;
}
