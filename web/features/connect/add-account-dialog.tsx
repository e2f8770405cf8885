import type { AccountDialogProps, ControlledDialogProps } from '../../components/dialogs/dialog-props.ts';
import { Dialog } from '../../components/ui/dialog.tsx';
import { AddAccountFlow } from './add-account-flow.tsx';
import type { AddAccountFormInput } from './add-account-schema.ts';
import { HubDialogContent } from './hub-dialog-content.tsx';
import { useHubCloseGuard } from './use-hub-close-guard.tsx';

function AddAccountDialogShell({
  open,
  onOpenChange,
  prefill,
}: ControlledDialogProps & { prefill?: Partial<AddAccountFormInput> }) {
  const guard = useHubCloseGuard(() => onOpenChange(false));
  return (
    <Dialog open={open} onOpenChange={(next) => (next ? onOpenChange(true) : guard.requestClose())}>
      <HubDialogContent className="sm:max-w-xl">
        <AddAccountFlow
          prefill={prefill}
          onClose={() => onOpenChange(false)}
          onCancel={guard.requestClose}
          onTyped={guard.onTyped}
        />
      </HubDialogContent>
      {guard.confirmation}
    </Dialog>
  );
}

/** "Add account" on the accounts list (any customer, new or existing), or on a customer's page (`prefill`). */
export function AddAccountDialog(props: ControlledDialogProps & { prefill?: Partial<AddAccountFormInput> }) {
  return <AddAccountDialogShell {...props} />;
}

/** "Add account" on an account's page: another account for the same customer. */
export function AddAccountForCustomerDialog({ account, ...props }: AccountDialogProps) {
  return (
    <AddAccountDialogShell
      {...props}
      prefill={{ originOwnerId: account.originOwnerId, originOwnerName: account.originOwnerName }}
    />
  );
}
