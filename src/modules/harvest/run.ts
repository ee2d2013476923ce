/**
 * One harvest run, as a durable job: read the whole remote catalog first (run-level failures —
 * unreachable, not a catalog, too large — change nothing), then bring this catalog in line with
 * it: new datasets become published entries of the source's department, changed ones are
 * updated, unchanged ones left untouched (equal content hashes), disappeared ones withdrawn and
 * reappearing ones published again. Datasets are written a batch per transaction, each change
 * with its history, its audit row (the platform's own action) and its search document; a batch
 * that fails is retried one dataset per transaction, so one bad dataset fails alone.
 */
import type { Selectable } from 'kysely';
import type { Database } from '../../db/adapter.js';
import type { HarvestSourceTable } from '../../db/schema.js';
import type { UnitOfWork } from '../../db/unit-of-work.js';
import { AppError, errorCatalogue } from '../../domain/errors.js';
import type { JobDefinition } from '../../jobs/queue.js';
import type { AuditService } from '../audit/service.js';
import type { HarvestedEntries } from '../catalog/harvested.js';
import type { NotificationService } from '../notifications/service.js';
import type { SearchIndexer } from '../catalog/service.js';
import type { SourceReach } from '../sources/reach.js';
import { readCkan } from './ckan-reader.js';
import { readDcat } from './dcat-reader.js';
import type { GatheredCatalog } from './gathered.js';
import { harvestedContent, isUnreadable, type HarvestedContent, type RemoteDataset } from './remote-dataset.js';
import { RemotePages } from './remote-pages.js';
import { emptyCounts, type RunCounts, type RunError } from './runs.js';
import { HARVEST_JOB, type HarvestJobPayload, type HarvestSources } from './service.js';

const BATCH = 100;
const AUDIT_ORIGIN = 'harvest';

export interface HarvestRunDeps {
  db: Database;
  unitOfWork: UnitOfWork;
  sources: HarvestSources;
  entries: HarvestedEntries;
  search: SearchIndexer;
  audit: AuditService;
  notifications: NotificationService;
  reach: SourceReach;
}

type Outcome = keyof Omit<RunCounts, 'failed'>;

export function harvestJob(deps: HarvestRunDeps): JobDefinition<HarvestJobPayload, { runId: string | null; status: string }> {
  return {
    kind: HARVEST_JOB,
    // Every step is idempotent (hashes decide), so a run cut short by a dying process is run again.
    maxAttempts: 2,
    // A run that broke off (the database went away mid-run) is closed as failed, not left running.
    onFailure: async ({ payload }, error) => {
      await deps.sources.runs.abandon(payload.sourceId, `运行中断：${error.slice(0, 300)}`);
    },
    run: async ({ id: jobId, payload, progress }) => {
      const source = await deps.db.selectFrom('harvest_sources').selectAll().where('id', '=', payload.sourceId).executeTakeFirst();
      if (!source) return { runId: null, status: 'source-deleted' };
      const runId = await deps.sources.runs.begin(source.id, jobId, payload.trigger);
      let gathered: GatheredCatalog;
      try {
        progress(0, '读取来源目录');
        gathered = await gather(deps.reach, source);
      } catch (err) {
        const message = `读取来源目录失败：${inChinese(err)}`;
        await deps.unitOfWork.run(async () => {
          await deps.sources.runs.fail(runId, message);
          await auditRun(deps, source, 'failure', { message });
          await tellAuthority(deps, source, message);
        });
        return { runId, status: 'failed' };
      }
      const result = await apply(deps, source, gathered, (done) => progress(done / gathered.datasets.length, '写入目录'));
      const message = [...gathered.notes, ...(result.counts.failed ? [`${result.counts.failed} 个数据集未能导入`] : [])].join('；') || null;
      await deps.unitOfWork.run(async () => {
        await deps.sources.runs.finish(runId, result.counts, result.errors, message);
        await auditRun(deps, source, 'success', result.counts);
        if (result.counts.failed) await tellAuthority(deps, source, message!);
      });
      return { runId, status: 'succeeded' };
    },
  };
}

async function gather(reach: SourceReach, source: Selectable<HarvestSourceTable>): Promise<GatheredCatalog> {
  const pages = new RemotePages(reach);
  const gathered = source.kind === 'ckan' ? await readCkan(pages, source.url) : await readDcat(pages, source.url);
  // An empty listing is far likelier a broken source than a catalog emptied overnight: withdrawing everything on it would be wrong.
  if (gathered.datasets.length === 0) throw new AppError('HARVEST_NOT_CATALOG', undefined, '来源目录中没有任何数据集，本次未做任何变更');
  return gathered;
}

