import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { logoSvg } from './catalog/logos.ts';
import type { SandboxContext } from './context.ts';
import { controlRoutes } from './control/routes.ts';
import { apiKeyAuth } from './http/api-key-auth.ts';
import { stackOneError } from './http/stackone-error.ts';
import { hubRoutes } from './hub/routes.ts';
import { platformRoutes } from './platform/routes.ts';

export function createSandboxApp(ctx: SandboxContext) {
  const app = new Hono();

  // The Hub runs on the customer's page, another origin: its custom headers need a CORS preflight.
  app.use(
    '/hub/*',
    cors({
      origin: '*',
      allowHeaders: ['content-type', 'x-hub-session-token', 'x-hub-version'],
      allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
    }),
  );

  // The control API is exempt from faults so that a test can always switch them off again.
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/_sandbox')) return next();
    return ctx.faults.middleware(c, next);
  });

  app.get('/', (c) =>
    c.json({
      name: 'Switchboard StackOne sandbox',
      docs: 'See README.md, section "The StackOne sandbox"',
      accounts: ctx.store.listAccounts().length,
      dialects: ctx.dialects.list(),
    }),
  );

  app.get('/logos/:file', (c) => {
    const svg = logoSvg(c.req.param('file').replace(/\.svg$/, ''));
    if (!svg) return stackOneError(c, 404, 'No logo for that provider');
    return c.body(svg, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' });
  });

  app.route('/', hubRoutes(ctx));

  const platform = new Hono();
  platform.use('*', apiKeyAuth(ctx.options.apiKey));
  platform.use('*', ctx.faults.rateLimit);
  platform.route('/', platformRoutes(ctx));

  const control = new Hono();
  control.use('*', apiKeyAuth(ctx.options.apiKey));
  control.route('/', controlRoutes(ctx));

  app.route('/_sandbox', control);
  app.route('/', platform);

  app.notFound((c) => stackOneError(c, 404, `Cannot ${c.req.method} ${c.req.path}`));
  app.onError((err, c) => {
    console.error('[sandbox]', err);
    return stackOneError(c, 500, 'Internal Server Error');
  });
  return app;
}
