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
    /** The command wrote its audit row in its own transaction (http/commands.ts). */
    audited: boolean;
  }
  interface FastifyContextConfig {
    /** The action name recorded in the audit trail for this route. */
    audit?: string;
    /** The handler opens its command itself (`runCommand`), after slow work no transaction should wait for. */
    ownsTransaction?: boolean;
    /** A load balancer's probe (/api/health, /api/ready): answered without resolving the caller, so it stays cheap and a stale cookie cannot fail it. */
    probe?: boolean;
  }
}
