import { Type, type Static } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import type { DataItem } from '../../domain/catalog.js';
import { can, decide, readableFields } from '../../domain/policy.js';
import { OPEN_TYPES, UPDATE_FREQUENCIES, FIELD_TYPES } from '../../domain/catalog.js';
import { AppError } from '../../domain/errors.js';
import { APPLICANT_TYPES, eligibility, SECURITY_CAPABILITIES } from '../../domain/restricted.js';
import { CREDIT_LEVELS } from '../../domain/roles.js';
import type { App } from '../../http/app-instance.js';
import { accountOf, authorize } from '../../http/auth.js';
import { AttachmentIds, IdParams, Paging, Text } from '../../http/schemas.js';
import { isPublicUse } from '../resources/counters.js';
import { grantOf, licenceAccepted } from '../resources/reading.js';
import type { EntryInput } from './entry-input.js';
import { EntryBody } from './schemas.js';

/** Fills the optional parts of a new entry with the empty values the catalog stores. */
function toInput(body: Static<typeof EntryBody>): EntryInput {
  return {
    title: body.title, summary: body.summary, departmentId: body.departmentId, openType: body.openType,
    openConditions: body.openConditions ?? '', conditions: body.conditions ?? null, dataFormat: body.dataFormat ?? '', updateFrequency: body.updateFrequency,
    domain: body.domain ?? '', nationalTheme: body.nationalTheme ?? '', district: body.district ?? '', tags: body.tags ?? [],
    fields: (body.fields ?? []).map(toItem), accessMethods: body.accessMethods ?? ['data'], licence: body.licence ?? '',
    contactName: body.contactName ?? '', contactPhone: body.contactPhone ?? '', contactEmail: body.contactEmail ?? '',
  };
}

function toItem(f: NonNullable<Static<typeof EntryBody>['fields']>[number]): DataItem {
  return { name: f.name, title: f.title, type: f.type, description: f.description ?? '', unit: f.unit ?? '', filterable: f.filterable ?? false, sensitive: f.sensitive ?? false, requestable: f.requestable ?? true };
}

