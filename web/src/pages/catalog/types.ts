/** Shapes of the catalog, resource, job and licence JSON, as the portal and console read them. */
import type { TimelineStep } from '../../components/CaseTimeline';

export type OpenType = 'unconditional' | 'restricted' | 'prohibited';
export type EntryStatus = 'draft' | 'submitted' | 'published' | 'rejected' | 'withdrawn';
export type FieldType = 'string' | 'integer' | 'number' | 'date' | 'datetime' | 'boolean';
export type AccessMethod = 'data' | 'api';

export const FIELD_TYPES: readonly FieldType[] = ['string', 'integer', 'number', 'date', 'datetime', 'boolean'];

/** 数据项: one declared field of an entry. */
export interface DataItem {
  name: string;
  title: string;
  type: FieldType;
  description: string;
  unit: string;
  filterable: boolean;
  sensitive: boolean;
  /** Of a restricted entry: may be asked for in an application. */
  requestable: boolean;
}

export type CreditLevel = 'A' | 'B' | 'C' | 'D';
export type ApplicantType = 'person' | 'organization' | 'either';

/** A restricted entry's structured 开放条件, the same for every applicant (rule 二.2). */
export interface RestrictedConditions {
  minCreditLevel: CreditLevel;
  applicantType: ApplicantType;
  /** Codes of GET /api/v1/catalog/options' securityCapabilities. */
  capabilities: string[];
  /** Delivered as downloads too, not only through the API. */
  downloadAllowed?: boolean;
}

/** How a table's sample data set is drawn: rows its keepers chose, or `size` at random. */
export interface SampleSettings {
  size: number;
  rowIds: number[] | null;
}

/** GET /api/v1/catalog/:id/eligibility */
export interface Eligibility {
  entryId: string;
  eligible: boolean;
  sampleAllowed: boolean;
  missing: { code: string; message: string; blocks: ('application' | 'sample')[] }[];
  declare: { code: string; message: string }[];
}

export type FacetKey = 'department' | 'domain' | 'openType' | 'format' | 'frequency' | 'tag';
export const FACET_KEYS: readonly FacetKey[] = ['department', 'domain', 'openType', 'format', 'frequency', 'tag'];

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

/** One result of GET /api/v1/catalog. */
export interface CatalogItem {
  id: string;
  title: string;
  summary: string;
  openType: Exclude<OpenType, 'prohibited'>;
  department: { id: string; name: string };
  updateFrequency: string;
  domain: string;
  tags: string[];
  dataFormat: string;
  accessMethods: string[];
  updatedAt: string;
  publishedAt: string | null;
  views: number;
  downloads: number;
  /** A current data version or file stands behind the entry (many migrated entries only describe theirs). */
  hasData: boolean;
}

export interface CatalogSearchResult {
  total: number;
  items: CatalogItem[];
  facets: Record<FacetKey, FacetValue[]>;
}

export interface ResourceSummary {
  id: string;
  name: string;
  kind: 'table' | 'file';
  currentVersion: number | null;
  heldVersion: number | null;
  fileName: string | null;
  fileSize: number | null;
  contentType: string | null;
  rowCount: number | null;
  fields: { name: string; type: FieldType }[];
  updatedAt: string;
  views: number;
  downloads: number;
  apiCalls: number;
  /** Tables only. */
  sample: SampleSettings | null;
}

/** The elements a keeper edits (POST /api/v1/catalog, PATCH /api/v1/catalog/:id). */
export interface EntryInput {
  title: string;
  summary: string;
  departmentId: string;
  openType: OpenType;
  openConditions: string;
  conditions: RestrictedConditions | null;
  dataFormat: string;
  updateFrequency: string;
  domain: string;
  nationalTheme: string;
  district: string;
  tags: string[];
  fields: DataItem[];
  accessMethods: AccessMethod[];
  licence: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
}

/** GET /api/v1/catalog/:id */
/** An entry's publication review on the workflow engine: the open step, its due date, what the caller may do. */
export interface PublicationReview {
  state: string;
  stateLabel: { zh: string; en: string } | null;
  dueAt: string | null;
  overdue: boolean;
  /** Transitions the caller may take now (department_approve, department_return, publish, return…). */
  abilities: string[];
  timeline: TimelineStep[];
}

