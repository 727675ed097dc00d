import { crossCheckSources, effectiveSeverity, encodingDiagnostics, jsonSchema, validate } from '../core/index';
import pkg from '../../package.json';
import { helpText, parseCommandLine, UsageError, type Command } from './args';
import { collectTargets, IoError, readTarget } from './files';
import { formatJson } from './report-json';
import { formatSarif } from './report-sarif';
import { formatText } from './report-text';
import { exitStatus, type CheckedFile } from './results';

/** Where the CLI writes. Passed in, not taken from `process`, so a test can run it in-process. */
export interface Io {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const NAME = 'alfred-events';

/**
 * Runs one command line and returns the exit status. Only usage and file-system problems are
 * turned into status 2 here; anything else is a bug and left to the entry point's last resort.
 */
export function run(argv: readonly string[], io: Io): number {
  try {
    return execute(parseCommandLine(argv), io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`${NAME}: ${err.message}. Run '${NAME} --help' for usage.\n`);
      return 2;
    }
    if (err instanceof IoError) {
      io.stderr(`${NAME}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

function execute(command: Command, io: Io): number {
  switch (command.kind) {
    case 'help':
      io.stdout(helpText());
      return 0;
    case 'version':
      io.stdout(`${pkg.version}\n`);
      return 0;
    case 'schema':
      io.stdout(JSON.stringify(jsonSchema(), null, 2) + '\n');
      return 0;
    case 'validate': {
      // Every file is read and checked before anything is printed, so an unreadable file
      // yields one error line instead of a half-written JSON or SARIF document.
      const targets = collectTargets(command.paths, io.cwd, { detect: command.detect, allowEmpty: command.allowEmpty, config: command.config, rules: command.rules });
      const read = targets.map(readTarget);
      const texts = read.map((r) => r.text);
      // Each file alone, then the cross-event rules over all of them at once: a job's events may
      // be spread over many payload files.
      const files: CheckedFile[] = targets.map((target, i) => {
        const found = validate(texts[i]!, { mode: target.mode, rules: target.rules, crossEvent: false });
        const encoding = encodingDiagnostics(texts[i]!, read[i]!.invalid, target.rules);
        return { ...target, diagnostics: encoding.length > 0 ? [...encoding, ...found].sort((a, b) => a.offset - b.offset) : found };
      });
      const sources = targets.map((t, i) => ({ uri: t.display, text: texts[i]!, mode: t.mode }));
      // Found at default severities, then each file's own rules (its team configuration) decide.
      crossCheckSources(sources).forEach((all, i) => {
        const extra = all.flatMap((d) => {
          const severity = effectiveSeverity(d.code, targets[i]!.rules);
          return severity ? [{ ...d, severity }] : [];
        });
        if (extra.length > 0) files[i]!.diagnostics = [...files[i]!.diagnostics, ...extra].sort((a, b) => a.offset - b.offset);
      });
      io.stdout(
        command.format === 'json'
          ? formatJson(files)
          : command.format === 'sarif'
            ? formatSarif(files, { version: pkg.version, root: io.cwd })
            : formatText(files),
      );
      return exitStatus(files);
    }
  }
}
