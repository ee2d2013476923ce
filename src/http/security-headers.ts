import helmet from '@fastify/helmet';
import type { App } from './app-instance.js';

/**
 * The headers every answer carries, the portal, the API docs and file downloads alike.
 *
 * The content policy allows only the portal's own scripts: the built web app and Swagger UI
 * load theirs from files, never inline. Styles may be inline because Ant Design and Swagger
 * UI write them at run time; images may be data: and blob: URLs (ECharts' exports, the docs'
 * logo). No page may be framed (clickjacking of the review and key pages), and no address
 * leaves the portal in a Referer beyond its origin.
 *
 * HSTS and the upgrade of insecure requests only make sense behind HTTPS, which
 * `SHUKAI_SECURE_COOKIES=1` declares; on plain HTTP they would lock a browser out.
 */
export async function registerSecurityHeaders(app: App, opts: { https: boolean }): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(opts.https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: opts.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
}
