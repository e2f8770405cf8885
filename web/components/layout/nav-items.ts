import {
  ClipboardListIcon,
  LayoutListIcon,
  Link2Icon,
  SettingsIcon,
  UsersIcon,
  type LucideIcon,
} from 'lucide-react';
import type { Permission } from '../../../shared/permissions.ts';

export interface NavItem {
  to: string;
  label: string;
  icon: LucideIcon;
  /** Shown only to users with this permission. */
  permission?: Permission;
}

/** The main navigation; add a screen here once its route exists. */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/accounts', label: 'Accounts', icon: LayoutListIcon, permission: 'accounts:read' },
  { to: '/links', label: 'Links', icon: Link2Icon, permission: 'links:read' },
  { to: '/audit', label: 'Audit', icon: ClipboardListIcon, permission: 'audit:read' },
  { to: '/users', label: 'Users', icon: UsersIcon, permission: 'users:manage' },
  { to: '/settings/stackone', label: 'Settings', icon: SettingsIcon, permission: 'settings:stackone' },
];
