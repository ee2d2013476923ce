import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import type { App } from '../../http/app-instance.js';
import { accountOf, authorize } from '../../http/auth.js';
import { prefersEnglish } from '../../http/language.js';
import { Paging } from '../../http/schemas.js';
import { NOTIFICATION_KINDS } from './templates.js';

const TAGS = ['站内信'];
const Kind = Type.Union(NOTIFICATION_KINDS.map((k) => Type.Literal(k)));

/** The caller's own inbox and channel preferences: nobody reads or marks another's. */
export async function notificationRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/me/notifications', {
    schema: {
      tags: TAGS, summary: '我的站内信（最新在前）及未读数',
      querystring: Type.Object({ unread: Type.Optional(Type.Boolean({ description: '只看未读' })), ...Paging }),
    },
  }, async (req) => {
    authorize(req, 'me.notifications');
    const { unread, page, pageSize } = req.query;
    return ctx.notifications.inbox(accountOf(req).id, prefersEnglish(req) ? 'en' : 'zh', { page, pageSize, unreadOnly: unread });
  });

  app.post('/api/v1/me/notifications/read', {
    schema: {
      tags: TAGS, summary: '标记已读（不传 ids 则全部标记已读）',
      body: Type.Object({ ids: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 100 })) }),
    },
    config: { audit: 'notification.read' },
  }, async (req) => {
    authorize(req, 'me.notifications');
    return ctx.notifications.markRead(accountOf(req).id, req.body.ids);
  });

  app.get('/api/v1/me/notification-preferences', {
    schema: { tags: TAGS, summary: '通知方式：站内信始终开启，邮件、短信可选，可按类型只收站内信' },
  }, async (req) => {
    authorize(req, 'me.notifications');
    return ctx.notifications.preferences(accountOf(req).id);
  });

  app.put('/api/v1/me/notification-preferences', {
    schema: {
      tags: TAGS, summary: '修改通知方式',
      body: Type.Object({
        email: Type.Optional(Type.Boolean()),
        sms: Type.Optional(Type.Boolean()),
        mutedKinds: Type.Optional(Type.Array(Kind, { maxItems: NOTIFICATION_KINDS.length, description: '这些类型只发站内信' })),
      }),
    },
    config: { audit: 'notification.preferences.update' },
  }, async (req) => {
    authorize(req, 'me.notifications');
    return ctx.notifications.updatePreferences(accountOf(req).id, req.body);
  });
}
