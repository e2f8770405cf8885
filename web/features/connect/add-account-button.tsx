import { PlusIcon } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { useCan } from '../../lib/use-me.ts';
import { AddAccountDialog } from './add-account-dialog.tsx';

/** "Add account" in the accounts page header: any customer, new or existing. Hidden without the permission. */
export function AddAccountButton() {
  const canAdd = useCan('accounts:add');
  const [isOpen, setIsOpen] = useState(false);
  if (!canAdd) return null;
  return (
    <>
      <Button size="sm" onClick={() => setIsOpen(true)}>
        <PlusIcon aria-hidden />
        Add account
      </Button>
      {isOpen && <AddAccountDialog open onOpenChange={(open) => !open && setIsOpen(false)} />}
    </>
  );
}
