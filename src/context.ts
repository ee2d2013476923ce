import type { Config } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { AccountService } from './modules/accounts/service.js';
import { ApiKeyService } from './modules/api-keys/service.js';
import { AuditService } from './modules/audit/service.js';
import { CalendarService } from './modules/calendar/service.js';
import { AlertService } from './modules/system/alerts.js';
import { DepartmentService } from './modules/departments/service.js';
import { UserService } from './modules/users/service.js';
import { manualVerifier, VerificationService } from './modules/verification/service.js';
import { OidcVerifier } from './modules/verification/oidc.js';

/** Everything a request handler, the CLI or a job needs, built once per process. */
export interface AppContext {
  config: Config;
  database: DatabaseHandle;
  accounts: AccountService;
  alerts: AlertService;
  users: UserService;
  apiKeys: ApiKeyService;
  audit: AuditService;
  calendar: CalendarService;
  departments: DepartmentService;
  verification: VerificationService;
  /** Present when SHUKAI_VERIFIER=oidc: persons verify by signing in at the identity provider. */
  oidc: OidcVerifier | undefined;
  close(): Promise<void>;
}

/** Opens the database, brings its schema up to date and wires the services. */
export async function createContext(config: Config): Promise<AppContext> {
  const database = openDatabase(config);
  await migrateToLatest(database.db, database.adapter);
  const { db, adapter } = database;
  const alerts = new AlertService(db);
  return {
    config,
    database,
    accounts: new AccountService(db),
    alerts,
    users: new UserService(db),
    apiKeys: new ApiKeyService(db),
    audit: new AuditService(db, adapter, config.auditHash),
    calendar: new CalendarService(db, alerts),
    departments: new DepartmentService(db),
    verification: new VerificationService(db, manualVerifier, config.secretKey),
    oidc: config.oidc ? new OidcVerifier(config.oidc) : undefined,
    close: () => database.close(),
  };
}
