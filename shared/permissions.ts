import type { Role } from './schemas/roles.ts';

/** Every action a dashboard user may be allowed; the server enforces these, the web hides what is not allowed. */
export const PERMISSIONS = [
  'accounts:read',
  'accounts:fix_credentials',
  'accounts:relink',
  'accounts:edit_label',
  'accounts:add',
  'accounts:delete',
  'users:manage',
  'audit:read',
  'settings:stackone',
  'incidents:read',
  'incidents:act',
  'alerts:manage',
  'links:read',
  'links:revoke',
  'views:manage_shared',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const VIEWER: readonly Permission[] = ['accounts:read', 'incidents:read', 'links:read'];
const SUPPORT: readonly Permission[] = [
  ...VIEWER,
  'accounts:fix_credentials',
  'accounts:relink',
  'accounts:edit_label',
  'incidents:act',
  'links:revoke',
];
const MANAGER: readonly Permission[] = [...SUPPORT, 'accounts:add'];
const ADMIN: readonly Permission[] = [
  ...MANAGER,
  'accounts:delete',
  'users:manage',
  'audit:read',
  'settings:stackone',
  'alerts:manage',
  'views:manage_shared',
];

/** The roles table of ARCHITECTURE.md, written once. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  viewer: VIEWER,
  support: SUPPORT,
  manager: MANAGER,
  admin: ADMIN,
};

export const can = (role: Role | null | undefined, permission: Permission): boolean =>
  !!role && ROLE_PERMISSIONS[role].includes(permission);
