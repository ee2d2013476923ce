import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/adapter.js';
import { AppError } from '../../domain/errors.js';
import { isStrongPassword, isValidEmail, isValidPhone, normalizePhone } from '../../domain/identity.js';
import type { AccountActor } from '../../domain/policy.js';
import { DEFAULT_CREDIT_LEVEL, isRole, type Role } from '../../domain/roles.js';
import { ACTOR_COLUMNS, actorFromRows } from './actor.js';
import { hashPassword, randomToken, sha256, verifyPassword } from './secrets.js';

const SESSION_HOURS = 12;
const LOCK_WINDOW_MS = 15 * 60_000;
const MAX_FAILURES_PER_ACCOUNT = 5;
const MAX_FAILURES_PER_IP = 20;

export interface NewAccount {
  phone: string;
  password: string;
  email?: string | undefined;
  displayName?: string | undefined;
  roles?: Role[];
  departmentId?: string | null;
}

/** Registration, sign-in, sessions and passwords. */
export class AccountService {
  constructor(private readonly db: Database) {}

  async register(given: NewAccount): Promise<string> {
    const input = { ...given, phone: normalizePhone(given.phone) };
    checkAccountInput(input);
    const exists = await this.db.selectFrom('users').select('id').where('phone', '=', input.phone).executeTakeFirst();
    if (exists) throw new AppError('PHONE_TAKEN', 'phone');
    if (input.email) await this.assertEmailFree(input.email);
    const roles = input.roles ?? ['user'];
    if (!roles.every(isRole)) throw new AppError('VALIDATION_FAILED', 'role');
    const id = randomUUID();
    const now = new Date().toISOString();
    const passwordHash = await hashPassword(input.password);
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('users').values({
        id,
        phone: input.phone,
        email: input.email || null,
        display_name: input.displayName?.trim() || `用户${input.phone.slice(-4)}`,
        password_hash: passwordHash,
        department_id: input.departmentId ?? null,
        credit_level: DEFAULT_CREDIT_LEVEL,
        status: 'active',
        verification_status: 'none',
        verification_type: null,
        real_name: null,
        created_at: now,
        updated_at: now,
        password_changed_at: now,
      }).execute();
      const allRoles = [...new Set<Role>(['user', ...roles])];
      await trx.insertInto('user_roles').values(allRoles.map((role) => ({ user_id: id, role }))).execute();
    }).catch((err: unknown) => this.explainConflict(err, input.phone, input.email || undefined));
    return id;
  }

  /**
   * Checks the password and opens a session. Failures are counted per account and per IP,
   * and a lock refuses even a correct password, so guessing cannot go on in the background.
   * An account is counted under its mobile number whichever name it signs in with (number or
   * email), so switching names does not start a fresh count.
   */
  async login(given: string, password: string, ip: string): Promise<{ userId: string; cookie: string; csrfToken: string }> {
    const name = given.includes('@') ? given : normalizePhone(given);
    const user = await this.db.selectFrom('users').select(['id', 'phone', 'password_hash', 'status'])
      .where((eb) => eb.or([eb('phone', '=', name), eb('email', '=', name)])).executeTakeFirst();
    const account = user?.phone ?? name;
    await this.assertNotLocked(account, ip);
    const ok = user ? await verifyPassword(user.password_hash, password) : false;
    if (!user || !ok) {
      await this.db.insertInto('login_failures').values({ id: randomUUID(), account, ip, created_at: new Date().toISOString() }).execute();
      throw new AppError('BAD_CREDENTIALS');
    }
    if (user.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
    await this.db.deleteFrom('login_failures').where('account', '=', account).execute();
    return { userId: user.id, ...(await this.openSession(user.id, ip)) };
  }

  private async assertNotLocked(account: string, ip: string): Promise<void> {
    const since = new Date(Date.now() - LOCK_WINDOW_MS).toISOString();
    const count = async (column: 'account' | 'ip', value: string) => {
      const row = await this.db.selectFrom('login_failures').select((eb) => eb.fn.countAll<number>().as('n'))
        .where(column, '=', value).where('created_at', '>', since).executeTakeFirstOrThrow();
      return Number(row.n);
    };
    if ((await count('account', account)) >= MAX_FAILURES_PER_ACCOUNT || (await count('ip', ip)) >= MAX_FAILURES_PER_IP) {
      throw new AppError('ACCOUNT_LOCKED');
    }
  }

  private async openSession(userId: string, ip: string) {
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

  /** The actor for an active account, or null for an unknown or disabled one. */
  async loadActor(userId: string): Promise<AccountActor | null> {
    const rows = await this.db.selectFrom('users').leftJoin('user_roles', 'user_roles.user_id', 'users.id')
      .select(ACTOR_COLUMNS).where('users.id', '=', userId).execute();
    return actorFromRows(rows);
  }

  /** Changing the password signs out every other session of the account. */
  async changePassword(userId: string, current: string, next: string, keepCookie: string | undefined): Promise<void> {
    const user = await this.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow();
    if (!(await verifyPassword(user.password_hash, current))) throw new AppError('WRONG_PASSWORD', 'currentPassword');
    await this.setPassword(userId, next, 'newPassword');
    let q = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepCookie) q = q.where('id', '!=', sha256(keepCookie));
    await q.execute();
  }

  /** Sets a password without asking for the old one (CLI reset); ends every session. */
  async resetPassword(userId: string, next: string): Promise<void> {
    await this.setPassword(userId, next, 'password');
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  private async setPassword(userId: string, next: string, field: string): Promise<void> {
    if (!isStrongPassword(next)) throw new AppError('WEAK_PASSWORD', field);
    const now = new Date().toISOString();
    await this.db.updateTable('users').set({ password_hash: await hashPassword(next), password_changed_at: now, updated_at: now })
      .where('id', '=', userId).execute();
  }

  async updateProfile(userId: string, patch: { displayName?: string | undefined; email?: string | null | undefined }): Promise<void> {
    if (patch.email && !isValidEmail(patch.email)) throw new AppError('INVALID_EMAIL', 'email');
    if (patch.email) await this.assertEmailFree(patch.email, userId);
    await this.db.updateTable('users').set({
      ...(patch.displayName !== undefined ? { display_name: patch.displayName.trim() } : {}),
      ...(patch.email !== undefined ? { email: patch.email || null } : {}),
      updated_at: new Date().toISOString(),
    }).where('id', '=', userId).execute().catch((err: unknown) => this.explainConflict(err, undefined, patch.email || undefined, userId));
  }

  /**
   * A write refused by the database's unique indexes because another request took the number
   * or the email a moment earlier: said as the checks before it would have said it.
   */
  private async explainConflict(err: unknown, phone: string | undefined, email: string | undefined, exceptUserId?: string): Promise<never> {
    if (phone && await this.findIdByPhone(phone)) throw new AppError('PHONE_TAKEN', 'phone');
    if (email) await this.assertEmailFree(email, exceptUserId);
    throw err;
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

function checkAccountInput(input: NewAccount): void {
  if (!isValidPhone(input.phone)) throw new AppError('INVALID_PHONE', 'phone');
  if (!isStrongPassword(input.password)) throw new AppError('WEAK_PASSWORD', 'password');
  if (input.email && !isValidEmail(input.email)) throw new AppError('INVALID_EMAIL', 'email');
}
