import { PlusIcon, type LucideIcon } from 'lucide-react';
import type { ComponentType } from 'react';
import type { Permission } from '../../../shared/permissions.ts';
import type { ControlledDialogProps } from '../../components/dialogs/dialog-props.ts';
import { AddAccountDialog } from '../connect/add-account-dialog.tsx';

export interface AccountListAction {
  id: string;
  label: string;
  icon: LucideIcon;
  permission?: Permission;
  /** Hidden until a feature sets it. */
  dialog: ComponentType<ControlledDialogProps> | null;
}

/**
 * Buttons in the accounts page header. The add-account feature plugs its dialog in here:
 *   import { AddAccountDialog } from '../connect/add-account-dialog.tsx';  … dialog: AddAccountDialog,
 */
export const ACCOUNT_LIST_ACTIONS: readonly AccountListAction[] = [
  {
    id: 'add-account',
    label: 'Add account',
    icon: PlusIcon,
    permission: 'accounts:add',
    dialog: AddAccountDialog,
  },
];
