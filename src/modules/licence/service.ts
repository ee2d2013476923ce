import type { Database } from '../../db/adapter.js';
import type { ChangeWatch } from '../../db/change-watch.js';
import { FactCache } from '../../db/fact-cache.js';
import { AppError } from '../../domain/errors.js';
import { VersionedTexts, type VersionedText } from '../versioned-texts/service.js';
import { DEFAULT_LICENCE_TEXT, DEFAULT_LICENCE_TITLE } from './default-text.js';

/** 数据开放授权许可使用协议: versioned text, and who accepted which version when. */
export class LicenceService {
  /** Whether a user accepted the current text, remembered until either changes (db/fact-cache.ts). */
  private readonly acceptance: FactCache<string, boolean>;
  private readonly texts: VersionedTexts;

  constructor(private readonly db: Database, changes: ChangeWatch) {
    this.acceptance = new FactCache(changes);
    this.texts = new VersionedTexts(db, 'licence', { title: DEFAULT_LICENCE_TITLE, text: DEFAULT_LICENCE_TEXT });
  }

  current(): Promise<VersionedText> {
    return this.texts.current();
  }

  /** A new version: everyone must accept it again before their next download. */
  async publish(title: string, text: string, actorId: string | null): Promise<number> {
    const version = await this.texts.publish(title, text, actorId);
    this.acceptance.clear();
    return version;
  }

  /** Records acceptance of the current version only: accepting an old text means nothing. */
  async accept(userId: string, version: number, ip: string): Promise<void> {
    const current = await this.current();
    if (version !== current.version) throw new AppError('VALIDATION_FAILED', 'version', `当前协议版本为 ${current.version}`);
    // An acceptance already recorded (a double click, another tab) stands: the first one's time and address are kept.
    await this.db.insertInto('licence_acceptances').values({ user_id: userId, version, ip, accepted_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(['user_id', 'version']).doNothing()).execute();
    this.acceptance.delete(userId);
  }

  /** Remembered, since every data request asks it. */
  async hasAcceptedCurrent(userId: string): Promise<boolean> {
    return this.acceptance.getOrLoad(userId, () => this.acceptedInDatabase(userId));
  }

  private async acceptedInDatabase(userId: string): Promise<boolean> {
    const row = await this.db.selectFrom('licence_acceptances').select('version').where('user_id', '=', userId)
      .where('version', '=', this.texts.currentVersionQuery())
      .executeTakeFirst();
    return Boolean(row);
  }
}
