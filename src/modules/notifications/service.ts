import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/adapter.js';
import { can } from '../../domain/policy.js';
import { ACTOR_COLUMNS, actorFromRows, type ActorRow } from '../accounts/actor.js';
import { isStaffAudience, type Audience, type StaffAudience } from './audiences.js';
import type { Channel, ChannelName } from './channels.js';
import type { Outbox } from './outbox.js';
import { NOTIFICATION_KINDS, isNotificationKind, renderNotice, type Lang, type NoticeParams, type NotificationKind } from './templates.js';

export interface Notice {
  to: Audience;
  kind: NotificationKind;
  params: NoticeParams;
  /** A path in the web app where the reader acts on it. */
  link?: string | null;
  /** Whoever caused the notice needs none (a reviewer is not told of their own decision). */
  except?: string | null;
}

export interface Preferences {
  email: boolean;
  sms: boolean;
  mutedKinds: NotificationKind[];
}

/** Until an account says otherwise: email when it gave an address, no text messages (they cost the city). */
const DEFAULT_PREFERENCES: Preferences = { email: true, sms: false, mutedKinds: [] };

/**
 * 站内信 and the channels beyond it. A notice is stored in each reader's inbox in the command's
 * own transaction (it stands or falls with what it tells of); email and SMS, as each reader
 * chose, leave through the outbox after the commit.
 */
export class NotificationService {
  constructor(
    private readonly db: Database,
    private readonly channels: ReadonlyMap<ChannelName, Channel>,
    private readonly outbox: Outbox,
    /** The portal's origin for links in email; without it email carries no link. */
    private readonly publicUrl: string | undefined,
  ) {}

  async notify(notice: Notice): Promise<void> {
    const recipients = (await this.resolve(notice.to)).filter((id) => id !== notice.except);
    if (recipients.length === 0) return;
    const now = new Date().toISOString();
    const params = JSON.stringify(notice.params);
    await this.db.insertInto('notifications')
      .values(recipients.map((userId) => ({ id: randomUUID(), user_id: userId, kind: notice.kind, params, link: notice.link ?? null, created_at: now, read_at: null })))
      .execute();
    if (this.channels.size > 0) await this.sendBeyondInbox(recipients, notice);
  }

  /** The account ids an audience names today: active accounts only. */
  async resolve(to: Audience): Promise<string[]> {
    if (isStaffAudience(to)) return this.staffWhoMay(to);
    const ids = typeof to === 'string' ? [to] : [...new Set(to)];
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('users').select('id').where('id', 'in', ids).where('status', '=', 'active').execute();
    return rows.map((r) => r.id);
  }

  private async staffWhoMay(audience: StaffAudience): Promise<string[]> {
    let q = this.db.selectFrom('users').innerJoin('user_roles', 'user_roles.user_id', 'users.id')
      .select(ACTOR_COLUMNS).where('users.status', '=', 'active')
      .where('users.id', 'in', (eb) => eb.selectFrom('user_roles').select('user_id').where('role', '!=', 'user'));
    if (audience.department) q = q.where('users.department_id', '=', audience.department);
    const byUser = new Map<string, ActorRow[]>();
    for (const row of await q.orderBy('users.id').execute()) byUser.set(row.id, [...(byUser.get(row.id) ?? []), row]);
    return [...byUser.values()].map(actorFromRows)
      .filter((actor) => actor !== null && can(actor, audience.may, audience.facts))
      .map((actor) => actor!.id);
  }

  private async sendBeyondInbox(recipients: string[], notice: Notice): Promise<void> {
    const people = await this.db.selectFrom('users')
      .leftJoin('notification_preferences', 'notification_preferences.user_id', 'users.id')
      .select(['users.id', 'users.phone', 'users.email', 'notification_preferences.email as wants_email', 'notification_preferences.sms as wants_sms', 'notification_preferences.muted_kinds'])
      .where('users.id', 'in', recipients).execute();
    for (const person of people) {
      const prefs = preferencesOf(person);
      if (prefs.mutedKinds.includes(notice.kind)) continue;
      for (const channel of this.channels.values()) {
        const address = channel.addressOf(person);
        if (!address || !prefs[channel.name]) continue;
        const message = this.outboundMessage(channel.name, notice);
        await this.outbox.sendAfterCommit({ channel: channel.name, kind: notice.kind }, () => channel.send(address, message));
      }
    }
  }

