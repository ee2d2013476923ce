import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { App } from '../../http/app-instance.js';

const CheckOutcome = Type.Union([Type.Literal('ok'), Type.Literal('failed'), Type.Literal('timeout')]);
const ReadyResponse = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
  shuttingDown: Type.Boolean(),
  checks: Type.Record(Type.String(), CheckOutcome),
});

/**
 * What a load balancer or a process supervisor asks, served by every process (a worker serves
 * nothing else). Marked `probe`: answered without resolving the caller's cookie or key.
 */
export async function probeRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/health', { config: { probe: true }, schema: { tags: ['系统'], summary: '健康检查（进程存活）' } }, async () => {
    await sql`select 1`.execute(ctx.database.db);
    return { status: 'ok', db: ctx.database.adapter.engine };
  });

  app.get('/api/ready', {
    config: { probe: true },
    schema: {
      tags: ['系统'],
      summary: '就绪检查（负载均衡用）',
      description: '数据库（及已配置的对象存储）均可用且进程未在停止时返回 200；否则返回 503，并在 checks 中说明哪一项不可用。',
      response: { 200: ReadyResponse, 503: ReadyResponse },
    },
  }, async (_req, reply) => {
    const { ready, shuttingDown, checks } = await ctx.readiness.report();
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', shuttingDown, checks });
  });
}
