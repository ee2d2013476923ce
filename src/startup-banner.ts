/**
 * What `npm start` says once it listens: where the portal is, which database it runs on, what
 * the seed put there and how to sign in to the demo — the things a new user otherwise has to
 * dig out of the README. Request logs follow it.
 */
import { join } from 'node:path';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { ROLE_LABELS } from './domain/roles.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed/seed.js';

/** The database in words: the SQLite file, or the PostgreSQL server and database (never the password). */
export function engineOf(config: Pick<Config, 'databaseUrl' | 'dataDir'>): string {
  if (!config.databaseUrl) return `SQLite，文件 ${join(config.dataDir, 'shukai.db')}`;
  const url = new URL(config.databaseUrl);
  return `PostgreSQL，数据库 ${decodeURIComponent(url.pathname.slice(1)) || '(默认)'}（${url.hostname}${url.port ? `:${url.port}` : ''}）`;
}

/** A browsable address: a wildcard host is reached through localhost. */
function browsable(address: string): string {
  const url = new URL(address);
  if (url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = 'localhost';
  return url.origin;
}

async function counts(ctx: AppContext) {
  const { db } = ctx.database;
  const count = async (query: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }) => Number((await query.executeTakeFirstOrThrow()).n);
  const [entries, datasets, departments] = await Promise.all([
    count(db.selectFrom('catalog_entries').where('status', '=', 'published').select((eb) => eb.fn.countAll().as('n'))),
    count(db.selectFrom('resources').where('current_version', 'is not', null).select((eb) => eb.fn.count('entry_id').distinct().as('n'))),
    count(db.selectFrom('departments').select((eb) => eb.fn.countAll().as('n'))),
  ]);
  return { entries, datasets, departments };
}

export async function startupBanner(ctx: AppContext, address: string): Promise<string> {
  const { entries, datasets, departments } = await counts(ctx);
  const lines = [
    '',
    `数开 Shukai 公共数据开放平台：${browsable(address)}/`,
    `  接口文档：${browsable(address)}/api/docs`,
    `  数据库：${engineOf(ctx.config)}`,
    `  数据：已发布目录 ${entries} 条，其中 ${datasets} 条有数据资源；部门 ${departments} 个`,
  ];
  if (ctx.config.demo) {
    lines.push(`  演示账号（密码均为 ${DEMO_PASSWORD}）：`);
    for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.phone}  ${ROLE_LABELS[a.role].zh}（${a.name}）`);
  }
  return `${lines.join('\n')}\n`;
}
