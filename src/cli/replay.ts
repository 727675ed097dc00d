import * as fs from 'node:fs';
import { decodeBytes, deliverablesOf, replay, replayJunit, ReplayRefused, t, type Deliverable, type ReplayReport } from '../core/index';
import { IoError, reading } from './errors';
import { collectTargets } from './files';
import { Output, type Write } from './output';
import { Progress } from './progress';
import { resolveReceiver } from './receiver';
import type { ReplayCommand } from './replay-args';
import { writeReplayJson, writeReplayText, type SkippedLine } from './replay-report';

/** What replay needs of the CLI's io (run.ts's Io). */
export interface ReplayIo {
  cwd: string;
  stdout: Write;
  stderr: (text: string) => void;
  progress?: boolean;
}

/**
 * `alfred-events replay PATH...` (README "Replaying a log as a contract test"): reads the events
 * of the files (directories searched as validate searches them), resolves the receiver (`--to`,
 * else the team configuration's receiver.url), runs the scenarios and prints the report.
 * Resolves to the exit status: 0 every scenario passed, 1 one failed, 130 stopped by Ctrl-C (the
 * report of what was done is still written). Throws an IoError (status 2)
 * for an unreadable or non-UTF-8 file, no event to deliver, a refused target, or a plan that
 * exceeds --max-requests, all before anything is sent; a UsageError when no receiver is named.
 */
export async function replayCommand(command: ReplayCommand, io: ReplayIo): Promise<number> {
  const receiver = await resolveReceiver({ to: command.to, stateUrl: command.stateUrl, allowRemote: command.allowRemote, config: command.config, command: 'replay' }, io.cwd);
  const { items, skipped } = readEvents(command, io.cwd);
  for (const s of skipped) io.stderr(`alfred-events: ${t('skipped {0}: {1}', `${s.file}:${s.line}`, s.reason)}\n`);
  if (items.length === 0) throw new IoError(t('nothing to deliver: no event in {0}', command.paths.join(', ')));

  const progress = io.progress ? new Progress(io.stderr) : undefined;
  let done = 0;
  let report: ReplayReport;
  // Ctrl-C stops the run between requests and still writes the report of what was delivered, so
  // that `> replay.xml` holds a whole document; a second Ctrl-C ends the process at once.
  const cancel = new AbortController();
  const interrupted = (): void => cancel.abort();
  process.once('SIGINT', interrupted);
  try {
    report = await replay(items, {
      to: receiver.url,
      stateUrl: receiver.stateUrl,
      scenarios: command.scenarios,
      seed: command.seed,
      timeoutMs: command.timeoutMs,
      ratePerSecond: command.ratePerSecond,
      maxRequests: command.maxRequests,
      retries: command.retries,
      backoffMs: command.backoffMs,
      signal: cancel.signal,
      onDelivery: (d) => progress?.status(() => t('replay {0}: {1} deliveries', d.scenario, ++done)),
    });
  } catch (err) {
    if (err instanceof ReplayRefused) throw new IoError(t('refused: {0}', `${err.message} (--max-requests ${command.maxRequests})`));
    throw err;
  } finally {
    process.removeListener('SIGINT', interrupted);
    progress?.clear();
  }

  const out = new Output(io.stdout);
  const run = { to: receiver.url, stateUrl: receiver.stateUrl, seed: command.seed, skipped };
  if (command.format === 'junit') for (const piece of replayJunit(report)) await out.put(piece);
  else if (command.format === 'json') await writeReplayJson(report, run, out);
  else await writeReplayText(report, run, out);
  await out.flush();
  // 128 + SIGINT, as a shell reports a command stopped by Ctrl-C.
  if (report.cancelled) return 130;
  return report.ok ? 0 : 1;
}

/**
 * The events of every file, in the order the files are found (as given; a directory's sorted
 * by path). The bytes go through the core's decoder; a file that is not valid UTF-8 (or UTF-16)
 * is refused, since its events could not be sent as the bytes it holds.
 */
function readEvents(command: ReplayCommand, cwd: string): { items: Deliverable[]; skipped: SkippedLine[] } {
  const targets = collectTargets(command.paths, cwd, { detect: command.detect, allowEmpty: 'never', config: command.config });
  const items: Deliverable[] = [];
  const skipped: SkippedLine[] = [];
  for (const target of targets) {
    const decoded = decodeBytes(reading(target.display, () => fs.readFileSync(target.absolute)));
    if (decoded.invalid.length > 0) throw new IoError(t('cannot replay {0}: it holds bytes that are not valid UTF-8, which could not be sent as they are', target.display));
    const found = deliverablesOf(decoded.text, target.display, target.mode);
    // One at a time: spreading a long log's events into push would overflow the stack.
    for (const item of found.items) items.push(item);
    for (const s of found.skipped) skipped.push({ file: target.display, ...s });
  }
  return { items, skipped };
}
