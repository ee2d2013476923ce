import type { Database } from '../../db/adapter.js';
import { isUniqueViolation } from '../../db/errors.js';
import { AppError } from '../../domain/errors.js';

export interface VersionedText {
  version: number;
  title: string;
  text: string;
  createdAt: string;
}

/**
 * A text the authority publishes in numbered versions, each kept as it was: the data licence,
 * the 安全承诺书. Whoever accepts one accepts a version, so a later edit never changes what was
 * accepted. A platform starts with the text it is built with, as version 1.
 */
export class VersionedTexts {
  constructor(
    private readonly db: Database,
    /** Which text: its rows' `kind`. */
    private readonly kind: string,
    private readonly initial: { title: string; text: string },
  ) {}

  /** The newest version; the built-in text the first time it is asked for. */
  async current(): Promise<VersionedText> {
    const row = await this.db.selectFrom('versioned_texts').selectAll().where('kind', '=', this.kind)
      .orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (row) return toText(row);
    // Two first readers at once both write version 1; the second's write is a no-op.
    await this.db.insertInto('versioned_texts').values({ kind: this.kind, version: 1, ...this.initial, created_by: null, created_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(['kind', 'version']).doNothing()).execute();
    return this.current();
  }

  /** One version as it was published (what an acceptance of it refers to). */
  async version(version: number): Promise<VersionedText> {
    const row = await this.db.selectFrom('versioned_texts').selectAll().where('kind', '=', this.kind).where('version', '=', version).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'version', `没有第 ${version} 版`);
    return toText(row);
  }

  /** Publishes the next version. Of two editors publishing at once, one gets the number and the other a 409. */
  async publish(title: string, text: string, actorId: string | null): Promise<number> {
    const { version } = await this.current();
    try {
      await this.db.insertInto('versioned_texts').values({ kind: this.kind, version: version + 1, title, text, created_by: actorId, created_at: new Date().toISOString() }).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('CONFLICT', undefined, '已有新版本发布，请刷新后重试');
      throw err;
    }
    return version + 1;
  }

  /** The newest version's number, as a subquery (for "accepted the current version" in one statement). */
  currentVersionQuery() {
    return this.db.selectFrom('versioned_texts').select((eb) => eb.fn.max('version').as('v')).where('kind', '=', this.kind);
  }
}

function toText(row: { version: number; title: string; text: string; created_at: string }): VersionedText {
  return { version: Number(row.version), title: row.title, text: row.text, createdAt: row.created_at };
}
