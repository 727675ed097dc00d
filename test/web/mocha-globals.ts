// mocha's browser build defines its interface as globals once set up (index.ts imports setup.ts
// before the tests): read here with their types, so that mocha's Node side is never bundled.
/// <reference types="mocha" />

const g = globalThis as unknown as { describe: Mocha.SuiteFunction; it: Mocha.TestFunction; before: Mocha.HookFunction; after: Mocha.HookFunction };
export const { describe, it, before, after } = g;
