/** Enumerations of the docs (docs.tagshelf.dev: "Job Stages", "File Status"), and the names around them that users mix up. */
import { t } from '../l10n';

/** Job stages, in the order of the docs' "Job Stages" page. */
export const JOB_STAGES = [
  'queued',
  'started',
  'downloading',
  'downloaded',
  'uploading',
  'uploaded',
  'in_progress',
  'completed',
  'failed',
  'invalid',
  'cancelled',
  'syncing',
  'synced',
  'in_revision',
  'waiting_to_be_sent_to_third_party',
  'sent_to_third_party',
] as const;

/**
 * File statuses by code, from the docs' "File Status" page. Rows after 12 were not recovered,
 * so this list is not closed: `file_status` stays free text and these only feed completion and hover.
 */
export const FILE_STATUSES = [
  'uploaded',
  'metadata',
  'pre_processing',
  'pre_processed',
  'decomposing',
  'decomposed',
  'ocr',
  'transformed',
  'classifying',
  'classified',
  'indexing',
  'indexed',
  'extracting',
] as const;

export type EventFamily = 'job' | 'file';

/** The `event_type` value of each family, outside and inside `event`. */
export const EVENT_TYPE_OF: Readonly<Record<EventFamily, string>> = {
  job: 'job_event_type',
  file: 'file_event_type',
};

/** "job event" or "file event", in the active language (hovers, completion). */
export function familyName(family: EventFamily): string {
  return family === 'job' ? t('job event') : t('file event');
}

export const EVENT_TYPES: readonly string[] = Object.values(EVENT_TYPE_OF);

/**
 * Names of Tagshelf's realtime socket channel (SDKs). They look like event names or types but
 * never occur in a webhook payload, so we explain that rather than only saying "unknown".
 */
export function isRealtimeName(name: string): boolean {
  return name === 'job_event' || name === 'file_event' || name.startsWith('alfred_event_');
}
