import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { z } from 'zod';
import type { SignInRequestSchema, User } from '../../shared/schemas/users.ts';
import type { AppDeps } from '../app-deps.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { authAccounts, authUsers } from '../db/auth-schema.ts';
import { AppError } from '../http/app-error.ts';
import { userView } from './users.ts';

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

/**
 * Checks an email and password for the client at `address`, within the sign-in limits, and audits
 * the outcome. Answers the user and better-auth's response, whose Set-Cookie carries the session.
 * Every attempt that reaches a password check counts toward the account's lockout, whether the
 * account exists or not, so a lockout tells nothing about who exists. Input the shared schema
 * refuses (a password over 128 characters, a broken character) never gets here: no password like
 * it can be right, so it is no guess, checks nothing and counts toward nothing.
 */
export async function signInWithPassword(
  deps: AppDeps,
  c: Context,
  input: z.output<typeof SignInRequestSchema>,
  address: string,
): Promise<{ user: User; session: Response }> {
  const { db } = deps.database;
  const { email, password } = input;
  const { passwordSignIn, breakGlassEmail } = deps.config.auth;
  if (!passwordSignIn && email !== breakGlassEmail) {
    // Refused before any password is checked: nothing to guess, nothing counted.
    await writeAudit(db, c, {
      action: 'auth.sign_in_failed',
      outcome: 'denied',
      actor: null,
      summary: { email, reason: 'password_sign_in_off' },
    });
    throw new AppError('forbidden', 'Password sign-in is turned off: sign in with SSO');
  }
  const reservation = deps.signInLimiter.reserve(address, email);
  if ('refused' in reservation) {
    const { reason, retryAfter } = reservation.refused;
    await writeAudit(db, c, {
      action: 'auth.sign_in_failed',
      outcome: 'denied',
      actor: null,
      summary: { email, reason: 'rate_limited' },
    });
    c.header('retry-after', String(retryAfter));
    throw new AppError(
      'rate_limited',
      reason === 'account'
        ? `Too many failed sign-ins for this account. Try again in ${retryAfter} s.`
        : `Too many sign-in attempts from this address. Try again in ${retryAfter} s.`,
    );
  }
  const { attempt } = reservation;
  try {
    const [row] = await db.select().from(authUsers).where(eq(authUsers.email, email)).limit(1);
    if (row?.disabled) {
      // Only someone who knows the password learns that the user is disabled.
      if (await passwordMatches(deps, row.id, password)) {
        attempt.release();
        await writeAudit(db, c, {
          action: 'auth.sign_in_failed',
          outcome: 'denied',
          actor: null,
          summary: { email, reason: 'disabled' },
        });
        throw new AppError('forbidden', 'This user is disabled. Ask an admin to enable it.');
      }
    }
    // Through auth.api with only the checked fields: the same-origin guard has already vetted the
    // request, and better-auth's handler would refuse what that guard accepts (no Origin, with
    // Sec-Fetch-Site: same-origin), which would then count as a wrong password. An unknown email
    // goes through it too: it hashes the password anyway, so the answer takes as long.
    const session = row?.disabled
      ? null
      : await deps.auth.api.signInEmail({
          body: { email, password },
          headers: c.req.raw.headers,
          asResponse: true,
        });
    if (session && !session.ok && session.status !== 401) {
      throw new AppError('internal', `Signing in failed (${session.status}): try again`);
    }
    if (!row || !session?.ok) {
      attempt.failed();
      await writeAudit(db, c, {
        action: 'auth.sign_in_failed',
        outcome: 'failure',
        actor: null,
        summary: { email },
      });
      throw new AppError('unauthenticated', 'Invalid email or password');
    }
    attempt.succeeded();
    const user = userView(row);
    await writeAudit(db, c, {
      action: 'auth.sign_in',
      outcome: 'success',
      actor: { id: user.id, email: user.email, role: user.role },
      targetType: 'user',
      targetId: user.id,
    });
    return { user, session };
  } finally {
    // Settled above unless something threw before a password was judged: then nothing counts.
    attempt.release();
  }
}
