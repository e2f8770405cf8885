import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role } from '../../../shared/schemas/roles.ts';

/** Why a sign-in with the IdP was refused after the IdP's answer was verified. */
export type SsoRefusal = 'no_role' | 'email_domain_not_allowed' | 'user_disabled';

/**
 * What better-auth's hooks learned while handling one IdP callback, for the route around it to act
 * on (role changes, disabling, audit): the hooks see the verified claims but not the request.
 */
export interface SsoAttempt {
  email?: string;
  groups?: string[];
  /** The user signing in again (absent on a first sign-in until the user is created). */
  userId?: string;
  /** The role the claim maps to (null: none) and, when allowed, the role the user gets. */
  claimRole?: Role | null;
  /** The email's domain may sign in (OIDC_ALLOWED_DOMAINS). */
  domainAllowed?: boolean;
  role?: Role;
  refused?: SsoRefusal;
  /** A user was created for this sign-in (just in time). */
  created?: boolean;
  /** The user a session was created for: the sign-in succeeded. */
  sessionUserId?: string;
}

const attempts = new AsyncLocalStorage<SsoAttempt>();

/** Runs one IdP callback with a fresh attempt record; answers the callback's result and the record. */
export async function withSsoAttempt<T>(run: () => Promise<T>): Promise<{ result: T; attempt: SsoAttempt }> {
  const attempt: SsoAttempt = {};
  const result = await attempts.run(attempt, run);
  return { result, attempt };
}

/** The attempt of the IdP callback being handled, if any. */
export const currentSsoAttempt = (): SsoAttempt | undefined => attempts.getStore();
