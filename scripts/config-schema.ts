// schemas/alfred-events-config.schema.json comes from the rule table, not from a hand-kept copy.
// `npm run schema` rewrites it; a unit test fails when it drifts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { teamConfigSchema } from '../src/core/config/team-schema';

export const CONFIG_SCHEMA = join(__dirname, '..', 'schemas', 'alfred-events-config.schema.json');

/** The file's text, as committed: two-space JSON and a final newline. */
export const configSchemaText = (): string => JSON.stringify(teamConfigSchema(), null, 2) + '\n';

if (require.main === module) writeFileSync(CONFIG_SCHEMA, configSchemaText());
