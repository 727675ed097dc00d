/** The public core: everything the CLI, the editor and the tests need, with no `vscode`. */
export * from './types';
export * from './rules';
export { validate } from './validate';
export { jsonSchema } from './schema';
