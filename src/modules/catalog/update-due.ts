import type { Selectable } from 'kysely';
import type { Database } from '../../db/adapter.js';
import type { CatalogEntryTable } from '../../db/schema.js';

type Marker = 'update_reminded_for' | 'update_overdue_noticed_for';
export type UpdateDueEntry = Pick<Selectable<CatalogEntryTable>, 'id' | 'title' | 'department_id' | 'next_update_due'>;

/**
 * Which published entries' providers are told that data is due (数据更新提醒): those whose next
 * update falls within the reminder window, and those past it. Each due date is claimed once per
 * notice by a guarded update of its marker, so a firing repeated by a second process finds
 * nothing left; new data moves the due date and the notices start over.
 */
export class UpdateDueNotices {
  constructor(private readonly db: Database) {}

  /** The entries to remind (due on or before `remindUntil`, not yet past) and those overdue on `today`. */
  async claim(today: string, remindUntil: string): Promise<{ dueSoon: UpdateDueEntry[]; overdue: UpdateDueEntry[] }> {
    const published = this.db.selectFrom('catalog_entries').select(['id', 'title', 'department_id', 'next_update_due'])
      .where('status', '=', 'published').where('next_update_due', 'is not', null);
    const dueSoon = await published.where('next_update_due', '>=', today).where('next_update_due', '<=', remindUntil)
      .where((eb) => eb.or([eb('update_reminded_for', 'is', null), eb('update_reminded_for', '<>', eb.ref('next_update_due'))])).execute();
    const overdue = await published.where('next_update_due', '<', today)
      .where((eb) => eb.or([eb('update_overdue_noticed_for', 'is', null), eb('update_overdue_noticed_for', '<>', eb.ref('next_update_due'))])).execute();
    return { dueSoon: await this.claimEach(dueSoon, 'update_reminded_for'), overdue: await this.claimEach(overdue, 'update_overdue_noticed_for') };
  }

  private async claimEach(entries: UpdateDueEntry[], marker: Marker): Promise<UpdateDueEntry[]> {
    const claimed: UpdateDueEntry[] = [];
    for (const entry of entries) {
      const res = await this.db.updateTable('catalog_entries').set({ [marker]: entry.next_update_due })
        .where('id', '=', entry.id).where('next_update_due', '=', entry.next_update_due)
        .where((eb) => eb.or([eb(marker, 'is', null), eb(marker, '<>', eb.ref('next_update_due'))])).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 1) claimed.push(entry);
    }
    return claimed;
  }
}
