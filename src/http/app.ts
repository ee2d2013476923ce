import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AjvCompiler from '@fastify/ajv-compiler';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.js';
import { accountRoutes } from '../modules/accounts/routes.js';
import { apiKeyRoutes } from '../modules/api-keys/routes.js';
import { auditRoutes } from '../modules/audit/routes.js';
import { calendarRoutes } from '../modules/calendar/routes.js';
import { catalogRoutes } from '../modules/catalog/routes.js';
import { applicationRoutes } from '../modules/applications/routes.js';
import { agreementTemplateRoutes } from '../modules/applications/agreement-template-routes.js';
import { grantOutcomeRoutes } from '../modules/applications/grant-outcome-routes.js';
import { grantRoutes } from '../modules/applications/grant-routes.js';
import { harvestRoutes } from '../modules/harvest/routes.js';
import { attachmentRoutes } from '../modules/attachments/routes.js';
import { consultationRoutes } from '../modules/consultations/routes.js';
import { ckanRoutes } from '../modules/interop/ckan-routes.js';
import { dcatRoutes } from '../modules/interop/dcat-routes.js';
import { catalogChangeRoutes } from '../modules/interop/catalog-changes-routes.js';
import { departmentRoutes } from '../modules/departments/routes.js';
import { licenceRoutes } from '../modules/licence/routes.js';
import { notificationRoutes } from '../modules/notifications/routes.js';
import { pledgeRoutes } from '../modules/pledge/routes.js';
import { passwordResetRoutes } from '../modules/notifications/password-reset-routes.js';
import { resourceRoutes } from '../modules/resources/routes.js';
import { sourceRoutes } from '../modules/sources/routes.js';
import { sampleRoutes } from '../modules/resources/sample-routes.js';
import { searchRoutes } from '../modules/search/routes.js';
import { systemRoutes } from '../modules/system/routes.js';
import { userRoutes } from '../modules/users/routes.js';
import { verificationRoutes } from '../modules/verification/routes.js';
import { workflowRoutes } from '../modules/workflow/routes.js';
import { PROJECT_ROOT } from '../project-root.js';
import { API_DOCS_BRANDING, API_DOCS_DESCRIPTION, arrangeApiDocs } from './api-docs-branding.js';
import type { App } from './app-instance.js';
import { registerAuditTrail } from './audit-hook.js';
import { registerAuthentication } from './auth.js';
import { registerCommands } from './commands.js';
import { errorBody, registerErrorHandling } from './errors.js';
import { malformedRequests, registerQueryGuard } from './malformed-requests.js';
import { registerNulGuard } from './nul-guard.js';
import { registerSecurityHeaders } from './security-headers.js';
import './types.js';

const WEB_DIST = fileURLToPath(new URL('web/dist/', PROJECT_ROOT));

/**
 * Query strings, path parameters and headers arrive as text, so their schemas convert
 * ("20" → 20, one value → a list); a JSON body arrives typed and must match as sent: a null
 * never becomes "", a list never a single value.
 */
function useValidators(app: App): void {
  const build = AjvCompiler();
  // A query string's unknown parameters are dropped (http/closed-schemas.ts); a body's are refused.
  const converting = build({}, { customOptions: { removeAdditional: true, allErrors: false, coerceTypes: 'array' } });
  const exact = build({}, { customOptions: { removeAdditional: false, allErrors: false, coerceTypes: false } });
  app.setValidatorCompiler((route) => (route.httpPart === 'body' ? exact : converting)(route));
}

/** Builds the whole HTTP application on a context; `listen` is the caller's business. */
export async function buildApp(ctx: AppContext, opts: { logger?: boolean } = {}): Promise<App> {
  const app = Fastify({
    logger: opts.logger ? { level: ctx.config.logLevel } : false,
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 1024 * 1024,
    // During a graceful shutdown (main.ts), a request the process has already accepted is served
    // (with Connection: close), not answered 503: a balancer cannot tell that 503 from a failure
    // and must not resend a POST it has sent, so the request would be lost.
    return503OnClosing: false,
    ...malformedRequests,
  }).withTypeProvider<TypeBoxTypeProvider>();
  useValidators(app);

  registerErrorHandling(app);
  await registerSecurityHeaders(app, { https: ctx.config.secureCookies });
  registerNulGuard(app);
  registerQueryGuard(app);
  await app.register(cookie, { secret: ctx.config.secretKey.toString('hex') });
  await app.register(multipart, { limits: { fileSize: ctx.config.maxUploadMb * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: { title: '数开 Shukai 公共数据开放平台 API', version: '1.0.0', description: API_DOCS_DESCRIPTION },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'shukai_session' },
          apiKey: { type: 'http', scheme: 'bearer', description: '<key>:<secret>' },
        },
      },
    },
    // Only an OpenAPI 3 document is made here (the `openapi` option above).
    transformObject: (document) => arrangeApiDocs('openapiObject' in document ? document.openapiObject : document.swaggerObject),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', ...API_DOCS_BRANDING });

  registerAuthentication(app, ctx);
  registerAuditTrail(app, ctx);
  registerCommands(app, ctx);

  const modules = [
    systemRoutes, accountRoutes, verificationRoutes, departmentRoutes, apiKeyRoutes, userRoutes, auditRoutes, calendarRoutes,
    searchRoutes, catalogRoutes, resourceRoutes, harvestRoutes, licenceRoutes, consultationRoutes, attachmentRoutes, applicationRoutes, grantRoutes, grantOutcomeRoutes, workflowRoutes, ckanRoutes, dcatRoutes, catalogChangeRoutes,
    notificationRoutes, passwordResetRoutes, pledgeRoutes, sampleRoutes, agreementTemplateRoutes, sourceRoutes,
  ];
  for (const routes of modules) {
    await routes(app, ctx);
  }
  await serveWebApp(app);
  return app;
}

/**
 * The built portal, with every unknown non-API GET answered by index.html (client routing);
 * everything else that matches no route gets the JSON 404.
 */
async function serveWebApp(app: App): Promise<void> {
  const hasWeb = existsSync(WEB_DIST);
  if (hasWeb) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false });
  app.setNotFoundHandler((req, reply) => {
    if (!hasWeb || req.method !== 'GET' || req.url.startsWith('/api/')) return reply.status(404).send(errorBody(req, 'NOT_FOUND'));
    return reply.type('text/html').sendFile('index.html');
  });
}
