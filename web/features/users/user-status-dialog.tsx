import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AlertCircleIcon } from 'lucide-react';
import { toast } from 'sonner';
import type { User } from '../../../shared/schemas/users.ts';
import { Alert, AlertDescription, AlertTitle } from '../../components/ui/alert.tsx';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '../../components/ui/alert-dialog.tsx';
import { Button } from '../../components/ui/button.tsx';
import { toApiError } from '../../lib/api-error.ts';
import { storeUser, updateUser } from '../../lib/queries/users.ts';

export interface UserStatusDialogProps {
  user: User;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/** Disable (signs them out everywhere) or enable a user; the last admin cannot be disabled. */
export function UserStatusDialog({ user, open, onOpenChange }: UserStatusDialogProps) {
  const queryClient = useQueryClient();
  const disabling = !user.disabled;
  const mutation = useMutation({
    mutationFn: () => updateUser(user.id, { disabled: disabling }),
    onSuccess: async (updated) => {
      toast.success(disabling ? 'User disabled' : 'User enabled', { description: updated.email });
      onOpenChange(false);
      await storeUser(queryClient, updated);
    },
  });

  const error = mutation.error ? toApiError(mutation.error) : null;
  const verb = disabling ? 'Disable' : 'Enable';
  return (
    <AlertDialog open={open} onOpenChange={(next) => !mutation.isPending && onOpenChange(next)}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>
            {verb} {user.email}?
          </AlertDialogTitle>
          <AlertDialogDescription>
            {disabling
              ? `${user.name} is signed out everywhere and cannot sign in until enabled again. Their audit history stays.`
              : `${user.name} can sign in again, with the role ${user.role}.`}
          </AlertDialogDescription>
        </AlertDialogHeader>
        {error && (
          <Alert variant="destructive" role="alert">
            <AlertCircleIcon aria-hidden />
            <AlertTitle>
              {error.status === 409
                ? `${user.email} stays enabled`
                : `Could not ${verb.toLowerCase()} the user`}
            </AlertTitle>
            <AlertDescription>{error.message}</AlertDescription>
          </Alert>
        )}
        <AlertDialogFooter>
          <AlertDialogCancel disabled={mutation.isPending}>Cancel</AlertDialogCancel>
          <Button
            variant={disabling ? 'destructive' : 'default'}
            disabled={mutation.isPending}
            onClick={() => mutation.mutate()}
          >
            {mutation.isPending ? `${verb.replace(/e$/, '')}ing…` : `${verb} user`}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
