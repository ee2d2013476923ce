import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/adapter.js';
import { AppError } from '../../domain/errors.js';
import { randomToken, safeEqual, sha256 } from '../accounts/secrets.js';

const MAX_ACTIVE_KEYS = 20;

/** API keys for data users: `key` names the key, `secret` proves it and is shown once. */
export class ApiKeyService {
  constructor(private readonly db: Database) {}

  async create(userId: string, name: string) {
    const active = await this.db.selectFrom('api_keys').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirstOrThrow();
    if (Number(active.n) >= MAX_ACTIVE_KEYS) throw new AppError('VALIDATION_FAILED', 'name', `最多可同时持有 ${MAX_ACTIVE_KEYS} 个有效密钥`);
    const id = randomUUID();
    const key = `sk_${randomToken(12)}`;
    const secret = randomToken(32);
    const createdAt = new Date().toISOString();
    await this.db.insertInto('api_keys').values({
      id, user_id: userId, name: name.trim() || '默认密钥', key, secret_hash: sha256(secret), created_at: createdAt, last_used_at: null, revoked_at: null,
    }).execute();
    return { id, key, secret, name: name.trim() || '默认密钥', createdAt };
  }

  async list(userId: string) {
    const rows = await this.db.selectFrom('api_keys').select(['id', 'name', 'key', 'created_at', 'last_used_at', 'revoked_at'])
      .where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, key: r.key, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
  }

  /** Revoking someone else's key looks exactly like revoking a missing one. */
  async revoke(userId: string, id: string): Promise<void> {
    const res = await this.db.updateTable('api_keys').set({ revoked_at: new Date().toISOString() })
      .where('id', '=', id).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new AppError('NOT_FOUND');
  }

  /** The owner of a live key whose secret matches, or null. */
  async authenticate(key: string, secret: string): Promise<string | null> {
    const row = await this.db.selectFrom('api_keys').select(['id', 'user_id', 'secret_hash', 'revoked_at', 'last_used_at'])
      .where('key', '=', key).executeTakeFirst();
    if (!row || row.revoked_at || !safeEqual(row.secret_hash, sha256(secret))) return null;
    // Recording use at minute granularity keeps a hot API key from writing on every call.
    const now = new Date().toISOString();
    if (!row.last_used_at || row.last_used_at.slice(0, 16) !== now.slice(0, 16)) {
      await this.db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', row.id).execute();
    }
    return row.user_id;
  }
}
