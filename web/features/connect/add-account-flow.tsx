import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { toast } from 'sonner';
import type { ConnectSessionResponse } from '../../../shared/schemas/connect-session.ts';
import { Button } from '../../components/ui/button.tsx';
import { DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '../../components/ui/dialog.tsx';
import { toApiError } from '../../lib/api-error.ts';
import { accountKeys, accountQueries } from '../../lib/queries/accounts.ts';
import { AddAccountForm } from './add-account-form.tsx';
import type { AddAccountFormInput, AddAccountFormValues } from './add-account-schema.ts';
import { HubSessionView } from './hub-session-view.tsx';

export interface AddAccountFlowProps {
  prefill?: Partial<AddAccountFormInput>;
  /** Closes the dialog, no questions asked (the account was added, or nothing was typed yet). */
  onClose: () => void;
  /** The user asks to close: asks first if they typed into the Hub. */
  onCancel?: () => void;
  onTyped?: () => void;
}

interface HubStep {
  session: ConnectSessionResponse;
  values: AddAccountFormValues;
}

/** The form, then the Hub in multiple mode for that customer, then the new account's page. */
export function AddAccountFlow({ prefill, onClose, onCancel = onClose, onTyped }: AddAccountFlowProps) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [hub, setHub] = useState<HubStep | null>(null);

  const onSuccess = async ({ id }: { id: string }) => {
    const owner = hub?.values.originOwnerName;
    toast.success('Account added', { description: owner ? `A new account for ${owner}` : undefined });
    void queryClient.invalidateQueries({ queryKey: accountKeys.lists() });
    // The index learns of the account from its webhook a moment later; the detail is read live from
    // StackOne, so a short retry covers the rare case where even that is not there yet.
    await queryClient.prefetchQuery({
      ...accountQueries.detail(id),
      retry: (failures, err) => failures < 4 && toApiError(err).status === 404,
      retryDelay: 750,
    });
    onClose();
    await navigate({ to: '/accounts/$accountId', params: { accountId: id } });
  };

  if (hub) {
    const { values } = hub;
    return (
      <>
        <DialogHeader>
          <DialogTitle>Add account</DialogTitle>
          <DialogDescription>
            {values.originOwnerName}
            {values.label ? ` · ${values.label}` : ''}: connect the account in the StackOne Hub.
          </DialogDescription>
        </DialogHeader>
        <HubSessionView
          session={hub.session}
          error={null}
          onRetry={() => setHub(null)}
          onSuccess={(account) => void onSuccess(account)}
          onClose={onCancel}
          onTyped={onTyped}
        />
      </>
    );
  }

  return (
    <>
      <DialogHeader>
        <DialogTitle>Add account</DialogTitle>
        <DialogDescription>
          Opens the StackOne Hub for this customer. A new account is always created; their existing ones stay
          as they are.
        </DialogDescription>
      </DialogHeader>
      <AddAccountForm
        prefill={prefill}
        onSessionCreated={(session, values) => setHub({ session, values })}
        footer={({ isPending }) => (
          <DialogFooter className="mt-2">
            <Button variant="outline" onClick={onClose} disabled={isPending}>
              Cancel
            </Button>
            <Button type="submit" disabled={isPending}>
              {isPending ? 'Opening the Hub…' : 'Continue'}
            </Button>
          </DialogFooter>
        )}
      />
    </>
  );
}
