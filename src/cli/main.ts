// Entry point of the `alfred-events` binary (bundled to dist/cli.js).
// last-resort must stay the first import: modules initialise in import order.
import { reportCrash } from './last-resort';
import { run } from './run';

// Piping into `head` closes stdout early; that is the reader's choice, not a failure.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  reportCrash(new Error(`cannot write output: ${err.message}`));
  process.exit(2);
});

try {
  // exitCode rather than exit(): a large report written to a pipe may still be draining.
  process.exitCode = run(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => {
      process.stdout.write(text);
    },
    stderr: (text) => {
      process.stderr.write(text);
    },
  });
} catch (err) {
  // A bug in the CLI or the core: users and CI logs get one line, never a stack trace.
  reportCrash(err);
}
