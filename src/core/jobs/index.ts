/** Jobs across events: the model, the cross-event rules and the timeline, for the CLI and the editor. */
import type { RuleSetting, Diagnostic } from '../types';
import { placeFindings } from './place';
import { readRecords, type EventRecord, type Source } from './records';
import { crossCheck } from './rules';

export type { Source } from './records';
export { buildTimeline, timelineSteps } from './timeline';
export type * from './timeline-data';

/** The cross-event diagnostics of several sources checked as one body of events (a folder). */
export function crossCheckSources(sources: readonly Source[], rules?: Readonly<Record<string, RuleSetting | undefined>>): Diagnostic[][] {
  return placeFindings(sources, crossCheck(readRecords(sources)), rules);
}

/** The same for one log whose records were already parsed (by the per-record checks). */
export function crossCheckRecords(source: Source, records: readonly EventRecord[], rules?: Readonly<Record<string, RuleSetting | undefined>>): Diagnostic[] {
  return placeFindings([source], crossCheck(records), rules)[0]!;
}
