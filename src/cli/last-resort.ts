// Imported first by main.ts, so that its handler is in place before any other module of the
// bundle initialises: even a dependency failing to load then ends as one line, not a stack trace.

/** Prints `alfred-events: <message>` for an unexpected failure and sets exit status 2. */
export function reportCrash(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  // Node's messages sometimes continue with a require stack or hints on further lines.
  process.stderr.write(`alfred-events: ${message.split('\n')[0] ?? ''}\n`);
  process.exitCode = 2;
}

process.on('uncaughtException', (err) => {
  reportCrash(err);
  process.exit(2);
});
