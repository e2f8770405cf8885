import { existsSync } from 'node:fs';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { AppDeps } from './app-deps.ts';
import { AppError } from './http/app-error.ts';
import { onError } from './http/on-error.ts';
import { accountsRoutes } from './routes/accounts-routes.ts';
import { connectSessionsRoutes } from './routes/connect-sessions-routes.ts';
import { connectorsRoutes } from './routes/connectors-routes.ts';
import { eventsRoutes } from './routes/events-routes.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { webhookRoutes } from './webhooks/webhook-routes.ts';

/** The dashboard API; its type is what `hc<AppType>` in the web client is typed against. */
export function createApiRoutes(deps: AppDeps) {
  return new Hono()
    .route('/', healthRoutes(deps))
    .route('/accounts', accountsRoutes(deps))
    .route('/connect-sessions', connectSessionsRoutes(deps))
    .route('/connectors', connectorsRoutes(deps))
    .route('/events', eventsRoutes(deps));
}
export type AppType = ReturnType<typeof createApiRoutes>;

export function createApp(deps: AppDeps, options: { spaDir?: string } = {}) {
  const app = new Hono();
  app.onError(onError);

  app.route('/webhooks', webhookRoutes(deps));
  app.route('/api', createApiRoutes(deps));
  app.all('/api/*', (c) => {
    throw new AppError('not_found', `No API route ${c.req.method} ${c.req.path}`);
  });

  const spaDir = options.spaDir;
  if (spaDir && existsSync(spaDir)) {
    app.use('/*', serveStatic({ root: spaDir }));
    // Client-side routes (/accounts/123) get the SPA shell.
    app.get('*', serveStatic({ root: spaDir, path: 'index.html' }));
  }
  return app;
}
