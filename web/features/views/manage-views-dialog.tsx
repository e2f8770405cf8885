import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PencilIcon, Trash2Icon, UsersIcon, LockIcon } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import type { z } from 'zod';
import { SavedViewCreateSchema, type SavedView } from '../../../shared/schemas/saved-views.ts';
import type { ControlledDialogProps } from '../../components/dialogs/dialog-props.ts';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '../../components/ui/alert-dialog.tsx';
import { Badge } from '../../components/ui/badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from '../../components/ui/dialog.tsx';
import { FormField } from '../../components/ui/form-field.tsx';
import { Input } from '../../components/ui/input.tsx';
import { applyFormErrors } from '../../lib/apply-form-errors.ts';
import { deleteView, invalidateViews, updateView, viewQueries } from '../../lib/queries/views.ts';
import { toastApiError } from '../../lib/toast-api-error.ts';
import { useMe } from '../../lib/use-me.ts';

const RenameSchema = SavedViewCreateSchema.pick({ name: true });
type RenameValues = z.output<typeof RenameSchema>;

/**
 * Rename, share or stop sharing, and delete the saved views this user may change: their own, and
 * (admins, `views:manage_shared`) any shared one. The server decides per view (`canEdit`).
 */
export function ManageViewsDialog({ open, onOpenChange }: ControlledDialogProps) {
  const query = useQuery(viewQueries.list());
  const editable = (query.data?.items ?? []).filter((v) => v.canEdit);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>Manage views</DialogTitle>
          <DialogDescription>
            Rename, share or delete your saved views (and, for admins, the views shared with the team).
          </DialogDescription>
        </DialogHeader>
        {query.isPending ? (
          <p className="text-sm text-muted-foreground">Loading views…</p>
        ) : query.isError ? (
          <p className="text-sm text-destructive">Could not load the views</p>
        ) : editable.length === 0 ? (
          <p className="text-sm text-muted-foreground">No saved views that you can change.</p>
        ) : (
          <ul aria-label="Saved views" className="grid max-h-[60vh] gap-2 overflow-y-auto">
            {editable.map((view) => (
              <ManagedView key={view.id} view={view} />
            ))}
          </ul>
        )}
      </DialogContent>
    </Dialog>
  );
}

function ManagedView({ view }: { view: SavedView }) {
  const queryClient = useQueryClient();
  const me = useMe();
  const isOwn = me?.user.id === view.ownerId;
  const [isRenaming, setIsRenaming] = useState(false);
  const [isConfirmingDelete, setIsConfirmingDelete] = useState(false);
  // A failure may mean the view changed or went meanwhile: refresh the list either way.
  const onSettled = () => invalidateViews(queryClient);

  const share = useMutation({
    mutationFn: (shared: boolean) => updateView(view.id, { shared }),
    onSuccess: (updated) =>
      toast.success(
        updated.shared ? `Shared “${updated.name}” with the team` : `“${updated.name}” is private`,
        {
          description: updated.shared
            ? 'Everyone finds it under Views.'
            : isOwn
              ? 'Only you can see it now.'
              : `Only ${updated.ownerName} can see it now.`,
        },
      ),
    onError: (err) => toastApiError(err, 'Could not change the view’s sharing'),
    onSettled,
  });
  const remove = useMutation({
    mutationFn: () => deleteView(view.id),
    onSuccess: (deleted) => toast.success(`Deleted the view “${deleted.name}”`),
    onError: (err) => toastApiError(err, 'Could not delete the view'),
    onSettled,
  });
  const isPending = share.isPending || remove.isPending;

  return (
    <li className="grid gap-2 rounded-md border p-3">
      {isRenaming ? (
        <RenameViewForm view={view} onDone={() => setIsRenaming(false)} />
      ) : (
        <div className="flex flex-wrap items-center gap-2">
          <div className="grid min-w-0 flex-1 gap-0.5">
            <span className="truncate font-medium">{view.name}</span>
            <span className="truncate text-xs text-muted-foreground">
              {isOwn ? 'Yours' : `By ${view.ownerName}`}
            </span>
          </div>
          {view.shared ? (
            <Badge variant="secondary">
              <UsersIcon aria-hidden />
              Shared
            </Badge>
          ) : (
            <Badge variant="outline">
              <LockIcon aria-hidden />
              Private
            </Badge>
          )}
          <div className="flex gap-1">
            <Button
              variant="ghost"
              size="icon-sm"
              aria-label={`Rename “${view.name}”`}
              disabled={isPending}
              onClick={() => setIsRenaming(true)}
            >
              <PencilIcon aria-hidden />
            </Button>
            <Button
              variant="outline"
              size="sm"
              disabled={isPending}
              aria-label={view.shared ? `Stop sharing “${view.name}”` : `Share “${view.name}”`}
              onClick={() => share.mutate(!view.shared)}
            >
              {view.shared ? 'Stop sharing' : 'Share'}
            </Button>
            <Button
              variant="ghost"
              size="icon-sm"
              className="text-destructive hover:text-destructive"
              aria-label={`Delete “${view.name}”`}
              disabled={isPending}
              onClick={() => setIsConfirmingDelete(true)}
            >
              <Trash2Icon aria-hidden />
            </Button>
          </div>
        </div>
      )}
      <AlertDialog open={isConfirmingDelete} onOpenChange={setIsConfirmingDelete}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Delete the view “{view.name}”?</AlertDialogTitle>
            <AlertDialogDescription>
              {view.shared
                ? `It disappears from Views for everyone on the team${isOwn ? '' : `, ${view.ownerName} included`}.`
                : 'It disappears from your Views.'}{' '}
              The accounts it shows are not changed.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction variant="destructive" onClick={() => remove.mutate()}>
              Delete view
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </li>
  );
}

function RenameViewForm({ view, onDone }: { view: SavedView; onDone: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm<RenameValues>({
    resolver: zodResolver(RenameSchema),
    defaultValues: { name: view.name },
  });
  const rename = useMutation({
    mutationFn: ({ name }: RenameValues) => updateView(view.id, { name }),
    onSuccess: (updated) => {
      toast.success(`Renamed the view to “${updated.name}”`);
      onDone();
    },
    onError: (err) => applyFormErrors(err, form.setError, ['name'], 'Could not rename the view'),
    onSettled: () => invalidateViews(queryClient),
  });
  const isPending = rename.isPending;
  return (
    <form
      noValidate
      aria-label={`Rename “${view.name}”`}
      onSubmit={form.handleSubmit((values) => rename.mutate(values))}
      className="flex flex-wrap items-end gap-2"
    >
      <FormField label="New name" error={form.formState.errors.name?.message} className="min-w-0 flex-1">
        <Input
          {...form.register('name')}
          disabled={isPending}
          autoFocus
          onKeyDown={(event) => {
            // Escape leaves the rename, not the whole dialog.
            if (event.key === 'Escape') {
              event.preventDefault();
              event.stopPropagation();
              onDone();
            }
          }}
        />
      </FormField>
      <Button type="button" variant="outline" size="sm" disabled={isPending} onClick={onDone}>
        Cancel
      </Button>
      <Button type="submit" size="sm" disabled={isPending}>
        {isPending ? 'Saving…' : 'Save'}
      </Button>
    </form>
  );
}
