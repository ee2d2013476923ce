/** Shapes of the API's JSON, as the portal reads them. */

export type Permission =
  | 'me.read' | 'me.update' | 'me.verification.submit' | 'me.apiKey.manage' | 'me.apiKey.upload'
  | 'department.read' | 'department.create' | 'department.update'
  | 'verification.list' | 'verification.decide'
  | 'user.list' | 'user.manage'
  | 'audit.read' | 'alert.read'
  | 'calendar.read' | 'calendar.manage'
  | 'catalog.search' | 'catalog.read' | 'catalog.console' | 'catalog.console.all' | 'catalog.create' | 'catalog.edit'
  | 'catalog.review' | 'catalog.review.department' | 'catalog.internal.read' | 'resource.preview' | 'resource.rows.read' | 'resource.upload' | 'job.read'
  | 'licence.read' | 'licence.accept' | 'licence.manage' | 'pledge.read' | 'pledge.manage'
  | 'resource.sample.read' | 'resource.sample.manage' | 'catalog.eligibility'
  | 'consultation.ask' | 'consultation.read' | 'consultation.dispatch' | 'consultation.reply' | 'consultation.return' | 'consultation.withdraw'
  | 'application.create' | 'grant.revoke' | 'agreementTemplate.manage'
  | 'workflow.tasks' | 'workflow.supervise'
  | 'harvest.manage';

export type VerificationStatus = 'none' | 'pending' | 'verified' | 'rejected';
export type VerificationType = 'person' | 'organization';
export type CreditLevel = 'A' | 'B' | 'C' | 'D';
export type AccountStatus = 'active' | 'disabled';

export interface UserView {
  id: string;
  phone: string;
  email: string | null;
  displayName: string;
  roles: string[];
  creditLevel: CreditLevel;
  status: AccountStatus;
  department: { id: string; name: string } | null;
  verification: { status: VerificationStatus; type: VerificationType | null; realName: string | null };
  createdAt: string;
}

export interface Me extends UserView {
  permissions: Permission[];
  csrfToken?: string;
}

export interface Department {
  id: string;
  name: string;
  kind: 'authority' | 'provider';
  responsibleUnit: string;
  contact: { person: string; phone: string; email: string };
  address: string;
  description: string;
  createdAt: string;
  updatedAt: string;
}

export interface DepartmentInput {
  name: string;
  kind: 'authority' | 'provider';
  responsibleUnit: string;
  contactPerson: string;
  contactPhone: string;
  contactEmail: string;
  address?: string;
  description?: string;
}

export interface VerificationRequest {
  id: string;
  userId?: string;
  type: VerificationType;
  name: string;
  idNumberMasked: string | null;
  creditCode: string | null;
  legalRepresentative: string | null;
  status: Exclude<VerificationStatus, 'none'>;
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
  phone?: string;
  /** While pending: the day the authority is to decide it by. */
  dueAt?: string | null;
}

export type ApiKeyScope = 'read' | 'upload';

export interface ApiKey {
  id: string;
  name: string;
  key: string;
  scope: ApiKeyScope;
  endsWithPassword: boolean;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKey {
  id: string;
  key: string;
  secret: string;
  name: string;
  scope: ApiKeyScope;
  createdAt: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor_id: string | null;
  /** Who the actor is now (mobile number masked); null for visitors and removed accounts. */
  actor: { name: string; phone: string } | null;
  action: string;
  target: string | null;
  ip: string;
  outcome: 'success' | 'failure';
  status_code: number;
  detail: string | null;
  hash: string;
}

export interface AuditVerifyResult {
  intact: boolean;
  firstBroken: null | { seq: number; reason: string };
  algorithm: string;
  head: { seq: number; hash: string } | null;
}

export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface CalendarYear {
  year: number;
  covered: boolean;
  coveredYears: number[];
  days: CalendarDay[];
}

export interface SystemAlert {
  id: string;
  kind: string;
  message: string;
  created_at: string;
}

export interface Paged<T> {
  total: number;
  items: T[];
}

export type RoleLabels = Record<string, { zh: string; en: string }>;
