import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.js';
import { probeRoutes } from '../modules/system/probes.js';
import type { App } from './app-instance.js';
import { errorBody, registerErrorHandling } from './errors.js';

/**
 * A worker process's only HTTP: /api/health and /api/ready, for its supervisor or monitoring.
 * The portal and the API are the API processes' business; a balancer never sends a worker requests.
 */
export async function buildProbeApp(ctx: AppContext, opts: { logger?: boolean } = {}): Promise<App> {
  const app = Fastify({ logger: opts.logger ? { level: ctx.config.logLevel } : false }).withTypeProvider<TypeBoxTypeProvider>();
  registerErrorHandling(app);
  await probeRoutes(app, ctx);
  app.setNotFoundHandler((req, reply) => reply.status(404).send(errorBody(req, 'NOT_FOUND')));
  return app;
}
