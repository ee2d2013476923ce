/**
 * Row types of every table. Ids and timestamps are made in application code (ISO-8601 text),
 * so the same migrations and queries run on SQLite and PostgreSQL; booleans are 0/1 integers.
 */
import type { ColumnType, Generated } from 'kysely';

export interface DepartmentTable {
  id: string;
  name: string;
  kind: 'authority' | 'provider';
  responsible_unit: string;
  contact_person: string;
  contact_phone: string;
  contact_email: string;
  address: string;
  description: string;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  phone: string;
  email: string | null;
  display_name: string;
  password_hash: string;
  department_id: string | null;
  credit_level: string;
  status: 'active' | 'disabled';
  verification_status: 'none' | 'pending' | 'verified' | 'rejected';
  verification_type: 'person' | 'organization' | null;
  real_name: string | null;
  created_at: string;
  updated_at: string;
  password_changed_at: string;
}

export interface UserRoleTable {
  user_id: string;
  role: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie value: a stolen database does not yield live sessions. */
  id: string;
  user_id: string;
  csrf_token: string;
  ip: string;
  created_at: string;
  expires_at: string;
}

/** Sign-in guesses counted per account (`account:<phone>`) or address (`ip:<ip>`) in a fixed window. */
export interface LoginThrottleTable {
  key: string;
  window_start: string;
  guesses: number;
}

