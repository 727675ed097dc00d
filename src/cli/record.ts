import * as path from 'node:path';
import { startRecorder, type Delivery, type Recorder } from '../recorder/index';
import { FolderConfigs } from './config';
import { IoError } from './errors';
import type { RecordCommand } from './record-args';
import { t } from '../core/index';
import { LinePrinter } from './record-print';
import { printableLine } from './terminal';
import type { Write } from './output';

/** The process's signals as record needs them; a test may pass its own. */
export interface Signals {
  /** Calls `handler` on each SIGINT or SIGTERM; returns the way to stop listening. */
  onStop(handler: (name: string) => void): () => void;
  /** Ends the process at once (the second Ctrl-C). */
  exit(status: number): void;
}

const processSignals: Signals = {
  onStop(handler) {
    const on = (name: NodeJS.Signals): void => handler(name);
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
    return () => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
    };
  },
  exit: (status) => process.exit(status),
};

/**
 * `alfred-events record --listen HOST:PORT --out FILE [--forward-to URL]` (README "Recording
 * deliveries"): runs the recorder until SIGINT or SIGTERM, printing a start line naming its URL,
 * one line per request answered (time, event name, job, the validator's findings), and a summary.
 * The first signal stops it cleanly: no new connection, requests in flight finish their lines,
 * files closed, exit status 0. A second one exits at once (status 130); each line of the log is
 * written whole in one write, so even then none is cut. A recorder that cannot start (address
 * refused or in use, a file that cannot be written) is an IoError: one line, exit status 2.
 */
export async function recordCommand(command: RecordCommand, cwd: string, out: Write, signals: Signals = processSignals): Promise<number> {
  const log = path.resolve(cwd, command.out);
  const rules = new FolderConfigs(command.config, cwd).rules(path.dirname(log), {});
  let recorder: Recorder;
  try {
    recorder = await startRecorder({
      host: command.host, port: command.port, out: log, allowRemote: command.allowRemote, rules,
      forwardTimeoutMs: command.timeoutMs,
      ...(command.sidecar === undefined ? {} : { sidecar: path.resolve(cwd, command.sidecar) }),
      ...(command.forwardTo === undefined ? {} : { forwardTo: command.forwardTo }),
    });
  } catch (err) {
    throw new IoError((err as Error).message);
  }
  const shownSidecar = command.sidecar ?? `${command.out}.sidecar.jsonl`;
  let others = 0;
  let withFindings = 0;
  const printer = new LinePrinter(out);
  recorder.onDelivery((d) => {
    if (d.kind !== 'event') others++;
    else if (d.findings > 0) withFindings++;
    printer.print(deliveryLine(d));
  });
  printer.print(`${command.forwardTo
    ? t('Recording deliveries to {0} into {1} (other requests: {2}), forwarding each to {3}. Ctrl-C stops.', recorder.url.href, printableLine(command.out), printableLine(shownSidecar), command.forwardTo.href)
    : t('Recording deliveries to {0} into {1} (other requests: {2}). Ctrl-C stops.', recorder.url.href, printableLine(command.out), printableLine(shownSidecar))}\n`);

  const stopped = new Promise<void>((resolve) => {
    let signalled = false;
    const off = signals.onStop(() => {
      if (signalled) {
        signals.exit(130);
        return;
      }
      signalled = true;
      printer.print(`${t('Stopping: finishing the requests in flight (Ctrl-C again to quit at once)')}\n`, true);
      void recorder.stop().then(() => {
        off();
        resolve();
      });
    });
  });
  await stopped;
  const lists = `alfred-events validate ${printableLine(command.out)}`;
  const findings = withFindings === 0 ? '' : withFindings === 1 ? t('; 1 event with findings ({0} lists them)', lists) : t('; {0} events with findings ({1} lists them)', withFindings, lists);
  const events = recorder.count === 1 ? t('1 event') : t('{0} events', recorder.count);
  const rest = others === 1 ? t('1 other request') : t('{0} other requests', others);
  printer.print(`${t('Stopped: {0} recorded in {1}, {2} in {3}{4}.', events, printableLine(command.out), rest, printableLine(shownSidecar), findings)}\n`, true);
  await printer.idle();
  return 0;
}

/** One line for one request: its time, then what it was and what became of it. Sender's text escaped. */
export function deliveryLine(d: Delivery): string {
  const forwarded = d.forwarded === undefined ? '' : `  ${d.forwarded.status !== undefined ? t('forwarded: HTTP {0}', d.forwarded.status) : t('not forwarded: HTTP {0}, {1}', d.status, d.forwarded.error)}`;
  let what: string;
  if (d.kind === 'event') {
    what = d.line === undefined
      ? `${d.eventName ?? t('(no event name)')}  ${t('NOT RECORDED (HTTP {0})', d.status)}`
      : `${t('line {0}', d.line)}  ${d.eventName ?? t('(no event name)')}  ${d.jobId !== undefined ? t('job {0}', d.jobId) : d.fileId !== undefined ? t('file {0}', d.fileId) : t('no job')}  ${d.findings === 1 ? t('1 finding in the record') : t('{0} findings in the record', d.findings)}`;
  } else if (d.kind === 'handshake') {
    what = `url_verification  ${d.forwarded ? t('handshake') : d.status === 200 ? t('answered HTTP 200 with the challenge') : t('answered HTTP {0}: no challenge in it', d.status)}`;
  } else {
    what = `${d.method} ${d.path}  ${t('not an event: {0} (HTTP {1}, in the sidecar)', d.reason ?? t('not a JSON object'), d.status)}`;
  }
  return printableLine(`${d.time}  ${what}${forwarded}`) + '\n';
}
