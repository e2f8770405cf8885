import { Hono } from 'hono';
import { z } from 'zod';
import type { SandboxContext } from '../context.ts';
import { parseJsonBody } from '../http/parse-input.ts';
import { stackOneError } from '../http/stackone-error.ts';
import type { ConnectionAttempt, ConnectSession } from '../model.ts';
import type { SandboxStore } from '../state/store.ts';
import type { HubEnv } from './hub-session-auth.ts';

/** A pending attempt older than this reads as `expired` (the Hub itself gives up after 5 minutes). */
export const ATTEMPT_TTL_MS = 10 * 60_000;

/** The session's attempt, with a stale pending one turned `expired` on the way. */
export function findAttempt(
  store: SandboxStore,
  session: ConnectSession,
  id: string | undefined,
): ConnectionAttempt | undefined {
  const attempt = id ? store.attempts.get(id) : undefined;
  if (!attempt || attempt.token !== session.token) return undefined;
  if (attempt.status === 'pending' && Date.now() - Date.parse(attempt.created_at) > ATTEMPT_TTL_MS)
    attempt.status = 'expired';
  return attempt;
}

const CreateAttemptSchema = z.object({ token: z.string().optional() });

/** The OAuth handshake: the Hub creates an attempt, opens the popup, then polls the attempt. */
export function connectionAttemptRoutes(ctx: SandboxContext) {
  const app = new Hono<HubEnv>();

  app.post('/hub/connection_attempts', async (c) => {
    const session = c.get('session');
    const body = await parseJsonBody(c, CreateAttemptSchema);
    if (!body.ok) return body.response;
    // The Hub sends the token in the body as well as in the header; they must agree.
    if (body.data.token !== undefined && body.data.token !== session.token)
      return stackOneError(c, 400, 'token does not match x-hub-session-token');
    const attempt = ctx.store.createAttempt(session.token);
    return c.json({ id: attempt.id }, 201);
  });

  app.get('/hub/connection_attempts/:id', (c) => {
    const attempt = findAttempt(ctx.store, c.get('session'), c.req.param('id'));
    if (!attempt) return stackOneError(c, 404, 'Connection attempt not found');
    return c.json({
      status: attempt.status,
      account: attempt.account_id ? { id: attempt.account_id } : null,
      error: attempt.error,
    });
  });

  // Only a pending attempt can be cancelled; cancelling a finished one changes nothing.
  app.delete('/hub/connection_attempts/:id', (c) => {
    const attempt = findAttempt(ctx.store, c.get('session'), c.req.param('id'));
    if (!attempt) return stackOneError(c, 404, 'Connection attempt not found');
    if (attempt.status === 'pending') attempt.status = 'cancelled';
    return c.body(null, 204);
  });

  return app;
}
