import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, type Permission } from '../../../shared/permissions.ts';
import { ROLES, type Role } from '../../../shared/schemas/roles.ts';

// The roles table of ARCHITECTURE.md, written out by hand (not derived from the module under test).
const ALLOWED: Record<Permission, Record<Role, boolean>> = {
  'accounts:read': { viewer: true, support: true, manager: true, admin: true },
  'accounts:fix_credentials': { viewer: false, support: true, manager: true, admin: true },
  'accounts:relink': { viewer: false, support: true, manager: true, admin: true },
  'accounts:edit_label': { viewer: false, support: true, manager: true, admin: true },
  'accounts:add': { viewer: false, support: false, manager: true, admin: true },
  'accounts:delete': { viewer: false, support: false, manager: false, admin: true },
  'users:manage': { viewer: false, support: false, manager: false, admin: true },
  'audit:read': { viewer: false, support: false, manager: false, admin: true },
  'settings:stackone': { viewer: false, support: false, manager: false, admin: true },
  'incidents:read': { viewer: true, support: true, manager: true, admin: true },
  'incidents:act': { viewer: false, support: true, manager: true, admin: true },
  'alerts:manage': { viewer: false, support: false, manager: false, admin: true },
  'links:read': { viewer: true, support: true, manager: true, admin: true },
  'links:revoke': { viewer: false, support: true, manager: true, admin: true },
  'views:manage_shared': { viewer: false, support: false, manager: false, admin: true },
};

describe('can', () => {
  it('knows exactly the permissions of the written-out table', () => {
    expect([...PERMISSIONS].sort()).toEqual(Object.keys(ALLOWED).sort());
    expect([...ROLES]).toEqual(['viewer', 'support', 'manager', 'admin']);
  });

  const pairs = Object.entries(ALLOWED).flatMap(([permission, byRole]) =>
    Object.entries(byRole).map(([role, allowed]) => ({
      role: role as Role,
      permission: permission as Permission,
      allowed,
    })),
  );
  it.each(pairs)('$role may $permission: $allowed', ({ role, permission, allowed }) => {
    expect(can(role, permission)).toBe(allowed);
  });

  it('allows nothing without a role', () => {
    for (const permission of PERMISSIONS) {
      expect(can(null, permission)).toBe(false);
      expect(can(undefined, permission)).toBe(false);
    }
  });

  it('gives each role everything the role before it has', () => {
    for (const [i, role] of ROLES.entries()) {
      if (i === 0) continue;
      for (const permission of PERMISSIONS) {
        if (can(ROLES[i - 1], permission)) expect(can(role, permission)).toBe(true);
      }
    }
  });
});
