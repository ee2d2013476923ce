import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Records every state-changing request, allowed or refused, before its response leaves:
 * a client that got an answer can rely on the audit row existing.
 */
export function registerAuditTrail(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (SAFE_METHODS.has(req.method)) return payload;
    const params = req.params as Record<string, string> | undefined;
    const actorId = req.auditActorId ?? (req.actor.kind === 'account' ? req.actor.id : null);
    try {
      await ctx.audit.record({
        actorId,
        action: req.routeOptions.config.audit ?? `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`,
        target: req.auditTarget ?? params?.id ?? null,
        ip: req.ip,
        outcome: reply.statusCode < 400 ? 'success' : 'failure',
        statusCode: reply.statusCode,
        detail: req.auditDetail ?? null,
      });
    } catch (err) {
      req.log.error({ err }, 'audit record failed');
      throw err;
    }
    return payload;
  });
}
