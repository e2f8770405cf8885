import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { toast } from 'sonner';
import {
  AlertDestinationFormSchema,
  alertFormToRequest,
  type AlertDestinationForm,
  type CreatedAlertDestination,
} from '../../../shared/schemas/alerts.ts';
import { Alert, AlertDescription, AlertTitle } from '../../components/ui/alert.tsx';
import { Button } from '../../components/ui/button.tsx';
import { CopyButton } from '../../components/ui/copy-button.tsx';
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
import { applyFormErrors } from '../../lib/apply-form-errors.ts';
import { alertKeys, createAlertDestination } from '../../lib/queries/alerts.ts';

const TYPE_LABELS = { slack: 'Slack', webhook: 'Webhook', email: 'Email' } as const;

const SELECT_CLASS =
  'flex h-9 w-full rounded-md border border-input bg-transparent px-3 py-1 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:opacity-50';

export interface AddAlertDestinationDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/** Adds a destination; a webhook's signing secret is shown here once, never again. */
export function AddAlertDestinationDialog({ open, onOpenChange }: AddAlertDestinationDialogProps) {
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<CreatedAlertDestination | null>(null);
  const form = useForm<AlertDestinationForm>({
    resolver: zodResolver(AlertDestinationFormSchema),
    defaultValues: { type: 'slack', name: '', url: '', addresses: '' },
  });
  const mutation = useMutation({
    mutationFn: (values: AlertDestinationForm) => createAlertDestination(alertFormToRequest(values)),
    onSuccess: async (destination) => {
      toast.success('Alert destination added', { description: destination.name });
      form.reset();
      await queryClient.invalidateQueries({ queryKey: alertKeys.list() });
      if (destination.secret) setCreated(destination);
      else onOpenChange(false);
    },
    onError: (err) =>
      applyFormErrors(
        err,
        form.setError,
        ['type', 'name', 'url', 'addresses'],
        'Could not add the destination',
      ),
  });
  const close = (next: boolean) => {
    if (!next) {
      form.reset();
      setCreated(null);
    }
    onOpenChange(next);
  };

  const type = useWatch({ control: form.control, name: 'type' });
  const isPending = mutation.isPending;
  const errors = form.formState.errors;
  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent className="sm:max-w-lg">
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle>Signing secret of {created.name}</DialogTitle>
              <DialogDescription>
                Each alert is signed with HMAC-SHA256 of its raw body in the header x-switchboard-signature
                (unpadded base64url). Verify it with this secret.
              </DialogDescription>
            </DialogHeader>
            <Alert>
              <AlertTitle>Copy it now: it is not shown again</AlertTitle>
              <AlertDescription>
                <div className="mt-2 flex w-full items-center gap-2">
                  <Input
                    readOnly
                    value={created.secret ?? ''}
                    aria-label="Signing secret"
                    className="font-mono text-xs"
                  />
                  <CopyButton value={created.secret ?? ''} label="Copy signing secret" variant="outline" />
                </div>
              </AlertDescription>
            </Alert>
            <DialogFooter>
              <Button onClick={() => close(false)}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <>
            <DialogHeader>
              <DialogTitle>Add alert destination</DialogTitle>
              <DialogDescription>
                Where the console says when an account breaks and when it is fixed.
              </DialogDescription>
            </DialogHeader>
            <form noValidate onSubmit={form.handleSubmit((v) => mutation.mutate(v))} className="grid gap-4">
              <FormField label="Type" error={errors.type?.message}>
                <select className={SELECT_CLASS} disabled={isPending} {...form.register('type')}>
                  {(Object.keys(TYPE_LABELS) as (keyof typeof TYPE_LABELS)[]).map((t) => (
                    <option key={t} value={t}>
                      {TYPE_LABELS[t]}
                    </option>
                  ))}
                </select>
              </FormField>
              <FormField label="Name" error={errors.name?.message}>
                <Input autoComplete="off" autoFocus disabled={isPending} {...form.register('name')} />
              </FormField>
              {type === 'email' ? (
                <FormField
                  label="Addresses"
                  error={errors.addresses?.message}
                  description="Separated by commas. Sent through SMTP_URL."
                >
                  <Input autoComplete="off" disabled={isPending} {...form.register('addresses')} />
                </FormField>
              ) : (
                <FormField
                  label="URL"
                  error={errors.url?.message}
                  description={
                    type === 'slack'
                      ? 'A Slack incoming-webhook URL. It is a secret: it is not shown again.'
                      : 'An http:// or https:// URL that accepts a signed JSON POST.'
                  }
                >
                  <Input type="url" autoComplete="off" disabled={isPending} {...form.register('url')} />
                </FormField>
              )}
              <DialogFooter className="mt-2">
                <Button type="button" variant="outline" disabled={isPending} onClick={() => close(false)}>
                  Cancel
                </Button>
                <Button type="submit" disabled={isPending}>
                  {isPending ? 'Adding…' : 'Add destination'}
                </Button>
              </DialogFooter>
            </form>
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}
