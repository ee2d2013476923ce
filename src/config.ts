import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';

export type AuditHash = 'sm3' | 'sha256';
export type VerifierKind = 'manual' | 'oidc';
export type ProcessRole = 'all' | 'api' | 'worker';

/** Everything the process reads from its environment, read once at start-up. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… selects PostgreSQL; unset selects the SQLite file under dataDir. */
  databaseUrl: string | undefined;
  auditHash: AuditHash;
  verifier: VerifierKind;
  oidc: { issuer: string; clientId: string; clientSecret: string; redirectUri: string; idNumberClaim: string; allowHttp: boolean } | undefined;
  /** 32-byte key that encrypts personal data at rest (ID numbers). */
  secretKey: Buffer;
  /** Secure cookies need HTTPS; a city deployment sits behind a TLS proxy. */
  secureCookies: boolean;
  demo: boolean;
  logLevel: string;
  /**
   * The portal's public origin (https://data.example.gov.cn): absolute links in the CKAN and
   * DCAT answers use it instead of the request's Host header, which a client chooses.
   */
  publicUrl: string | undefined;
  /** Behind a reverse proxy, take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /** Largest upload accepted, in MiB. */
  maxUploadMb: number;
  /** How many complete versions of a resource stay readable (the current one included). */
  keepVersions: number;
  /**
   * What this process does (SHUKAI_ROLE, docs/deployment.md): `all` serves the portal and runs
   * jobs (the embedded default), `api` only serves (also SHUKAI_RUN_JOBS=0), `worker` only runs
   * jobs and answers nothing but /api/health and /api/ready.
   */
  role: ProcessRole;
  /** Run queued jobs and the recurring tasks' clocks in this process (`all` and `worker`). */
  runJobs: boolean;
  /** On SIGTERM, how long in-flight requests and a running job get before the process ends anyway. */
  shutdownSeconds: number;
  /**
   * On SIGTERM, how long the process keeps serving, already answering /api/ready with 503, before
   * it closes its port: time for a balancer that polls /api/ready to stop sending (0 by default:
   * open-source nginx does not poll; docs/deployment.md).
   */
  shutdownDelaySeconds: number;
  /** 受限开放 applications: the working days each step has (二.3, default 5), and the longest period of use in days. */
  applicationStepWorkingDays: number;
  applicationMaxPeriodDays: number;
  /** The timezone recurring tasks' cron expressions are read in, and their "today" (SHUKAI_TIMEZONE). */
  timezone: string;
  /** Email notices and 忘记密码 codes go out through this SMTP server when it is set. */
  smtp: { url: string; from: string } | undefined;
  /** Text messages go out through this HTTP gateway (POST JSON { to, text }) when it is set. */
  smsGateway: { url: string; token: string | undefined } | undefined;
  /** The hosts source systems and harvested catalogs may be reached at (SHUKAI_SOURCE_HOSTS, modules/sources/reach.ts); none by default. */
  sourceHosts: string[];
  /** Where blobs are kept: DATA_DIR/blobs, or an S3-compatible bucket (SHUKAI_BLOBS=s3) that several hosts share. */
  blobs: BlobsConfig;
}

export type BlobsConfig = { kind: 'local' } | ({ kind: 's3' } & S3Settings);

