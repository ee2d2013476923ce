import type { Actor } from '../domain/policy.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** How the actor proved itself; only cookie sessions need a CSRF token. */
    authMethod: 'session' | 'apiKey' | null;
    sessionCookie: string | undefined;
    csrfToken: string | undefined;
    /** What the audit row names as the target, when the URL alone does not say. */
    auditTarget: string | undefined;
    auditDetail: string | undefined;
    /** Set by a handler that changed who is signed in (login, register). */
    auditActorId: string | undefined;
  }
  interface FastifyContextConfig {
    /** The action name recorded in the audit trail for this route. */
    audit?: string;
  }
}
