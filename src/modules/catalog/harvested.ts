/**
 * Entries the catalog holds for a harvest source (目录采集): created published, changed and
 * withdrawn as the source changes, never through the department's form or review. Their history
 * says what the source did, signed by nobody: the platform acted, the source decided. Each
 * method joins the caller's transaction and leaves the search index to the caller, which
 * indexes a batch of entries at once.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/adapter.js';
import { AppError } from '../../domain/errors.js';
import type { RemoteLink } from '../harvest/remote-dataset.js';
import { diffInputs, inputToColumns, rowToInput, type EntryInput } from './entry-input.js';

export interface HarvestedEntry {
  input: EntryInput;
  landingPage: string | null;
  links: RemoteLink[];
}

export class HarvestedEntries {
  constructor(private readonly db: Database) {}

  async create(sourceId: string, entry: HarvestedEntry, note: string): Promise<string> {
    const id = randomUUID();
    const now = new Date().toISOString();
    await this.db.insertInto('catalog_entries').values({
      id, ...inputToColumns(entry.input), source_url: entry.landingPage, harvest_source_id: sourceId, harvest_links: JSON.stringify(entry.links),
      status: 'published', pending_revision: null, review_note: null, submitted_by: null, submitted_at: null,
      created_by: null, created_at: now, updated_at: now, published_at: now, last_data_update: null, next_update_due: null,
    }).execute();
    await this.history(id, 'harvest', null, note);
    return id;
  }

  /** Applies what changed at the source; a withdrawn entry that reappeared is published again. */
  async update(id: string, entry: HarvestedEntry, note: string): Promise<void> {
    const row = await this.db.selectFrom('catalog_entries').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    const now = new Date().toISOString();
    await this.db.updateTable('catalog_entries').set((eb) => ({
      ...inputToColumns(entry.input), source_url: entry.landingPage, harvest_links: JSON.stringify(entry.links),
      status: 'published', published_at: row.published_at ?? now, updated_at: now, row_version: eb('row_version', '+', 1),
    })).where('id', '=', id).execute();
    await this.history(id, 'harvest', diffInputs(rowToInput(row), entry.input), note);
  }

  /** The source no longer lists it: off the portal, kept with its history, back if it returns. */
  async withdraw(id: string, note: string): Promise<void> {
    const now = new Date().toISOString();
    await this.db.updateTable('catalog_entries').set((eb) => ({ status: 'withdrawn', updated_at: now, row_version: eb('row_version', '+', 1) }))
      .where('id', '=', id).where('status', '=', 'published').execute();
    await this.history(id, 'withdraw', null, note);
  }

  /**
   * The source is deleted: its entries become the department's own, withdrawn, which its
   * publishers may edit and submit for review like any other.
   */
  async release(sourceId: string, note: string): Promise<string[]> {
    const rows = await this.db.selectFrom('catalog_entries').select(['id', 'status']).where('harvest_source_id', '=', sourceId).execute();
    for (const row of rows) {
      if (row.status === 'published') await this.withdraw(row.id, note);
    }
    await this.db.updateTable('catalog_entries').set((eb) => ({ harvest_source_id: null, row_version: eb('row_version', '+', 1) }))
      .where('harvest_source_id', '=', sourceId).execute();
    return rows.map((r) => r.id);
  }

  private async history(entryId: string, action: string, changes: Record<string, unknown> | null, note: string): Promise<void> {
    await this.db.insertInto('catalog_history').values({
      id: randomUUID(), entry_id: entryId, actor_id: null, action,
      changes: changes && Object.keys(changes).length ? JSON.stringify(changes) : null, note, at: new Date().toISOString(),
    }).execute();
  }
}