  /** Email in Chinese with the English beneath (an account has no language of its own); a text message in Chinese. */
  private outboundMessage(channel: ChannelName, notice: Notice) {
    const zh = renderNotice(notice.kind, notice.params, 'zh');
    if (channel === 'sms') return { subject: zh.title, text: `【数开】${zh.body}` };
    const en = renderNotice(notice.kind, notice.params, 'en');
    const link = notice.link && this.publicUrl ? `\n\n${this.publicUrl}${notice.link}` : '';
    return { subject: zh.title, text: `${zh.body}${link}\n\n——\n${en.title}\n${en.body}` };
  }

  /** The reader's inbox, newest first, rendered in the reader's language. */
  async inbox(userId: string, lang: Lang, opts: { page: number; pageSize: number; unreadOnly?: boolean | undefined }) {
    let q = this.db.selectFrom('notifications').where('user_id', '=', userId);
    if (opts.unreadOnly) q = q.where('read_at', 'is', null);
    const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await q.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc')
      .limit(opts.pageSize).offset((opts.page - 1) * opts.pageSize).execute();
    return {
      unread: await this.unreadCount(userId),
      total: Number(total),
      items: rows.map((r) => {
        const { title, body } = renderNotice(r.kind, JSON.parse(r.params) as NoticeParams, lang);
        return { id: r.id, kind: r.kind, title, body, link: r.link, createdAt: r.created_at, readAt: r.read_at };
      }),
    };
  }

  async unreadCount(userId: string): Promise<number> {
    const { n } = await this.db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow();
    return Number(n);
  }

  /** Marks the reader's own notices read (the ids given, or all); another account's ids change nothing. */
  async markRead(userId: string, ids?: readonly string[]): Promise<{ unread: number }> {
    if (!ids || ids.length > 0) {
      let q = this.db.updateTable('notifications').set({ read_at: new Date().toISOString() }).where('user_id', '=', userId).where('read_at', 'is', null);
      if (ids) q = q.where('id', 'in', ids);
      await q.execute();
    }
    return { unread: await this.unreadCount(userId) };
  }

  /** The reader's channels: the inbox always, email and SMS as chosen and as this deployment offers. */
  async preferences(userId: string) {
    const row = await this.db.selectFrom('notification_preferences').selectAll().where('user_id', '=', userId).executeTakeFirst();
    const prefs = preferencesOf({ wants_email: row?.email ?? null, wants_sms: row?.sms ?? null, muted_kinds: row?.muted_kinds ?? null });
    return {
      channels: { inApp: true, email: prefs.email, sms: prefs.sms },
      available: { email: this.channels.has('email'), sms: this.channels.has('sms') },
      mutedKinds: prefs.mutedKinds,
      kinds: NOTIFICATION_KINDS,
    };
  }

  async updatePreferences(userId: string, change: Partial<Preferences>) {
    const current = await this.preferences(userId);
    const next = {
      email: change.email ?? current.channels.email,
      sms: change.sms ?? current.channels.sms,
      mutedKinds: [...new Set(change.mutedKinds ?? current.mutedKinds)],
    };
    const values = { email: next.email ? 1 : 0, sms: next.sms ? 1 : 0, muted_kinds: JSON.stringify(next.mutedKinds), updated_at: new Date().toISOString() };
    await this.db.insertInto('notification_preferences').values({ user_id: userId, ...values })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(values)).execute();
    return this.preferences(userId);
  }
}

function preferencesOf(row: { wants_email: number | null; wants_sms: number | null; muted_kinds: string | null }): Preferences {
  if (row.wants_email === null) return DEFAULT_PREFERENCES;
  const muted = JSON.parse(row.muted_kinds ?? '[]') as string[];
  return { email: row.wants_email === 1, sms: row.wants_sms === 1, mutedKinds: muted.filter(isNotificationKind) };
}
