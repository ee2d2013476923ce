import { loadConfig } from './config.js';
import { createContext, startBackgroundWork } from './context.js';
import { buildApp } from './http/app.js';
import { closeGracefully } from './http/graceful-close.js';
import { buildProbeApp } from './http/probe-app.js';
import { seedIfEmpty } from './seed/seed.js';
import { startupBanner } from './startup-banner.js';

/**
 * `npm start` (SHUKAI_ROLE=all): migrate, seed an empty database, serve the portal and the API,
 * run the jobs. SHUKAI_ROLE=api serves without running jobs; SHUKAI_ROLE=worker (`npm run worker`)
 * runs jobs and answers only /api/health and /api/ready (docs/deployment.md).
 */
const config = loadConfig();
const ctx = await createContext(config);
const worker = config.role === 'worker';
// Seeding is the serving processes' business: a worker never finds a portal to fill.
if (!worker) await seedIfEmpty(ctx);
const app = worker ? await buildProbeApp(ctx, { logger: true }) : await buildApp(ctx, { logger: true });
await startBackgroundWork(ctx);

/**
 * SIGTERM (systemd, a supervisor) or SIGINT: answer not ready at once, hand a running job back
 * to the queue, keep serving for SHUKAI_SHUTDOWN_DELAY_SECONDS (a polling balancer's time to
 * notice), then stop accepting connections and let requests in flight finish, within
 * SHUKAI_SHUTDOWN_SECONDS; close the pools and exit 0. A second signal ends the process at once.
 */
async function shutDown(signal: NodeJS.Signals): Promise<void> {
  const graceMs = config.shutdownSeconds * 1000;
  const delayMs = config.shutdownDelaySeconds * 1000;
  app.log.info({ signal, delayMs }, 'shutting down');
  ctx.readiness.shutDown();
  ctx.scheduler.stop();
  // Should closing itself hang (a pool that never drains), the process still ends.
  setTimeout(() => process.exit(1), delayMs + graceMs + 10_000).unref();
  const serving = new Promise((resolve) => setTimeout(resolve, delayMs)).then(() => closeGracefully(app, graceMs));
  await Promise.all([serving, ctx.jobRunner.stop(graceMs)]);
  await ctx.close(graceMs);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    void shutDown(signal).then(() => process.exit(0), (err: unknown) => {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    });
  });
}

// The signal handlers are in place before the port opens: a SIGTERM that follows the first
// answered request (while the banner still counts the catalog) must not find Node's default,
// which ends the process at once.
const address = await app.listen({ port: config.port, host: config.host });
process.stdout.write(worker ? `数开 Shukai 任务进程已启动，健康检查 ${address}/api/ready\n` : await startupBanner(ctx, address));