export async function catalogRoutes(app: App, ctx: AppContext): Promise<void> {
  const facts = (id: string) => ctx.catalog.policyFacts(id);
  const reviewFacts = async (id: string) => ctx.catalog.reviewFacts(id, await ctx.resources.uploaderIds(id));
  /** An entry's facts for a change to it; to whoever may not know it exists, it is not found. */
  const knownFacts = async (req: FastifyRequest, id: string) => {
    const f = await facts(id);
    authorize(req, 'catalog.read', f);
    return f;
  };

  app.get('/api/v1/catalog/options', { schema: { tags: ['数据目录'], summary: '目录元素的取值（开放属性、更新频率、数据项类型、受限开放的申请条件）' } }, async () => ({
    openTypes: OPEN_TYPES, updateFrequencies: UPDATE_FREQUENCIES, fieldTypes: FIELD_TYPES,
    creditLevels: CREDIT_LEVELS, applicantTypes: APPLICANT_TYPES, securityCapabilities: SECURITY_CAPABILITIES,
  }));

  app.get('/api/v1/catalog/:id', { schema: { tags: ['数据目录'], summary: '目录详情', params: IdParams } }, async (req) => {
    const entry = await ctx.catalog.get(req.params.id);
    const f = await facts(req.params.id);
    authorize(req, 'catalog.read', f);
    const insider = can(req.actor, 'catalog.internal.read', f);
    if (isPublicUse(req.actor, f)) ctx.counters.hit('catalog_entries', entry.id, 'views');
    // Whether a review is under way, and the reviewer's last word, are the keepers' business.
    const review = insider
      ? { review: await ctx.publication.state(entry.id, req.actor, await reviewFacts(entry.id)) }
      : { pendingRevision: null, reviewNote: null, submittedBy: null, submittedAt: null, review: null };
    return { ...entry, ...review, resources: await ctx.resources.listForEntry(entry.id) };
  });

  // The policy's answer for this caller, so the dataset page shows the missing step (sign in,
  // verify, accept the licence) without deciding anything itself.
  app.get('/api/v1/catalog/:id/access', {
    schema: {
      tags: ['数据目录'], params: IdParams,
      summary: '当前用户能否取用该目录的数据行（API、预览翻页）和下载，不能时缺少哪一步；受限开放数据的被授权方还得到授权的数据项',
    },
  }, async (req) => {
    const f = await facts(req.params.id);
    authorize(req, 'catalog.read', f);
    const grant = await grantOf(ctx, req, req.params.id, f);
    const all = { ...f, licenceAccepted: await licenceAccepted(ctx, req), grant };
    const rows = decide(req.actor, 'resource.rows.read', all);
    const download = decide(req.actor, 'resource.download', all);
    // The data items the caller reads: null for all of them, a grantee's granted ones, none without access.
    const fields = rows === true ? readableFields(req.actor, all) : [];
    return { rows: rows === true ? 'allowed' : rows, download: download === true ? 'allowed' : download, fields };
  });

  // 二.2: what the platform can check before an application, said precisely, for the caller.
  app.get('/api/v1/catalog/:id/eligibility', {
    schema: { tags: ['数据目录'], summary: '受限开放目录的申请条件检查：当前用户缺少什么（实名认证、信用等级、申请人类型、样例数据的授权协议），须声明哪些安全能力', params: IdParams },
  }, async (req) => {
    const f = await facts(req.params.id);
    authorize(req, 'catalog.read', f);
    authorize(req, 'catalog.eligibility', f);
    if (f.openType !== 'restricted') throw new AppError('NOT_RESTRICTED');
    const actor = accountOf(req);
    const { conditions } = await ctx.catalog.applicationTerms(req.params.id);
    const applicant = { verified: actor.verified, verifiedAs: actor.verifiedAs ?? null, creditLevel: actor.creditLevel, licenceAccepted: await licenceAccepted(ctx, req) };
    return { entryId: req.params.id, ...eligibility(applicant, conditions) };
  });

  app.get('/api/v1/catalog/:id/history', {
    schema: { tags: ['数据目录'], summary: '目录变更记录（公众只看到已发布的变更；开放主体和主管部门看到全部）', params: IdParams },
  }, async (req) => {
    const f = await facts(req.params.id);
    authorize(req, 'catalog.read', f);
    const id = req.params.id;
    return { items: can(req.actor, 'catalog.internal.read', f) ? await ctx.catalog.history(id) : await ctx.catalog.publishedHistory(id) };
  });

  app.get('/api/v1/console/catalog', {
    schema: {
      tags: ['目录管理'], summary: '目录管理列表（开放主体看本部门，主管部门看全部）',
      querystring: Type.Object({
        status: Type.Optional(Type.Union(['draft', 'submitted', 'published', 'rejected', 'withdrawn'].map((s) => Type.Literal(s)))),
        awaitingReview: Type.Optional(Type.Boolean()),
        q: Type.Optional(Text(100)),
        ...Paging,
      }),
    },
  }, async (req) => {
    authorize(req, 'catalog.console');
    const actor = accountOf(req);
    const seesAll = can(actor, 'catalog.console.all');
    return ctx.catalog.listForConsole({ ...req.query, status: req.query.status as never, departmentId: seesAll ? null : actor.departmentId });
  });

  app.post('/api/v1/catalog', {
    schema: { tags: ['目录管理'], summary: '新建目录（草稿）', body: EntryBody },
    config: { audit: 'catalog.create' },
  }, async (req, reply) => {
    authorize(req, 'catalog.create', { departmentId: req.body.departmentId });
    const id = await ctx.catalog.create(toInput(req.body), accountOf(req).id);
    req.auditTarget = id;
    reply.status(201);
    return ctx.catalog.get(id);
  });

  app.patch('/api/v1/catalog/:id', {
    schema: { tags: ['目录管理'], summary: '修改目录（已发布目录的修改须重新审核）', params: IdParams, body: Type.Partial(EntryBody) },
    config: { audit: 'catalog.update' },
  }, async (req) => {
    authorize(req, 'catalog.edit', await knownFacts(req, req.params.id));
    if (req.body.departmentId) authorize(req, 'catalog.edit', { departmentId: req.body.departmentId });
    const { fields, ...rest } = req.body;
    const patch: Partial<EntryInput> = { ...(rest as Partial<EntryInput>), ...(fields ? { fields: fields.map(toItem) } : {}) };
    await ctx.catalog.update(req.params.id, patch, accountOf(req).id);
    return ctx.catalog.get(req.params.id);
  });

  app.post('/api/v1/catalog/:id/submit', {
    schema: { tags: ['目录管理'], summary: '提交审核', params: IdParams },
    config: { audit: 'catalog.submit' },
  }, async (req) => {
    authorize(req, 'catalog.edit', await knownFacts(req, req.params.id));
    await ctx.publication.submit(req.params.id, accountOf(req), () => ctx.resources.hasHeld(req.params.id));
    return ctx.catalog.get(req.params.id);
  });

  app.post('/api/v1/catalog/:id/review', {
    schema: {
      tags: ['目录管理'], summary: '审核当前一步：开放主体审核员的安全审查，然后主管部门的一致性审核（发布或退回）', params: IdParams,
      body: Type.Object({ approve: Type.Boolean(), reason: Type.Optional(Text(1000)), comment: Type.Optional(Text(2000)), attachmentIds: Type.Optional(AttachmentIds) }),
    },
    config: { audit: 'catalog.review' },
  }, async (req) => {
    await knownFacts(req, req.params.id);
    req.auditDetail = JSON.stringify({ approve: req.body.approve });
    const entryId = req.params.id;
    await ctx.publication.decide(entryId, req.actor, req.body, await reviewFacts(entryId), {
      promote: () => ctx.resources.settleHeld(entryId, true),
      discard: () => ctx.resources.settleHeld(entryId, false),
    });
    return ctx.catalog.get(entryId);
  });

  app.post('/api/v1/catalog/:id/withdraw', {
    schema: { tags: ['目录管理'], summary: '撤回已发布目录', params: IdParams, body: Type.Object({ reason: Text(1000, 1) }) },
    config: { audit: 'catalog.withdraw' },
  }, async (req) => {
    authorize(req, 'catalog.edit', await knownFacts(req, req.params.id));
    await ctx.publication.withdraw(req.params.id, accountOf(req), req.body.reason, () => ctx.resources.settleHeld(req.params.id, false));
    return ctx.catalog.get(req.params.id);
  });
}
