/**
 * 数据更新查询 (GET /api/v1/catalog/changes): entries and resources created, updated or
 * withdrawn as a visitor sees them, for mirrors and harvesters.
 *
 * Every change to an entry's public face passes through the search index (publication, an
 * approved revision, withdrawal, a data version going live), so the catalog's indexer is watched:
 * after each call the entry is compared, in the same transaction, with what the feed last said of
 * it and of its resources, and the differences are recorded. What a visitor never saw (drafts,
 * 禁止开放 entries, data not yet live) is never recorded; an entry that leaves the public catalog
 * is recorded as withdrawn, by id alone.
 */
import type { Database } from '../../db/adapter.js';
import type { CatalogChangeTable } from '../../db/schema.js';
import { can, VISITOR } from '../../domain/policy.js';
import type { SearchIndexer } from '../catalog/service.js';

type Kind = CatalogChangeTable['kind'];
type Change = CatalogChangeTable['change'];
type Recorded = Pick<CatalogChangeTable, 'kind' | 'subject_id' | 'entry_id' | 'change' | 'fingerprint'>;

export interface ChangeItem {
  kind: Kind;
  id: string;
  /** The entry a resource belongs to. */
  entryId?: string;
  change: Change;
  at: string;
}

interface EntryState {
  id: string;
  visible: boolean;
  /** What a visitor sees changing: the entry's metadata, or a resource's live version (and file). */
  fingerprint: string;
  resources: { id: string; fingerprint: string }[];
}

const CHUNK = 500;

export class CatalogChanges {
  constructor(private readonly db: Database) {}

  /** The catalog's search indexer, with every call followed by a look at what changed. */
  watching(indexer: SearchIndexer): SearchIndexer {
    return {
      indexEntry: async (id) => { await indexer.indexEntry(id); await this.observe([id]); },
      indexEntries: async (ids) => { await indexer.indexEntries(ids); await this.observe(ids); },
      removeEntry: async (id) => { await indexer.removeEntry(id); await this.observe([id]); },
    };
  }

  /** Records how the entries changed for a visitor since the feed last looked at them. */
  async observe(entryIds: string[]): Promise<void> {
    // Its own transaction when the caller has none: the numbers taken and the rows written commit together.
    await this.db.transaction().execute(async () => {
      for (let i = 0; i < entryIds.length; i += CHUNK) {
        const chunk = entryIds.slice(i, i + CHUNK);
        const [states, known] = await Promise.all([this.states(chunk), this.lastKnown(chunk)]);
        await this.record(states.flatMap((s) => differences(s, known)));
      }
    });
  }

  /** Changes at or after `since`, after the cursor `after` (a change's number), oldest first. */
  async list(since: string, after: number, limit: number): Promise<{ items: ChangeItem[]; last: number | null }> {
    const rows = await this.db.selectFrom('catalog_changes').selectAll()
      .where('at', '>=', since).where('seq', '>', after).orderBy('seq').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({ kind: r.kind, id: r.subject_id, ...(r.kind === 'resource' ? { entryId: r.entry_id } : {}), change: r.change, at: r.at })),
      last: rows.length > limit ? Number(page.at(-1)!.seq) : null,
    };
  }

  private async states(ids: string[]): Promise<EntryState[]> {
    const entries = await this.db.selectFrom('catalog_entries').select(['id', 'department_id', 'open_type', 'status', 'updated_at'])
      .where('id', 'in', ids).execute();
    const resources = await this.db.selectFrom('resources').select(['id', 'entry_id', 'current_version', 'blob_key'])
      .where('entry_id', 'in', ids).where('current_version', 'is not', null).orderBy('created_at').orderBy('id').execute();
    return entries.map((e) => ({
      id: e.id,
      visible: can(VISITOR, 'catalog.read', { departmentId: e.department_id, openType: e.open_type, status: e.status }),
      fingerprint: e.updated_at,
      resources: resources.filter((r) => r.entry_id === e.id).map((r) => ({ id: r.id, fingerprint: `${r.current_version}:${r.blob_key ?? ''}` })),
    }));
  }

  /** The last recorded change of every entry of `ids` and of each of their resources. */
  private async lastKnown(ids: string[]): Promise<Map<string, Recorded>> {
    const rows = await this.db.selectFrom('catalog_changes').select(['kind', 'subject_id', 'entry_id', 'change', 'fingerprint'])
      .where('entry_id', 'in', ids).orderBy('seq').execute();
    return new Map(rows.map((r) => [`${r.kind}:${r.subject_id}`, r]));
  }

  /**
   * Numbers the changes from the counter row and writes them. The counter's row lock is held
   * until this transaction commits, so numbers are taken in commit order and a reader holding
   * a cursor never finds an earlier number appearing behind it. Times never go backwards.
   */
  private async record(changes: Recorded[]): Promise<void> {
    if (changes.length === 0) return;
    const counter = await this.db.updateTable('catalog_change_counter').set((eb) => ({ last_seq: eb('last_seq', '+', changes.length) }))
      .where('id', '=', 1).returning('last_seq').executeTakeFirstOrThrow();
    const first = Number(counter.last_seq) - changes.length + 1;
    const previous = await this.db.selectFrom('catalog_changes').select('at').where('seq', '<', first).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const now = new Date().toISOString();
    const at = previous && previous.at > now ? previous.at : now;
    const rows = changes.map((c, i) => ({ ...c, seq: first + i, at }));
    for (let i = 0; i < rows.length; i += CHUNK) await this.db.insertInto('catalog_changes').values(rows.slice(i, i + CHUNK)).execute();
  }
}

/** What changed for a visitor between the feed's last word on an entry and its state now. */
function differences(state: EntryState, known: Map<string, Recorded>): Recorded[] {
  const last = (kind: Kind, id: string) => known.get(`${kind}:${id}`);
  const shown = (r: Recorded | undefined) => r !== undefined && r.change !== 'withdrawn';
  const row = (kind: Kind, id: string, change: Change, fingerprint: string | null): Recorded => ({ kind, subject_id: id, entry_id: state.id, change, fingerprint });
  const wasShown = shown(last('entry', state.id));
  // Resources the feed last showed as present: withdrawn with their entry, or when they are gone.
  const shownResources = [...known.values()].filter((r) => r.kind === 'resource' && r.entry_id === state.id && shown(r));
  if (!state.visible) {
    if (!wasShown) return [];
    return [...shownResources.map((r) => row('resource', r.subject_id, 'withdrawn', null)), row('entry', state.id, 'withdrawn', null)];
  }
  const changes: Recorded[] = [];
  if (!wasShown) changes.push(row('entry', state.id, 'created', state.fingerprint));
  else if (last('entry', state.id)!.fingerprint !== state.fingerprint) changes.push(row('entry', state.id, 'updated', state.fingerprint));
  for (const r of state.resources) {
    const before = last('resource', r.id);
    if (!shown(before)) changes.push(row('resource', r.id, 'created', r.fingerprint));
    else if (before!.fingerprint !== r.fingerprint) changes.push(row('resource', r.id, 'updated', r.fingerprint));
  }
  const present = new Set(state.resources.map((r) => r.id));
  for (const r of shownResources) if (!present.has(r.subject_id)) changes.push(row('resource', r.subject_id, 'withdrawn', null));
  return changes;
}
