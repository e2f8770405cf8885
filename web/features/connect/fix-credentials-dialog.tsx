import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import type { AccountDialogProps } from '../../components/dialogs/dialog-props.ts';
import { Dialog, DialogDescription, DialogHeader, DialogTitle } from '../../components/ui/dialog.tsx';
import { invalidateAccount } from '../../lib/queries/accounts.ts';
import { createAccountConnectSession } from '../../lib/queries/connect-sessions.ts';
import { HubDialogContent } from './hub-dialog-content.tsx';
import { HubSessionView } from './hub-session-view.tsx';
import { useHubCloseGuard } from './use-hub-close-guard.tsx';
import { useOpenEffect } from './use-open-effect.ts';

/** The StackOne Hub in edit mode for one account, with a connect session made when the dialog opens. */
export function FixCredentialsDialog({ account, open, onOpenChange }: AccountDialogProps) {
  const queryClient = useQueryClient();
  const session = useMutation({
    mutationFn: () => createAccountConnectSession(account.id, { purpose: 'hub' }),
  });
  useOpenEffect(open, () => session.mutate());

  const close = () => onOpenChange(false);
  const guard = useHubCloseGuard(close);
  const onSuccess = () => {
    toast.success('Credentials updated', {
      description: `${account.originOwnerName} · ${account.providerName ?? account.provider}`,
    });
    void invalidateAccount(queryClient, account.id);
    close();
  };

  return (
    <Dialog open={open} onOpenChange={(next) => (next ? onOpenChange(true) : guard.requestClose())}>
      <HubDialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>Fix credentials</DialogTitle>
          <DialogDescription>
            {account.originOwnerName} · {account.providerName ?? account.provider}
            {account.label ? ` · ${account.label}` : ''}. The StackOne Hub updates this account in place.
          </DialogDescription>
        </DialogHeader>
        <HubSessionView
          session={session.data ?? null}
          error={session.error}
          onRetry={() => session.mutate()}
          accountId={account.id}
          onSuccess={onSuccess}
          onClose={guard.requestClose}
          onTyped={guard.onTyped}
        />
      </HubDialogContent>
      {guard.confirmation}
    </Dialog>
  );
}
