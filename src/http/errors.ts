import { createRequire } from 'node:module';
import type { Localize } from 'ajv-i18n/localize/types.js';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorCatalogue, type ErrorCode } from '../domain/errors.js';
import { isLostRace } from '../db/errors.js';
import { prefersEnglish } from './language.js';

// The package is CommonJS whose types declare an ES default export: required, as it really is.
const localizeZh = createRequire(import.meta.url)('ajv-i18n/localize/zh') as Localize;

interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string };
}

export function errorBody(req: Pick<FastifyRequest, 'headers'>, code: ErrorCode, field?: string, detail?: string): ErrorBody {
  const entry = errorCatalogue[code];
  const english = prefersEnglish(req);
  let message: string = english ? entry.en : entry.zh;
  if (field) message += english ? ` (field: ${field})` : `（字段：${field}）`;
  if (detail && !english) message += `：${detail}`;
  return { error: { code, message, ...(field ? { field } : {}) } };
}

/** Field named by a schema validation failure: `/phone`, or the missing or unlisted property. */
function validationField(err: FastifyError): string | undefined {
  const first = err.validation?.[0];
  if (!first) return undefined;
  const params = first.params as { missingProperty?: string; additionalProperty?: string } | undefined;
  const property = params?.missingProperty ?? params?.additionalProperty?.slice(0, 64);
  const path = first.instancePath.replace(/^\//, '').replaceAll('/', '.');
  return [path, property].filter(Boolean).join('.') || undefined;
}

/**
 * What a schema validation failure says, in the caller's language: Chinese from ajv-i18n
 * (“应当大于或等于 1”), or the validator's English.
 */
export function validationDetail(req: FastifyRequest, err: FastifyError): string {
  const first = err.validation?.[0];
  if (!first || prefersEnglish(req)) return err.message;
  const localized = [{ ...first }];
  localizeZh(localized);
  return localized[0]!.message ?? err.message;
}

/**
 * The client closed the connection before its request body was all sent (an upload cut off).
 * Nobody is left to read an answer and nothing failed here. Both signs are needed, so that a
 * reset of, say, the database connection during a complete request is still a server error.
 */
function clientWentAway(err: FastifyError, req: FastifyRequest): boolean {
  return (err.code === 'ECONNRESET' || err.code === 'ERR_STREAM_PREMATURE_CLOSE') && req.raw.readableAborted;
}

/** What Fastify's own refusals of a request body mean, in Chinese (its messages are English). */
const FRAMEWORK_DETAIL_ZH: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: '请求体不是有效的 JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: '内容类型为 application/json 时请求体不能为空',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: '不支持该内容类型（Content-Type），请发送 application/json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: '请求体的长度与 Content-Length 不符',
};

/** One handler turns every failure into the one JSON error shape. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply: FastifyReply) => {
    if (err instanceof AppError) return reply.status(err.status).send(errorBody(req, err.code, err.field, err.detail));
    if (err.validation) return reply.status(400).send(errorBody(req, 'VALIDATION_FAILED', validationField(err), validationDetail(req, err)));
    if (err.statusCode === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.status(413).send(errorBody(req, 'PAYLOAD_TOO_LARGE'));
    // The static file server's refusal of a path that climbs out of its folder: nothing is there.
    if (err.statusCode === 404 || err.statusCode === 403) return reply.status(404).send(errorBody(req, 'NOT_FOUND'));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const detail = FRAMEWORK_DETAIL_ZH[err.code] ?? err.message;
      return reply.status(err.statusCode).send(errorBody(req, 'VALIDATION_FAILED', undefined, detail));
    }
    if (clientWentAway(err, req)) {
      req.log.info({ code: err.code }, 'client closed the connection before the request was complete');
      return reply.status(400).send(errorBody(req, 'MALFORMED_REQUEST', undefined, '连接在请求发送完之前中断'));
    }
    if (isLostRace(err)) {
      req.log.warn({ code: err.code }, 'transaction lost a race to a concurrent one and was rolled back');
      return reply.status(409).send(errorBody(req, 'CONFLICT'));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody(req, 'INTERNAL'));
  });
}
