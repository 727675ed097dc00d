// The one build script: every bundle the project ships comes from here.
import { copyFileSync, cpSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
  // jsonc-parser's "main" is a UMD build whose inner requires esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

/**
 * The web build's stand-in for the recorder: src/editor/record-server.ts starts a Node HTTP
 * server, which a web worker cannot run, so the web bundle takes record-server.web.ts instead
 * (no recorder: the command says so).
 */
const withoutServer = {
  name: 'without-server',
  setup(build) {
    build.onResolve({ filter: /[\\/]record-server$/ }, (args) => ({ path: path.resolve(args.resolveDir, `${args.path}.web.ts`) }));
  },
};

await Promise.all([
  // The timeline preview's page script: runs in the webview, a browser without Node.
  esbuild.build({
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  }),
  esbuild.build({
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'],
  }),
  // The same extension for VS Code for the Web (vscode.dev, github.dev): a web worker, no Node.
  // What needs Node (the task running the CLI) is left out at run time by the extension itself.
  esbuild.build({
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    mainFields: ['browser', 'module', 'main'],
    plugins: [withoutServer],
  }),
  esbuild.build({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  }),
  // The CLI's worker threads (per-record checks of a log's chunks): a file of its own beside
  // dist/cli.js, which starts it by path; npm ships both (.npmignore).
  esbuild.build({
    ...common,
    entryPoints: ['src/cli/worker.ts'],
    outfile: 'dist/cli-worker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  }),
  // The library entry (package.json "exports"): ESM and CommonJS for receivers, on any runtime
  // (Node, serverless, edge), so platform "neutral": a Node built-in would fail to resolve here.
  ...['esm', 'cjs'].map((format) =>
    esbuild.build({
      ...common,
      entryPoints: ['src/lib/index.ts'],
      outfile: `dist/lib/index.${format === 'esm' ? 'mjs' : 'cjs'}`,
      platform: 'neutral',
      format,
      target: 'es2022',
      // A library's users read its stack traces: kept readable even in the production build.
      minify: false,
    }),
  ),
]);

// Its declarations are generated and committed (npm run types); each format gets its own copy, so
// that TypeScript reads the ESM entry's types as ESM and the CommonJS entry's as CommonJS.
mkdirSync('dist/lib', { recursive: true });
for (const ext of ['d.mts', 'd.cts']) copyFileSync('src/lib/alfred-events.d.ts', `dist/lib/index.${ext}`);

// The walkthrough's example log is the test suite's: shipped as a copy made here, so there is one source.
cpSync('test/fixtures/examples/jobs.alfred.jsonl', 'dist/examples/jobs.alfred.jsonl');
