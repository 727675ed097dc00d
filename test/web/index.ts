// The extensionTestsPath module of the web run: VS Code for the Web loads it in its web-worker
// extension host, where there is no Node; mocha's browser build runs the tests bundled beside it.
import 'mocha/mocha.js';
import './setup';
import './web.test';

declare const mocha: { run(fn: (failures: number) => void): { stats?: { passes: number } } };

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const passes = runner.stats?.passes ?? 0;
      // The line .ci/run adds up.
      console.log(`web: ${passes} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} web test(s) failed`));
      else if (passes === 0) reject(new Error('no web test ran'));
      else resolve();
    });
  });
}
