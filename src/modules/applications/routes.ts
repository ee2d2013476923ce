import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { AppError } from '../../domain/errors.js';
import { can } from '../../domain/policy.js';
import type { App } from '../../http/app-instance.js';
import { accountOf, authorize } from '../../http/auth.js';
import { runCommand } from '../../http/commands.js';
import { contentDisposition } from '../../http/content-disposition.js';
import { AttachmentIds, IdParams, Paging, Text } from '../../http/schemas.js';
import { RESTRICTED_APPLICATION, REVIEW_STEPS } from '../../domain/workflows/restricted-application.js';
import { facts } from './service.js';

const TAGS = ['受限数据申请'];
const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

/** The form: everything may be left out of a draft; submission checks it whole. */
const ApplicationForm = {
  fields: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 500, description: '申请的数据项（目录数据项的名称）' })),
  purpose: Type.Optional(Text(2000)),
  scenario: Type.Optional(Text(2000)),
  periodStart: Type.Optional(DateString),
  periodEnd: Type.Optional(DateString),
  delivery: Type.Optional(Type.Union([Type.Literal('api'), Type.Literal('download')])),
  expectedOutcome: Type.Optional(Text(2000)),
  capability: Type.Optional(Type.Object({
    storage: Type.Optional(Text(2000)),
    processing: Type.Optional(Text(2000)),
    protection: Type.Optional(Text(2000)),
    capabilities: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20 })),
  })),
  attachmentIds: Type.Optional(AttachmentIds),
  pledgeVersion: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: '所接受的安全承诺书版本' })),
};

