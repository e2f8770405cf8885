import { existsSync } from 'node:fs';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import type { AppDeps } from './app-deps.ts';
import { resolveClientAddress } from './auth/client-address.ts';
import { sameOriginOnly } from './auth/same-origin.ts';
import { loadActor } from './auth/session-middleware.ts';
import { AppError } from './http/app-error.ts';
import { API_MAX_BODY_BYTES, limitBody } from './http/body-limit.ts';
import { accountsFirstPaint } from './first-paint/accounts-first-paint.ts';
import { onError } from './http/on-error.ts';
import { securityHeaders } from './http/security-headers.ts';
import { accountsCsvRoutes } from './routes/accounts-csv-routes.ts';
import { accountsRoutes } from './routes/accounts-routes.ts';
import { customersRoutes } from './routes/customers-routes.ts';
import { viewsRoutes } from './routes/views-routes.ts';
import { alertDestinationsRoutes } from './routes/alert-destinations-routes.ts';
import { auditCsvRoutes, auditRoutes } from './routes/audit-routes.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { meRoutes } from './routes/me-routes.ts';
import { settingsRoutes } from './routes/settings-routes.ts';
import { setupRoutes } from './routes/setup-routes.ts';
import { usersRoutes } from './routes/users-routes.ts';
import { connectSessionsRoutes } from './routes/connect-sessions-routes.ts';
import { connectorsRoutes } from './routes/connectors-routes.ts';
import { eventsRoutes } from './routes/events-routes.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { incidentsRoutes } from './routes/incidents-routes.ts';
import { SANDBOX_DOCS_PATH, sandboxRoutes } from './routes/sandbox-routes.ts';
import { sandboxDocs } from './sandbox-demo/sandbox-docs.ts';
import { linksRoutes } from './routes/links-routes.ts';
import { shortLinkRoutes } from './links/short-link-routes.ts';
import { overviewRoutes } from './routes/overview-routes.ts';
import { webhookRoutes } from './webhooks/webhook-routes.ts';

/** The dashboard API; its type is what `hc<AppType>` in the web client is typed against. */
export function createApiRoutes(deps: AppDeps) {
  return (
    new Hono()
      // First, so that nothing below can read more of a body than the cap.
      .use(limitBody(API_MAX_BODY_BYTES, 'Request body'))
      // Order matters: refuse cross-origin state changes before anything runs, then load the actor.
      .use(sameOriginOnly(deps.config.publicUrl))
      // Customer data and session-bound answers must not sit in browser or proxy caches.
      .use(async (c, next) => {
        await next();
        if (!c.res.headers.has('cache-control')) c.header('cache-control', 'no-store');
      })
      // Before anything counts or records the client: the sign-in limiter and the audit log.
      .use(resolveClientAddress(deps.config.trustProxy))
      .use(loadActor(deps.auth, deps.bus))
      // Public: health checks, sign-in, first-run setup.
      .route('/', healthRoutes(deps))
      .route('/auth', authRoutes(deps))
      .route('/setup', setupRoutes(deps))
      // Each handler below declares its own permission (requirePermission on the handler, never a
      // .use() over a path), so a route cannot be added without deciding who may call it.
      .route('/me', meRoutes(deps))
      // Before /accounts, whose /:id would take `csv` for an account id.
      .route('/accounts/csv', accountsCsvRoutes(deps))
      .route('/accounts', accountsRoutes(deps))
      .route('/incidents', incidentsRoutes(deps))
      .route('/customers', customersRoutes(deps))
      .route('/views', viewsRoutes(deps))
      .route('/connect-sessions', connectSessionsRoutes(deps))
      .route('/connectors', connectorsRoutes(deps))
      .route('/events', eventsRoutes(deps))
      .route('/users', usersRoutes(deps))
      .route('/audit', auditRoutes(deps))
      .route('/audit.csv', auditCsvRoutes(deps))
      .route('/settings', settingsRoutes(deps))
      .route('/sandbox', sandboxRoutes(deps))
      .route('/links', linksRoutes(deps))
      .route('/overview', overviewRoutes(deps))
      .route('/alert-destinations', alertDestinationsRoutes(deps))
  );
}
export type AppType = ReturnType<typeof createApiRoutes>;

export function createApp(deps: AppDeps, options: { spaDir?: string; firstPaint?: boolean } = {}) {
  const app = new Hono();
  app.onError(onError);
  app.use(securityHeaders(deps.config));

  app.route('/webhooks', webhookRoutes(deps));
  app.route('/api', createApiRoutes(deps));
  app.all('/api/*', (c) => {
    throw new AppError('not_found', `No API route ${c.req.method} ${c.req.path}`);
  });
  // Short links handed to customers: before the SPA, whose fallback would answer any path.
  app.route('/l', shortLinkRoutes(deps));
  app.all('/l/*', (c) => c.notFound());

  app.get(SANDBOX_DOCS_PATH, sandboxDocs);

  const spaDir = options.spaDir;
  if (spaDir && existsSync(spaDir)) {
    // The SPA shell is revalidated on every visit, so a deploy is picked up at once.
    app.use('*', async (c, next) => {
      await next();
      const html = c.res.headers.get('content-type')?.startsWith('text/html');
      if (html && !c.res.headers.has('cache-control')) c.header('cache-control', 'no-cache');
    });
    // Vite names assets by content hash: they never change, so browsers may keep them for good.
    app.use('/assets/*', async (c, next) => {
      await next();
      if (c.res.ok) c.header('cache-control', 'public, max-age=31536000, immutable');
    });
    // The build writes each asset's .br and .gz beside it (web/build/precompress.ts): sent as they
    // are, no compression per request. compress() leaves an encoded answer alone and compresses an
    // asset the build did not.
    app.use('/assets/*', compress(), serveStatic({ root: spaDir, precompressed: true }));
    app.use('/*', serveStatic({ root: spaDir }));
    // A missing asset is a 404, not the SPA shell served as JavaScript.
    app.get('/assets/*', (c) => c.notFound());
    // The accounts list, the screen most visits start on, comes with its first rows drawn.
    if (options.firstPaint !== false)
      app.get('/accounts', loadActor(deps.auth, deps.bus), accountsFirstPaint(deps, spaDir));
    // Client-side routes (/accounts/123) get the SPA shell.
    app.get('*', compress(), serveStatic({ root: spaDir, path: 'index.html' }), (c) => c.notFound());
  }
  return app;
}
