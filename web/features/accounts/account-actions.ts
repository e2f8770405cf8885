import type { useNavigate } from '@tanstack/react-router';
import {
  ExternalLinkIcon,
  KeyRoundIcon,
  LinkIcon,
  PencilIcon,
  PlusIcon,
  Trash2Icon,
  type LucideIcon,
} from 'lucide-react';
import { lazy, type ComponentType } from 'react';
import type { Permission } from '../../../shared/permissions.ts';
import type { Account } from '../../../shared/schemas/account.ts';
import type { AccountDialogProps } from '../../components/dialogs/dialog-props.ts';

// Each dialog (its form, validation and widgets) is loaded when first opened, not with the table:
// the accounts screen and every row's menu need only the action list. Render under <Suspense>.
const AddAccountForCustomerDialog = lazy(() =>
  import('../connect/add-account-dialog.tsx').then((m) => ({ default: m.AddAccountForCustomerDialog })),
);
const FixCredentialsDialog = lazy(() =>
  import('../connect/fix-credentials-dialog.tsx').then((m) => ({ default: m.FixCredentialsDialog })),
);
const SendRelinkLinkDialog = lazy(() =>
  import('../connect/send-relink-link-dialog.tsx').then((m) => ({ default: m.SendRelinkLinkDialog })),
);
const DeleteAccountDialog = lazy(() =>
  import('./actions/delete-account-dialog.tsx').then((m) => ({ default: m.DeleteAccountDialog })),
);
const EditLabelDialog = lazy(() =>
  import('./actions/edit-label-dialog.tsx').then((m) => ({ default: m.EditLabelDialog })),
);

export type AccountActionPlacement = 'row' | 'page';

interface AccountActionBase {
  id: string;
  /** Menu item / button text, also its accessible name. */
  label: string;
  icon: LucideIcon;
  /** Hidden from users without it (the server refuses them anyway). */
  permission?: Permission;
  /** Where it appears: the table row menu, the account page's action bar, or both. */
  placements: readonly AccountActionPlacement[];
  variant?: 'default' | 'destructive';
  /** Hidden for accounts it makes no sense for (e.g. already deleted). */
  isAvailable?: (account: Account) => boolean;
}

/** An action opens its dialog, or runs at once (navigation). */
export type AccountAction = AccountActionBase &
  (
    | { dialog: ComponentType<AccountDialogProps>; onSelect?: never }
    | {
        dialog?: never;
        onSelect: (account: Account, ctx: { navigate: ReturnType<typeof useNavigate> }) => void;
      }
  );

const isLive = (account: Account) => account.deletedAt === null;

/**
 * Every action on one account, in display order. A dialog is rendered outside the menu, so it owns
 * focus and Escape like any other dialog.
 */
export const ACCOUNT_ACTIONS: readonly AccountAction[] = [
  {
    id: 'open',
    label: 'Open',
    icon: ExternalLinkIcon,
    permission: 'accounts:read',
    placements: ['row'],
    onSelect: (account, { navigate }) =>
      void navigate({ to: '/accounts/$accountId', params: { accountId: account.id } }),
  },
  {
    id: 'fix-credentials',
    label: 'Fix credentials',
    icon: KeyRoundIcon,
    permission: 'accounts:fix_credentials',
    placements: ['row', 'page'],
    isAvailable: isLive,
    dialog: FixCredentialsDialog,
  },
  {
    id: 'send-relink-link',
    label: 'Send re-link link',
    icon: LinkIcon,
    permission: 'accounts:relink',
    placements: ['row', 'page'],
    isAvailable: isLive,
    dialog: SendRelinkLinkDialog,
  },
  {
    id: 'edit-label',
    label: 'Edit label',
    icon: PencilIcon,
    permission: 'accounts:edit_label',
    // The account page edits the label in place, next to it (InlineLabelEdit).
    placements: ['row'],
    isAvailable: isLive,
    dialog: EditLabelDialog,
  },
  {
    id: 'add-account-for-customer',
    label: 'Add account',
    icon: PlusIcon,
    permission: 'accounts:add',
    placements: ['page'],
    dialog: AddAccountForCustomerDialog,
  },
  {
    id: 'delete-account',
    label: 'Delete account',
    icon: Trash2Icon,
    permission: 'accounts:delete',
    placements: ['row', 'page'],
    variant: 'destructive',
    isAvailable: isLive,
    dialog: DeleteAccountDialog,
  },
];

/** The actions this user may run on this account, here. */
export function availableAccountActions(
  account: Account,
  placement: AccountActionPlacement,
  can: (permission: Permission | undefined) => boolean,
): AccountAction[] {
  return ACCOUNT_ACTIONS.filter(
    (a) => a.placements.includes(placement) && can(a.permission) && (a.isAvailable?.(account) ?? true),
  );
}
