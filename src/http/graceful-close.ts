import type { FastifyInstance } from 'fastify';

/**
 * Stops serving without dropping a request that has started: the listening socket closes at
 * once (a balancer's next connection is refused and goes to another process), idle keep-alive
 * connections close, and requests in flight finish — until `graceMs`, after which the
 * connections still open are cut.
 */
export async function closeGracefully(app: FastifyInstance, graceMs: number): Promise<void> {
  const deadline = setTimeout(() => {
    app.log.warn('requests still running at the shutdown deadline; closing their connections');
    app.server.closeAllConnections();
  }, graceMs);
  try {
    await app.close();
  } finally {
    clearTimeout(deadline);
  }
}
