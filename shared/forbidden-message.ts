import { ROLE_PERMISSIONS, type Permission } from './permissions.ts';
import { ROLES, type Role } from './schemas/roles.ts';

/** What each permission lets a person do, in words that finish "… needs the X role". */
const DOING: Record<Permission, string> = {
  'accounts:read': 'Seeing accounts',
  'accounts:fix_credentials': 'Fixing credentials',
  'accounts:relink': 'Sending re-link links',
  'accounts:edit_label': 'Editing labels',
  'accounts:add': 'Adding accounts',
  'accounts:delete': 'Deleting accounts',
  'users:manage': 'Managing users',
  'audit:read': 'Reading the audit log',
  'settings:stackone': 'Changing the StackOne settings',
  'incidents:read': 'Seeing incidents',
  'incidents:act': 'Working on incidents',
  'alerts:manage': 'Managing alerts',
  'links:read': 'Seeing links',
  'links:revoke': 'Revoking links',
  'views:manage_shared': "Changing the team's shared views",
};

/** The least powerful role that has the permission (roles are ordered, each including the one before). */
export const lowestRoleWith = (permission: Permission): Role =>
  ROLES.find((role) => ROLE_PERMISSIONS[role].includes(permission)) ?? 'admin';

const article = (role: Role) => (role === 'admin' ? 'an' : 'a');

/**
 * The 403 message, in plain words: what needs which role, the role the person has, and who can help.
 * With several permissions (any of them would do), the one the lowest role has is named.
 */
export function forbiddenMessage(role: Role, permissions: readonly Permission[]): string {
  const needed = [...permissions].sort(
    (a, b) => ROLES.indexOf(lowestRoleWith(a)) - ROLES.indexOf(lowestRoleWith(b)),
  )[0];
  if (!needed)
    return `Your role (${role}) does not allow this. Ask an admin to change your role if you need it.`;
  const neededRole = lowestRoleWith(needed);
  return (
    `${DOING[needed]} needs the ${neededRole} role${neededRole === 'admin' ? '' : ' or higher'}; ` +
    `you are signed in as ${article(role)} ${role}. Ask an admin to change your role if you need it.`
  );
}
