import { eq } from 'drizzle-orm';
import type { Role } from '../../../shared/schemas/roles.ts';
import type { OidcConfig } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import { authUsers } from '../../db/auth-schema.ts';
import { claimGroups, emailDomainAllowed, roleForGroups } from './role-mapping.ts';
import { currentSsoAttempt, type SsoAttempt, type SsoRefusal } from './sso-attempt.ts';

/** What each refusal tells the person at the sign-in page (their IdP groups are not named back). */
export const SSO_REFUSAL_MESSAGES: Record<SsoRefusal, string> = {
  no_role: 'Your identity provider groups give you no role in Switchboard',
  email_domain_not_allowed: 'Your email domain may not sign in to Switchboard',
  user_disabled: 'This user is disabled in Switchboard',
};

const refuse = (attempt: SsoAttempt, reason: SsoRefusal) => {
  attempt.refused = reason;
  return false as const;
};

/**
 * The generic OAuth plugin's `mapProfileToUser`: it sees the IdP's claims once better-auth has
 * verified the ID token (and, for claims only in userinfo, checked its `sub` against it). The
 * groups, the role they map to and the domain check are recorded on the attempt; the user fields
 * better-auth derives are left as they are.
 */
export function ssoReadClaims(oidc: OidcConfig) {
  return (profile: Record<string, unknown>) => {
    const attempt = currentSsoAttempt();
    if (attempt) {
      const email = typeof profile.email === 'string' ? profile.email.toLowerCase() : '';
      attempt.email = email;
      attempt.groups = claimGroups(profile, oidc.roleClaim);
      attempt.claimRole = roleForGroups(attempt.groups, oidc.roleMap);
      // The domain check trusts the email: one the IdP says it has not verified is not trusted.
      attempt.domainAllowed =
        emailDomainAllowed(email, oidc.allowedDomains) &&
        !(oidc.allowedDomains.length > 0 && profile.email_verified === false);
    }
    return {};
  };
}

/**
 * `databaseHooks.user.create.before`: a user created by an IdP sign-in (just in time) gets the
 * claim's role, or is not created when it maps to none. Returning false makes better-auth fail the
 * callback; the callback route then names the refusal.
 */
export async function ssoUserCreateBefore() {
  const attempt = currentSsoAttempt();
  if (!attempt) return;
  if (!attempt.domainAllowed) return refuse(attempt, 'email_domain_not_allowed');
  if (!attempt.claimRole) return refuse(attempt, 'no_role');
  attempt.role = attempt.claimRole;
  attempt.created = true;
  return { data: { role: attempt.role, roleSource: 'sso' } };
}

/**
 * `databaseHooks.session.create.before`: the last gate of an IdP sign-in, for a returning user too.
 * A disabled user, a domain no longer allowed, or groups that map to no role (unless an admin
 * pinned the role) get no session.
 */
export function ssoSessionCreateBefore(db: Db) {
  return async (session: { userId: string }) => {
    const attempt = currentSsoAttempt();
    if (!attempt) return;
    attempt.userId = session.userId;
    if (!attempt.domainAllowed) return refuse(attempt, 'email_domain_not_allowed');
    const [row] = await db.select().from(authUsers).where(eq(authUsers.id, session.userId)).limit(1);
    if (!row || row.disabled) return refuse(attempt, 'user_disabled');
    if (row.roleSource === 'pinned') attempt.role = row.role as Role;
    else if (attempt.claimRole) attempt.role = attempt.claimRole;
    else return refuse(attempt, 'no_role');
    attempt.sessionUserId = session.userId;
  };
}
