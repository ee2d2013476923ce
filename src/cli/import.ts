import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { AppContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { BASELINE_CONDITIONS } from '../domain/restricted.js';
import type { IngestOutcome } from '../modules/resources/service.js';
import { progressBar } from './progress.js';

/**
 * `shukai import`: bulk migration from an old platform. Creates (or reuses) the catalog entry,
 * ingests the file as a new version with a progress bar, optionally publishes, and prints
 * `{ catalogId, resourceId, version, rows, rejected }` as its last line.
 */
export async function importCommand(ctx: AppContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      file: { type: 'string' }, title: { type: 'string' }, department: { type: 'string' }, 'open-type': { type: 'string' },
      conditions: { type: 'string' }, catalog: { type: 'string' }, mode: { type: 'string' }, key: { type: 'string' },
      strict: { type: 'boolean' }, publish: { type: 'boolean' }, summary: { type: 'string' },
    },
  });
  if (!values.file || (!values.catalog && (!values.title || !values.department))) {
    console.error('用法: shukai import --file PATH (--catalog ID | --title T --department ID --open-type unconditional|restricted) [--mode replace|append|upsert --key FIELD] [--strict] [--publish]');
    return 2;
  }
  const openType = (values['open-type'] ?? 'unconditional') as 'unconditional' | 'restricted';
  if (openType !== 'unconditional' && openType !== 'restricted') throw new AppError('VALIDATION_FAILED', 'open-type');
  const mode = (values.mode ?? 'replace') as 'replace' | 'append' | 'upsert';

  const catalogId = values.catalog ?? await ctx.catalog.create({
    title: values.title!, summary: values.summary ?? values.title!, departmentId: values.department!, openType,
    openConditions: openType === 'restricted' ? values.conditions ?? '须经数据开放主体审核同意，并签订公共数据开放利用协议' : '',
    // The platform's baseline; the keepers set the entry's own in the console.
    conditions: openType === 'restricted' ? BASELINE_CONDITIONS : null,
    dataFormat: 'CSV,XLSX,JSON,XML', updateFrequency: 'irregular', domain: '', nationalTheme: '', district: '', tags: [], fields: [],
    accessMethods: ['data', 'api'], licence: '', contactName: '', contactPhone: '', contactEmail: '',
  }, null);
  const existing = (await ctx.resources.listForEntry(catalogId)).find((r) => r.kind === 'table');
  const resourceId = existing?.id ?? await ctx.resources.create(catalogId, basename(values.file), 'table');

  const extension = (/\.[a-z0-9]{1,8}$/i.exec(values.file)?.[0] ?? '').toLowerCase();
  const blob = await ctx.blobs.putFile(values.file, ctx.config.maxUploadMb * 1024 * 1024, extension);
  const { version, jobId } = await ctx.resources.startTableUpload(resourceId, blob.key, basename(values.file), { mode, key: values.key, strict: values.strict ?? false }, null);

  const bar = progressBar('导入 / importing');
  const poll = setInterval(() => void ctx.jobs.get(jobId).then((j) => bar.update(j.progress, j.message ?? '')).catch(() => {}), 200);
  // Run here, unless another process's worker took the job first or it waits for the version
  // before it: until it has ended, either way.
  for (let job = await ctx.jobs.get(jobId); job.status === 'queued' || job.status === 'running'; job = await ctx.jobs.get(jobId)) {
    if (!(await ctx.jobRunner.runOne(jobId))) await new Promise((r) => setTimeout(r, 500));
  }
  clearInterval(poll);
  bar.done();
  const job = await ctx.jobs.get(jobId);
  if (job.status !== 'succeeded') {
    console.error(`导入失败 / import failed: ${job.error}`);
    await audit(ctx, catalogId, { resourceId, version, outcome: 'failure', error: job.error });
    return 1;
  }
  const outcome = job.result as IngestOutcome;
  if (values.publish) await publish(ctx, catalogId);
  await audit(ctx, catalogId, { resourceId, version, rows: outcome.rows, rejected: outcome.rejected, published: Boolean(values.publish) });
  console.log(JSON.stringify({ catalogId, resourceId, version, rows: outcome.rows, rejected: outcome.rejected }));
  return 0;
}

/** Migration publishes on the authority's own word: submit and approve in one step. */
async function publish(ctx: AppContext, catalogId: string): Promise<void> {
  const entry = await ctx.catalog.row(catalogId);
  const settle = { promote: () => ctx.resources.settleHeld(catalogId, true), discard: () => ctx.resources.settleHeld(catalogId, false) };
  if (entry.status !== 'published') await ctx.catalog.submit(catalogId, null, async () => false);
  else if (!(await ctx.resources.hasHeld(catalogId))) return;
  await ctx.catalog.review(catalogId, null, true, '数据迁移导入', settle);
}

function audit(ctx: AppContext, catalogId: string, detail: Record<string, unknown>) {
  return ctx.audit.record({
    actorId: null, action: 'cli.import', target: catalogId, ip: 'cli',
    outcome: detail.outcome === 'failure' ? 'failure' : 'success', statusCode: 0, detail: JSON.stringify(detail),
  });
}
