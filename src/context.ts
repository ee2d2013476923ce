import type { Config } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { JobQueue } from './jobs/queue.js';
import { recurringTasks } from './jobs/recurring-tasks.js';
import { UpdateDueNotices } from './modules/catalog/update-due.js';
import { DeadlineNotices } from './modules/workflow/deadline-notices.js';
import { JobRunner } from './jobs/runner.js';
import { Scheduler } from './jobs/scheduler.js';
import { AccountService } from './modules/accounts/service.js';
import { ApiKeyService } from './modules/api-keys/service.js';
import { AuditService } from './modules/audit/service.js';
import { RESTRICTED_APPLICATION } from './domain/workflows/index.js';
import { AgreementService } from './modules/applications/agreement.js';
import { DEFAULT_AGREEMENT_TEMPLATE, DEFAULT_AGREEMENT_TITLE } from './modules/applications/agreement-template.js';
import { GrantOutcomeService } from './modules/applications/grant-outcomes.js';
import { GrantService } from './modules/applications/grants.js';
import { assertEligible, offerOf } from './modules/applications/offer.js';
import { ApplicationService } from './modules/applications/service.js';
import { AttachmentService } from './modules/attachments/service.js';
import { openBlobStore } from './modules/blobs/open-store.js';
import type { BlobStore } from './modules/blobs/store.js';
import { CalendarService } from './modules/calendar/service.js';
import { PublicationReview } from './modules/catalog/publication.js';
import { CatalogService } from './modules/catalog/service.js';
import { CatalogChanges } from './modules/interop/catalog-changes.js';
import { HarvestedEntries } from './modules/catalog/harvested.js';
import { harvestJob } from './modules/harvest/run.js';
import { HarvestSources } from './modules/harvest/service.js';
import { ConsultationService } from './modules/consultations/service.js';
import { DepartmentService } from './modules/departments/service.js';
import { LicenceService } from './modules/licence/service.js';
import { DEFAULT_PLEDGE_TEXT, DEFAULT_PLEDGE_TITLE } from './modules/pledge/default-text.js';
import { VersionedTexts } from './modules/versioned-texts/service.js';
import { configuredChannels } from './modules/notifications/channels.js';
import { Outbox } from './modules/notifications/outbox.js';
import { PasswordReset } from './modules/notifications/password-reset.js';
import { NotificationService } from './modules/notifications/service.js';
import { CounterService } from './modules/resources/counters.js';
import { ResourceService } from './modules/resources/service.js';
import { SearchService } from './modules/search/service.js';
import { SourceReach } from './modules/sources/reach.js';
import { SourceRuns } from './modules/sources/run-job.js';
import { SourceService } from './modules/sources/service.js';
import { AlertService } from './modules/system/alerts.js';
import { Readiness } from './modules/system/readiness.js';
import { UserService } from './modules/users/service.js';
import { OidcVerifier } from './modules/verification/oidc.js';
import { manualVerifier, VerificationService } from './modules/verification/service.js';
import { WorkflowService } from './modules/workflow/service.js';
import { can, VISITOR } from './domain/policy.js';
import { sql } from 'kysely';

