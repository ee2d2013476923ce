import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { decide, VISITOR, type AccountActor, type Action, type PolicyResource } from '../domain/policy.js';
import { safeEqual } from '../modules/accounts/secrets.js';

export const SESSION_COOKIE = 'shukai_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves who is calling (session cookie or API key) on every request, and demands the
 * CSRF token on every cookie-authenticated write.
 */
export function registerAuthentication(app: FastifyInstance, ctx: AppContext): void {
  // Objects cannot be decorator defaults (they would be shared); each request starts as a visitor.
  app.decorateRequest('actor', null as never);
  app.decorateRequest('authMethod', null);
  app.decorateRequest('sessionCookie', undefined);
  app.decorateRequest('csrfToken', undefined);
  app.decorateRequest('auditTarget', undefined);
  app.decorateRequest('auditDetail', undefined);
  app.decorateRequest('auditActorId', undefined);
  app.decorateRequest('audited', false);

  app.addHook('onRequest', async (req) => {
    req.actor = VISITOR;
    if (req.routeOptions.config.probe) return;
    const authorization = req.headers.authorization?.trim();
    // `Bearer key:secret`, or the bare token, as CKAN clients send their API token.
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : authorization?.startsWith('sk_') ? authorization : undefined;
    if (token !== undefined) {
      const [key, secret, ...more] = token.split(':');
      const actor = key && secret && more.length === 0 ? await ctx.apiKeys.authenticate(key, secret) : null;
      if (!actor) throw new AppError('INVALID_API_KEY');
      req.actor = actor;
      req.authMethod = 'apiKey';
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const session = await ctx.accounts.resolveSession(cookie);
    if (!session) return;
    req.actor = session.actor;
    req.authMethod = 'session';
    req.sessionCookie = cookie;
    req.csrfToken = session.csrfToken;
  });

  app.addHook('preHandler', async (req) => {
    if (req.authMethod !== 'session' || SAFE_METHODS.has(req.method)) return;
    const sent = req.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !safeEqual(sent, req.csrfToken ?? '')) throw new AppError('CSRF_FAILED');
  });

  // Facts cached per process (db/fact-cache.ts) follow the change watch, which on PostgreSQL
  // hears of a commit a moment after it: any write this process answers forgets them before
  // the answer leaves, so the client's next request reads what it just changed.
  app.addHook('onSend', async (req, _reply, payload) => {
    if (!SAFE_METHODS.has(req.method)) ctx.database.adapter.changes.touch();
    return payload;
  });
}

/** Asks the policy module and throws its reason when the answer is no. */
export function authorize(req: FastifyRequest, action: Action, resource?: PolicyResource): void {
  const decision = decide(req.actor, action, resource);
  if (decision !== true) throw new AppError(decision);
}

/** The signed-in account behind a request that the policy already let through. */
export function accountOf(req: FastifyRequest): AccountActor {
  if (req.actor.kind !== 'account') throw new AppError('UNAUTHENTICATED');
  return req.actor;
}

export function setSessionCookie(reply: FastifyReply, ctx: AppContext, value: string): void {
  reply.setCookie(SESSION_COOKIE, value, {
    path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.config.secureCookies, maxAge: 12 * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
