import { getConnInfo } from '@hono/node-server/conninfo';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { SignInRequestSchema } from '../../shared/schemas/users.ts';
import type { AppDeps } from '../app-deps.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { userView } from '../auth/users.ts';
import { authUsers } from '../db/auth-schema.ts';
import { AppError } from '../http/app-error.ts';
import { zodFields } from '../http/validate.ts';

const ipOf = (c: Parameters<typeof getConnInfo>[0]) => {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
};

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
    .post('/sign-in/email', async (c) => {
      const body: unknown = await c.req.raw
        .clone()
        .json()
        .catch(() => null);
      const parsed = SignInRequestSchema.safeParse(body);
      if (!parsed.success) {
        throw new AppError('bad_request', 'Enter an email and a password', {
          fields: zodFields(parsed.error),
        });
      }
      const email = parsed.data.email.toLowerCase();
      const limited = deps.signInLimiter.check(ipOf(c), email);
      if (limited) {
        await writeAudit(db, c, {
          action: 'auth.sign_in_failed',
          outcome: 'denied',
          actor: null,
          summary: { email, reason: 'rate_limited' },
        });
        c.header('retry-after', String(limited.retryAfter));
        throw new AppError(
          'rate_limited',
          limited.reason === 'account'
            ? `Too many failed sign-ins for this account. Try again in ${limited.retryAfter} s.`
            : `Too many sign-in attempts from this address. Try again in ${limited.retryAfter} s.`,
        );
      }
      const [user] = await db.select().from(authUsers).where(eq(authUsers.email, email)).limit(1);
      if (user?.disabled) {
        await writeAudit(db, c, {
          action: 'auth.sign_in_failed',
          outcome: 'denied',
          actor: null,
          summary: { email, reason: 'disabled' },
        });
        throw new AppError('forbidden', 'This user is disabled. Ask an admin to enable it.');
      }
      const response = await deps.auth.handler(c.req.raw);
      if (!response.ok || !user) {
        deps.signInLimiter.recordFailure(email);
        await writeAudit(db, c, {
          action: 'auth.sign_in_failed',
          outcome: 'failure',
          actor: null,
          summary: { email },
        });
        throw new AppError('unauthenticated', 'Invalid email or password');
      }
      deps.signInLimiter.recordSuccess(email);
      await writeAudit(db, c, {
        action: 'auth.sign_in',
        outcome: 'success',
        actor: { id: user.id, email: user.email, role: user.role as never },
        targetType: 'user',
        targetId: user.id,
      });
      return withCookies(response, c.json({ user: userView(user) }, 200));
    })
    .post('/sign-out', async (c) => {
      const actor = c.get('actor');
      const response = await deps.auth.handler(c.req.raw);
      if (actor)
        await writeAudit(db, c, {
          action: 'auth.sign_out',
          outcome: 'success',
          targetType: 'user',
          targetId: actor.id,
        });
      return withCookies(response, c.json({ signedOut: true }, 200));
    })
    .get('/get-session', (c) => deps.auth.handler(c.req.raw))
    .all('/*', (c) => {
      throw new AppError('not_found', `No auth route ${c.req.method} ${c.req.path}`);
    });
}
