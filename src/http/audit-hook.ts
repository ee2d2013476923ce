import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { AuditRecord } from '../modules/audit/service.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A state-changing request: a write, or a read route that names its audit action (a sign-in callback). */
export function isCommand(method: string, auditAction: string | undefined): boolean {
  return !SAFE_METHODS.has(method) || auditAction !== undefined;
}

/** The audit row of a request as its handler left it: who, what, on what, from where, how it ended. */
export function auditRecordOf(req: FastifyRequest, reply: FastifyReply): AuditRecord {
  const params = req.params as Record<string, string> | undefined;
  return {
    actorId: req.auditActorId ?? (req.actor.kind === 'account' ? req.actor.id : null),
    action: req.routeOptions.config.audit ?? `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`,
    target: req.auditTarget ?? params?.id ?? null,
    ip: req.ip,
    outcome: reply.statusCode < 400 ? 'success' : 'failure',
    statusCode: reply.statusCode,
    detail: req.auditDetail ?? null,
  };
}

/**
 * Records every command before its response leaves: a client that got an answer can rely on
 * the audit row existing. A command that succeeded wrote its row inside its own transaction
 * (http/commands.ts); this hook writes the rest: refusals, failures, requests to no route.
 */
export function registerAuditTrail(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.audited || !isCommand(req.method, req.routeOptions.config.audit)) return payload;
    try {
      await ctx.audit.record(auditRecordOf(req, reply));
    } catch (err) {
      req.log.error({ err }, 'audit record failed');
      throw err;
    }
    return payload;
  });
}
