import type { FastifyRequest } from 'fastify';

/** The site's origin as the client reached it (behind a proxy, per TRUST_PROXY): CKAN and DCAT give absolute URLs. */
export function siteOrigin(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}
