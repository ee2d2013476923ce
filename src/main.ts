import { loadConfig } from './config.js';
import { createContext, startBackgroundWork } from './context.js';
import { buildApp } from './http/app.js';
import { seedIfEmpty } from './seed/seed.js';
import { startupBanner } from './startup-banner.js';

/** `npm start`: migrate, seed an empty database, serve the portal and the API. */
const config = loadConfig();
const ctx = await createContext(config);
await seedIfEmpty(ctx);
const app = await buildApp(ctx, { logger: true });
await startBackgroundWork(ctx);
const address = await app.listen({ port: config.port, host: config.host });
process.stdout.write(await startupBanner(ctx, address));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => ctx.close()).finally(() => process.exit(0));
  });
}
