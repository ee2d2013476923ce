import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import { AppError } from '../../domain/errors.js';
import { isStrongPassword } from '../../domain/identity.js';
import type { App } from '../../http/app-instance.js';
import { authorize } from '../../http/auth.js';
import { runCommand } from '../../http/commands.js';
import { hashPassword } from '../accounts/secrets.js';

const TAGS = ['账户'];
const Account = Type.String({ minLength: 1, maxLength: 254, description: '手机号码或电子邮箱' });

/** 忘记密码: a code by email or SMS, then a new password with it. */
export async function passwordResetRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/auth/password-reset/channels', {
    schema: { tags: TAGS, summary: '找回密码可用的方式；都未配置时给出主管部门的联系方式' },
  }, async (req) => {
    authorize(req, 'auth.passwordReset');
    const available = ctx.passwordReset.available();
    const authority = await ctx.departments.authority();
    return { ...available, contact: authority ? { name: authority.name, ...authority.contact } : null };
  });

  app.post('/api/v1/auth/password-reset/request', {
    schema: { tags: TAGS, summary: '发送重置密码验证码（15 分钟内有效；无论账号是否存在，回答都相同）', body: Type.Object({ account: Account }) },
    config: { audit: 'account.password.reset.request', ownsTransaction: true },
  }, async (req, reply) => {
    authorize(req, 'auth.passwordReset');
    req.auditDetail = JSON.stringify({ account: req.body.account });
    await ctx.passwordReset.throttleRequest(req.body.account, req.ip);
    await runCommand(ctx, req, reply, () => ctx.passwordReset.request(req.body.account));
    reply.status(202);
    return { ok: true };
  });

  app.post('/api/v1/auth/password-reset/confirm', {
    schema: {
      tags: TAGS, summary: '用验证码设置新密码（所有登录会话随之退出）',
      body: Type.Object({ account: Account, code: Type.String({ minLength: 1, maxLength: 12 }), newPassword: Type.String({ maxLength: 128 }) }),
    },
    config: { audit: 'account.password.reset', ownsTransaction: true },
  }, async (req, reply) => {
    authorize(req, 'auth.passwordReset');
    req.auditDetail = JSON.stringify({ account: req.body.account });
    if (!isStrongPassword(req.body.newPassword)) throw new AppError('WEAK_PASSWORD', 'newPassword');
    const { userId, codeId } = await ctx.passwordReset.check(req.body.account, req.body.code, req.ip);
    req.auditActorId = userId;
    const passwordHash = await hashPassword(req.body.newPassword);
    await runCommand(ctx, req, reply, () => ctx.passwordReset.complete(userId, codeId, passwordHash));
    return { ok: true };
  });
}
