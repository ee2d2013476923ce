import type { FastifyRequest } from 'fastify';

/**
 * The site's origin for the absolute URLs of the CKAN and DCAT answers: the configured public
 * origin, or else the one the client reached (behind a proxy, per SHUKAI_TRUST_PROXY).
 */
export function siteOrigin(req: FastifyRequest, publicUrl: string | undefined): string {
  return publicUrl ?? `${req.protocol}://${req.host}`;
}
