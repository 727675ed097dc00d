import * as z from 'zod/mini';
import { payloadSchema } from './schemas';

/**
 * The JSON Schema (draft 2020-12) of an Alfred webhook body, for users of other editors and
 * tools. It describes the canonical, documented form: the docs' string-encoded numbers and
 * non-hex ids fail it, where our validator only warns.
 */
export function jsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(payloadSchema(), { target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'Alfred webhook event',
    description: 'A webhook body posted by Alfred (Tagshelf): one of 24 job and file events, or the URL verification body. Generated from the alfred-events catalogue.',
    ...rest,
  };
}
