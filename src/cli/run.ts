import { jsonSchema, t, useMessages } from '../core/index';
import pkg from '../../package.json';
import { helpText, localeOption, parseCommandLine, UsageError, type Command } from './args';
import { checkTargets } from './check';
import { diffCommand } from './diff';
import { handshake } from './handshake';
import { importCommand } from './import';
import { redactCommand } from './redact';
import { replayCommand } from './replay';
import { recordCommand } from './record';
import { collectTargets, IoError } from './files';
import { Output, type Write } from './output';
import { environmentLocale, languageTag, loadMessages } from './locale';
import { Progress } from './progress';
import { resolveReceiver } from './receiver';
import { writeJsonReport } from './report-json';
import { writeJunit } from './report-junit';
import { writeSarif } from './report-sarif';
import { writeText } from './report-text';
import { send } from './send';
import { exitStatus, type CheckedFile } from './results';

/** Where the CLI writes. Passed in, not taken from `process`, so a test can run it in-process. */
export interface Io {
  cwd: string;
  /** May return a promise while the output is full (a pipe being read slowly): it is awaited. */
  stdout: Write;
  /** Bytes for stdout as they are (redact's output); without it, they are written as UTF-8 text. */
  stdoutBytes?: (bytes: Uint8Array) => void | Promise<void>;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal: then a long run shows a progress line there. */
  progress?: boolean;
  /** Worker threads for the per-record checks (default: one per core, for logs large enough). */
  threads?: number;
  /** Bytes per chunk of a log (default a few MB); small in tests, to cut everywhere. */
  chunkBytes?: number;
  /** The environment whose LC_ALL, LC_MESSAGES and LANG choose the language (none: English). */
  env?: Readonly<Record<string, string | undefined>>;
}

const NAME = 'alfred-events';

/**
 * Runs one command line and resolves to the exit status. Only usage and file-system problems
 * are turned into status 2 here; anything else is a bug and left to the entry point's last resort.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const explicit = localeOption(argv);
  useMessages(loadMessages(languageTag(explicit ?? environmentLocale(io.env ?? {}) ?? '')));
  try {
    const command = parseCommandLine(argv);
    // A JSON, SARIF or JUnit report is read by programs and uploaded from whichever machine ran
    // it: its messages are English unless --locale asks otherwise (README "Languages").
    if (explicit === undefined && 'format' in command && command.format !== 'text') useMessages(undefined);
    return await execute(command, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`${NAME}: ${t("{0}. Run '{1} --help' for usage.", err.message, NAME)}\n`);
      return 2;
    }
    if (err instanceof IoError) {
      io.stderr(`${NAME}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

async function execute(command: Command, io: Io): Promise<number> {
  switch (command.kind) {
    case 'help':
      await io.stdout(helpText());
      return 0;
    case 'version':
      await io.stdout(`${pkg.version}\n`);
      return 0;
    case 'schema':
      await io.stdout(JSON.stringify(jsonSchema(), null, 2) + '\n');
      return 0;
    case 'handshake': {
      const receiver = await resolveReceiver({ ...command, command: 'handshake' }, io.cwd);
      return handshake(receiver.url, command, io.stdout);
    }
    case 'send': {
      const receiver = await resolveReceiver({ ...command, command: 'send' }, io.cwd);
      return send(receiver.url, command, io.cwd, io.stdout, io.stderr);
    }
    case 'replay':
      return replayCommand(command, io);
    case 'record':
      return recordCommand(command, io.cwd, io.stdout);
    case 'diff':
      return diffCommand(command, io.cwd, io.stdout, io.stderr);
    case 'import':
      return importCommand(command, io);
    case 'redact':
      return redactCommand(command, { ...io, stdoutBytes: io.stdoutBytes ?? ((bytes) => io.stdout(new TextDecoder().decode(bytes))) });
    case 'validate': {
      // Every file is read and checked before anything is printed, so an unreadable file
      // yields one error line instead of a half-written JSON or SARIF document.
      const targets = collectTargets(command.paths, io.cwd, { detect: command.detect, allowEmpty: command.allowEmpty, config: command.config, rules: command.rules });
      const progress = io.progress ? new Progress(io.stderr) : undefined;
      let files: CheckedFile[];
      try {
        // Each file alone, then the cross-event rules over all of them at once: a job's events
        // may be spread over many payload files. Each finding takes the rules of the file it lands
        // in (its team configuration, then --rule).
        files = await checkTargets(targets, (t) => t.rules, { threads: io.threads, chunkBytes: io.chunkBytes, progress: progress && ((done, total) => progress.update(done, total)) });
      } finally {
        progress?.clear();
      }
      const out = new Output(io.stdout);
      if (command.format === 'json') await writeJsonReport(files, out);
      else if (command.format === 'sarif') await writeSarif(files, { version: pkg.version, root: io.cwd }, out);
      else if (command.format === 'junit') await writeJunit(files, out);
      else await writeText(files, out);
      await out.flush();
      return exitStatus(files);
    }
  }
}
