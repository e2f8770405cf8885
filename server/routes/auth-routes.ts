import { getConnInfo } from '@hono/node-server/conninfo';
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { SignInRequestSchema } from '../../shared/schemas/users.ts';
import type { AppDeps } from '../app-deps.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { announceAuthChange } from '../auth/actor-cache.ts';
import { userView } from '../auth/users.ts';
import { authAccounts, authUsers } from '../db/auth-schema.ts';
import { AppError } from '../http/app-error.ts';
import { zodFields } from '../http/validate.ts';

const ipOf = (c: Parameters<typeof getConnInfo>[0]) => {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
};

async function passwordMatches(deps: AppDeps, userId: string, password: string): Promise<boolean> {
  const [credential] = await deps.database.db
    .select({ hash: authAccounts.password })
    .from(authAccounts)
    .where(and(eq(authAccounts.userId, userId), eq(authAccounts.providerId, 'credential')))
    .limit(1);
  if (!credential?.hash) return false;
  const ctx = await deps.auth.$context;
  return ctx.password.verify({ hash: credential.hash, password });
}

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
      // Only someone who knows the password learns that the user is disabled.
      if (user?.disabled && (await passwordMatches(deps, user.id, parsed.data.password))) {
        await writeAudit(db, c, {
          action: 'auth.sign_in_failed',
          outcome: 'denied',
          actor: null,
          summary: { email, reason: 'disabled' },
        });
        throw new AppError('forbidden', 'This user is disabled. Ask an admin to enable it.');
      }
      // Through auth.api with only the checked fields: the same-origin guard has already vetted the
      // request, and better-auth's handler would refuse what that guard accepts (no Origin, with
      // Sec-Fetch-Site: same-origin), which would then count as a wrong password.
      const response = user?.disabled
        ? null
        : await deps.auth.api.signInEmail({
            body: { email, password: parsed.data.password },
            headers: c.req.raw.headers,
            asResponse: true,
          });
      if (response && !response.ok && response.status !== 401) {
        throw new AppError('internal', `Signing in failed (${response.status}): try again`);
      }
      if (!response?.ok || !user) {
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
    .all('/*', (c) => {
      throw new AppError('not_found', `No auth route ${c.req.method} ${c.req.path}`);
    });
}
