/**
 * The 1M-row resource as a provider would publish it, through the real services: a catalog
 * entry with declared 数据项, the full ingest path, publication; and a data user with an API key.
 */
import { loadConfig } from '../src/config.js';
import { createContext, type AppContext } from '../src/context.js';
import type { DataItem } from '../src/domain/catalog.js';
import { seedIfEmpty } from '../src/seed/seed.js';
import type { BenchDatabase } from './support.js';

const item = (name: string, type: DataItem['type'], filterable = false, sensitive = false): DataItem =>
  ({ name, title: name, type, description: '', unit: '', filterable, sensitive, requestable: true });

export const DECLARED_FIELDS: DataItem[] = [
  item('序号', 'integer'), item('姓名', 'string', false, true), item('身份证号', 'string', false, true), item('手机号', 'string', false, true),
  item('性别', 'string', true), item('出生日期', 'date', true), item('地址', 'string'), item('金额', 'number'),
  item('登记时间', 'datetime'), item('是否有效', 'boolean'),
];

export async function benchContext(database: BenchDatabase): Promise<AppContext> {
  const ctx = await createContext(loadConfig({ ...database.env, SHUKAI_DEMO: '0', SHUKAI_KEEP_VERSIONS: '1' }), { info() {}, warn: console.warn, error: console.error } as never);
  await seedIfEmpty(ctx);
  return ctx;
}

/** A draft entry with one table resource, and the CSV placed in the blob store as an upload would. */
export async function prepareUpload(ctx: AppContext, csvPath: string) {
  const department = (await ctx.departments.list()).find((d) => d.kind === 'provider')!;
  const catalogId = await ctx.catalog.create({
    title: '人口登记信息（基准测试）', summary: '基准测试数据', departmentId: department.id, openType: 'unconditional', openConditions: '', conditions: null,
    dataFormat: 'CSV', updateFrequency: 'monthly', domain: '', nationalTheme: '', district: '', tags: [], fields: DECLARED_FIELDS,
    accessMethods: ['data', 'api'], licence: '', contactName: '', contactPhone: '', contactEmail: '',
  }, null);
  const resourceId = await ctx.resources.create(catalogId, '人口登记', 'table');
  const blob = await ctx.blobs.putFile(csvPath, Infinity, '.csv');
  return { catalogId, resourceId, blobKey: blob.key };
}

/** One run of the whole ingest path: queue the version, run the job, commit. */
export async function ingestOnce(ctx: AppContext, resourceId: string, blobKey: string) {
  const { jobId } = await ctx.resources.startTableUpload(resourceId, blobKey, 'people.csv', { mode: 'replace', strict: false }, null);
  await ctx.jobRunner.runOne(jobId);
  const job = await ctx.jobs.get(jobId);
  if (job.status !== 'succeeded') throw new Error(`ingest failed: ${job.error}`);
  return job.result as { rows: number; rejected: number };
}

export async function publish(ctx: AppContext, catalogId: string): Promise<void> {
  await ctx.catalog.submit(catalogId, null, async () => false);
  await ctx.catalog.review(catalogId, null, true, '基准测试', {
    promote: () => ctx.resources.settleHeld(catalogId, true), discard: () => ctx.resources.settleHeld(catalogId, false),
  });
}

/** A verified data user who accepted the licence, and an API key for it. */
export async function dataUserKey(ctx: AppContext): Promise<string> {
  const userId = await ctx.accounts.register(await ctx.accounts.prepare({ phone: '13912345678', password: 'Bench#2026pass' }));
  await ctx.verification.submit(userId, { type: 'person', name: '基准', idNumber: '11010519491231002X' }, { name: 'bench', check: async () => ({ status: 'verified' }) });
  await ctx.licence.accept(userId, (await ctx.licence.current()).version, 'bench');
  const key = await ctx.apiKeys.create(userId, { name: 'bench', scope: 'read', endsWithPassword: false });
  return `${key.key}:${key.secret}`;
}

/** The published 1M-row resource and a data user's API key, in a database the context then releases. */
export async function publishedResource(database: BenchDatabase, csvPath: string) {
  const ctx = await benchContext(database);
  try {
    const upload = await prepareUpload(ctx, csvPath);
    await ingestOnce(ctx, upload.resourceId, upload.blobKey);
    await publish(ctx, upload.catalogId);
    const auth = `Bearer ${await dataUserKey(ctx)}`;
    const table = await ctx.resources.currentTable(upload.resourceId);
    return { resourceId: upload.resourceId, auth, table };
  } finally {
    await ctx.close();
  }
}
