import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import type { Link } from '../../../shared/schemas/links.ts';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '../../components/ui/alert-dialog.tsx';
import { Button } from '../../components/ui/button.tsx';
import { linkKeys, revokeLink } from '../../lib/queries/links.ts';
import { toastApiError } from '../../lib/toast-api-error.ts';

/** Revokes a live link after a confirmation: its short link stops working at once. */
export function RevokeLinkButton({ link }: { link: Link }) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => revokeLink(link.id),
    onSuccess: () => {
      toast.success('Link revoked');
      void queryClient.invalidateQueries({ queryKey: linkKeys.all });
    },
    onError: (err) => toastApiError(err, 'Could not revoke the link'),
  });
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="outline" size="sm" disabled={mutation.isPending}>
          Revoke
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Revoke this link?</AlertDialogTitle>
          <AlertDialogDescription>
            The link sent to {link.originOwnerName} stops working at once; they will see a page asking them to
            contact you for a new one.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction onClick={() => mutation.mutate()}>Revoke link</AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
