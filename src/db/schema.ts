/**
 * Row types of every table. Ids and timestamps are made in application code (ISO-8601 text),
 * so the same migrations and queries run on SQLite and PostgreSQL; booleans are 0/1 integers.
 */


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

export interface LoginFailureTable {
  id: string;
  account: string;
  ip: string;
  created_at: string;
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
  login_failures: LoginFailureTable;
  verification_requests: VerificationRequestTable;
  api_keys: ApiKeyTable;
  audit_log: AuditLogTable;
  calendar_days: CalendarDayTable;
  calendar_years: CalendarYearTable;
  alerts: AlertTable;
}
