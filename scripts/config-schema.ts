// schemas/alfred-events-config.schema.json (and its translations, .schema.<locale>.json) come from
// the rule table, not from hand-kept copies. `npm run schema` rewrites them; a unit test fails when
// they drift. The manifest's jsonValidation url is %jsonValidation.teamConfig.url%, which
// package.nls.<locale>.json points at the display language's file (README "Languages").
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { teamConfigSchema } from '../src/core/config/team-schema';
import { useMessages, type Messages } from '../src/core/l10n';

const ROOT = join(__dirname, '..');
export const CONFIG_SCHEMA = join(ROOT, 'schemas', 'alfred-events-config.schema.json');
/** The languages the schema is translated into, each with its bundle. */
export const SCHEMA_LOCALES = ['es'] as const;

export const localizedSchema = (locale: string): string => join(ROOT, 'schemas', `alfred-events-config.schema.${locale}.json`);

/** The file's text, as committed: two-space JSON and a final newline; in `locale`'s words when given. */
export function configSchemaText(locale?: string): string {
  const messages = locale ? (JSON.parse(readFileSync(join(ROOT, 'l10n', `bundle.l10n.${locale}.json`), 'utf8')) as Messages) : undefined;
  useMessages(messages);
  try {
    return JSON.stringify(teamConfigSchema(), null, 2) + '\n';
  } finally {
    useMessages(undefined);
  }
}

if (require.main === module) {
  writeFileSync(CONFIG_SCHEMA, configSchemaText());
  for (const locale of SCHEMA_LOCALES) writeFileSync(localizedSchema(locale), configSchemaText(locale));
}
