import { later } from '../l10n';
import { EVENT_FIELDS, type FieldInfo } from './fields';
import type { EventFamily } from './enums';

/** One of the 24 webhook events of the docs' Event API pages (docs.tagshelf.dev; README, "Events"). */
export interface EventInfo {
  name: string;
  /** Other spellings that mean this event. */
  aliases: readonly string[];
  /** Title of the event's docs page. */
  title: string;
  family: EventFamily;
  /** What the event means and when Alfred sends it: English, shown through t() where a person reads it. */
  when: string;
  /** False where the docs page was seen but not its example's event_name (README, "Events": name unconfirmed). */
  confirmed: boolean;
  /** Fields inside `event` besides event_name and event_type, in the docs' order. */
  fields: readonly string[];
}

const JOB_CORE = ['company_id', 'company_name', 'job_id'];
const DATES = ['creation_date', 'update_date'];
const JOB_FULL = ['job_id', 'user_name', 'merge', 'metadata', 'file_count', 'retries', 'exceeded_retries',
  'error_messages', 'company_id', 'company_name', 'file_urls', ...DATES];
const JOB_FAILURE = [...JOB_CORE, 'retries', 'exceeded_retries', 'error_messages', ...DATES];
const COMPANY = ['company_id', 'company_name'];
const CATEGORY = [...COMPANY, 'file_log_id', 'description', 'confidence', ...DATES];
const EXTRACTED = [...COMPANY, 'file_log_id', 'content', 'provider', ...DATES];
const PROPERTY = [...COMPANY, 'file_log_id', 'name', 'value', ...DATES];
const PENDING = [...COMPANY, 'file_id', 'file_name', 'file_name_without_extension', 'blob_name', 'blob_url', ...DATES];

const ev = (
  name: string, title: string, family: EventFamily, when: string, fields: readonly string[],
  extra: { confirmed?: boolean; aliases?: string[] } = {},
): EventInfo => ({ name, title, family, when, fields, confirmed: extra.confirmed ?? true, aliases: extra.aliases ?? [] });

