// mocha's browser build wants setting up before the test files describe their suites.
declare const mocha: { setup(options: { ui: string; reporter: string; color: boolean; timeout: number }): void };
mocha.setup({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000 });
