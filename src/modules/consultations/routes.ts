import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import { AppError } from '../../domain/errors.js';
import { can } from '../../domain/policy.js';
import type { App } from '../../http/app-instance.js';
import { accountOf, authorize } from '../../http/auth.js';
import { AttachmentIds, IdParams, Paging, Text } from '../../http/schemas.js';

const TAGS = ['我要咨询'];
/** Questions one account may ask in the sign-in throttle's 15-minute window. */
const MAX_QUESTIONS_PER_WINDOW = 5;

export async function consultationRoutes(app: App, ctx: AppContext): Promise<void> {
  app.post('/api/v1/consultations', {
    schema: {
      tags: TAGS, summary: '提出咨询（主管部门 5 个工作日内答复，或转交开放主体答复）',
      body: Type.Object({
        title: Text(100, 1),
        content: Text(5000, 1),
        entryId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
        public: Type.Optional(Type.Boolean({ description: '答复后是否允许在公开问答中展示' })),
        attachmentIds: Type.Optional(AttachmentIds),
      }),
    },
    config: { audit: 'consultation.ask' },
  }, async (req, reply) => {
    authorize(req, 'consultation.ask');
    // Each question starts a statutory deadline and notifies the authority's staff: one account does not flood them.
    if (await ctx.accounts.countGuess(`consultation:${accountOf(req).id}`) > MAX_QUESTIONS_PER_WINDOW) throw new AppError('RATE_LIMITED');
    const asked = await ctx.consultations.ask(accountOf(req).id, req.body);
    req.auditTarget = asked.id;
    reply.status(201);
    return asked;
  });

  app.get('/api/v1/consultations', {
    schema: {
      tags: TAGS, summary: '公开问答（scope=public），或工作人员的咨询队列（scope=staff：主管部门看全部，开放主体看转交本部门的）',
      querystring: Type.Object({
        scope: Type.Union([Type.Literal('public'), Type.Literal('staff')], { default: 'public' }),
        entryId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
        open: Type.Optional(Type.Boolean()),
        ...Paging,
      }),
    },
  }, async (req) => {
    const { scope, entryId, open, page, pageSize } = req.query;
    if (scope === 'public') return ctx.consultations.listPublic({ entryId, page, pageSize });
    authorize(req, 'workflow.tasks');
    const actor = accountOf(req);
    const departmentId = can(actor, 'workflow.supervise') ? null : actor.departmentId;
    return ctx.consultations.listForStaff({ departmentId, open, page, pageSize });
  });

  app.get('/api/v1/me/consultations', {
    schema: { tags: TAGS, summary: '我的咨询', querystring: Type.Object({ ...Paging }) },
  }, async (req) => {
    authorize(req, 'consultation.ask');
    return ctx.consultations.listMine(accountOf(req).id, req.query);
  });

  app.get('/api/v1/consultations/:id', {
    schema: { tags: TAGS, summary: '咨询详情：状态、答复期限、办理过程、答复，以及当前用户可做的操作', params: IdParams },
  }, async (req) => ctx.consultations.read(req.params.id, req.actor));

  app.post('/api/v1/consultations/:id/dispatch', {
    schema: {
      tags: TAGS, summary: '主管部门转交开放主体答复（开放主体自收到之日起 5 个工作日内答复）', params: IdParams,
      body: Type.Object({ departmentId: Type.String({ minLength: 1, maxLength: 64 }), comment: Type.Optional(Text(1000)), attachmentIds: Type.Optional(AttachmentIds) }),
    },
    config: { audit: 'consultation.dispatch' },
  }, async (req) => {
    await ctx.consultations.dispatch(req.params.id, req.actor, req.body);
    return ctx.consultations.read(req.params.id, req.actor);
  });

  app.post('/api/v1/consultations/:id/reply', {
    schema: { tags: TAGS, summary: '答复咨询', params: IdParams, body: Type.Object({ content: Text(5000, 1), attachmentIds: Type.Optional(AttachmentIds) }) },
    config: { audit: 'consultation.reply' },
  }, async (req) => {
    await ctx.consultations.reply(req.params.id, req.actor, req.body.content, req.body.attachmentIds);
    return ctx.consultations.read(req.params.id, req.actor);
  });

  app.post('/api/v1/consultations/:id/return', {
    schema: { tags: TAGS, summary: '开放主体退回主管部门（非本部门职责，须说明理由）', params: IdParams, body: Type.Object({ reason: Text(1000, 1) }) },
    config: { audit: 'consultation.return' },
  }, async (req) => {
    // Sent back, the question is no longer the department's to read: the answer says only where it went.
    const returned = await ctx.consultations.sendBack(req.params.id, req.actor, req.body.reason);
    return { id: req.params.id, status: returned.state, dueAt: returned.due_on };
  });

  app.post('/api/v1/consultations/:id/withdraw', {
    schema: { tags: TAGS, summary: '提问人撤回咨询', params: IdParams, body: Type.Object({ reason: Type.Optional(Text(1000)) }) },
    config: { audit: 'consultation.withdraw' },
  }, async (req) => {
    await ctx.consultations.withdraw(req.params.id, req.actor, req.body.reason);
    return ctx.consultations.read(req.params.id, req.actor);
  });
}
