import { randomUUID } from 'node:crypto';
import type { AccountLock, Database } from '../../db/adapter.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { UserTable } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { isStrongPassword, isValidEmail, isValidPhone, normalizeAccountName, normalizeEmail, normalizePhone } from '../../domain/identity.js';
import type { AccountActor } from '../../domain/policy.js';
import { DEFAULT_CREDIT_LEVEL } from '../../domain/roles.js';
import { ACTOR_COLUMNS, actorFromRows, actorKey } from './actor.js';
import { hashPassword, randomToken, sha256, verifyPassword } from './secrets.js';

const SESSION_HOURS = 12;
const LOCK_WINDOW_MS = 15 * 60_000;
/** Guesses allowed per window: a guess is counted before its password is checked. */
const MAX_GUESSES_PER_ACCOUNT = 5;
const MAX_GUESSES_PER_IP = 20;

/** What the registration form asks, and nothing more: roles and departments are the authority's to give. */
export interface RegistrationForm {
  phone: string;
  password: string;
  email?: string | undefined;
  displayName?: string | undefined;
}

/** A registration whose checks passed and whose password is hashed, ready to be written. */
export interface PreparedAccount {
  phone: string;
  email: string | null;
  displayName: string;
  passwordHash: string;
}

/** Registration, sign-in, sessions and passwords. */
export class AccountService {
  constructor(private readonly db: Database, private readonly lockAccount: AccountLock) {}

  /**
   * The slow half of a registration — the checks and the password hash (tens of milliseconds of
   * argon2) — done before the command opens its transaction, so no transaction waits for it.
   */
  async prepare(form: RegistrationForm): Promise<PreparedAccount> {
    const phone = normalizePhone(form.phone);
    if (!isValidPhone(phone)) throw new AppError('INVALID_PHONE', 'phone');
    if (!isStrongPassword(form.password)) throw new AppError('WEAK_PASSWORD', 'password');
    const email = form.email ? normalizeEmail(form.email) : null;
    if (email && !isValidEmail(email)) throw new AppError('INVALID_EMAIL', 'email');
    return {
      phone,
      email,
      displayName: form.displayName?.trim() || `用户${phone.slice(-4)}`,
      passwordHash: await hashPassword(form.password),
    };
  }