/** An S3-compatible bucket (AWS, Aliyun OSS, MinIO, Ceph). */
export interface S3Settings {
  /** https://oss-cn-hangzhou.aliyuncs.com, http://minio.internal:9000…; unset for AWS itself. */
  endpoint: string | undefined;
  bucket: string;
  region: string;
  /** The bucket in the URL's path (MinIO, Ceph, most self-hosted servers) rather than in the host name. */
  forcePathStyle: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.DATA_DIR ?? './data');
  mkdirSync(dataDir, { recursive: true });
  const verifier = (env.SHUKAI_VERIFIER ?? 'manual') as VerifierKind;
  if (verifier !== 'manual' && verifier !== 'oidc') throw new Error(`SHUKAI_VERIFIER must be manual or oidc, not ${verifier}`);
  const auditHash = (env.SHUKAI_AUDIT_HASH ?? 'sm3') as AuditHash;
  if (auditHash !== 'sm3' && auditHash !== 'sha256') throw new Error(`SHUKAI_AUDIT_HASH must be sm3 or sha256, not ${auditHash}`);
  const role = roleOf(env);
  const databaseUrl = env.DATABASE_URL || undefined;
  const blobs = readBlobs(env);
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl,
    auditHash,
    verifier,
    oidc: verifier === 'oidc' ? readOidc(env) : undefined,
    secretKey: readSecretKey(env, dataDir, !!databaseUrl && blobs.kind === 's3'),
    secureCookies: env.SHUKAI_SECURE_COOKIES === '1',
    demo: env.SHUKAI_DEMO !== '0',
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: env.SHUKAI_TRUST_PROXY === '1',
    publicUrl: env.SHUKAI_PUBLIC_URL ? originOf(env.SHUKAI_PUBLIC_URL) : undefined,
    maxUploadMb: positive(env.SHUKAI_MAX_UPLOAD_MB, 1024, 'SHUKAI_MAX_UPLOAD_MB'),
    keepVersions: positive(env.SHUKAI_KEEP_VERSIONS, 3, 'SHUKAI_KEEP_VERSIONS'),
    role,
    runJobs: role !== 'api',
    shutdownSeconds: positive(env.SHUKAI_SHUTDOWN_SECONDS, 25, 'SHUKAI_SHUTDOWN_SECONDS'),
    shutdownDelaySeconds: env.SHUKAI_SHUTDOWN_DELAY_SECONDS ? positive(env.SHUKAI_SHUTDOWN_DELAY_SECONDS, 0, 'SHUKAI_SHUTDOWN_DELAY_SECONDS') : 0,
    applicationStepWorkingDays: positive(env.SHUKAI_APPLICATION_STEP_DAYS, 5, 'SHUKAI_APPLICATION_STEP_DAYS'),
    applicationMaxPeriodDays: positive(env.SHUKAI_APPLICATION_MAX_DAYS, 366, 'SHUKAI_APPLICATION_MAX_DAYS'),
    timezone: timezoneOf(env.SHUKAI_TIMEZONE ?? 'Asia/Shanghai'),
    smtp: readSmtp(env),
    smsGateway: readSmsGateway(env),
    sourceHosts: (env.SHUKAI_SOURCE_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean),
    blobs,
  };
}

function roleOf(env: NodeJS.ProcessEnv): ProcessRole {
  const role = env.SHUKAI_ROLE || (env.SHUKAI_RUN_JOBS === '0' ? 'api' : 'all');
  if (role !== 'all' && role !== 'api' && role !== 'worker') throw new Error(`SHUKAI_ROLE must be all, api or worker, not ${role}`);
  if (role !== 'api' && env.SHUKAI_RUN_JOBS === '0') throw new Error(`SHUKAI_ROLE=${role} runs jobs, which SHUKAI_RUN_JOBS=0 forbids; use SHUKAI_ROLE=api for a process that only serves`);
  return role;
}

/** Object storage's credentials are not read here: the AWS SDK finds AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY itself. */
function readBlobs(env: NodeJS.ProcessEnv): BlobsConfig {
  const kind = env.SHUKAI_BLOBS || 'local';
  if (kind === 'local') return { kind };
  if (kind !== 's3') throw new Error(`SHUKAI_BLOBS must be local or s3, not ${kind}`);
  return { kind, ...readS3(env) };
}

