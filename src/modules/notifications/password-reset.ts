import { createHmac, randomInt, randomUUID } from 'node:crypto';
import type { Database } from '../../db/adapter.js';
import { AppError } from '../../domain/errors.js';
import { normalizeAccountName } from '../../domain/identity.js';
import { safeEqual } from '../accounts/secrets.js';
import type { AccountService } from '../accounts/service.js';
import type { Channel, ChannelName } from './channels.js';
import type { Outbox } from './outbox.js';
import { renderResetCode } from './templates.js';

const CODE_MINUTES = 15;
/** Codes asked for per account and per address in the sign-in throttle's 15-minute window. */
const MAX_REQUESTS_PER_ACCOUNT = 3;
const MAX_REQUESTS_PER_IP = 10;
/** Wrong codes tried per account in the window: six digits are a million, five guesses are not many. */
const MAX_GUESSES_PER_ACCOUNT = 5;
const MAX_GUESSES_PER_IP = 20;

/** The channels a code goes out on, in the order they are tried. */
const CODE_CHANNELS: readonly ChannelName[] = ['email', 'sms'];

/**
 * 忘记密码: a one-time six-digit code sent by email or SMS, valid 15 minutes, used once, kept as
 * an HMAC under the platform's secret key (a leaked table yields no code). Asking never tells
 * whether the account exists: the answer and its timing are the same — the code is sent after
 * the answer, by the outbox.
 */
export class PasswordReset {
  constructor(
    private readonly db: Database,
    private readonly accounts: AccountService,
    private readonly channels: ReadonlyMap<ChannelName, Channel>,
    private readonly outbox: Outbox,
    private readonly secretKey: Buffer,
  ) {}

  /** Which channels can carry a code on this deployment (the login page says whom to call when none). */
  available(): { email: boolean; sms: boolean } {
    return { email: this.channels.has('email'), sms: this.channels.has('sms') };
  }

  /**
   * Counts the request before anything else (outside the command: the count stays whatever
   * follows), so an unknown account is held to the same limits as a known one.
   */
  async throttleRequest(account: string, ip: string): Promise<void> {
    const byAccount = await this.accounts.countGuess(`reset:account:${normalizeAccountName(account)}`);
    const byIp = await this.accounts.countGuess(`reset:ip:${ip}`);
    if (byAccount > MAX_REQUESTS_PER_ACCOUNT || byIp > MAX_REQUESTS_PER_IP) throw new AppError('RATE_LIMITED');
  }

  /** Issues a code to the account when it exists, is active and can be reached; otherwise does nothing, silently. */
  async request(account: string): Promise<void> {
    const user = await this.findUser(account);
    if (!user) return;
    const channel = CODE_CHANNELS.map((name) => this.channels.get(name)).find((c) => c?.addressOf(user));
    const address = channel?.addressOf(user);
    if (!channel || !address) return;
    const id = randomUUID();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const now = new Date();
    // A new code replaces any earlier one: only the latest message is the one to type.
    await this.db.updateTable('password_reset_codes').set({ used_at: now.toISOString() }).where('user_id', '=', user.id).where('used_at', 'is', null).execute();
    await this.db.insertInto('password_reset_codes').values({
      id, user_id: user.id, code_hash: this.seal(id, code), channel: channel.name,
      expires_at: new Date(now.getTime() + CODE_MINUTES * 60_000).toISOString(), used_at: null, created_at: now.toISOString(),
    }).execute();
    const { title, body } = renderResetCode(code, CODE_MINUTES, 'zh');
    await this.outbox.sendAfterCommit({ channel: channel.name, kind: 'password.reset' }, () => channel.send(address, { subject: title, text: body }));
  }

  /**
   * Checks a code (each guess counted first, outside the command) and answers the account it
   * belongs to and the code's id; a wrong, used or expired code, or an unknown account, is the
   * same RESET_CODE_INVALID.
   */
  async check(account: string, code: string, ip: string): Promise<{ userId: string; codeId: string }> {
    const byAccount = await this.accounts.countGuess(`reset-code:account:${normalizeAccountName(account)}`);
    const byIp = await this.accounts.countGuess(`reset-code:ip:${ip}`);
    if (byAccount > MAX_GUESSES_PER_ACCOUNT || byIp > MAX_GUESSES_PER_IP) throw new AppError('RATE_LIMITED');
    const user = await this.findUser(account);
    const latest = user && await this.db.selectFrom('password_reset_codes').selectAll().where('user_id', '=', user.id)
      .where('used_at', 'is', null).where('expires_at', '>', new Date().toISOString()).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
    if (!user || !latest || !safeEqual(latest.code_hash, this.seal(latest.id, code.trim()))) throw new AppError('RESET_CODE_INVALID', 'code');
    return { userId: user.id, codeId: latest.id };
  }

  /** Uses the code up and sets the password (its hash made before the command), ending every session. */
  async complete(userId: string, codeId: string, passwordHash: string): Promise<void> {
    const used = await this.db.updateTable('password_reset_codes').set({ used_at: new Date().toISOString() })
      .where('id', '=', codeId).where('used_at', 'is', null).executeTakeFirst();
    // Two confirmations racing with one code: the later finds it used.
    if (Number(used.numUpdatedRows) === 0) throw new AppError('RESET_CODE_INVALID', 'code');
    await this.accounts.replacePassword(userId, passwordHash);
  }

  private async findUser(account: string) {
    const name = normalizeAccountName(account);
    return this.db.selectFrom('users').select(['id', 'phone', 'email']).where('status', '=', 'active')
      .where((eb) => eb.or([eb('phone', '=', name), eb('email', '=', name)])).executeTakeFirst();
  }

  private seal(id: string, code: string): string {
    return createHmac('sha256', this.secretKey).update(`${id}:${code}`).digest('hex');
  }
}
