import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import { AppError } from '../../domain/errors.js';
import type { App } from '../../http/app-instance.js';
import { runCommand } from '../../http/commands.js';
import { contentDisposition } from '../../http/content-disposition.js';
import { unreadableBody } from '../../http/multipart.js';
import { IdParams, Text } from '../../http/schemas.js';

const TAGS = ['数据使用授权'];

/** 五.4: outcomes registered on a grant, and the business data returned (回传). */
export async function grantOutcomeRoutes(app: App, ctx: AppContext): Promise<void> {
  const maxBytes = ctx.config.maxUploadMb * 1024 * 1024;

  app.get('/api/v1/grants/:id/outcomes', {
    schema: { tags: TAGS, summary: '授权的成果登记与回传数据（授权人、开放主体与主管部门可见）', params: IdParams },
  }, async (req) => ctx.grantOutcomes.list(req.params.id, req.actor));

  app.post('/api/v1/grants/:id/outcomes', {
    schema: {
      tags: TAGS, summary: '登记数据利用成果（自授权开始之日起 3 个月内）', params: IdParams,
      body: Type.Object({
        title: Text(200, 1), description: Text(5000, 1), link: Type.Optional(Text(1000)),
        fileId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '本授权下回传的成果文件（先经 POST /api/v1/grants/:id/returns 上传）' })),
      }),
    },
    config: { audit: 'grant.outcome' },
  }, async (req, reply) => {
    const created = await ctx.grantOutcomes.register(req.params.id, req.actor, req.body);
    req.auditTarget = req.params.id;
    reply.status(201);
    return created;
  });

  app.post('/api/v1/grants/:id/returns', {
    schema: { tags: TAGS, summary: '回传利用数据形成的业务数据（文件）', params: IdParams, consumes: ['multipart/form-data'] },
    config: { audit: 'grant.return', ownsTransaction: true },
  }, async (req, reply) => {
    const part = await req.file({ limits: { fileSize: maxBytes, files: 1 } }).catch(unreadableBody);
    if (!part) throw new AppError('VALIDATION_FAILED', 'file', '请选择要上传的文件');
    if (part.filename.includes('\0')) {
      part.file.resume();
      throw new AppError('VALIDATION_FAILED', 'file', '文件名中含有空字符（NUL）');
    }
    const received = await ctx.grantOutcomes.receiveReturn(req.params.id, req.actor, part.file, part.filename).catch(unreadableBody);
    try {
      return await runCommand(ctx, req, reply, async () => {
        req.auditTarget = req.params.id;
        reply.status(201);
        return ctx.grantOutcomes.recordReturn(received);
      });
    } catch (err) {
      await ctx.grantOutcomes.dropReturn(received);
      throw err;
    }
  });

  app.get('/api/v1/grants/:id/returns/:fileId', {
    schema: { tags: TAGS, summary: '下载回传数据', params: Type.Object({ id: IdParams.properties.id, fileId: IdParams.properties.id }) },
  }, async (req, reply) => {
    const { row, stream } = await ctx.grantOutcomes.openReturn(req.params.id, req.params.fileId, req.actor);
    reply.header('content-type', row.content_type);
    reply.header('content-disposition', contentDisposition(row.file_name));
    reply.header('cache-control', 'private, no-store');
    return reply.send(stream);
  });
}
