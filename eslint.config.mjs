// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Imports the files matching `files` must not make, each with the reason. */
const forbid = (files, { paths = [], patterns = [] }) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths, patterns }], '@typescript-eslint/no-restricted-imports': 'off' },
});

export default tseslint.config(
  { ignores: ['dist/**', '**/out/**', 'node_modules/**', '.vscode-test/**', '*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked.map((c) => ({ ...c, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    // Two programs: the page script sees the DOM, nothing else does (tsconfig.webview.json).
    languageOptions: { parserOptions: { project: ['./tsconfig.json', './tsconfig.webview.json'], tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test's describe/it return promises the runner itself awaits.
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'before', 'after'] }] },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // The core is shared by the CLI, the tests and a web build: it must never reach for the editor,
  // nor for the preview's protocol, which only the extension and its page need.
  forbid(['src/core/**/*.ts'], {
    paths: [{ name: 'vscode', message: 'src/core must stay free of vscode.' }],
    patterns: [{ group: ['**/shared/*'], message: 'src/shared is what the extension and its page share; the CLI needs none of it.' }],
  }),
  // Bundled into the extension (Node and web worker) and into the page script: no editor API,
  // no Node module (and no DOM: tsconfig.json, which has no DOM library, checks it).
  forbid(['src/shared/**/*.ts'], {
    paths: [{ name: 'vscode', message: 'src/shared runs in the page too: no vscode.' }],
    patterns: [{ group: ['node:*'], message: 'src/shared runs in the page too: no Node module.' }],
  }),
  // The library entry runs in receivers' serverless and edge runtimes: the core and nothing else.
  forbid(['src/lib/**/*.ts'], {
    paths: [{ name: 'vscode', message: 'src/lib is a library for receivers: no vscode.' }],
    patterns: [
      { group: ['node:*'], message: 'src/lib runs in edge runtimes too: no Node module.' },
      { group: ['**/cli/*', '**/editor/*', '**/shared/*', '**/webview/*'], message: 'src/lib bundles the core only.' },
    ],
  }),
  {
    files: ['**/*.mjs'],
    // Node scripts: the globals they use, named rather than pulled from a globals package.
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', fetch: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly' },
    },
  },
);