/** The bucket S3_* name, whichever store is in use (the copy of a local store into it reads them too). */
export function readS3(env: NodeJS.ProcessEnv): S3Settings {
  if (!env.S3_BUCKET) throw new Error('object storage needs S3_BUCKET, the bucket the blobs are kept in');
  const endpoint = env.S3_ENDPOINT || undefined;
  if (endpoint && !/^https?:\/\/[^/]/.test(endpoint)) throw new Error(`S3_ENDPOINT must be an http(s) URL, not ${endpoint}`);
  return { endpoint, bucket: env.S3_BUCKET, region: env.S3_REGION || 'us-east-1', forcePathStyle: env.S3_FORCE_PATH_STYLE === '1' };
}

function timezoneOf(name: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    throw new Error(`SHUKAI_TIMEZONE must be an IANA timezone such as Asia/Shanghai, not ${name}`);
  }
}

function readSmtp(env: NodeJS.ProcessEnv): Config['smtp'] {
  if (!env.SMTP_URL) return undefined;
  if (!/^smtps?:\/\//.test(env.SMTP_URL)) throw new Error('SMTP_URL must be an smtp:// or smtps:// URL');
  // A sender address is required: mail servers refuse or junk mail from an invented one.
  if (!env.SMTP_FROM) throw new Error('SMTP_URL needs SMTP_FROM, the sender address (e.g. "杭州市公共数据开放平台 <noreply@example.gov.cn>")');
  return { url: env.SMTP_URL, from: env.SMTP_FROM };
}

function readSmsGateway(env: NodeJS.ProcessEnv): Config['smsGateway'] {
  if (!env.SMS_GATEWAY_URL) return undefined;
  const parsed = URL.canParse(env.SMS_GATEWAY_URL) ? new URL(env.SMS_GATEWAY_URL) : null;
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) throw new Error(`SMS_GATEWAY_URL must be an http(s) URL, not ${env.SMS_GATEWAY_URL}`);
  return { url: env.SMS_GATEWAY_URL, token: env.SMS_GATEWAY_TOKEN || undefined };
}

function originOf(url: string): string {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) throw new Error(`SHUKAI_PUBLIC_URL must be an http(s) URL, not ${url}`);
  return parsed.origin;
}

function readOidc(env: NodeJS.ProcessEnv): Config['oidc'] {
  const issuer = env.OIDC_ISSUER, clientId = env.OIDC_CLIENT_ID, clientSecret = env.OIDC_CLIENT_SECRET;
  const redirectUri = env.OIDC_REDIRECT_URI;
  if (!issuer || !clientId || !clientSecret || !redirectUri) {
    throw new Error('SHUKAI_VERIFIER=oidc needs OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URI');
  }
  return {
    issuer, clientId, clientSecret, redirectUri,
    idNumberClaim: env.OIDC_ID_NUMBER_CLAIM ?? 'id_number',
    // Only for a provider on a private test network; real providers speak HTTPS.
    allowHttp: env.OIDC_ALLOW_HTTP === '1',
  };
}

/**
 * SHUKAI_SECRET_KEY (64 hex chars) wins; otherwise a key is made once and kept beside the data.
 * A setup made for several hosts (PostgreSQL and object storage) must be given the key: a key
 * each host made for itself would make one host's sessions, tokens and encrypted ID numbers
 * unreadable on the others.
 */
function readSecretKey(env: NodeJS.ProcessEnv, dataDir: string, shared: boolean): Buffer {
  if (env.SHUKAI_SECRET_KEY) {
    const key = Buffer.from(env.SHUKAI_SECRET_KEY, 'hex');
    if (key.length !== 32) throw new Error('SHUKAI_SECRET_KEY must be 64 hexadecimal characters');
    return key;
  }
  if (shared) {
    throw new Error('PostgreSQL with object storage (SHUKAI_BLOBS=s3) is a setup for several processes and hosts: they must share one key, so SHUKAI_SECRET_KEY is required '
      + '(64 hexadecimal characters, e.g. from `openssl rand -hex 32`; keep the key of an existing installation, it decrypts what is stored; docs/deployment.md). '
      + '多进程部署（PostgreSQL + 对象存储）须通过 SHUKAI_SECRET_KEY 为所有进程配置同一密钥。');
  }
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1, not ${value}`);
  return n;
}