export interface CatalogEntry extends EntryInput {
  id: string;
  /** Present for the entry's keepers and reviewers; null when it was never submitted. */
  review?: PublicationReview | null;
  department: { id: string; name: string };
  status: EntryStatus;
  sourceUrl: string | null;
  /** 目录采集: the source a harvested entry is imported from and kept by, and its data's links there. */
  harvest: { source: { id: string; name: string }; links: { name: string; url: string; format: string }[] } | null;
  reviewNote: string | null;
  submittedBy: string | null;
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  lastDataUpdate: string | null;
  nextUpdateDue: string | null;
  views: number;
  downloads: number;
  apiCalls: number;
  pendingRevision: Partial<EntryInput> | null;
  resources: ResourceSummary[];
}

export type HistoryAction =
  | 'create' | 'update' | 'revise' | 'submit' | 'publish' | 'reject' | 'approve-revision' | 'reject-revision' | 'withdraw' | 'infer-fields' | 'hold-data' | 'import';

export interface HistoryItem {
  id: string;
  action: HistoryAction | string;
  changes: Record<string, [unknown, unknown]> | null;
  note: string | null;
  at: string;
  actor: string;
}

/** One row of GET /api/v1/console/catalog. */
export interface ConsoleEntry {
  id: string;
  title: string;
  status: EntryStatus;
  openType: OpenType;
  updateFrequency: string;
  updatedAt: string;
  awaitingReview: boolean;
  hasPendingRevision: boolean;
  department: { id: string; name: string };
}

export type Labelled = Record<string, { zh: string; en: string }>;

export interface CatalogOptions {
  openTypes: Labelled;
  updateFrequencies: Record<string, { zh: string; en: string; days: number | null }>;
  fieldTypes: FieldType[];
  creditLevels: CreditLevel[];
  applicantTypes: Record<ApplicantType, { zh: string; en: string }>;
  securityCapabilities: Labelled;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface Job {
  id: string;
  kind: string;
  status: JobStatus;
  progress: number;
  message: string | null;
  result: { resourceId: string; version: number; rows: number; rejected: number; consistent: boolean; held: boolean } | null;
  error: string | null;
}

/** 202 for a table (ingest job), 201 for a file (no job). */
export interface UploadStarted {
  resourceId: string;
  version: number;
  jobId: string | null;
}

export type ConsistencyIssue =
  | { kind: 'missing_field'; field: string }
  | { kind: 'extra_field'; field: string }
  | { kind: 'type_mismatch'; field: string; declared: FieldType; found: FieldType }
  | { kind: 'empty_field'; field: string }
  | { kind: 'rejected_rows'; count: number }
  | { kind: 'no_rows' }
  | { kind: 'format_not_declared'; format: string };

export interface ConsistencyReport {
  consistent: boolean;
  rowCount: number;
  rejectedCount: number;
  format: string;
  issues: ConsistencyIssue[];
}

export type VersionStatus = 'ingesting' | 'ready' | 'failed' | 'rejected' | 'expired';

export interface ResourceVersion {
  version: number;
  status: VersionStatus;
  mode: 'replace' | 'append' | 'upsert';
  rowCount: number | null;
  rejectedCount: number | null;
  checksum: string | null;
  format: string | null;
  encoding: string | null;
  sourceName: string | null;
  consistency: ConsistencyReport | null;
  error: string | null;
  jobId: string | null;
  createdAt: string;
  completedAt: string | null;
  hasRejects: boolean;
  current: boolean;
  held: boolean;
}

export type RecordValue = string | number | boolean | null;

export interface RecordPage {
  total: number;
  totalEstimated?: boolean;
  fields: { name: string; type: FieldType }[];
  records: Record<string, RecordValue>[];
  nextCursor?: string;
}

export interface FieldStats {
  name: string;
  type: FieldType;
  nullCount: number;
  nullRatio: number;
  distinctCount: number;
  distinctEstimated: boolean;
  min?: number | string;
  max?: number | string;
  mean?: number;
  topValues: { value: string; count: number }[];
  /** Numbers: from and to are numbers; dates: ISO dates. */
  histogram?: { from: number | string; to: number | string; count: number }[];
  /** A sensitive 数据项: only how complete it is is shown. */
  withheld?: boolean;
}

export interface ResourceStats {
  version: number;
  rowCount: number;
  fields: FieldStats[];
}

export interface Licence {
  version: number;
  title: string;
  text: string;
  createdAt: string;
  accepted: boolean;
}
