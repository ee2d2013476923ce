import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { AppContext } from '../context.js';
import { auditRecordOf, isCommand } from './audit-hook.js';
import { closeObjects } from './closed-schemas.js';

/**
 * Every command a route serves runs as one unit of work (db/unit-of-work.ts): its handler,
 * every service it calls and its audit row share one transaction, so a crash or a refused
 * step leaves all of it or none of it. Routes get this without asking; a route whose handler
 * must first do slow work outside any transaction (receive a file, hash a password, call an
 * identity provider) says `ownsTransaction` and opens its command itself with `runCommand`.
 *
 * The same hook closes every route's request schemas (http/closed-schemas.ts).
 */
export function registerCommands(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const { schema } = route;
    if (schema?.body) schema.body = closeObjects(schema.body);
    if (schema?.querystring) schema.querystring = closeObjects(schema.querystring);
    const methods = [route.method].flat();
    if (route.config?.ownsTransaction || !methods.some((m) => isCommand(m, route.config?.audit))) return;
    const handler = route.handler;
    route.handler = function command(req, reply) {
      return runCommand(ctx, req, reply, async () => handler.call(this, req, reply));
    };
  });
}

/**
 * Runs a request's command in one transaction that also writes its audit row. An account's
 * command first checks, in that transaction, that the account still holds what it was
 * authorised with (AccountService.assertActorCurrent).
 */
export async function runCommand<T>(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  return ctx.database.unitOfWork.run(async () => {
    if (req.actor.kind === 'account') await ctx.accounts.assertActorCurrent(req.actor);
    const result = await work();
    await ctx.audit.record(auditRecordOf(req, reply));
    req.audited = true;
    return result;
  });
}
