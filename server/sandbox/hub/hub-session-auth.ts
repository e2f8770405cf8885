import type { Context, MiddlewareHandler } from 'hono';
import type { SandboxContext } from '../context.ts';
import { stackOneError } from '../http/stackone-error.ts';
import type { ConnectSession } from '../model.ts';

export type HubEnv = { Variables: { session: ConnectSession } };

export const HUB_TOKEN_HEADER = 'x-hub-session-token';

/**
 * Resolves `x-hub-session-token` to a live connect session. A missing, unknown or expired token gets
 * 401: the Hub then logs "Token expired" and shows "No configured integrations available."
 *
 * PATCH is the exception. The Hub treats a 401/403 on `PATCH /hub/accounts/{id}` as success (it resolves
 * to null and fires onSuccess), so a session that expired while the user was editing would silently
 * drop the update. PATCH therefore gets 410 with a `statusCode` body, which the Hub shows as an alert.
 */
export function hubSessionAuth(ctx: SandboxContext): MiddlewareHandler<HubEnv> {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const session = ctx.store.getLiveSession(c.req.header(HUB_TOKEN_HEADER));
    if (!session) return sessionRejected(c);
    c.set('session', session);
    await next();
  };
}

function sessionRejected(c: Context) {
  if (c.req.method === 'PATCH')
    return stackOneError(c, 410, 'This connect session has expired. Ask for a new link and try again.');
  return stackOneError(c, 401, 'Invalid or expired connect session token');
}
