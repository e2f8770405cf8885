import { ROLES, type Role } from '../../../shared/schemas/roles.ts';

export const ROLE_LABELS: Record<Role, string> = {
  viewer: 'Viewer',
  support: 'Support',
  manager: 'Manager',
  admin: 'Admin',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: 'Reads everything',
  support: 'Fixes credentials, sends re-link links, edits labels',
  manager: 'Support, plus adds accounts',
  admin: 'Everything, plus deletes accounts, manages users, reads the audit log',
};

export { ROLES };
