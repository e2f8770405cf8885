import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMatchRoute, useNavigate } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { toast } from 'sonner';
import type { AccountDialogProps } from '../../../components/dialogs/dialog-props.ts';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '../../../components/ui/alert-dialog.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Input } from '../../../components/ui/input.tsx';
import { Label } from '../../../components/ui/label.tsx';
import {
  accountKeys,
  deleteAccount,
  invalidateAccount,
  removeFromAccountLists,
} from '../../../lib/queries/accounts.ts';
import { toastApiError } from '../../../lib/toast-api-error.ts';

/**
 * Deleting is final upstream, so the provider's name (short, and shown with the customer above) must
 * be typed before the button unlocks; case and surrounding spaces do not matter.
 */
export function DeleteAccountDialog({ account, open, onOpenChange }: AccountDialogProps) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const matchRoute = useMatchRoute();
  const inputId = useId();
  const [typed, setTyped] = useState('');
  const provider = account.providerName ?? account.provider;
  const owner = account.originOwnerName;

  const mutation = useMutation({
    mutationFn: () => deleteAccount(account.id),
    onSuccess: async () => {
      toast.success('Account deleted', { description: `${owner} · ${provider}` });
      const onItsPage = matchRoute({ to: '/accounts/$accountId', params: { accountId: account.id } });
      removeFromAccountLists(queryClient, account.id);
      onOpenChange(false);
      if (onItsPage) {
        await navigate({ to: '/accounts' });
        queryClient.removeQueries({ queryKey: accountKeys.detail(account.id) });
      }
      await invalidateAccount(queryClient, account.id);
    },
    onError: (err) => toastApiError(err, 'Could not delete the account'),
  });

  const matches = typed.trim().toLowerCase() === provider.trim().toLowerCase();
  return (
    <AlertDialog open={open} onOpenChange={(next) => !mutation.isPending && onOpenChange(next)}>
      <AlertDialogContent>
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (matches && !mutation.isPending) mutation.mutate();
          }}
        >
          <AlertDialogHeader>
            <AlertDialogTitle>Delete account</AlertDialogTitle>
            <AlertDialogDescription>
              This deletes {owner}’s {provider} account
              {account.label ? ` “${account.label}”` : ''} at StackOne.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <ul className="list-disc space-y-1 pl-5 text-sm">
            <li>StackOne stops syncing it, and every call made with it fails from now on.</li>
            <li>
              To restore it, {owner} must link {provider} again, which makes a new account.
            </li>
            <li>Switchboard keeps this one in its history, marked deleted.</li>
          </ul>
          <div className="grid gap-1.5">
            <Label htmlFor={inputId}>Type {provider} to confirm</Label>
            <Input
              id={inputId}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              disabled={mutation.isPending}
            />
          </div>
          <AlertDialogFooter>
            <AlertDialogCancel disabled={mutation.isPending}>Cancel</AlertDialogCancel>
            <Button type="submit" variant="destructive" disabled={!matches || mutation.isPending}>
              {mutation.isPending ? 'Deleting…' : 'Delete account'}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
