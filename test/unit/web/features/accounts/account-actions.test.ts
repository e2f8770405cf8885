import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, type Permission } from '../../../../../shared/permissions.ts';
import type { Role } from '../../../../../shared/schemas/roles.ts';
import {
  availableAccountActions,
  type AccountActionPlacement,
} from '../../../../../web/features/accounts/account-actions.ts';
import { account } from '../../../../support/mock-api.ts';

const ids = (role: Role, placement: AccountActionPlacement, deletedAt: string | null = null) =>
  availableAccountActions(account({ deletedAt }), placement, (p: Permission | undefined) =>
    p === undefined ? true : ROLE_PERMISSIONS[role].includes(p),
  ).map((a) => a.id);

describe('account actions', () => {
  it('offers an admin every action of its place, in display order', () => {
    expect(ids('admin', 'row')).toEqual([
      'open',
      'fix-credentials',
      'send-relink-link',
      'edit-label',
      'delete-account',
    ]);
    expect(ids('admin', 'page')).toEqual([
      'fix-credentials',
      'send-relink-link',
      'add-account-for-customer',
      'delete-account',
    ]);
  });

  it('hides what the role does not permit', () => {
    expect(ids('viewer', 'row')).toEqual(['open']);
    expect(ids('viewer', 'page')).toEqual([]);
    expect(ids('support', 'page')).toEqual(['fix-credentials', 'send-relink-link']);
    expect(ids('manager', 'page')).toEqual([
      'fix-credentials',
      'send-relink-link',
      'add-account-for-customer',
    ]);
  });

  it('offers only Open and adding another account for a deleted account', () => {
    expect(ids('admin', 'row', '2025-01-03T00:00:00.000Z')).toEqual(['open']);
    expect(ids('admin', 'page', '2025-01-03T00:00:00.000Z')).toEqual(['add-account-for-customer']);
  });

  it('gives every action something to do: a dialog, or an immediate step', () => {
    for (const action of availableAccountActions(account(), 'row', () => true)) {
      expect(Boolean(action.dialog) !== Boolean(action.onSelect)).toBe(true);
    }
  });
});
