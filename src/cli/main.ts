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

// exitCode rather than exit(): a large report written to a pipe may still be draining.
run(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => {
    // A full pipe: wait for it to drain, so a long report is never all held in memory.
    return process.stdout.write(text) ? undefined : new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
  },
  stdoutBytes: (bytes) => (process.stdout.write(bytes) ? undefined : new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()))),
  stderr: (text) => {
    process.stderr.write(text);
  },
  progress: process.stderr.isTTY === true,
  threads: threadsFromEnvironment(),
  env: process.env,
}).then(
  (status) => {
    process.exitCode = status;
  },
  // A bug in the CLI or the core: users and CI logs get one line, never a stack trace.
  (err: unknown) => reportCrash(err),
);

/** ALFRED_EVENTS_THREADS=n sets the number of worker threads (0: none), as the README's "Performance" says. */
function threadsFromEnvironment(): number | undefined {
  const given = process.env.ALFRED_EVENTS_THREADS;
  if (given === undefined || !/^\d+$/.test(given)) return undefined;
  return Number(given);
}