/** Everything a request handler, the CLI or a job needs, built once per process. */
export interface AppContext {
  config: Config;
  database: DatabaseHandle;
  accounts: AccountService;
  alerts: AlertService;
  users: UserService;
  apiKeys: ApiKeyService;
  audit: AuditService;
  blobs: BlobStore;
  /** Files that go with workflow steps. */
  attachments: AttachmentService;
  /** 受限开放: applications through the five steps, their agreements, and the grants they open. */
  applications: ApplicationService;
  agreements: AgreementService;
  grants: GrantService;
  /** 五.4: outcomes and returned data on grants. */
  grantOutcomes: GrantOutcomeService;
  /** 目录采集: other portals' catalogs (CKAN, DCAT) imported on a schedule as a department's entries. */
  harvest: HarvestSources;
  calendar: CalendarService;
  catalog: CatalogService;
  /** 数据更新查询: what visitors saw change in the catalog, in commit order. */
  catalogChanges: CatalogChanges;
  /** A catalog entry's two-step publication review, on the workflow engine. */
  publication: PublicationReview;
  consultations: ConsultationService;
  counters: CounterService;
  departments: DepartmentService;
  jobs: JobQueue;
  jobRunner: JobRunner;
  /** Recurring tasks (src/jobs/recurring-tasks.ts), each firing a de-duplicated job. */
  scheduler: Scheduler;
  licence: LicenceService;
  /** 安全承诺书: the text an application for restricted data accepts, by version. */
  pledge: VersionedTexts;
  /** The 公共数据开放利用协议 template the authority maintains, in versions. */
  agreementTemplates: VersionedTexts;
  /** 站内信, and email and SMS as configured and as each account chose. */
  notifications: NotificationService;
  /** Messages on their way out after their commands (email, SMS). */
  outbox: Outbox;
  passwordReset: PasswordReset;
  resources: ResourceService;
  search: SearchService;
  /** Where source systems and harvested catalogs may be reached (SHUKAI_SOURCE_HOSTS). */
  sourceReach: SourceReach;
  /** 数据汇聚: resources' sources and their scheduled runs. */
  sources: SourceService;
  sourceRuns: SourceRuns;
  verification: VerificationService;
  workflow: WorkflowService;
  /** Present when SHUKAI_VERIFIER=oidc: persons verify by signing in at the identity provider. */
  oidc: OidcVerifier | undefined;
  /** Whether this process should be sent requests (GET /api/ready); told when shutdown begins. */
  readiness: Readiness;
  /** Stops the jobs and clocks (a running job gets `graceMs` to hand itself back), flushes, closes the pools. */
  close(graceMs?: number): Promise<void>;
}

/** A source run's limits besides the upload size: its fetch or query time, and a query's rows. */
const SOURCE_TIMEOUT_MS = 120_000;
const SOURCE_MAX_ROWS = 5_000_000;

type Log = ConstructorParameters<typeof JobRunner>[1];
const consoleLog: Log = { info: console.log, warn: console.warn, error: console.error } as unknown as Log;

