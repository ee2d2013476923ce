import type { Database } from '../../db/adapter.js';
import type { ChangeWatch } from '../../db/change-watch.js';
import { FactCache } from '../../db/fact-cache.js';
import { AppError } from '../../domain/errors.js';
import { DEFAULT_LICENCE_TEXT, DEFAULT_LICENCE_TITLE } from './default-text.js';

/** 数据开放授权许可使用协议: versioned text, and who accepted which version when. */
export class LicenceService {
  /** Whether a user accepted the current text, remembered until either changes (db/fact-cache.ts). */
  private readonly acceptance: FactCache<string, boolean>;

  constructor(private readonly db: Database, changes: ChangeWatch) {
    this.acceptance = new FactCache(changes);
  }

  async current(): Promise<{ version: number; title: string; text: string; createdAt: string }> {
    const row = await this.db.selectFrom('licences').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (row) return { version: Number(row.version), title: row.title, text: row.text, createdAt: row.created_at };
    await this.publish(DEFAULT_LICENCE_TITLE, DEFAULT_LICENCE_TEXT, null);
    return this.current();
  }

  /** A new version: everyone must accept it again before their next download. */
  async publish(title: string, text: string, actorId: string | null): Promise<number> {
    const last = await this.db.selectFrom('licences').select('version').orderBy('version', 'desc').limit(1).executeTakeFirst();
    const version = Number(last?.version ?? 0) + 1;
    await this.db.insertInto('licences').values({ version, title, text, created_by: actorId, created_at: new Date().toISOString() }).execute();
    this.acceptance.clear();
    return version;
  }

  /** Records acceptance of the current version only: accepting an old text means nothing. */
  async accept(userId: string, version: number, ip: string): Promise<void> {
    const current = await this.current();
    if (version !== current.version) throw new AppError('VALIDATION_FAILED', 'version', `当前协议版本为 ${current.version}`);
    // Asks the database, not the memory: another process may have published a newer text.
    if (!(await this.acceptedInDatabase(userId))) {
      await this.db.insertInto('licence_acceptances').values({ user_id: userId, version, ip, accepted_at: new Date().toISOString() }).execute();
    }
    this.acceptance.delete(userId);
  }

  /** Remembered, since every data request asks it. */
  async hasAcceptedCurrent(userId: string): Promise<boolean> {
    return this.acceptance.getOrLoad(userId, () => this.acceptedInDatabase(userId));
  }

  private async acceptedInDatabase(userId: string): Promise<boolean> {
    const row = await this.db.selectFrom('licence_acceptances').select('version').where('user_id', '=', userId)
      .where('version', '=', (eb) => eb.selectFrom('licences').select((l) => l.fn.max('version').as('v')))
      .executeTakeFirst();
    return Boolean(row);
  }
}
