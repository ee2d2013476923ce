/**
 * A source's settings as the provider gives them, checked and split in two: what may be shown
 * (the URL, or the database without its password) and the credentials, sealed with the
 * platform key and never shown again.
 */
import { AppError } from '../../domain/errors.js';
import { decrypt, encrypt } from '../accounts/secrets.js';
import { parseSourceUrl } from './fetch.js';
import { readOnlySelect } from './read-only-query.js';
import type { SourceReach } from './reach.js';

export const SOURCE_KINDS = ['url', 'postgres', 'mysql'] as const;
export const SOURCE_MODES = ['replace', 'append', 'upsert', 'incremental'] as const;
export const SOURCE_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export type SourceMode = (typeof SOURCE_MODES)[number];
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export interface SourceInput {
  kind: SourceKind;
  url?: string | undefined;
  /** A URL source's Authorization header value (a token), kept sealed. */
  authorization?: string | undefined;
  /** postgres://user:password@host:port/db or mysql://…; the password is kept sealed. */
  connection?: string | undefined;
  query?: string | undefined;
  format?: SourceFormat | undefined;
  jsonPath?: string | undefined;
  mode: SourceMode;
  key?: string | undefined;
  cursorField?: string | undefined;
}

/** What a run needs to reach the source: the parts that are never shown. */
export interface SourceSecret {
  connection?: string;
  authorization?: string;
}

export interface CheckedSettings {
  kind: SourceKind;
  location: string;
  secret: string | null;
  query: string | null;
  format: SourceFormat | null;
  jsonPath: string | null;
  mode: SourceMode;
  key: string | null;
  cursorField: string | null;
}

const DEFAULT_PORTS = { postgres: 5432, mysql: 3306 } as const;
const PROTOCOLS = { postgres: ['postgres:', 'postgresql:'], mysql: ['mysql:', 'mariadb:'] } as const;
/** A cursor names a column of the query's result: plain names only, since it is put into SQL (quoted). */
const COLUMN_NAME = /^[\p{L}_][\p{L}\p{N}_]{0,63}$/u;

export function checkSettings(input: SourceInput, reach: SourceReach, key: Buffer): CheckedSettings {
  const mode = checkMode(input);
  if (input.kind === 'url') {
    if (!input.url) throw new AppError('VALIDATION_FAILED', 'url', '请填写数据源地址');
    if (input.connection || input.query) throw new AppError('VALIDATION_FAILED', 'connection', '网址类数据源不使用数据库连接和查询语句');
    const url = parseSourceUrl(input.url);
    if (url.username || url.password) throw new AppError('VALIDATION_FAILED', 'url', '网址中不能含用户名或密码，请改用“认证信息”（Authorization）填写');
    assertListed(reach, url.hostname, 'url');
    // Sent as a header on every run: what HTTP cannot carry there (a line break, Chinese) would fail each run instead.
    if (input.authorization && !/^[\x20-\x7e\t]+$/.test(input.authorization)) {
      throw new AppError('VALIDATION_FAILED', 'authorization', '认证信息只能包含英文字母、数字和标点（可见的 ASCII 字符），不能换行');
    }
    if (input.jsonPath && !/^[^.\s]+(\.[^.\s]+)*$/.test(input.jsonPath)) throw new AppError('VALIDATION_FAILED', 'jsonPath', '数据所在的键用点号分隔，例如 data.items');
    const secret: SourceSecret = input.authorization ? { authorization: input.authorization } : {};
    return {
      kind: 'url', location: url.href, secret: input.authorization ? encrypt(key, JSON.stringify(secret)) : null, query: null,
      format: input.format ?? null, jsonPath: input.jsonPath || null, ...mode,
    };
  }
  if (input.url || input.authorization || input.format || input.jsonPath) {
    throw new AppError('VALIDATION_FAILED', 'url', '数据库类数据源只需连接串和查询语句');
  }
  if (!input.connection) throw new AppError('VALIDATION_FAILED', 'connection', '请填写数据库连接串');
  if (!input.query) throw new AppError('VALIDATION_FAILED', 'query', '请填写查询语句');
  const connection = parseConnection(input.kind, input.connection);
  assertListed(reach, connection.hostname, 'connection');
  return {
    kind: input.kind, location: displayOf(input.kind, connection), secret: encrypt(key, JSON.stringify({ connection: input.connection } satisfies SourceSecret)),
    query: readOnlySelect(input.query), format: null, jsonPath: null, ...mode,
  };
}

export function openSecret(sealed: string | null, key: Buffer): SourceSecret {
  return sealed ? (JSON.parse(decrypt(key, sealed)) as SourceSecret) : {};
}

/** A database connection URL, refused unless complete; its parts as the drivers need them. */
export function parseConnection(kind: 'postgres' | 'mysql', text: string): URL {
  const url = URL.canParse(text) ? new URL(text) : null;
  const example = `${kind}://用户名:密码@主机:${DEFAULT_PORTS[kind]}/数据库`;
  if (!url || !(PROTOCOLS[kind] as readonly string[]).includes(url.protocol) || !url.hostname || !url.username || url.pathname.length < 2) {
    throw new AppError('VALIDATION_FAILED', 'connection', `连接串格式应为 ${example}`);
  }
  // The drivers get these decoded (fetch-database.ts): a stray % would fail every run instead.
  for (const part of [url.username, url.password, url.pathname]) {
    try {
      decodeURIComponent(part);
    } catch {
      throw new AppError('VALIDATION_FAILED', 'connection', `连接串中的“%”须后接两位十六进制数（用户名或密码中的 % 写作 %25），格式应为 ${example}`);
    }
  }
  return url;
}

export function portOf(kind: 'postgres' | 'mysql', url: URL): number {
  return url.port ? Number(url.port) : DEFAULT_PORTS[kind];
}

/** The database as shown: everything but the password. */
function displayOf(kind: 'postgres' | 'mysql', url: URL): string {
  return `${kind}://${url.username}@${url.host.includes(':') ? url.host : `${url.host}:${portOf(kind, url)}`}${url.pathname}`;
}

export function checkMode(input: Pick<SourceInput, 'mode' | 'key' | 'cursorField'>): Pick<CheckedSettings, 'mode' | 'key' | 'cursorField'> {
  if (input.mode === 'upsert' && !input.key) throw new AppError('VALIDATION_FAILED', 'key', '按主键更新须指定主键字段');
  if (input.mode === 'incremental' && !input.cursorField) throw new AppError('VALIDATION_FAILED', 'cursorField', '增量同步须指定时间戳（游标）字段');
  if (input.cursorField && !COLUMN_NAME.test(input.cursorField)) throw new AppError('VALIDATION_FAILED', 'cursorField', '游标字段名只能包含文字、数字和下划线');
  if (input.mode !== 'incremental' && input.cursorField) throw new AppError('VALIDATION_FAILED', 'cursorField', '只有增量同步使用游标字段');
  if (input.mode !== 'upsert' && input.mode !== 'incremental' && input.key) throw new AppError('VALIDATION_FAILED', 'key', '只有按主键更新（或增量同步）使用主键字段');
  return { mode: input.mode, key: input.key || null, cursorField: input.cursorField || null };
}

function assertListed(reach: SourceReach, host: string, field: string): void {
  try {
    reach.assertAllowed(host);
  } catch (err) {
    // The same refusal a run gives, at registration already, on the field at fault.
    throw err instanceof AppError ? new AppError(err.code, field, err.detail) : err;
  }
}
