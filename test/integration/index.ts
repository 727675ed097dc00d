// The extensionTestsPath module: VS Code's extension host calls run() once the window is up.
// It runs every compiled *.test.js beside it with mocha and ends with the line CI adds up.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/**
 * Errors nobody caught in the extension host while the tests ran: the extension's own (a failed
 * promise in a handler) would reach the user as an error notification or a log line. Other
 * extensions share the host, so only those whose stack names our bundle count.
 */
const escaped: string[] = [];
const watch = (what: string) => (err: unknown): void => {
  const text = err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err);
  if (/dist[\\/]extension\.js/.test(text)) escaped.push(`${what}: ${text}`);
};
process.on('unhandledRejection', watch('unhandled rejection'));
process.on('uncaughtExceptionMonitor', watch('uncaught exception'));

export function run(): Promise<void> {
  const grep = process.env.ALFRED_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, ...(grep ? { grep } : {}) });
  const files = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  for (const name of files) mocha.addFile(path.join(__dirname, name));

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        const stats = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
        const { passes, pending } = stats;
        // An error that escaped the extension is a failure of the run, whichever test caused it.
        for (const e of escaped) console.log(`error escaped the extension: ${e}`);
        const failures = stats.failures + escaped.length;
        // Plain "N passed, N failed" (", N skipped" only when some were): what CI adds up.
        console.log(`integration: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else if (passes === 0) reject(new Error(`no integration test ran (files: ${files.join(', ') || 'none'})`));
        else resolve();
      });
    } catch (err) {
      // A test file that throws while loading: count it as a failure, not as silence.
      console.log('integration: 0 passed, 1 failed');
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
