import { STATUS_CODES } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyServerOptions } from 'fastify';
import { AppError, errorCatalogue, type ErrorCode } from '../domain/errors.js';
import { errorBody } from './errors.js';

const NOT_PERCENT_ENCODED = '地址中的字符须按 UTF-8 百分号编码（如 encodeURIComponent 的结果）';

/** Why the request could not be read, where the cause is worth telling the caller. */
const DETAIL: Record<string, string> = {
  FST_ERR_BAD_URL: NOT_PERCENT_ENCODED, // the router cannot decode a %-escape: `%C3%28` is no UTF-8
  FST_ERR_MAX_PARAM_LENGTH: '地址中有一段过长',
  HPE_INVALID_URL: NOT_PERCENT_ENCODED, // raw bytes beyond ASCII in the request line
  // A raw space ends the address early, and what follows is no protocol version.
  HPE_INVALID_CONSTANT: '请求行格式有误：地址中的空格须编码为 %20（或 +）',
};

/** CKAN's Action API (interop/ckan-envelope.ts): its clients read no answer but CKAN's envelope. */
const CKAN_ACTION = /^\/api(?:\/3)?\/action(?:[/?]|$)/;

/**
 * The refusal for a request to `target`: the portal's error shape, or under CKAN's Action API
 * CKAN's envelope with its status for what the caller sent wrong (409, as its Validation Error).
 */
function refusal(target: string, host: string | undefined, status: number, body: ReturnType<typeof errorBody>): { status: number; body: object } {
  if (!CKAN_ACTION.test(target)) return { status, body };
  const help = `${host ? `http://${host}` : ''}/api/3/action/help_show?name=`;
  return { status: 409, body: { help, success: false, error: { __type: 'Validation Error', message: body.error.message, code: body.error.code } } };
}

/**
 * The Accept-Language of a request the HTTP parser gave up on, read from the bytes it had, so
 * the answer is still in the caller's language (the parser stopped before making headers).
 */
function rawHeaders(packet: Buffer | undefined): { headers: Record<string, string>; target: string; host: string | undefined } {
  const text = packet?.toString('latin1') ?? '';
  const language = /\r\naccept-language:[ \t]*([^\r\n]*)/i.exec(text)?.[1];
  return {
    headers: language ? { 'accept-language': language } : {},
    target: /^[A-Z]+ (\S*)/.exec(text)?.[1] ?? '',
    host: /\r\nhost:[ \t]*([\w.:[\]-]+)/i.exec(text)?.[1],
  };
}

/**
 * Fastify options for requests refused before any route, hook or error handler runs, which
 * Fastify and Node would otherwise answer in their own English JSON: the router's failures
 * (`frameworkErrors`) and the HTTP parser's (`clientErrorHandler`, in place of Fastify's default).
 * Spread into the Fastify constructor; both answer the one error shape.
 */
export const malformedRequests: Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'> = {
  // The reply typed plainly: the option's generic reply type would refuse our body.
  frameworkErrors(err, req, reply: FastifyReply) {
    req.log.debug({ err }, 'malformed request');
    const { status, body } = refusal(req.url, req.host, 400, errorBody(req, 'MALFORMED_REQUEST', undefined, DETAIL[err.code]));
    reply.status(status).send(body);
  },

  clientErrorHandler(this: FastifyInstance, err, socket) {
    // A reset connection has nobody to answer (as in Fastify's own handler).
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    this.log.debug({ err }, 'unparsable request');
    const code: ErrorCode = err.code === 'HPE_HEADER_OVERFLOW' ? 'HEADERS_TOO_LARGE' : 'MALFORMED_REQUEST';
    // Node hands over the raw bytes as a Buffer, whatever Fastify's types say.
    const raw = rawHeaders(err.rawPacket as unknown as Buffer | undefined);
    const refused = refusal(raw.target, raw.host, errorCatalogue[code].status, errorBody(raw, code, undefined, DETAIL[err.code]));
    const body = JSON.stringify(refused.body);
    const status = refused.status;
    if (socket.writable) {
      socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n`
        + `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    }
    socket.destroy(err);
  },
};

/**
 * Refuses a query string that is not well-formed UTF-8 percent-encoding: a `%` not followed by
 * two hex digits (`?q=%zz`, `?q=100%`), or escapes that decode to no UTF-8 (`?q=%E4`, `%C3%28`).
 * The router decodes the path strictly (FST_ERR_BAD_URL above) but leaves such a query as it
 * is, so a search for `%E4` would quietly look for something nobody typed. Thrown, not
 * answered here, so that each route family's own error handler presents it (CKAN's envelope).
 */
export function registerQueryGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    const at = req.url.indexOf('?');
    if (at < 0) return;
    try {
      decodeURIComponent(req.url.slice(at + 1));
    } catch {
      throw new AppError('MALFORMED_REQUEST', undefined, '查询参数中的“%”须后接两位十六进制数，且按 UTF-8 百分号编码（如 encodeURIComponent 的结果）');
    }
  });
}
