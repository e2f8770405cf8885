import type { AccountDialogProps } from '../../../components/dialogs/dialog-props.ts';
import { Button } from '../../../components/ui/button.tsx';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '../../../components/ui/dialog.tsx';
import { EditLabelForm } from './edit-label-form.tsx';

/** The row action's small dialog around the label form (Escape closes it, like any dialog). */
export function EditLabelDialog({ account, open, onOpenChange }: AccountDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-md">
        <DialogHeader>
          <DialogTitle>Edit label</DialogTitle>
          <DialogDescription>
            {account.originOwnerName} · {account.providerName ?? account.provider}
          </DialogDescription>
        </DialogHeader>
        <EditLabelForm
          account={account}
          onDone={() => onOpenChange(false)}
          footer={({ isPending, cancel }) => (
            <DialogFooter>
              <Button variant="outline" disabled={isPending} onClick={cancel}>
                Cancel
              </Button>
              <Button type="submit" disabled={isPending}>
                {isPending ? 'Saving…' : 'Save'}
              </Button>
            </DialogFooter>
          )}
        />
      </DialogContent>
    </Dialog>
  );
}
