import { ROLES, type Role } from '../../../shared/schemas/roles.ts';
import type { RoleMapping } from '../../config/env-oidc.ts';

/**
 * The groups in a claim: an array of strings, or one string. The claim is looked up by its full name
 * first (Auth0 names them as URLs, dots and all), then as a dotted path (`realm_access.roles`).
 */
export function claimGroups(claims: Record<string, unknown>, claim: string): string[] {
  let value: unknown = claims[claim];
  if (value === undefined && claim.includes('.')) {
    value = claim
      .split('.')
      .reduce<unknown>(
        (at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined),
        claims,
      );
  }
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string');
  return [];
}

/** The highest role any of the groups maps to (`*` maps everyone); null when none does. */
export function roleForGroups(groups: readonly string[], roleMap: readonly RoleMapping[]): Role | null {
  let best = -1;
  for (const { group, role } of roleMap) {
    if (group === '*' || groups.includes(group)) best = Math.max(best, ROLES.indexOf(role));
  }
  return best < 0 ? null : ROLES[best]!;
}

/** Whether the email's domain is one of `allowed` (every domain when the list is empty). */
export function emailDomainAllowed(email: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const at = email.lastIndexOf('@');
  return at > 0 && allowed.includes(email.slice(at + 1).toLowerCase());
}