export interface VerificationRequestTable {
  id: string;
  user_id: string;
  type: 'person' | 'organization';
  name: string;
  /** Person: ID number, masked for display and encrypted at rest. */
  id_number_masked: string | null;
  id_number_cipher: string | null;
  credit_code: string | null;
  legal_representative: string | null;
  status: 'pending' | 'verified' | 'rejected';
  verifier: string;
  reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface ApiKeyTable {
  id: string;
  user_id: string;
  name: string;
  key: string;
  secret_hash: string;
  /** What the key may do (domain/api-key-scopes.ts): `read`, or `upload` for provider staff. */
  scope: string;
  /** 1: the key stops working once the owner's password changes after it was made. */
  ends_with_password: number;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  /** Consecutive from 1, assigned under the chain lock: a gap is a deleted row. */
  seq: number;
  at: string;
  actor_id: string | null;
  action: string;
  target: string | null;
  ip: string;
  outcome: 'success' | 'failure';
  status_code: number;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

export interface CalendarDayTable {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface CalendarYearTable {
  year: number;
  source: string;
  updated_at: string;
}

export interface AlertTable {
  id: string;
  kind: string;
  message: string;
  created_at: string;
  resolved_at: string | null;
}


export interface DB {
  departments: DepartmentTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  login_throttle: LoginThrottleTable;
  verification_requests: VerificationRequestTable;
  api_keys: ApiKeyTable;
  audit_log: AuditLogTable;
  calendar_days: CalendarDayTable;
  calendar_years: CalendarYearTable;
  alerts: AlertTable;
  catalog_entries: CatalogEntryTable;
  catalog_history: CatalogHistoryTable;
  catalog_changes: CatalogChangeTable;
  catalog_change_counter: CatalogChangeCounterTable;
  resources: ResourceTable;
  resource_versions: ResourceVersionTable;
  jobs: JobTable;
  workflow_cases: WorkflowCaseTable;
  workflow_steps: WorkflowStepTable;
  attachments: AttachmentTable;
  applications: ApplicationTable;
  grants: GrantTable;
  grant_outcomes: GrantOutcomeTable;
  grant_returns: GrantReturnTable;
  consultations: ConsultationTable;
  versioned_texts: VersionedTextTable;
  licence_acceptances: LicenceAcceptanceTable;
  notifications: NotificationTable;
  notification_preferences: NotificationPreferenceTable;
  password_reset_codes: PasswordResetCodeTable;
  sources: SourceTable;
  source_runs: SourceRunTable;
  harvest_sources: HarvestSourceTable;
  harvest_runs: HarvestRunTable;
  harvest_records: HarvestRecordTable;
}

import type { EntryStatus, OpenType } from '../domain/catalog.js';

export type { EntryStatus, OpenType };

export interface CatalogEntryTable {
  id: string;
  title: string;
  summary: string;
  department_id: string;
  open_type: OpenType;
  open_conditions: string;
  data_format: string;
  update_frequency: string;
  domain: string;
  national_theme: string;
  district: string;
  /** JSON array of strings. */
  tags: string;
  /** JSON array of 数据项 (see domain/catalog.ts). */
  fields: string;
  /** JSON array: 'data' (download) and/or 'api'. */
  access_methods: string;
  licence: string;
  contact_name: string;
  contact_phone: string;
  contact_email: string;
  source_url: string | null;
  status: EntryStatus;
  /** JSON of metadata changes to a published entry, waiting for review; the live row stays as published. */
  pending_revision: string | null;
  review_note: string | null;
  /** Who asked for the pending review: they may not approve it themselves. */
  submitted_by: string | null;
  submitted_at: string | null;
  /** Counts the entry's changes: every state change names the one it read, and loses to any other (409). */
  row_version: Generated<number>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  last_data_update: string | null;
  next_update_due: string | null;
  /** The due date whose reminder, and whose overdue notice, the providers were given. */
  update_reminded_for: string | null;
  update_overdue_noticed_for: string | null;
  /** JSON RestrictedConditions (domain/restricted.ts) of a restricted entry; null for every other. */
  restricted_conditions: string | null;
  /** The harvest source (目录采集) the entry is imported from and kept by; null for the department's own entries. */
  harvest_source_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON array of { name, url, format }: a harvested entry's data as its source offers it. */
  harvest_links: ColumnType<string | null, string | null | undefined, string | null>;
  views: Generated<number>;
  downloads: Generated<number>;
  api_calls: Generated<number>;
}

export interface CatalogHistoryTable {
  id: string;
  entry_id: string;
  actor_id: string | null;
  action: string;
  changes: string | null;
  note: string | null;
  at: string;
}

/** One change to what a visitor sees of the catalog (数据更新查询), numbered in commit order. */
export interface CatalogChangeTable {
  seq: number;
  kind: 'entry' | 'resource';
  subject_id: string;
  entry_id: string;
  change: 'created' | 'updated' | 'withdrawn';
  fingerprint: string | null;
  at: string;
}

/** The single row whose lock orders the writers of catalog_changes. */
export interface CatalogChangeCounterTable {
  id: number;
  last_seq: number;
}

export interface ResourceTable {
  id: string;
  entry_id: string;
  name: string;
  kind: 'table' | 'file';
  /** The version readers see; null until a first version is committed. */
  current_version: number | null;
  /** A committed version held back for the authority's consistency review. */
  held_version: number | null;
  file_name: string | null;
  file_size: number | null;
  content_type: string | null;
  blob_key: string | null;
  /** Rows in the sample data set (抽样数据集) of a restricted entry's table, 1–1000. */
  sample_size: Generated<number>;
  /** JSON array of the row ids its keepers chose for the sample; null: a random sample. */
  sample_row_ids: string | null;
  created_at: string;
  updated_at: string;
  views: Generated<number>;
  downloads: Generated<number>;
  api_calls: Generated<number>;
}

/** ready = complete (current, held for review, or an older readable one); expired = its table was dropped by retention. */
export type VersionStatus = 'ingesting' | 'ready' | 'failed' | 'rejected' | 'expired';

export interface ResourceVersionTable {
  id: string;
  resource_id: string;
  version: number;
  status: VersionStatus;
  mode: 'replace' | 'append' | 'upsert';
  table_name: string | null;
  /** JSON TableField[]: name, column and type of each stored field. */
  fields: string | null;
  row_count: number | null;
  rejected_count: number | null;
  checksum: string | null;
  source_format: string | null;
  source_encoding: string | null;
  source_name: string | null;
  /** JSON FieldProfile[]. */
  profile: string | null;
  /** JSON ConsistencyReport. */
  consistency: string | null;
  rejects_blob: string | null;
  /** 1 when the data table holds its rows in row-id order (every load since migration 0021). */
  rows_in_order: Generated<number>;
  error: string | null;
  job_id: string | null;
  created_by: string | null;
  created_at: string;
  completed_at: string | null;
}

export interface JobTable {
  id: string;
  kind: string;
  payload: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  message: string | null;
  result: string | null;
  error: string | null;
  attempts: number;
  created_by: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  heartbeat_at: string | null;
  /** host:pid of the worker running it, so a restart on the same host knows a dead one at once. */
  locked_by: string | null;
  /** Not run before this time: a delayed job, or a retry waiting out its backoff. */
  run_at: string;
  /** At most one open (queued or running) job holds a given key. */
  dedupe_key: string | null;
}

/** A text the authority publishes in versions: the data licence (`licence`), the 安全承诺书 (`pledge`). */
export interface VersionedTextTable {
  kind: string;
  version: number;
  title: string;
  text: string;
  created_by: string | null;
  created_at: string;
}

export interface LicenceAcceptanceTable {
  user_id: string;
  version: number;
  ip: string;
  accepted_at: string;
}

export interface WorkflowCaseTable {
  id: string;
  kind: string;
  /** The thing the work is about: a consultation, a catalog entry, a verification request. */
  subject_id: string;
  title: string;
  state: string;
  applicant_id: string | null;
  /** The department the case concerns, or has been sent to. */
  department_id: string | null;
  /** The day the open step arrived: its deadline counts from here. */
  received_on: string;
  due_on: string | null;
  /** The due date a reminder / an overdue notice was sent for, so each is sent once per step. */
  reminded_for: string | null;
  overdue_noticed_for: string | null;
  row_version: Generated<number>;
  opened_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface WorkflowStepTable {
  id: string;
  case_id: string;
  seq: number;
  transition: string;
  from_state: string | null;
  to_state: string;
  actor_id: string | null;
  /** The department the step handed the case to (a dispatch), or took it from (sent back); null for every other step. */
  department_id: string | null;
  reason: string | null;
  comment: string | null;
  due_on: string | null;
  at: string;
}

/** A file uploaded for a workflow step: its uploader's alone until a step of a case names it. */
export interface AttachmentTable {
  id: string;
  blob_key: string;
  file_name: string;
  content_type: string;
  size: number;
  uploaded_by: string;
  uploaded_at: string;
  case_id: string | null;
  step_id: string | null;
}

/** An application for restricted data; its state and timeline are its workflow case's (none while a draft). */
export interface ApplicationTable {
  id: string;
  applicant_id: string;
  entry_id: string;
  department_id: string;
  /** JSON list of the requested data items. */
  fields: string;
  purpose: string;
  scenario: string;
  period_start: string | null;
  period_end: string | null;
  delivery: 'api' | 'download';
  expected_outcome: string;
  /** JSON { storage, processing, protection, capabilities }. */
  capability: string;
  /** JSON list of files chosen while drafting, sent with the submission. */
  draft_attachment_ids: string;
  pledge_version: number | null;
  agreement_version: number | null;
  agreement_blob_key: string | null;
  agreement_sm3: string | null;
  /** The template's filled values as the applicant signed them (JSON), from the signature on. */
  agreement_terms: string | null;
  applicant_signed_at: string | null;
  department_confirmed_at: string | null;
  department_confirmed_by: string | null;
  row_version: Generated<number>;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
}

/** Access to restricted data a filed agreement opened. */
export interface GrantTable {
  id: string;
  application_id: string;
  grantee_id: string;
  entry_id: string;
  department_id: string;
  /** JSON list of the granted data items. */
  fields: string;
  starts_on: string;
  ends_on: string;
  delivery: 'api' | 'download';
  suspended_at: string | null;
  suspended_reason: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  revoked_reason: string | null;
  calls: Generated<number>;
  rows_read: Generated<number>;
  last_used_at: string | null;
  outcome_due_on: string;
  outcome_reminded_at: string | null;
  outcome_overdue_noticed_at: string | null;
  row_version: Generated<number>;
  created_at: string;
}

/** An outcome a grantee built with granted data (五.4). */
export interface GrantOutcomeTable {
  id: string;
  grant_id: string;
  title: string;
  description: string;
  link: string | null;
  /** A file returned on the grant that documents the outcome. */
  file_id: string | null;
  created_at: string;
}

/** Business data a grantee returned (回传) on a grant, in the blob store. */
export interface GrantReturnTable {
  id: string;
  grant_id: string;
  blob_key: string;
  file_name: string;
  content_type: string;
  size: number;
  uploaded_at: string;
}

export interface ConsultationTable {
  id: string;
  asker_id: string;
  title: string;
  content: string;
  entry_id: string | null;
  /** The asker allows the question and its answer on the public Q&A page. */
  public: number;
  reply: string | null;
  replied_by: string | null;
  replied_at: string | null;
  created_at: string;
}

/** One notice in an account's inbox (站内信): its kind and parameters, rendered in the reader's language. */
export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  /** JSON object of the template's parameters. */
  params: string;
  /** A path in the web app (/user/verification), or null. */
  link: string | null;
  created_at: string;
  read_at: string | null;
}

/** The channels an account wants besides the inbox (0/1), and the kinds it does not want sent there. */
export interface NotificationPreferenceTable {
  user_id: string;
  email: number;
  sms: number;
  /** JSON array of notification kinds sent to the inbox only. */
  muted_kinds: string;
  updated_at: string;
}

/** A 忘记密码 code: six digits, SHA-256 of (id, code), single-use, expiring. */
export interface PasswordResetCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  channel: 'email' | 'sms';
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

/** 数据汇聚: where a resource's data is fetched from, and when (modules/sources). */
export interface SourceTable {
  id: string;
  resource_id: string;
  kind: 'url' | 'postgres' | 'mysql';
  /** The URL, or the database as postgres://user@host:port/db: never a password. */
  location: string;
  /** AES-256-GCM sealed JSON of the credentials ({ connection } or { authorization }), or null. */
  secret: string | null;
  query: string | null;
  format: 'csv' | 'xlsx' | 'json' | null;
  json_path: string | null;
  schedule: string;
  mode: 'replace' | 'append' | 'upsert' | 'incremental';
  key_field: string | null;
  cursor_field: string | null;
  paused: number;
  next_run_at: string | null;
  content_hash: string | null;
  high_water: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One run of a source: queued, running, then succeeded (a new version), unchanged (无更新) or failed. */
export interface SourceRunTable {
  id: string;
  source_id: string;
  job_id: string;
  trigger: 'schedule' | 'manual';
  status: 'queued' | 'running' | 'succeeded' | 'unchanged' | 'failed';
  version: number | null;
  rows: number | null;
  error_code: string | null;
  error: string | null;
  created_at: string;
  finished_at: string | null;
}

/** 目录采集: another portal's catalog (CKAN Action API or a DCAT document) imported as one department's entries. */
export interface HarvestSourceTable {
  id: string;
  name: string;
  kind: 'ckan' | 'dcat';
  url: string;
  department_id: string;
  /** Five-field cron expression in the configured timezone. */
  schedule: string;
  status: 'active' | 'paused';
  /** When the schedule next enqueues a run; null while paused. */
  next_run_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  row_version: Generated<number>;
}

/** One run of a harvest source: what it did, or why it changed nothing. */
export interface HarvestRunTable {
  id: string;
  source_id: string;
  job_id: string;
  trigger: 'schedule' | 'manual';
  status: 'running' | 'succeeded' | 'failed';
  started_at: string;
  finished_at: string | null;
  created: number;
  updated: number;
  restored: number;
  withdrawn: number;
  unchanged: number;
  failed: number;
  /** Why the run failed as a whole, or what it could not do (in Chinese). */
  message: string | null;
  /** JSON array of { remoteId, title, message }: the datasets it could not import. */
  errors: string;
}

/** Which local entry a remote dataset became, and the hash of what was imported last. */
export interface HarvestRecordTable {
  source_id: string;
  remote_id: string;
  entry_id: string;
  content_hash: string;
  /** 1 while the source lists the dataset; 0 once it disappeared (its entry withdrawn). */
  present: number;
  seen_at: string;
}
