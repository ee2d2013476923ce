/**
 * CKAN's Action API as its clients expect it, whatever the action: served at both
 * /api/action/<name> and /api/3/action/<name> (ckanapi uses the first, the CKAN harvester the
 * second), by GET with query parameters or POST with a JSON body, every answer in CKAN's
 * envelope `{ help, success, result }` or `{ help, success: false, error: { __type, message,
 * <field>: [..] } }` with CKAN's status codes: 409 for what the caller sent wrong, 403 for
 * access, 404 for what is not there, 400 for an action name CKAN would not know.
 */
import AjvCompiler from '@fastify/ajv-compiler';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../../domain/errors.js';
import type { App } from '../../http/app-instance.js';
import { errorBody, validationDetail } from '../../http/errors.js';

export const CKAN_PREFIXES = ['/api/action', '/api/3/action'] as const;
const TAGS = ['CKAN 兼容接口'];

/** A boolean in any form CKAN's asbool takes; read with {@link isTrue}. */
const TRUE = ['true', 'True', 'TRUE', '1', 'yes', 'Yes', 'on', 't', 'y'] as const;
const FALSE = ['false', 'False', 'FALSE', '0', 'no', 'No', 'off', 'f', 'n'] as const;
export const CkanBool = Type.Union([Type.Boolean(), Type.Literal(0), Type.Literal(1), ...[...TRUE, ...FALSE].map((v) => Type.Literal(v))], {
  description: 'true/True/1/yes 或 false/False/0/no',
});
export function isTrue(v: Static<typeof CkanBool> | undefined): boolean {
  return v === true || v === 1 || (TRUE as readonly unknown[]).includes(v);
}

/**
 * A count the caller may set too high: CKAN clamps such a `rows` or `limit` to its maximum
 * rather than refusing it, so any non-negative integer is taken and {@link clamp}ed.
 */
export const Count = (description: string) => Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description });
export function clamp(v: number | undefined, fallback: number, max: number): number {
  return Math.min(v ?? fallback, max);
}

/** The help link CKAN puts in every answer: help_show for the action asked. */
function helpOf(origin: string, name: string): string {
  return `${origin}/api/3/action/help_show?name=${encodeURIComponent(name)}`;
}

/** CKAN's error types for ours: what a CKAN client branches on. */
function errorType(code: ErrorCode, status: number): { __type: string; status: number } {
  if (code === 'NOT_FOUND') return { __type: 'Not Found Error', status: 404 };
  if (status === 401 || status === 403) return { __type: 'Authorization Error', status: 403 };
  if (status >= 500) return { __type: 'Internal Server Error', status: 500 };
  return { __type: 'Validation Error', status: 409 };
}

/** Every failure of an action in CKAN's shape, with the portal's message, error code and field. */
function ckanFailure(err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply, help: string) {
  // Fastify's own 4xx (a body that is not JSON, say) are the client's, as a schema violation is.
  const clientError = !(err instanceof AppError) && (Boolean(err.validation) || (err.statusCode ?? 500) < 500);
  const code: ErrorCode = err instanceof AppError ? err.code : err.statusCode === 404 ? 'NOT_FOUND' : clientError ? 'VALIDATION_FAILED' : 'INTERNAL';
  const status = err instanceof AppError ? err.status : err.validation ? 400 : (err.statusCode ?? 500);
  if (status >= 500) req.log.error({ err }, 'unhandled error');
  const field = err instanceof AppError ? err.field : validatedField(err);
  const detail = err instanceof AppError ? err.detail : err.validation ? validationDetail(req, err) : undefined;
  const { message } = errorBody(req, code, field, detail).error;
  const type = errorType(code, status);
  // CKAN's validation errors list messages per field, which clients (ckanapi) show as they are.
  const perField = type.__type === 'Validation Error' && field ? { [field]: [message] } : {};
  return reply.status(type.status).send({ help, success: false, error: { __type: type.__type, message, code, ...perField } });
}

