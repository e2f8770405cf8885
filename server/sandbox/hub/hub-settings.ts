import { Hono } from 'hono';
import type { HubEnv } from './hub-session-auth.ts';

/** `GET /hub/settings`: `existing_account_id` switches the Hub to edit mode when the host passed none. */
export function hubSettingsRoutes() {
  const app = new Hono<HubEnv>();
  app.get('/hub/settings', (c) => {
    const session = c.get('session');
    return c.json({
      enabled_features: [],
      ...(session.account_id && { existing_account_id: session.account_id }),
    });
  });
  return app;
}
