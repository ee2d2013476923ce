import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import { permittedActions } from '../../domain/policy.js';
import type { App } from '../../http/app-instance.js';
import { accountOf, authorize, clearSessionCookie, setSessionCookie } from '../../http/auth.js';
import { runCommand } from '../../http/commands.js';
import { Text } from '../../http/schemas.js';

const Credentials = {
  phone: Type.String({ maxLength: 20, description: '手机号码' }),
  password: Type.String({ maxLength: 128 }),
};

export async function accountRoutes(app: App, ctx: AppContext): Promise<void> {
  /** Everything the UI needs about the signed-in account, including what it may do. */
  const me = async (userId: string, csrfToken: string | undefined) => {
    const user = await ctx.users.get(userId);
    const actor = await ctx.accounts.loadActor(userId);
    return { ...user, permissions: actor ? permittedActions(actor) : [], csrfToken };
  };

  app.post('/api/v1/auth/register', {
    schema: {
      tags: ['账户'], summary: '注册',
      body: Type.Object({ ...Credentials, email: Type.Optional(Type.String({ maxLength: 254 })), displayName: Type.Optional(Text(50)) }),
    },
    config: { audit: 'account.register', ownsTransaction: true },
  }, async (req, reply) => {
    const account = await ctx.accounts.prepare(req.body);
    const id = await runCommand(ctx, req, reply, async () => {
      reply.status(201);
      return (req.auditActorId = await ctx.accounts.register(account));
    });
    return { user: await ctx.users.get(id) };
  });

  app.post('/api/v1/auth/login', {
    schema: {
      tags: ['账户'], summary: '登录',
      body: Type.Object({ account: Type.String({ minLength: 1, maxLength: 254 }), password: Type.String({ maxLength: 128 }) }),
    },
    config: { audit: 'account.login', ownsTransaction: true },
  }, async (req, reply) => {
    req.auditDetail = JSON.stringify({ account: req.body.account });
    const userId = await ctx.accounts.checkCredentials(req.body.account, req.body.password, req.ip);
    req.auditActorId = userId;
    const session = await runCommand(ctx, req, reply, () => ctx.accounts.openSession(userId, req.ip));
    setSessionCookie(reply, ctx, session.cookie);
    return { user: await me(userId, session.csrfToken), csrfToken: session.csrfToken };
  });

  app.post('/api/v1/auth/logout', { schema: { tags: ['账户'], summary: '退出登录' }, config: { audit: 'account.logout' } }, async (req, reply) => {
    if (req.sessionCookie) await ctx.accounts.logout(req.sessionCookie);
    clearSessionCookie(reply);
    return { ok: true };
  });

  app.get('/api/v1/me', { schema: { tags: ['账户'], summary: '当前用户' } }, async (req) => {
    authorize(req, 'me.read');
    return me(accountOf(req).id, req.csrfToken);
  });

  // The web app's question on every page: a visitor is a normal state there, answered 200, where
  // GET /api/v1/me keeps its 401 for API clients that need a signed-in account.
  app.get('/api/v1/auth/session', { schema: { tags: ['账户'], summary: '当前会话（访客为 { user: null }）' } }, async (req) => {
    if (req.actor.kind === 'visitor') return { user: null };
    authorize(req, 'me.read');
    return { user: await me(accountOf(req).id, req.csrfToken) };
  });

  app.patch('/api/v1/me', {
    schema: {
      tags: ['账户'], summary: '修改个人资料',
      body: Type.Object({ displayName: Type.Optional(Text(50, 1)), email: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 254 })])) }),
    },
    config: { audit: 'account.profile.update' },
  }, async (req) => {
    authorize(req, 'me.update');
    await ctx.accounts.updateProfile(accountOf(req).id, req.body);
    return me(accountOf(req).id, req.csrfToken);
  });

  app.post('/api/v1/me/password', {
    schema: {
      tags: ['账户'], summary: '修改密码',
      body: Type.Object({ currentPassword: Type.String({ maxLength: 128 }), newPassword: Type.String({ maxLength: 128 }) }),
    },
    config: { audit: 'account.password.change', ownsTransaction: true },
  }, async (req, reply) => {
    authorize(req, 'me.update');
    const userId = accountOf(req).id;
    const passwordHash = await ctx.accounts.checkPasswordChange(userId, req.body.currentPassword, req.body.newPassword);
    await runCommand(ctx, req, reply, () => ctx.accounts.replacePassword(userId, passwordHash, req.sessionCookie));
    return { ok: true };
  });
}