/** Opens the database, brings its schema up to date and wires the services. */
export async function createContext(config: Config, log: Log = consoleLog): Promise<AppContext> {
  const database = openDatabase(config);
  await migrateToLatest(database.db, database.adapter);
  const { db, adapter } = database;
  const alerts = new AlertService(db);
  const blobs = await openBlobStore(config);
  const search = new SearchService(db, adapter);
  const accounts = new AccountService(db, adapter.lockAccount);
  // Data held on a published entry goes to the same two-step review as an edit, in the uploader's name.
  // Every change to an entry's public face reaches the search index, where the changes feed watches it.
  const catalogChanges = new CatalogChanges(db);
  // Whatever changes an entry's public face tells the search index and the changes feed alike.
  const indexer = catalogChanges.watching(search);
  const catalog: CatalogService = new CatalogService(db, indexer, async (entryId, uploaderId) =>
    publication.openReview(entryId, uploaderId ? await accounts.loadActor(uploaderId) : null));
  const jobs = new JobQueue(db, adapter);
  const jobRunner = new JobRunner(jobs, log);
  const resources = new ResourceService(db, adapter, blobs, jobs, catalog, config.keepVersions, database.unitOfWork);
  const counters = new CounterService(db);
  const calendar = new CalendarService(db, alerts);
  const attachments = new AttachmentService(db, blobs, database.unitOfWork, adapter.lockKey);
  const workflow = new WorkflowService(db, calendar, attachments, { [RESTRICTED_APPLICATION.kind]: config.applicationStepWorkingDays });
  const channels = configuredChannels(config);
  const outbox = new Outbox(database.unitOfWork, log);
  const notifications = new NotificationService(db, channels, outbox, config.publicUrl);
  const publication = new PublicationReview(catalog, workflow, notifications);
  // A question may concern any entry a visitor can find in the catalog.
  const isListedEntry = (id: string) => catalog.policyFacts(id).then((f) => can(VISITOR, 'catalog.read', f), () => false);
  const grants = new GrantService(db, notifications);
  const grantOutcomes = new GrantOutcomeService(db, blobs, notifications, config.maxUploadMb * 1024 * 1024, adapter.lockKey);
  const pledge = new VersionedTexts(db, 'pledge', { title: DEFAULT_PLEDGE_TITLE, text: DEFAULT_PLEDGE_TEXT });
  const agreementTemplates = new VersionedTexts(db, 'agreement', { title: DEFAULT_AGREEMENT_TITLE, text: DEFAULT_AGREEMENT_TEMPLATE });
  const agreements = new AgreementService(db, blobs, (version) => (version === null ? agreementTemplates.current() : agreementTemplates.version(version)));
  const applications = new ApplicationService({
    db, workflow, notifications,
    offerOf: (entryId) => offerOf(catalog, entryId),
    assertEligible: async (actor, entryId) => assertEligible(actor, (await catalog.applicationTerms(entryId)).conditions),
    currentPledgeVersion: async () => (await pledge.current()).version,
    discardAgreement: (key) => database.unitOfWork.afterCommit(() => blobs.remove(key)),
    issueGrant: async (application) => { await grants.issue(application); },
    maxPeriodDays: config.applicationMaxPeriodDays,
  });
  jobRunner.define(resources.ingestJob);
  const sourceReach = new SourceReach(config.sourceHosts);
  const sources = new SourceService(db, jobs, database.unitOfWork, config.timezone);
  const sourceRuns = new SourceRuns(
    { sources, reach: sourceReach, blobs, resources, catalog, jobs, jobRunner, notifications, alerts, unitOfWork: database.unitOfWork, secretKey: config.secretKey },
    { maxBytes: config.maxUploadMb * 1024 * 1024, timeoutMs: SOURCE_TIMEOUT_MS, maxRows: SOURCE_MAX_ROWS },
  );
  jobRunner.define(sourceRuns.job);
  const audit = new AuditService(db, adapter, config.auditHash);
  const harvestedEntries = new HarvestedEntries(db);
  const harvest = new HarvestSources(db, jobs, sourceReach, harvestedEntries, indexer, config.timezone);
  jobRunner.define(harvestJob({
    db, unitOfWork: database.unitOfWork, sources: harvest, entries: harvestedEntries, search: indexer, notifications, reach: sourceReach,
    audit,
  }));
  const scheduler = new Scheduler(jobs, jobRunner, config.timezone, log);
  const deadlineNotices = new DeadlineNotices(workflow, new UpdateDueNotices(db), notifications);
  const tasks = recurringTasks({ calendar, deadlineNotices, attachments, grantOutcomes, sources, harvest, search, unitOfWork: database.unitOfWork, timezone: config.timezone });
  for (const task of tasks) scheduler.recurring(task);
  return {
    config,
    database,
    accounts,
    alerts,
    users: new UserService(db, accounts, adapter.lockAccount),
    apiKeys: new ApiKeyService(db, adapter.changes, adapter.lockKey),
    audit,
    blobs,
    attachments,
    applications,
    agreements,
    grants,
    grantOutcomes,
    harvest,
    calendar,
    catalog,
    catalogChanges,
    consultations: new ConsultationService(db, workflow, notifications, isListedEntry),
    publication,
    counters,
    departments: new DepartmentService(db, (id) => search.reindexDepartment(id)),
    jobs,
    jobRunner,
    scheduler,
    licence: new LicenceService(db, adapter.changes),
    pledge,
    agreementTemplates,
    notifications,
    outbox,
    passwordReset: new PasswordReset(db, accounts, channels, outbox, config.secretKey),
    resources,
    search,
    sourceReach,
    sources,
    sourceRuns,
    verification: new VerificationService(db, accounts, workflow, notifications, manualVerifier, config.secretKey),
    workflow,
    oidc: config.oidc ? new OidcVerifier(config.oidc) : undefined,
    readiness: new Readiness({
      database: () => sql`select 1`.execute(db),
      ...(config.blobs.kind === 's3' ? { objectStorage: () => blobs.ping() } : {}),
    }, log),
    close: async (graceMs?: number) => {
      scheduler.stop();
      await jobRunner.stop(graceMs);
      await outbox.idle();
      await counters.close();
      await grants.flushUse();
      await database.close();
      blobs.close();
    },
  };
}

/**
 * Work a serving process does at start-up: tidy after a crash, then run queued jobs (sweeping
 * stalled ones periodically) and start the recurring tasks' clocks.
 */
export async function startBackgroundWork(ctx: AppContext): Promise<void> {
  await ctx.jobRunner.recover();
  await ctx.resources.recoverAfterCrash();
  if (!ctx.config.runJobs) return;
  await ctx.jobRunner.start();
  ctx.scheduler.start();
}
