import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { toast } from 'sonner';
import type { z } from 'zod';
import { SavedViewCreateSchema } from '../../../shared/schemas/saved-views.ts';
import type { ControlledDialogProps } from '../../components/dialogs/dialog-props.ts';
import { Button } from '../../components/ui/button.tsx';
import { Checkbox } from '../../components/ui/checkbox.tsx';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '../../components/ui/dialog.tsx';
import { FormField } from '../../components/ui/form-field.tsx';
import { Input } from '../../components/ui/input.tsx';
import { Label } from '../../components/ui/label.tsx';
import { applyFormErrors } from '../../lib/apply-form-errors.ts';
import { createView, invalidateViews } from '../../lib/queries/views.ts';
import { compactAccountsSearch, type AccountsSearch } from './accounts-search.ts';

const FormSchema = SavedViewCreateSchema.pick({ name: true, shared: true });
type FormInput = z.input<typeof FormSchema>;
type FormValues = z.output<typeof FormSchema>;

/** Names the table's current search (as the URL holds it) and keeps it, private or shared. */
export function SaveViewDialog({
  open,
  onOpenChange,
  search,
}: ControlledDialogProps & { search: AccountsSearch }) {
  const queryClient = useQueryClient();
  const form = useForm<FormInput, unknown, FormValues>({
    resolver: zodResolver(FormSchema),
    defaultValues: { name: '', shared: false },
  });
  const save = useMutation({
    mutationFn: (values: FormValues) =>
      createView({ ...values, search: { ...compactAccountsSearch({ ...search, page: 1 }) } }),
    onSuccess: async (view) => {
      toast.success(`Saved the view “${view.name}”`, {
        description: view.shared ? 'Shared with the team.' : 'Only you can see it.',
      });
      form.reset();
      onOpenChange(false);
      await invalidateViews(queryClient);
    },
    onError: (err) => applyFormErrors(err, form.setError, ['name', 'shared'], 'Could not save the view'),
  });
  const pending = save.isPending;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-md">
        <form onSubmit={form.handleSubmit((values) => save.mutate(values))} className="grid gap-4" noValidate>
          <DialogHeader>
            <DialogTitle>Save view</DialogTitle>
            <DialogDescription>
              Keeps this table’s search, filters and sort under a name in the navigation.
            </DialogDescription>
          </DialogHeader>
          <FormField label="Name" error={form.formState.errors.name?.message}>
            <Input {...form.register('name')} disabled={pending} autoFocus />
          </FormField>
          <Controller
            control={form.control}
            name="shared"
            render={({ field }) => (
              <div className="flex items-center gap-2">
                <Checkbox
                  id="save-view-shared"
                  checked={field.value}
                  onCheckedChange={(checked) => field.onChange(checked === true)}
                  disabled={pending}
                />
                <Label htmlFor="save-view-shared">Share with the team</Label>
              </div>
            )}
          />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? 'Saving…' : 'Save view'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
