import { PlusIcon } from 'lucide-react';
import { lazy, Suspense, useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { useCan } from '../../lib/use-me.ts';

// The dialog's form, comboboxes and the Hub view load on first open, not with the accounts screen.
const AddAccountDialog = lazy(() =>
  import('./add-account-dialog.tsx').then((m) => ({ default: m.AddAccountDialog })),
);

/**
 * "Add account" in a page header: any customer, new or existing, or (on a customer's page) that
 * customer, filled in. Hidden without the permission.
 */
export function AddAccountButton({ customer }: { customer?: { ownerId: string; ownerName: string } }) {
  const canAdd = useCan('accounts:add');
  const [isOpen, setIsOpen] = useState(false);
  if (!canAdd) return null;
  return (
    <>
      <Button size="sm" onClick={() => setIsOpen(true)}>
        <PlusIcon aria-hidden />
        Add account
      </Button>
      {isOpen && (
        <Suspense fallback={null}>
          <AddAccountDialog
            open
            onOpenChange={(open) => !open && setIsOpen(false)}
            prefill={customer && { originOwnerId: customer.ownerId, originOwnerName: customer.ownerName }}
          />
        </Suspense>
      )}
    </>
  );
}
