import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorCatalogue, type ErrorCode } from '../domain/errors.js';
import { prefersEnglish } from './language.js';

interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string };
}

export function errorBody(req: FastifyRequest, code: ErrorCode, field?: string, detail?: string): ErrorBody {
  const entry = errorCatalogue[code];
  const english = prefersEnglish(req);
  let message: string = english ? entry.en : entry.zh;
  if (field) message += english ? ` (field: ${field})` : `（字段：${field}）`;
  if (detail && !english) message += `：${detail}`;
  return { error: { code, message, ...(field ? { field } : {}) } };
}

/** Field named by a schema validation failure: `/phone`, or the missing property. */
function validationField(err: FastifyError): string | undefined {
  const first = err.validation?.[0];
  if (!first) return undefined;
  const missing = (first.params as { missingProperty?: string } | undefined)?.missingProperty;
  const path = first.instancePath.replace(/^\//, '').replaceAll('/', '.');
  return [path, missing].filter(Boolean).join('.') || undefined;
}

/** One handler turns every failure into the one JSON error shape. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply: FastifyReply) => {
    if (err instanceof AppError) return reply.status(err.status).send(errorBody(req, err.code, err.field, err.detail));
    if (err.validation) return reply.status(400).send(errorBody(req, 'VALIDATION_FAILED', validationField(err), err.message));
    if (err.statusCode === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.status(413).send(errorBody(req, 'PAYLOAD_TOO_LARGE'));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send(errorBody(req, err.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED', undefined, err.message));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody(req, 'INTERNAL'));
  });
}
