import type { AppContext } from '../../context.js';
import { AppError } from '../../domain/errors.js';
import { can } from '../../domain/policy.js';
import type { App } from '../../http/app-instance.js';
import { accountOf, authorize } from '../../http/auth.js';
import { runCommand } from '../../http/commands.js';
import { contentDisposition } from '../../http/content-disposition.js';
import { unreadableBody } from '../../http/multipart.js';
import { IdParams } from '../../http/schemas.js';
import { MAX_ATTACHMENT_BYTES } from './service.js';

const TAGS = ['附件'];

export async function attachmentRoutes(app: App, ctx: AppContext): Promise<void> {
  app.post('/api/v1/attachments', {
    schema: {
      tags: TAGS, consumes: ['multipart/form-data'],
      summary: '上传附件（PDF、图片、Word/Excel，单个不超过 10 MB）；随申请或办理步骤提交后，由该事项的参与方查看',
    },
    config: { audit: 'attachment.upload', ownsTransaction: true },
  }, async (req, reply) => {
    authorize(req, 'attachment.upload');
    const ownerId = accountOf(req).id;
    const part = await req.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 } }).catch(unreadableBody);
    if (!part) throw new AppError('VALIDATION_FAILED', 'file', '请选择要上传的文件');
    if (part.filename.includes('\0')) {
      part.file.resume();
      throw new AppError('VALIDATION_FAILED', 'file', '文件名中含有空字符（NUL）');
    }
    const received = await ctx.attachments.receive(ownerId, part.file, part.filename).catch(unreadableBody);
    try {
      return await runCommand(ctx, req, reply, async () => {
        const stored = await ctx.attachments.register(ownerId, received);
        req.auditTarget = stored.id;
        reply.status(201);
        return stored;
      });
    } catch (err) {
      await ctx.attachments.drop(received);
      throw err;
    }
  });

  app.delete('/api/v1/attachments/:id', {
    schema: { tags: TAGS, summary: '删除本人尚未提交的附件', params: IdParams },
    config: { audit: 'attachment.discard' },
  }, async (req, reply) => {
    // Someone else's file, or anyone's to a visitor, does not exist.
    if (req.actor.kind !== 'account') throw new AppError('NOT_FOUND');
    authorize(req, 'attachment.upload');
    await ctx.attachments.discard(req.params.id, req.actor.id);
    reply.status(204);
  });

  app.get('/api/v1/attachments/:id', {
    schema: { tags: TAGS, summary: '下载附件：未提交的仅上传人可见；已提交的由所在事项的参与方查看', params: IdParams },
  }, async (req, reply) => {
    const row = await ctx.attachments.get(req.params.id);
    // Whoever may not read it is told it does not exist: ids cannot be probed.
    const readable = row.case_id === null
      ? can(req.actor, 'attachment.pending', { ownerId: row.uploaded_by })
      : ctx.workflow.mayRead(await ctx.workflow.get(row.case_id), req.actor);
    if (!readable) throw new AppError('NOT_FOUND');
    reply.header('content-type', row.content_type);
    reply.header('content-disposition', contentDisposition(row.file_name));
    reply.header('content-length', row.size);
    reply.header('cache-control', 'private, no-store');
    return reply.send(await ctx.attachments.read(row));
  });
}
