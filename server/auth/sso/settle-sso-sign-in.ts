import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Role } from '../../../shared/schemas/roles.ts';
import type { AppDeps } from '../../app-deps.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import { authSessions, authUsers } from '../../db/auth-schema.ts';
import { announceAuthChange } from '../actor-cache.ts';
import type { SsoAttempt } from './sso-attempt.ts';

/** The `error` better-auth put on its redirect to the error page, if the callback failed. */
function errorCodeOf(response: Response): string | null {
  const location = response.headers.get('location');
  if (!location) return null;
  try {
    return new URL(location, 'http://x').searchParams.get('error');
  } catch {
    return null;
  }
}

/**
 * After better-auth handled an IdP callback: applies the claim's role to a returning user (unless an
 * admin pinned one), disables a returning user whose groups no longer map to a role (ending their
 * sessions), and audits the sign-in, the refusal or the failed check.
 */
export async function settleSsoSignIn(
  deps: AppDeps,
  c: Context,
  attempt: SsoAttempt,
  response: Response,
): Promise<void> {
  const { db } = deps.database;
  const context = { method: 'sso', email: attempt.email, groups: attempt.groups };
  const userId = attempt.sessionUserId;
  if (userId) {
    let [row] = await db.select().from(authUsers).where(eq(authUsers.id, userId)).limit(1);
    if (!row) return;
    if (attempt.created) {
      await writeAudit(db, c, {
        action: 'user.created',
        outcome: 'success',
        actor: null,
        targetType: 'user',
        targetId: row.id,
        summary: { ...context, role: row.role },
      });
    } else if (row.roleSource === 'sso' && attempt.role && row.role !== attempt.role) {
      const previous = row.role;
      [row] = await db
        .update(authUsers)
        .set({ role: attempt.role, updatedAt: new Date() })
        .where(eq(authUsers.id, userId))
        .returning();
      if (!row) return;
      // The user's other sessions (and open event streams) must not keep the old role.
      await announceAuthChange(deps.auth, userId);
      await writeAudit(db, c, {
        action: 'user.sso_role_applied',
        outcome: 'success',
        actor: null,
        targetType: 'user',
        targetId: userId,
        summary: { ...context, previousRole: previous, role: row.role },
      });
    }
    await writeAudit(db, c, {
      action: 'auth.sign_in',
      outcome: 'success',
      actor: { id: row.id, email: row.email, role: row.role as Role },
      targetType: 'user',
      targetId: row.id,
      summary: { method: 'sso', roleSource: row.roleSource },
    });
    return;
  }

  const reason = attempt.refused ?? errorCodeOf(response) ?? 'unknown';
  await writeAudit(db, c, {
    action: 'auth.sign_in_failed',
    outcome: attempt.refused ? 'denied' : 'failure',
    actor: null,
    targetType: attempt.userId ? 'user' : undefined,
    targetId: attempt.userId ?? null,
    summary: { ...context, reason },
  });
  if (attempt.refused === 'no_role' && attempt.userId) {
    // Locked out at the IdP's word: disabled, and every open session ends now, not at its expiry.
    await db
      .update(authUsers)
      .set({ disabled: true, updatedAt: new Date() })
      .where(eq(authUsers.id, attempt.userId));
    await db.delete(authSessions).where(eq(authSessions.userId, attempt.userId));
    await announceAuthChange(deps.auth, attempt.userId);
    await writeAudit(db, c, {
      action: 'user.sso_disabled',
      outcome: 'success',
      actor: null,
      targetType: 'user',
      targetId: attempt.userId,
      summary: { ...context, reason },
    });
  }
}
