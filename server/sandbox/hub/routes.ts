import { Hono } from 'hono';
import type { SandboxContext } from '../context.ts';
import { stackOneError } from '../http/stackone-error.ts';
import { authLinkPageRoutes } from './auth-link-page.ts';
import { connectFramePageRoutes } from './connect-frame-page.ts';
import { connectScriptRoutes } from './connect-script.ts';
import { connectionAttemptRoutes } from './connection-attempts.ts';
import { guidePageRoutes } from './guide-page.ts';
import { hubAccountRoutes } from './hub-accounts.ts';
import { hubAssetRoutes } from './hub-assets.ts';
import { hubConnectorRoutes } from './hub-connectors.ts';
import { hubSessionAuth, type HubEnv } from './hub-session-auth.ts';
import { hubSettingsRoutes } from './hub-settings.ts';
import { oauthPageRoutes } from './oauth-pages.ts';

/**
 * Everything the real `@stackone/hub` talks to: the `/hub/*` API (session-token auth; CORS is applied in
 * app.ts), the OAuth popup and callback pages, the hosted auth-link page, the Hub's own bundle, and the
 * legacy Connect library (`/stackone/connect.js`) with the page it frames.
 */
export function hubRoutes(ctx: SandboxContext) {
  const hub = new Hono<HubEnv>();
  hub.use('/hub/*', hubSessionAuth(ctx));
  hub.route('/', hubSettingsRoutes());
  hub.route('/', hubConnectorRoutes(ctx));
  hub.route('/', hubAccountRoutes(ctx));
  hub.route('/', connectionAttemptRoutes(ctx));
  // Keeps unknown /hub paths away from the platform API's Basic auth (which would answer 401).
  hub.all('/hub/*', (c) => stackOneError(c, 404, `Cannot ${c.req.method} ${c.req.path}`));

  const app = new Hono();
  app.route('/', hub);
  app.route('/', oauthPageRoutes(ctx));
  app.route('/', authLinkPageRoutes(ctx));
  app.route('/', connectScriptRoutes(ctx));
  app.route('/', connectFramePageRoutes(ctx));
  app.route('/', guidePageRoutes());
  app.route('/', hubAssetRoutes());
  return app;
}
