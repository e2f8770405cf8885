import { useNavigate } from '@tanstack/react-router';
import { Suspense, useState, type ReactNode } from 'react';
import type { Account } from '../../../shared/schemas/account.ts';
import { usePermissions } from '../../lib/use-me.ts';
import {
  availableAccountActions,
  type AccountAction,
  type AccountActionPlacement,
} from './account-actions.ts';

export interface UseAccountActions {
  actions: AccountAction[];
  run: (action: AccountAction) => void;
  /** The open action's dialog (or null); render it next to the menu or buttons. */
  dialog: ReactNode;
}

/**
 * The permitted actions for one account and the state of the dialog one of them opened. The
 * dialog stays mounted while closing so its exit and focus return happen normally.
 */
export function useAccountActions(
  account: Account,
  placement: AccountActionPlacement,
  options: { onDialogClosed?: () => void } = {},
): UseAccountActions {
  const can = usePermissions();
  const navigate = useNavigate();
  const [active, setActive] = useState<{ id: string; open: boolean } | null>(null);
  const actions = availableAccountActions(account, placement, can);

  const run = (action: AccountAction) => {
    if (action.dialog) setActive({ id: action.id, open: true });
    else action.onSelect(account, { navigate });
  };

  const current = active ? actions.find((a) => a.id === active.id) : undefined;
  const Dialog = current?.dialog;
  const dialog =
    Dialog && active ? (
      // The dialogs are lazy (see account-actions.ts): nothing shows until the first one's code is in.
      <Suspense fallback={null}>
        <Dialog
          account={account}
          open={active.open}
          onOpenChange={(open) => {
            setActive(open ? { id: active.id, open } : null);
            if (!open) options.onDialogClosed?.();
          }}
        />
      </Suspense>
    ) : null;
  return { actions, run, dialog };
}
