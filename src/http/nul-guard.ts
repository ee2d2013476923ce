import type { FastifyInstance } from 'fastify';
import { AppError } from '../domain/errors.js';

/**
 * Refuses NUL characters anywhere in a request's address or JSON body. PostgreSQL text cannot
 * hold them (a query with one fails as a server error) and no real value contains one, so
 * both engines answer the same clear 400 instead.
 */
export function registerNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    if (/%00/.test(req.url) || hasNul(req.body)) throw new AppError('VALIDATION_FAILED', undefined, '请求中含有空字符（NUL），已拒绝');
  });
}

function hasNul(body: unknown): boolean {
  if (body === null || typeof body !== 'object') return false;
  try {
    return JSON.stringify(body).includes('\\u0000');
  } catch {
    return false; // nested too deep to write out: the route's own checks refuse such a body
  }
}
