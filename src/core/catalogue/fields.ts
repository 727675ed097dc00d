import { later } from '../l10n';
import type { FieldKind } from './kinds';

/** A field of the docs' Event API payloads (docs.tagshelf.dev): its kind and a one-line meaning in our own words. */
export interface FieldInfo {
  kind: FieldKind;
  /** In English, marked for the bundle: shown through t() where a person reads it (hovers, completion). */
  doc: string;
}

const f = (kind: FieldKind, doc: string): FieldInfo => ({ kind, doc });

/** The four members of every envelope (docs.tagshelf.dev, Event API). */
export const ENVELOPE_FIELDS: Readonly<Record<string, FieldInfo>> = {
  event_id: f('uuid', later('Unique id of this delivery; the one key to de-duplicate events on.')),
  event_type: f('event-type', later('Family of the event: "job_event_type" or "file_event_type", the same as inside event.')),
  event_time: f('event-time', later('When the event happened, as Unix time in seconds (fractions allowed).')),
  event: f('object', later('The event itself: event_name, event_type and the fields of that event.')),
};

/** Fields inside `event`, shared by name across the events that carry them (docs.tagshelf.dev, Event API). */
export const EVENT_FIELDS: Readonly<Record<string, FieldInfo>> = {
  event_name: f('text', later('Which of the 24 events this is, such as job_retry_event.')),
  event_type: f('event-type', later('Family of the event, equal to the envelope\'s event_type.')),
  company_id: f('uuid', later('Id of the company (tenant) the job or file belongs to.')),
  company_name: f('text', later('Name of that company.')),
  job_id: f('uuid', later('Id of the job: one run of Alfred\'s pipeline over one or more uploaded files.')),
  user_name: f('text', later('User who created the job.')),
  merge: f('boolean', later('Whether the job merges its files into one document.')),
  metadata: f('text', later('Free text about the job that its creator supplied.')),
  file_count: f('count', later('How many files the job holds.')),
  retries: f('count', later('How many times the job has retried a stage so far.')),
  exceeded_retries: f('boolean', later('Whether the job has used up its allowed retries.')),
  error_messages: f('text-list', later('Errors met so far, oldest first.')),
  file_urls: f('url-list', later('Where the job\'s files can be downloaded over HTTP(S).')),
  creation_date: f('date', later('When the job or file was created (ISO 8601).')),
  update_date: f('date', later('When the job or file was last changed (ISO 8601).')),
  stage: f('stage', later('The stage the job has moved to.')),
  file_id: f('uuid', later('Id of the file.')),
  file_log_id: f('uuid', later('Id of the file\'s log entry that this change was recorded under.')),
  description: f('text', later('Name of the category (tag) assigned to the file.')),
  confidence: f('score', later('How sure the classifier is of the category, from 0 to 1.')),
  previous_tag_id: f('uuid', later('Id of the tag the file had before the change.')),
  previous_tag_name: f('nullable-text', later('Name of the tag the file had before, or null if it had none.')),
  proposed_tag_id: f('uuid', later('Id of the tag the classifier proposed.')),
  classification_score: f('score', later('Classifier\'s confidence in the file\'s tag, from 0 to 1.')),
  new_tag_id: f('uuid', later('Id of the tag the file has now.')),
  new_tag_name: f('text', later('Name of the tag the file has now.')),
  blob_name: f('text', later('Name of the stored file (blob) in Alfred\'s storage.')),
  blob_url: f('url', later('HTTP(S) address of the stored file.')),
  tag_id: f('uuid', later('Id of the file\'s tag.')),
  tag_name: f('text', later('Name of the file\'s tag.')),
  file_status: f('text', later('Processing status of the file, such as uploaded, classified or indexed.')),
  content: f('text', later('The extracted data.')),
  provider: f('text', later('Which extractor produced the data.')),
  classification_status: f('text', later('Where the file stands in classification, such as pending_review or completed.')),
  file_name: f('text', later('File name, with extension.')),
  file_name_without_extension: f('text', later('File name, without extension.')),
  previous_file_directory: f('text', later('Folder the file was in before the move.')),
  new_file_directory: f('text', later('Folder the file is in after the move.')),
  name: f('text', later('Name of the file property.')),
  value: f('text', later('Value of the file property.')),
  tag_being_removed_id: f('uuid', later('Id of the tag being removed from the file.')),
  tag_being_removed_name: f('text', later('Name of the tag being removed from the file.')),
  manual_classification: f('boolean', later('Whether a person, not the classifier, set the tag.')),
};

/** The URL verification body Alfred posts once when a webhook is registered (docs.tagshelf.dev, Event API). */
export const URL_VERIFICATION_FIELDS: Readonly<Record<string, FieldInfo>> = {
  token: f('text', later('Token of the registration.')),
  challenge: f('text', later('Value the receiver must answer with, in an HTTP 200 response.')),
  type: f('text', later('Always "url_verification" for this body.')),
};
