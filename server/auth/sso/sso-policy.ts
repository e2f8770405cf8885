import { eq } from 'drizzle-orm';
import type { OidcConfig } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import { authUsers } from '../../db/auth-schema.ts';
import { OIDC_PROVIDER_ID } from './oidc-provider-id.ts';
import { claimGroups, emailDomainAllowed, roleForGroups } from './role-mapping.ts';
import { currentSsoAttempt, type SsoRefusal } from './sso-attempt.ts';

/** What each refusal tells the person at the sign-in page (their IdP groups are not named back). */
export const SSO_REFUSAL_MESSAGES: Record<SsoRefusal, string> = {
  no_role: 'Your identity provider groups give you no role in Switchboard',
  email_domain_not_allowed: 'Your email domain may not sign in to Switchboard',
  user_disabled: 'This user is disabled in Switchboard',
};

interface ValidateInput {
  user: { id?: unknown; email?: unknown };
  source: {
    method: string;
    action: string;
    oauth?: { providerId: string; profile?: Record<string, unknown> };
  };
}

/**
 * better-auth's `user.validateUserInfo`: the gate every user provisioning and IdP sign-in passes,
 * with the IdP's verified claims. It decides the role from OIDC_ROLE_MAP (or the admin's pin) and
 * refuses what may not sign in; the decision is recorded on the attempt for the callback route.
 * Anything that is not our IdP (an admin creating a password user) passes untouched.
 */
export function ssoValidateUserInfo(oidc: OidcConfig | null, db: Db) {
  return async ({ user, source }: ValidateInput) => {
    if (source.method !== 'oauth') return;
    const attempt = currentSsoAttempt();
    // Only the IdP callback route runs OAuth sign-ins; anything else fails closed.
    if (!oidc || source.oauth?.providerId !== OIDC_PROVIDER_ID || !attempt) {
      return { error: 'sso_not_enabled', errorDescription: 'This sign-in method is not enabled' };
    }
    const refuse = (reason: SsoRefusal) => {
      attempt.refused = reason;
      return { error: reason, errorDescription: SSO_REFUSAL_MESSAGES[reason] };
    };
    const email = String(user.email ?? '').toLowerCase();
    const groups = claimGroups(source.oauth.profile ?? {}, oidc.roleClaim);
    const claimRole = roleForGroups(groups, oidc.roleMap);
    Object.assign(attempt, { email, groups, claimRole });
    if (source.action === 'sign-in' && typeof user.id === 'string') attempt.userId = user.id;

    if (!emailDomainAllowed(email, oidc.allowedDomains)) return refuse('email_domain_not_allowed');
    // The domain check trusts the email: one the IdP says it has not verified is not trusted.
    if (oidc.allowedDomains.length > 0 && source.oauth.profile?.email_verified === false)
      return refuse('email_domain_not_allowed');

    if (attempt.userId) {
      const [row] = await db.select().from(authUsers).where(eq(authUsers.id, attempt.userId)).limit(1);
      if (row?.disabled) return refuse('user_disabled');
      if (row?.roleSource === 'pinned') {
        attempt.role = row.role as typeof claimRole & string;
        return;
      }
    }
    if (!claimRole) return refuse('no_role');
    attempt.role = claimRole;
  };
}

/** `databaseHooks.user.create.before`: a user created by an IdP sign-in gets the claim's role. */
export async function ssoUserCreateBefore() {
  const attempt = currentSsoAttempt();
  if (!attempt?.role) return;
  attempt.created = true;
  return { data: { role: attempt.role, roleSource: 'sso' } };
}

/** `databaseHooks.session.create.before`: records whom an IdP sign-in signed in. */
export async function ssoSessionCreateBefore(session: { userId: string }) {
  const attempt = currentSsoAttempt();
  if (attempt) attempt.sessionUserId = session.userId;
}
