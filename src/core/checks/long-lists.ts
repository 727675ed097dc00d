import type * as z from 'zod/mini';
import type { $ZodIssue } from 'zod/v4/core';
import { eventField, type EventInfo } from '../catalogue';
import { isObject, member, type JsonObject } from './findings';
import { fieldSchema } from './schemas';

/** Past this many items a list member is checked here, in chunks of this size. */
const CHUNK = 10_000;

/**
 * `schema.safeParse(root)`'s issues, for any length of list. zod merges a member's issues into its
 * object with one spread call, which throws RangeError past about 120k issues (a log line whose
 * error_messages holds 200k numbers). So each list member of the event longer than CHUNK is left
 * out of the schema's run (an empty list there) and checked here in chunks against its own field
 * schema; the issues' paths point into `root` as zod's would. All are kept, so that the record's
 * cut at 200 problems can say how many more there were.
 */
export function schemaIssues(schema: z.ZodMiniType, root: JsonObject, info: EventInfo | undefined): { success: boolean; issues: $ZodIssue[] } {
  const ev = member(root, 'event');
  const long = info && isObject(ev) ? listFields(info).filter((name) => isLong(member(ev, name))) : [];
  if (long.length === 0) {
    const result = schema.safeParse(root);
    return { success: result.success, issues: result.success ? [] : result.error.issues };
  }
  const event = { ...(ev as JsonObject) };
  for (const name of long) event[name] = [];
  const result = schema.safeParse({ ...root, event });
  const issues = result.success ? [] : [...result.error.issues];
  for (const name of long) chunkIssues(name, member(ev as JsonObject, name) as unknown[], issues);
  return { success: issues.length === 0, issues };
}

const isLong = (value: unknown): boolean => Array.isArray(value) && value.length > CHUNK;

const lists = new Map<EventInfo, readonly string[]>();

/** The event's fields whose values are lists (file_urls, error_messages), worked out once. */
function listFields(info: EventInfo): readonly string[] {
  let names = lists.get(info);
  if (!names) {
    names = info.fields.filter((name) => {
      const kind = eventField(name)?.kind;
      return kind === 'url-list' || kind === 'text-list';
    });
    lists.set(info, names);
  }
  return names;
}

function chunkIssues(name: string, list: unknown[], into: $ZodIssue[]): void {
  const field = eventField(name)!;
  for (let start = 0; start < list.length; start += CHUNK) {
    const result = fieldSchema(field).safeParse(list.slice(start, start + CHUNK));
    if (result.success) continue;
    for (const issue of result.error.issues) {
      const [index, ...rest] = issue.path;
      into.push({ ...issue, path: ['event', name, start + (index as number), ...rest] });
    }
  }
}
