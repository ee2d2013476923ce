import type { FastifyRequest } from 'fastify';

/** Chinese unless the client's first preference is English. */
export function prefersEnglish(req: Pick<FastifyRequest, 'headers'>): boolean {
  const first = (req.headers['accept-language'] ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en');
}