  /** Writes a prepared account as a data user (`user` role only). */
  async register(account: PreparedAccount): Promise<string> {
    if (await this.findIdByPhone(account.phone)) throw new AppError('PHONE_TAKEN', 'phone');
    if (account.email) await this.assertEmailFree(account.email);
    const id = randomUUID();
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('users').values({
        id,
        phone: account.phone,
        email: account.email,
        display_name: account.displayName,
        password_hash: account.passwordHash,
        department_id: null,
        credit_level: DEFAULT_CREDIT_LEVEL,
        status: 'active',
        verification_status: 'none',
        verification_type: null,
        real_name: null,
        created_at: now,
        updated_at: now,
        password_changed_at: now,
      }).execute();
      await trx.insertInto('user_roles').values({ user_id: id, role: 'user' }).execute();
    }).catch((err: unknown) => explainUniqueViolation(err));
    return id;
  }

  /**
   * Checks a sign-in and answers the account's id. Each guess is counted — per account and per
   * address, in one atomic statement each — before its password is checked, so guesses sent
   * all at once are held to the same five per window as guesses sent one by one, and a lock
   * refuses even a correct password. An account is counted under its mobile number whichever
   * name it signs in with. Runs outside any transaction: the count must stay when the
   * sign-in fails, and argon2 takes its time.
   */
  async checkCredentials(given: string, password: string, ip: string): Promise<string> {
    const name = normalizeAccountName(given);
    const user = await this.db.selectFrom('users').select(['id', 'phone', 'password_hash', 'status'])
      .where((eb) => eb.or([eb('phone', '=', name), eb('email', '=', name)])).executeTakeFirst();
    const accountKey = `account:${user?.phone ?? name}`;
    const ipKey = `ip:${ip}`;
    const [byAccount, byIp] = [await this.countGuess(accountKey), await this.countGuess(ipKey)];
    if (byAccount > MAX_GUESSES_PER_ACCOUNT || byIp > MAX_GUESSES_PER_IP) throw new AppError('ACCOUNT_LOCKED');
    const ok = user ? await verifyPassword(user.password_hash, password) : false;
    if (!user || !ok) throw new AppError('BAD_CREDENTIALS');
    if (user.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
    // A right password starts the account's count afresh and is not held against the address.
    await this.db.deleteFrom('login_throttle').where('key', '=', accountKey).execute();
    await this.db.updateTable('login_throttle').set((eb) => ({ guesses: eb('guesses', '-', 1) }))
      .where('key', '=', ipKey).where('guesses', '>', 0).execute();
    return user.id;
  }

  /**
   * Counts one guess under `key` and answers the window's count (15 minutes), in one statement:
   * the row is created, counted up, or restarted when its window has passed, atomically on both
   * engines. 忘记密码 counts its requests and its code guesses here too, under keys of its own.
   */
  async countGuess(key: string): Promise<number> {
    const now = new Date();
    const windowOver = new Date(now.getTime() - LOCK_WINDOW_MS).toISOString();
    const row = await this.db.insertInto('login_throttle').values({ key, window_start: now.toISOString(), guesses: 1 })
      .onConflict((oc) => oc.column('key').doUpdateSet((eb) => {
        const expired = eb('login_throttle.window_start', '<', windowOver);
        return {
          guesses: eb.case().when(expired).then(eb.lit(1)).else(eb('login_throttle.guesses', '+', 1)).end(),
          window_start: eb.case().when(expired).then(now.toISOString()).else(eb.ref('login_throttle.window_start')).end(),
        };
      }))
      .returning('guesses').executeTakeFirstOrThrow();
    return Number(row.guesses);
  }

  /** Opens a session for an account whose credentials were checked. */
  async openSession(userId: string, ip: string): Promise<{ cookie: string; csrfToken: string }> {
    const cookie = randomToken();
    const csrfToken = randomToken();
    const now = new Date();
    await this.db.insertInto('sessions').values({
      id: sha256(cookie),
      user_id: userId,
      csrf_token: csrfToken,
      ip,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
    }).execute();
    return { cookie, csrfToken };
  }

  async logout(cookie: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', sha256(cookie)).execute();
  }

  /** The session behind a cookie with its account, or null when it is unknown or expired (one query: every page asks). */
  async resolveSession(cookie: string): Promise<{ actor: AccountActor; csrfToken: string } | null> {
    const rows = await this.db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id')
      .leftJoin('user_roles', 'user_roles.user_id', 'users.id')
      .select([...ACTOR_COLUMNS, 'sessions.csrf_token', 'sessions.expires_at'])
      .where('sessions.id', '=', sha256(cookie)).execute();
    const session = rows[0];
    if (!session || session.expires_at <= new Date().toISOString()) return null;
    const actor = actorFromRows(rows);
    return actor ? { actor, csrfToken: session.csrf_token } : null;
  }

  /**
   * In a command acting as `actor`: holds the account's row (AccountLock) and refuses with 409
   * when its roles, department or standing changed since the request was authorised, so that a
   * step is never taken on rights withdrawn while it waited.
   */
  async assertActorCurrent(actor: AccountActor): Promise<void> {
    await this.lockAccount(this.db, actor.id, 'shared');
    const now = await this.loadActor(actor.id);
    if (!now || actorKey(now) !== actorKey(actor)) throw new AppError('CONFLICT', undefined, '您的账户角色或所属部门已变更，请刷新页面后重试');
  }

  /** The actor for an active account, or null for an unknown or disabled one. */
  async loadActor(userId: string): Promise<AccountActor | null> {
    const rows = await this.db.selectFrom('users').leftJoin('user_roles', 'user_roles.user_id', 'users.id')
      .select(ACTOR_COLUMNS).where('users.id', '=', userId).execute();
    return actorFromRows(rows);
  }

  /**
   * Asks again for the signed-in person's password before a step that binds them (signing an
   * agreement, changing the password), counted like sign-in guesses and under one key for every
   * such step, so a stolen session cannot guess it. Runs outside any transaction: the count must
   * stay when the password is wrong.
   */
  async confirmPassword(userId: string, password: string, field = 'password'): Promise<void> {
    if (await this.countGuess(`confirm:${userId}`) > MAX_GUESSES_PER_ACCOUNT) throw new AppError('ACCOUNT_LOCKED');
    const user = await this.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow();
    if (!(await verifyPassword(user.password_hash, password))) throw new AppError('WRONG_PASSWORD', field);
    await this.db.deleteFrom('login_throttle').where('key', '=', `confirm:${userId}`).execute();
  }

  /**
   * The slow half of a password change, before its command's transaction: the current password
   * confirmed (counted as a guess), the new one's strength, and its hash.
   */
  async checkPasswordChange(userId: string, current: string, next: string): Promise<string> {
    await this.confirmPassword(userId, current, 'currentPassword');
    return this.hashNew(next, 'newPassword');
  }

  /**
   * Sets a password whose hash `checkPasswordChange` (or the CLI's reset) made, and signs out
   * every session but the one kept; API keys the owner bound to the password stop working
   * (they compare their creation with `password_changed_at`).
   */
  async replacePassword(userId: string, passwordHash: string, keepCookie?: string): Promise<void> {
    const now = new Date().toISOString();
    await this.db.updateTable('users').set({ password_hash: passwordHash, password_changed_at: now, updated_at: now }).where('id', '=', userId).execute();
    let q = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepCookie) q = q.where('id', '!=', sha256(keepCookie));
    await q.execute();
  }

  /** Signs the account out everywhere: it signs in again with what it now holds. */
  async endSessions(userId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  /**
   * Writes what real-name verification concluded onto the account. `whilePending` settles only
   * the wait for a decision: an account verified meanwhile (by an identity provider) stays so.
   */
  async recordVerification(
    userId: string,
    result: { status: UserTable['verification_status']; type?: 'person' | 'organization'; realName: string | null },
    opts: { whilePending?: boolean } = {},
  ): Promise<void> {
    let q = this.db.updateTable('users').set({
      verification_status: result.status,
      ...(result.type ? { verification_type: result.type } : {}),
      real_name: result.realName,
      updated_at: new Date().toISOString(),
    }).where('id', '=', userId);
    if (opts.whilePending) q = q.where('verification_status', '=', 'pending');
    await q.execute();
  }

  /** Sets a password without asking for the old one (CLI reset); ends every session. */
  async resetPassword(userId: string, next: string): Promise<void> {
    await this.replacePassword(userId, await this.hashNew(next, 'password'));
  }

  private async hashNew(password: string, field: string): Promise<string> {
    if (!isStrongPassword(password)) throw new AppError('WEAK_PASSWORD', field);
    return hashPassword(password);
  }

  async updateProfile(userId: string, patch: { displayName?: string | undefined; email?: string | null | undefined }): Promise<void> {
    const email = patch.email ? normalizeEmail(patch.email) : patch.email;
    if (email && !isValidEmail(email)) throw new AppError('INVALID_EMAIL', 'email');
    if (email) await this.assertEmailFree(email, userId);
    await this.db.updateTable('users').set({
      ...(patch.displayName !== undefined ? { display_name: patch.displayName.trim() } : {}),
      ...(email !== undefined ? { email: email || null } : {}),
      updated_at: new Date().toISOString(),
    }).where('id', '=', userId).execute().catch((err: unknown) => explainUniqueViolation(err));
  }

  /** Email is a sign-in name too, so it must belong to one account only. */
  private async assertEmailFree(email: string, exceptUserId?: string): Promise<void> {
    let q = this.db.selectFrom('users').select('id').where('email', '=', email);
    if (exceptUserId) q = q.where('id', '!=', exceptUserId);
    if (await q.executeTakeFirst()) throw new AppError('EMAIL_TAKEN', 'email');
  }

  async findIdByPhone(phone: string): Promise<string | undefined> {
    return (await this.db.selectFrom('users').select('id').where('phone', '=', phone).executeTakeFirst())?.id;
  }
}

/**
 * A write refused by the database's unique indexes because another request took the number or
 * the email a moment earlier, said as the checks before it would have said it. Told from the
 * error itself: inside a command's transaction on PostgreSQL nothing more may be asked after it.
 */
function explainUniqueViolation(err: unknown): never {
  if (!isUniqueViolation(err)) throw err;
  const text = `${(err as { constraint?: string }).constraint ?? ''} ${(err as Error).message ?? ''}`;
  if (/phone/.test(text)) throw new AppError('PHONE_TAKEN', 'phone');
  if (/email/.test(text)) throw new AppError('EMAIL_TAKEN', 'email');
  throw err;
}
