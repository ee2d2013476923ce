import { randomUUID } from 'node:crypto';
import type { Database, KeyLock } from '../../db/adapter.js';
import type { ChangeWatch } from '../../db/change-watch.js';
import { FactCache } from '../../db/fact-cache.js';
import { AppError } from '../../domain/errors.js';
import type { AccountActor, ApiKeyScope } from '../../domain/policy.js';
import { ACTOR_COLUMNS, actorFromRows } from '../accounts/actor.js';
import { randomToken, safeEqual, sha256 } from '../accounts/secrets.js';

const MAX_ACTIVE_KEYS = 20;

interface VerifiedKey {
  id: string;
  secretHash: string;
  lastUsedAt: string | null;
  actor: AccountActor;
}

export interface NewApiKey {
  name: string;
  scope: ApiKeyScope;
  /** The key stops working once the owner's password changes. */
  endsWithPassword: boolean;
}

/**
 * API keys for data users: `key` names the key, `secret` proves it and is shown once. A key acts
 * with its owner's rights only as far as its scope reaches (domain/policy.ts).
 */
export class ApiKeyService {
  private readonly verified: FactCache<string, VerifiedKey | null>;

  constructor(private readonly db: Database, changes: ChangeWatch, private readonly lockKey: KeyLock) {
    this.verified = new FactCache(changes);
  }

  async create(userId: string, input: NewApiKey) {
    await this.lockKey(this.db, `api-keys:${userId}`);
    const active = await this.db.selectFrom('api_keys').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirstOrThrow();
    if (Number(active.n) >= MAX_ACTIVE_KEYS) throw new AppError('VALIDATION_FAILED', 'name', `最多可同时持有 ${MAX_ACTIVE_KEYS} 个有效密钥`);
    const id = randomUUID();
    const key = `sk_${randomToken(12)}`;
    const secret = randomToken(32);
    const createdAt = new Date().toISOString();
    const name = input.name.trim() || '默认密钥';
    await this.db.insertInto('api_keys').values({
      id, user_id: userId, name, key, secret_hash: sha256(secret), scope: input.scope, ends_with_password: input.endsWithPassword ? 1 : 0,
      created_at: createdAt, last_used_at: null, revoked_at: null,
    }).execute();
    return { id, key, secret, name, scope: input.scope, endsWithPassword: input.endsWithPassword, createdAt };
  }

  async list(userId: string) {
    const rows = await this.db.selectFrom('api_keys')
      .select(['id', 'name', 'key', 'scope', 'ends_with_password', 'created_at', 'last_used_at', 'revoked_at'])
      .where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
    return rows.map((r) => ({
      id: r.id, name: r.name, key: r.key, scope: r.scope as ApiKeyScope, endsWithPassword: Boolean(Number(r.ends_with_password)),
      createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at,
    }));
  }

  /** Revoking someone else's key looks exactly like revoking a missing one. */
  async revoke(userId: string, id: string): Promise<void> {
    const res = await this.db.updateTable('api_keys').set({ revoked_at: new Date().toISOString() })
      .where('id', '=', id).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new AppError('NOT_FOUND');
    this.verified.clear();
  }

  /**
   * The actor behind a live key whose secret matches, or null. A key found valid is
   * remembered with its secret's hash until the key, its owner or their roles change
   * (db/fact-cache.ts), so every later call is still checked against that hash; refusals
   * are not remembered.
   */
  async authenticate(key: string, secret: string): Promise<AccountActor | null> {
    const found = await this.verified.getOrLoad(key, () => this.load(key), (k) => k !== null);
    if (!found || !safeEqual(found.secretHash, sha256(secret))) return null;
    // Recording use at minute granularity keeps a hot API key from writing on every call.
    const now = new Date().toISOString();
    if (found.lastUsedAt?.slice(0, 16) !== now.slice(0, 16)) {
      found.lastUsedAt = now;
      await this.db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', found.id).execute();
    }
    return found.actor;
  }

  /**
   * The key with its active owner's actor, in one query (every API call asks); null for a
   * revoked key, or one bound to a password that has changed since it was made.
   */
  private async load(key: string): Promise<VerifiedKey | null> {
    const rows = await this.db.selectFrom('api_keys').innerJoin('users', 'users.id', 'api_keys.user_id')
      .leftJoin('user_roles', 'user_roles.user_id', 'users.id')
      .select([...ACTOR_COLUMNS, 'api_keys.id as key_id', 'api_keys.secret_hash', 'api_keys.revoked_at', 'api_keys.last_used_at',
        'api_keys.scope', 'api_keys.ends_with_password', 'api_keys.created_at as key_created_at', 'users.password_changed_at'])
      .where('api_keys.key', '=', key).execute();
    const row = rows[0];
    const actor = actorFromRows(rows);
    if (!row || row.revoked_at || !actor) return null;
    if (Number(row.ends_with_password) && row.password_changed_at > row.key_created_at) return null;
    return { id: row.key_id, secretHash: row.secret_hash, lastUsedAt: row.last_used_at, actor: { ...actor, keyScope: row.scope as ApiKeyScope } };
  }
}