/** The parameter a schema violation names: `/rows`, or the missing one. */
function validatedField(err: FastifyError): string | undefined {
  const first = err.validation?.[0];
  if (!first) return undefined;
  const missing = (first.params as { missingProperty?: string } | undefined)?.missingProperty;
  return missing ?? (first.instancePath.replace(/^\//, '').split('/')[0] || undefined);
}

/**
 * CKAN converts what its actions take, whichever way it came: ckanapi's command line posts
 * `rows=5` as the JSON string "5", and CKAN reads it as 5. A POST body here is converted the
 * same way ("5" → 5, "true" → true), where the portal's own API takes JSON as sent.
 */
const convertingBodies = AjvCompiler()({}, { customOptions: { removeAdditional: false, allErrors: false, coerceTypes: true } });

/**
 * A POST body as CKAN reads one (ckan/views/api.py): JSON; no body, or an empty one, as no
 * parameters; form fields, a repeated one as a list; and a form of one field with no value as
 * the JSON it is — what `curl -d '{"q":"…"}'` sends, as CKAN's own documentation does.
 */
function readBodiesAsCkan(scope: FastifyInstance): void {
  const json = scope.getDefaultJsonParser('error', 'error');
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if ((body as string).trim() === '') done(null, {});
    else json(req, body as string, done);
  });
  scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (req, body, done) => {
    const fields = [...new URLSearchParams(body as string)];
    if (fields.length === 1 && (fields[0]![1] === '' || fields[0]![1] === '1') && fields[0]![0].trim().startsWith('{')) {
      json(req, fields[0]![0], done);
      return;
    }
    const form: Record<string, string | string[]> = Object.create(null);
    for (const [key, value] of fields) {
      const before = form[key];
      form[key] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
    }
    done(null, { ...form });
  });
  scope.addHook('preValidation', async (req) => {
    if (req.body === undefined || req.body === null) req.body = {};
  });
}

export type RunAction<S extends TSchema> = (req: FastifyRequest, params: Static<S>) => Promise<unknown>;
export type DefineAction = <S extends TSchema>(name: string, summary: string, params: S, run: RunAction<S>) => void;

/**
 * The action registry for one app: `define` serves an action by GET and POST at both
 * prefixes under one schema; `finish` adds CKAN's answers for every other name, method and
 * path below the prefixes. `origin` gives the site's origin for the help link.
 */
export function ckanActions(app: App, origin: (req: FastifyRequest) => string): { define: DefineAction; finish: () => Promise<void> } {
  const names: string[] = [];
  const errorHandlerFor = (name: string) => (err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) => ckanFailure(err, req, reply, helpOf(origin(req), name));

  const define: DefineAction = (name, summary, params, run) => {
    names.push(name);
    const handler = async (req: FastifyRequest) => {
      // Validated against `params` by the route's schema, whichever way it came.
      const input = (req.method === 'POST' ? req.body ?? {} : req.query) as Static<typeof params>;
      return { help: helpOf(origin(req), name), success: true, result: await run(req, input) };
    };
    const errorHandler = errorHandlerFor(name);
    for (const prefix of CKAN_PREFIXES) {
      app.get(`${prefix}/${name}`, { schema: { tags: TAGS, summary, querystring: params }, errorHandler }, handler);
    }
    // In a scope of its own: the body parsers below are CKAN's, not the portal's.
    void app.register(async (scope) => {
      readBodiesAsCkan(scope);
      for (const prefix of CKAN_PREFIXES) {
        // CKAN clients send parameters of other CKAN versions, which CKAN passes over: kept open.
        scope.post(`${prefix}/${name}`, {
          schema: { tags: TAGS, summary, body: Type.Optional({ ...params, additionalProperties: true }) }, errorHandler, validatorCompiler: convertingBodies,
        }, handler);
      }
    });
  };

  const finish = async () => {
    const failure = (req: FastifyRequest, reply: FastifyReply, status: number, __type: string, message: string) =>
      reply.status(status).send({ help: helpOf(origin(req), (req.params as { name?: string }).name ?? ''), success: false, error: { __type, message } });
    const params = Type.Object({ name: Type.String({ maxLength: 100 }) });
    for (const prefix of CKAN_PREFIXES) {
      // Any other action name: CKAN's own answer for it.
      app.route({
        method: ['GET', 'POST'], url: `${prefix}/:name`,
        schema: { tags: TAGS, summary: '未提供的 CKAN 接口', params },
        handler: async (req, reply) => failure(req, reply, 400, 'Bad request - Action name not known',
          `不支持的接口：${(req.params as { name: string }).name}（提供的只读接口：${names.join('、')}）`),
      });
      app.route({
        method: ['PUT', 'PATCH', 'DELETE'], url: `${prefix}/:name`,
        schema: { tags: TAGS, summary: 'CKAN 接口只接受 GET 和 POST', params },
        handler: async (req, reply) => failure(req, reply.header('allow', 'GET, POST'), 405, 'Method Not Allowed', 'CKAN 接口只接受 GET 和 POST 请求'),
      });
    }
    // Deeper paths, or none: no action there, said in CKAN's envelope rather than the portal's.
    for (const prefix of CKAN_PREFIXES) {
      await app.register(async (scope) => {
        scope.setNotFoundHandler((req, reply) => failure(req, reply, 404, 'Not Found Error', '接口路径不存在：CKAN 接口的形式为 /api/3/action/<接口名>'));
      }, { prefix });
    }
  };
  return { define, finish };
}
