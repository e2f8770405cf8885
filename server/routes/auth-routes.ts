import { Hono } from 'hono';
import { SignInRequestSchema } from '../../shared/schemas/users.ts';
import type { AppDeps } from '../app-deps.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { announceAuthChange } from '../auth/actor-cache.ts';
import { UNKNOWN_CLIENT } from '../auth/client-address.ts';
import { signInWithPassword } from '../auth/sign-in.ts';
import { AppError } from '../http/app-error.ts';
import { validate } from '../http/validate.ts';
import { ssoRoutes } from './sso-routes.ts';

/** Copies better-auth's Set-Cookie headers onto our own response. */
function withCookies(from: Response, to: Response): Response {
  for (const cookie of from.headers.getSetCookie()) to.headers.append('set-cookie', cookie);
  return to;
}

/**
 * better-auth behind the console's own front door: only sign-in, sign-out and get-session are
 * reachable; sign-in is rate limited, audited, refused for disabled users, and answers the user
 * without the session token (which stays in the HttpOnly cookie).
 */
export function authRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono()
    .post('/sign-in/email', validate('json', SignInRequestSchema), async (c) => {
      const address = c.get('clientAddress') ?? UNKNOWN_CLIENT;
      const { user, session } = await signInWithPassword(deps, c, c.req.valid('json'), address);
      return withCookies(session, c.json({ user }, 200));
    })
    .post('/sign-out', async (c) => {
      const actor = c.get('actor');
      // Through auth.api rather than the handler, which refuses a POST without a JSON content type
      // (and the session would silently stay valid).
      const response = await deps.auth.api.signOut({ headers: c.req.raw.headers, asResponse: true });
      if (!response.ok) throw new AppError('internal', 'Signing out failed: try again');
      // The session is gone: no console process may still answer its actor from the cache.
      if (actor) await announceAuthChange(deps.auth, actor.id);
      if (actor)
        await writeAudit(db, c, {
          action: 'auth.sign_out',
          outcome: 'success',
          targetType: 'user',
          targetId: actor.id,
        });
      return withCookies(response, c.json({ signedOut: true }, 200));
    })
    .get('/get-session', async (c) => {
      const response = await deps.auth.handler(c.req.raw);
      if (!response.ok) return response;
      const body = (await response.json()) as { session?: Record<string, unknown> } | null;
      // The token stays in the HttpOnly cookie: a script never gets to read it.
      if (body?.session) delete body.session.token;
      return withCookies(response, c.json(body, 200));
    })
    .route('/', ssoRoutes(deps))
    .all('/*', (c) => {
      throw new AppError('not_found', `No auth route ${c.req.method} ${c.req.path}`);
    });
}
