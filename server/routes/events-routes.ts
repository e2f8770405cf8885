import { Hono } from 'hono';
import type { AppDeps } from '../app-deps.ts';
import { readSession, requirePermission } from '../auth/session-middleware.ts';
import { watchSession } from '../auth/session-watch.ts';
import { streamEvents } from '../events/sse-stream.ts';
import { AppError } from '../http/app-error.ts';

/**
 * `GET /api/events`: the live event stream (account changes, sync progress) for the dashboard. It
 * lasts as long as the session that opened it: a sign-out, a disabled user, a new role or the
 * session's expiry ends it, in whichever console process the change happens.
 */
export function eventsRoutes(deps: AppDeps) {
  return new Hono().get('/', requirePermission('accounts:read'), async (c) => {
    const actor = c.get('actor');
    const headers = c.req.raw.headers;
    const ended = new AbortController();
    const watch = await watchSession(
      {
        userId: actor.id,
        read: () => readSession(deps.auth, headers, { refresh: false }),
        channel: deps.bus.internal,
      },
      () => ended.abort(),
    );
    if (!watch) throw new AppError('unauthenticated', 'Sign in to continue');
    return streamEvents(c, deps.bus, { signal: ended.signal, onEnd: watch.stop });
  });
}
