import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import { AppError } from '../../domain/errors.js';
import type { App } from '../../http/app-instance.js';
import { accountOf, authorize } from '../../http/auth.js';
import { runCommand } from '../../http/commands.js';
import { IdParams, Paging, Text } from '../../http/schemas.js';

const VerificationBody = Type.Union([
  Type.Object({ type: Type.Literal('person'), name: Text(100), idNumber: Type.String({ maxLength: 18 }) }),
  Type.Object({ type: Type.Literal('organization'), name: Text(100), creditCode: Type.String({ maxLength: 18 }), legalRepresentative: Text(50) }),
]);

const OIDC_COOKIE = 'shukai_oidc';

export async function verificationRoutes(app: App, ctx: AppContext): Promise<void> {
  app.post('/api/v1/me/verification', {
    schema: { tags: ['实名认证'], summary: '提交实名认证', body: VerificationBody },
    config: { audit: 'verification.submit' },
  }, async (req, reply) => {
    authorize(req, 'me.verification.submit');
    const outcome = await ctx.verification.submit(accountOf(req).id, req.body);
    reply.status(outcome.status === 'pending' ? 202 : 200);
    return { verification: await ctx.verification.latestOf(accountOf(req).id) };
  });

  app.get('/api/v1/me/verification', { schema: { tags: ['实名认证'], summary: '我的实名认证' } }, async (req) => {
    authorize(req, 'me.read');
    return { verification: await ctx.verification.latestOf(accountOf(req).id), oidcAvailable: Boolean(ctx.oidc) };
  });

  app.get('/api/v1/verifications', {
    schema: {
      tags: ['实名认证'], summary: '实名认证申请列表（主管部门）',
      querystring: Type.Object({ status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('verified'), Type.Literal('rejected')])), ...Paging }),
    },
  }, async (req) => {
    authorize(req, 'verification.list');
    return ctx.verification.list(req.query);
  });

  app.post('/api/v1/verifications/:id/decision', {
    schema: {
      tags: ['实名认证'], summary: '审核实名认证', params: IdParams,
      body: Type.Object({ approve: Type.Boolean(), reason: Type.Optional(Text(500)) }),
    },
    config: { audit: 'verification.decide' },
  }, async (req) => {
    const request = await ctx.verification.get(req.params.id);
    authorize(req, 'verification.decide', { ownerId: request.userId });
    req.auditDetail = JSON.stringify({ approve: req.body.approve });
    return { verification: await ctx.verification.decide(req.params.id, req.actor, req.body.approve, req.body.reason) };
  });

  // Verification through the government identity provider, when one is configured.
  app.get('/api/v1/me/verification/oidc', { schema: { tags: ['实名认证'], summary: '跳转至统一身份认证' } }, async (req, reply) => {
    authorize(req, 'me.verification.submit');
    if (!ctx.oidc) throw new AppError('VERIFIER_UNAVAILABLE');
    const { url, checks } = await ctx.oidc.start();
    reply.setCookie(OIDC_COOKIE, JSON.stringify(checks), { path: '/api/v1/me/verification/oidc', httpOnly: true, sameSite: 'lax', signed: true, maxAge: 600 });
    return reply.redirect(url);
  });

  app.get('/api/v1/me/verification/oidc/callback', {
    schema: { tags: ['实名认证'], summary: '统一身份认证回调' },
    config: { audit: 'verification.oidc', ownsTransaction: true },
  }, async (req, reply) => {
    authorize(req, 'me.verification.submit');
    if (!ctx.oidc) throw new AppError('VERIFIER_UNAVAILABLE');
    const cookie = req.unsignCookie(req.cookies[OIDC_COOKIE] ?? '');
    if (!cookie.valid || !cookie.value) throw new AppError('CSRF_FAILED');
    reply.clearCookie(OIDC_COOKIE, { path: '/api/v1/me/verification/oidc' });
    const person = await ctx.oidc.finish(new URL(req.url, ctx.config.oidc!.redirectUri), JSON.parse(cookie.value));
    // The identity provider was asked above, outside the command's transaction.
    await runCommand(ctx, req, reply, () => ctx.verification.submit(accountOf(req).id, { type: 'person', ...person }, ctx.oidc!.confirmed));
    return reply.redirect('/user/verification');
  });
}
