import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/adapter.js';

/** Conditions the authority must act on (a missing calendar year, later quality and security alarms). */
export class AlertService {
  constructor(private readonly db: Database) {}

  /** Opens an alert unless the same one is already open. */
  async raise(kind: string, message: string): Promise<void> {
    const open = await this.db.selectFrom('alerts').select('id').where('kind', '=', kind)
      .where('message', '=', message).where('resolved_at', 'is', null).executeTakeFirst();
    if (open) return;
    await this.db.insertInto('alerts').values({ id: randomUUID(), kind, message, created_at: new Date().toISOString(), resolved_at: null }).execute();
  }

  async resolveAll(kind: string): Promise<void> {
    await this.db.updateTable('alerts').set({ resolved_at: new Date().toISOString() }).where('kind', '=', kind).where('resolved_at', 'is', null).execute();
  }

  async listOpen() {
    return this.db.selectFrom('alerts').selectAll().where('resolved_at', 'is', null).orderBy('created_at', 'desc').execute();
  }
}