export async function applicationRoutes(app: App, ctx: AppContext): Promise<void> {
  app.post('/api/v1/applications', {
    schema: {
      tags: TAGS, summary: '申请受限开放数据（?draft=1 保存草稿），提交后进入规范性审查',
      querystring: Type.Object({ draft: Type.Optional(Type.Union(['1', '0', 'true', 'false'].map((v) => Type.Literal(v)))) }),
      body: Type.Object({ entryId: Type.String({ minLength: 1, maxLength: 64 }), ...ApplicationForm }),
    },
    config: { audit: 'application.create' },
  }, async (req, reply) => {
    authorize(req, 'application.create');
    const { entryId, ...form } = req.body;
    const created = await ctx.applications.create(accountOf(req), entryId, form, req.query.draft === '1' || req.query.draft === 'true');
    req.auditTarget = created.id;
    reply.status(201);
    return created;
  });

  app.patch('/api/v1/applications/:id', {
    schema: { tags: TAGS, summary: '修改草稿或退回补充的申请', params: IdParams, body: Type.Object(ApplicationForm) },
    config: { audit: 'application.amend' },
  }, async (req) => {
    await ctx.applications.amend(req.params.id, req.actor, req.body);
    return ctx.applications.read(req.params.id, req.actor);
  });

  app.post('/api/v1/applications/:id/submit', {
    schema: { tags: TAGS, summary: '提交草稿，或将补充后的申请重新提交至退回它的环节', params: IdParams },
    config: { audit: 'application.submit' },
  }, async (req) => {
    await ctx.applications.submit(req.params.id, req.actor);
    return ctx.applications.read(req.params.id, req.actor);
  });

  app.post('/api/v1/applications/:id/withdraw', {
    schema: { tags: TAGS, summary: '申请人撤回办理中的申请', params: IdParams, body: Type.Object({ reason: Type.Optional(Text(1000)) }) },
    config: { audit: 'application.withdraw' },
  }, async (req) => {
    await ctx.applications.withdraw(req.params.id, req.actor, req.body.reason);
    return ctx.applications.read(req.params.id, req.actor);
  });

  app.get('/api/v1/applications/:id', {
    schema: { tags: TAGS, summary: '申请详情：所处环节、办理期限、各环节意见与理由，以及当前用户可做的操作', params: IdParams },
  }, async (req) => ctx.applications.read(req.params.id, req.actor));

  app.get('/api/v1/me/applications', {
    schema: { tags: TAGS, summary: '我的申请', querystring: Type.Object({ ...Paging }) },
  }, async (req) => {
    authorize(req, 'me.read');
    return ctx.applications.listMine(accountOf(req).id, req.query);
  });

  app.get('/api/v1/applications', {
    schema: {
      tags: TAGS, summary: '工作人员的申请列表：主管部门看全部，开放主体看本部门数据的申请',
      querystring: Type.Object({ open: Type.Optional(Type.Boolean()), ...Paging }),
    },
  }, async (req) => {
    authorize(req, 'workflow.tasks');
    const actor = accountOf(req);
    return ctx.applications.listForStaff({ departmentId: can(actor, 'workflow.supervise') ? null : actor.departmentId, ...req.query });
  });

  app.post('/api/v1/applications/:id/decision', {
    schema: {
      tags: TAGS, summary: '审查当前环节（规范性审查、需求审核、需求复核、协议备案）：通过、不予通过或退回补充（后两者须说明理由）', params: IdParams,
      body: Type.Object({
        decision: Type.Union([Type.Literal('approve'), Type.Literal('reject'), Type.Literal('return')]),
        step: Type.Optional(Type.Union(REVIEW_STEPS.map((s) => Type.Literal(s)), { description: '所审查的环节（formal、demand、recheck、filing）：给出时，若该环节已被他人办理则 409' })),
        reason: Type.Optional(Text(1000)), comment: Type.Optional(Text(2000)), attachmentIds: Type.Optional(AttachmentIds),
      }),
    },
    config: { audit: 'application.decide' },
  }, async (req) => {
    req.auditDetail = JSON.stringify({ decision: req.body.decision });
    await ctx.applications.decide(req.params.id, req.actor, req.body);
    return ctx.applications.read(req.params.id, req.actor);
  });

  /**
   * A signature renders and stores the agreement first, outside any transaction (the password
   * check and the PDF take their time), then records the step; a refused step leaves no copy.
   * Whether the step is the caller's to take now is asked first, of the engine.
   */
  const signWith = async (req: FastifyRequest<{ Params: { id: string }; Body: unknown }>, reply: FastifyReply, transition: 'sign' | 'confirm', password?: string) => {
    const { row, kase } = await ctx.applications.load(req.params.id, req.actor);
    const actor = accountOf(req);
    const allowed = kase ? ctx.workflow.check(RESTRICTED_APPLICATION, kase, transition, actor, facts(row, kase)) : 'CONFLICT';
    if (allowed !== true) throw new AppError(allowed);
    if (password !== undefined) await ctx.accounts.confirmPassword(actor.id, password);
    const stored = await ctx.agreements.sign(row, transition, new Date().toISOString());
    try {
      await runCommand(ctx, req, reply, () => ctx.applications.recordSignature(req.params.id, actor, transition, stored));
    } catch (err) {
      await ctx.agreements.discard(stored);
      throw err;
    }
    return ctx.applications.read(req.params.id, actor);
  };

  app.post('/api/v1/applications/:id/agreement/sign', {
    schema: { tags: TAGS, summary: '申请人签署开放利用协议（须再次输入登录密码）', params: IdParams, body: Type.Object({ password: Type.String({ minLength: 1, maxLength: 128 }) }) },
    config: { audit: 'application.sign', ownsTransaction: true },
  }, async (req, reply) => signWith(req, reply, 'sign', req.body.password));

  app.post('/api/v1/applications/:id/agreement/confirm', {
    schema: { tags: TAGS, summary: '开放主体确认申请人已签署的协议', params: IdParams },
    config: { audit: 'application.confirm', ownsTransaction: true },
  }, async (req, reply) => signWith(req, reply, 'confirm'));

  app.get('/api/v1/applications/:id/agreement.pdf', {
    schema: { tags: TAGS, summary: '开放利用协议（PDF）：签署后为已签署的文本', params: IdParams },
  }, async (req, reply) => {
    const view = await ctx.applications.read(req.params.id, req.actor);
    if (!view.agreement.available) throw new AppError('NOT_FOUND', undefined, '需求复核通过后生成协议');
    const { row } = await ctx.applications.load(req.params.id, req.actor);
    reply.header('content-type', 'application/pdf');
    reply.header('content-disposition', contentDisposition(`公共数据开放利用协议-${row.id.slice(0, 8)}.pdf`));
    reply.header('cache-control', 'private, no-store');
    if (row.agreement_sm3) reply.header('x-agreement-sm3', row.agreement_sm3);
    return reply.send(await ctx.agreements.pdf(row));
  });
}