async function apply(deps: HarvestRunDeps, source: Selectable<HarvestSourceTable>, gathered: GatheredCatalog, onProgress: (done: number) => void) {
  const counts = emptyCounts();
  const errors: RunError[] = [];
  const failed = (remoteId: string, title: string, err: unknown) => {
    counts.failed++;
    errors.push({ remoteId, title: title.slice(0, 200), message: inChinese(err) });
  };
  const ready: { remoteId: string; content: HarvestedContent }[] = [];
  for (const dataset of gathered.datasets) {
    if (isUnreadable(dataset)) failed(dataset.remoteId, dataset.title, new Error(dataset.error));
    else {
      try {
        ready.push({ remoteId: dataset.remoteId, content: harvestedContent(dataset as RemoteDataset, source.department_id) });
      } catch (err) {
        failed(dataset.remoteId, dataset.title, err);
      }
    }
  }
  const known = new Map((await deps.db.selectFrom('harvest_records').selectAll().where('source_id', '=', source.id).execute()).map((r) => [r.remote_id, r]));
  for (let i = 0; i < ready.length; i += BATCH) {
    const batch = ready.slice(i, i + BATCH);
    const tally = await deps.unitOfWork.run(() => writeBatch(deps, source, batch, known)).catch(() => null);
    if (tally) for (const outcome of tally) counts[outcome]++;
    else {
      for (const one of batch) {
        await deps.unitOfWork.run(() => writeBatch(deps, source, [one], known)).then(([outcome]) => { counts[outcome!]++; }, (err) => failed(one.remoteId, one.content.input.title, err));
      }
    }
    onProgress(Math.min(i + BATCH, ready.length));
  }
  if (gathered.complete) {
    const listed = new Set(gathered.datasets.map((d) => d.remoteId));
    const gone = [...known.values()].filter((r) => Number(r.present) === 1 && !listed.has(r.remote_id));
    for (let i = 0; i < gone.length; i += BATCH) {
      await deps.unitOfWork.run(async () => {
        for (const record of gone.slice(i, i + BATCH)) {
          await deps.entries.withdraw(record.entry_id, `已从来源目录「${source.name}」中移除`);
          await deps.db.updateTable('harvest_records').set({ present: 0 }).where('source_id', '=', source.id).where('remote_id', '=', record.remote_id).execute();
          await auditEntry(deps, 'harvest.entry.withdraw', record.entry_id, record.remote_id);
        }
        await deps.search.indexEntries(gone.slice(i, i + BATCH).map((r) => r.entry_id));
      });
      counts.withdrawn += gone.slice(i, i + BATCH).length;
    }
  }
  return { counts, errors };
}

/** Writes a batch in the caller's transaction; answers each dataset's outcome. */
async function writeBatch(
  deps: HarvestRunDeps, source: Selectable<HarvestSourceTable>, batch: { remoteId: string; content: HarvestedContent }[],
  known: Map<string, { entry_id: string; content_hash: string; present: number }>,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const touched: string[] = [];
  const now = new Date().toISOString();
  const note = `采集自「${source.name}」`;
  for (const { remoteId, content } of batch) {
    const record = known.get(remoteId);
    if (!record) {
      const entryId = await deps.entries.create(source.id, content, note);
      await deps.db.insertInto('harvest_records').values({ source_id: source.id, remote_id: remoteId, entry_id: entryId, content_hash: content.hash, present: 1, seen_at: now }).execute();
      await auditEntry(deps, 'harvest.entry.create', entryId, remoteId);
      touched.push(entryId);
      outcomes.push('created');
      continue;
    }
    const present = Number(record.present) === 1;
    if (present && record.content_hash === content.hash) {
      outcomes.push('unchanged');
      continue;
    }
    await deps.entries.update(record.entry_id, content, present ? `来源「${source.name}」中的内容有更新` : `重新出现在来源目录「${source.name}」中`);
    await deps.db.updateTable('harvest_records').set({ content_hash: content.hash, present: 1, seen_at: now })
      .where('source_id', '=', source.id).where('remote_id', '=', remoteId).execute();
    await auditEntry(deps, present ? 'harvest.entry.update' : 'harvest.entry.restore', record.entry_id, remoteId);
    touched.push(record.entry_id);
    outcomes.push(present ? 'updated' : 'restored');
  }
  // Published at once means searchable at once: the documents go in with the entries.
  if (touched.length) await deps.search.indexEntries(touched);
  return outcomes;
}

function auditEntry(deps: HarvestRunDeps, action: string, entryId: string, remoteId: string): Promise<void> {
  return deps.audit.record({ actorId: null, action, target: entryId, ip: AUDIT_ORIGIN, outcome: 'success', statusCode: 0, detail: JSON.stringify({ remoteId: remoteId.slice(0, 500) }) });
}

function auditRun(deps: HarvestRunDeps, source: Selectable<HarvestSourceTable>, outcome: 'success' | 'failure', detail: unknown): Promise<void> {
  return deps.audit.record({ actorId: null, action: 'harvest.run', target: source.id, ip: AUDIT_ORIGIN, outcome, statusCode: 0, detail: JSON.stringify(detail) });
}

function tellAuthority(deps: HarvestRunDeps, source: Selectable<HarvestSourceTable>, message: string): Promise<void> {
  return deps.notifications.notify({
    to: { may: 'harvest.manage', facts: {} }, kind: 'harvest.failed',
    params: { name: source.name, message: message.slice(0, 500) }, link: `/admin/harvest/${encodeURIComponent(source.id)}`,
  });
}

/** An error as the authority reads it: the catalogue's Chinese message and what it adds. */
function inChinese(err: unknown): string {
  if (err instanceof AppError) return err.detail ? `${errorCatalogue[err.code].zh}：${err.detail}` : errorCatalogue[err.code].zh;
  return err instanceof Error ? err.message : String(err);
}