export const EVENTS: readonly EventInfo[] = [
  ev('job_create_event', 'JobCreateEvent', 'job',
    later('A job was created for one or more uploaded files.'),
    ['job_id', 'user_name', 'merge', 'metadata', 'file_count', 'company_id', 'company_name', 'file_urls', ...DATES]),
  ev('job_exceeded_retries_event', 'JobExceededRetriesEvent', 'job',
    later('The job gave up on a stage after the maximum number of retries.'), JOB_FULL, { confirmed: false }),
  ev('job_failed_event', 'JobFailedEvent', 'job',
    later('The job halted on an unrecoverable error.'), JOB_FAILURE),
  ev('job_finished_event', 'JobFinishedEvent', 'job',
    later('The job passed every stage and is done.'), [...JOB_CORE, ...DATES]),
  ev('job_invalid_event', 'JobInvalidEvent', 'job',
    later('The job\'s inputs failed initial validation (missing metadata, an unsupported or encrypted file).'), JOB_FAILURE),
  ev('job_retry_event', 'JobRetryEvent', 'job',
    later('The job tries a stage again after a recoverable failure (resource limits, a network blip, a model unavailable).'), JOB_FULL),
  ev('job_stage_update_event', 'JobStageUpdateEvent', 'job',
    later('The job moved to another stage.'), [...JOB_CORE, 'stage', ...DATES]),
  ev('job_start_event', 'JobStartEvent', 'job',
    later('The job began its workflow.'), [...JOB_CORE, ...DATES]),
  ev('file_added_to_job_event', 'File Add To Job', 'file',
    later('A file was added to a job.'), [...COMPANY, 'file_id', 'job_id'], { aliases: ['file_add_to_job_event'] }),
  ev('file_category_create_event', 'File Category Create', 'file',
    later('A category (tag) was assigned to the file.'), CATEGORY),
  ev('file_category_delete_event', 'File Category Delete', 'file',
    later('No category fits the file, so it will not be classified, indexed or extracted.'), CATEGORY, { confirmed: false }),
  ev('file_change_tag_event', 'File Change Tag', 'file',
    later('The file\'s tag was changed, by the pipeline or by a human validator.'),
    [...COMPANY, 'file_id', 'previous_tag_id', 'previous_tag_name', 'proposed_tag_id', 'classification_score',
      'new_tag_id', 'new_tag_name']),
  ev('file_done_event', 'File Done', 'file',
    later('The file completed its pipeline.'),
    [...COMPANY, 'blob_name', 'blob_url', 'file_id', 'tag_id', 'tag_name', 'file_status', ...DATES]),
  ev('file_extracted_data_create_event', 'File Extracted Data Create', 'file',
    later('Data extracted from the file was stored.'), EXTRACTED, { confirmed: false }),
  ev('file_extracted_data_delete_event', 'File Extracted Data Delete', 'file',
    later('Data extracted from the file was removed.'), EXTRACTED),
  ev('file_failed_event', 'File Failed', 'file',
    later('A stage of the file\'s pipeline failed.'),
    [...COMPANY, 'blob_name', 'blob_url', 'file_id', 'tag_id', 'tag_name', 'classification_score',
      'classification_status', 'file_status', 'error_messages', ...DATES], { confirmed: false }),
  ev('file_move_event', 'File Move', 'file',
    later('The file\'s location changed (a tag folder, "No Tag", the recycle bin).'),
    [...COMPANY, 'file_id', 'file_name', 'file_name_without_extension', 'blob_name', 'blob_url',
      'previous_file_directory', 'new_file_directory', ...DATES]),
  ev('file_move_to_pending_event', 'File Move To Pending', 'file',
    later('The file\'s status became Pending.'), PENDING),
  ev('file_move_to_recycle_bin_event', 'File Move To Recycle Bin', 'file',
    later('A user moved the file to the recycle bin.'), PENDING, { confirmed: false }),
  ev('file_property_create_event', 'File Property Create', 'file',
    later('A property of the file\'s binary information was added.'), PROPERTY),
  ev('file_property_delete_event', 'File Property Delete', 'file',
    later('A property of the file\'s binary information was removed.'), PROPERTY),
  ev('file_remove_tag_event', 'File Remove Tag', 'file',
    later('The file\'s tag was removed.'),
    [...COMPANY, 'file_id', 'tag_being_removed_id', 'tag_being_removed_name', 'classification_score'], { confirmed: false }),
  ev('file_status_update_event', 'File Status Update', 'file',
    later('The file\'s status changed.'),
    [...COMPANY, 'file_id', 'blob_name', 'blob_url', 'tag_id', 'tag_name', 'manual_classification',
      'classification_score', 'classification_status', 'file_status', ...DATES]),
  ev('file_update_event', 'File Update', 'file',
    later('The file\'s classification status changed.'),
    [...COMPANY, 'file_id', 'file_log_id', 'file_name', 'file_name_without_extension', 'blob_name', 'blob_url', ...DATES]),
];

const BY_NAME = new Map<string, EventInfo>();
for (const e of EVENTS) {
  BY_NAME.set(e.name, e);
  for (const a of e.aliases) BY_NAME.set(a, e);
}

/** The event a name (or alias) stands for. */
export function eventByName(name: string): EventInfo | undefined {
  return BY_NAME.get(name);
}

/** Every name a payload may carry in event_name, aliases included. */
export const ALL_EVENT_NAMES: readonly string[] = [...BY_NAME.keys()];

/** The dictionary entry of a field inside `event`; every name an event lists has one. */
export function eventField(name: string): FieldInfo | undefined {
  return Object.hasOwn(EVENT_FIELDS, name) ? EVENT_FIELDS[name] : undefined;
}

/** The events that list a field, for "it belongs to …" hints. */
export function eventsWithField(field: string): EventInfo[] {
  return EVENTS.filter((e) => e.fields.includes(field));
}
