import { zodResolver } from '@hookform/resolvers/zod';
import type { ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { AccountLabelPatchSchema, type Account } from '../../../../shared/schemas/account.ts';
import { Button } from '../../../components/ui/button.tsx';
import { FormField } from '../../../components/ui/form-field.tsx';
import { Input } from '../../../components/ui/input.tsx';
import { applyFormErrors } from '../../../lib/apply-form-errors.ts';
import { cn } from '../../../lib/cn.ts';
import { useUpdateLabel } from './use-update-label.ts';

type LabelFormInput = z.input<typeof AccountLabelPatchSchema>;
type LabelFormOutput = z.output<typeof AccountLabelPatchSchema>;

export interface EditLabelFormProps {
  account: Account;
  /** After a save or a cancel. */
  onDone: () => void;
  /** Inline on the account page: compact, label text for screen readers only, Escape cancels. */
  inline?: boolean;
  className?: string;
  /** Rendered after the input (the dialog's footer with the buttons goes here). */
  footer?: (state: { isPending: boolean; cancel: () => void }) => ReactNode;
}

/** Enter saves, Escape cancels; an empty label removes it. */
export function EditLabelForm({ account, onDone, inline, className, footer }: EditLabelFormProps) {
  const mutation = useUpdateLabel(account);
  const form = useForm<LabelFormInput, unknown, LabelFormOutput>({
    resolver: zodResolver(AccountLabelPatchSchema),
    defaultValues: { label: account.label ?? '' },
  });

  const submit = form.handleSubmit((values) => {
    const label = values.label ? values.label : null;
    if (label === (account.label ?? null)) return onDone();
    mutation.mutate(label, {
      onSuccess: onDone,
      onError: (err) => applyFormErrors(err, form.setError, ['label'], 'Could not save the label'),
    });
  });

  const isPending = mutation.isPending;
  const error = form.formState.errors.label?.message;
  return (
    <form noValidate onSubmit={(e) => void submit(e)} className={cn('grid gap-3', className)}>
      <div className={cn(inline && 'flex items-start gap-2')}>
        <FormField
          label={inline ? <span className="sr-only">Label</span> : 'Label'}
          error={error}
          description={inline ? undefined : 'Tells this account apart from the customer’s other ones.'}
          className={cn(inline && 'w-64 gap-0')}
        >
          <Input
            autoFocus
            placeholder="e.g. EU entity"
            disabled={isPending}
            className={cn(inline && 'h-8')}
            onKeyDown={(e) => {
              if (inline && e.key === 'Escape') {
                e.preventDefault();
                onDone();
              }
            }}
            {...form.register('label')}
          />
        </FormField>
        {inline && (
          <>
            <Button type="submit" size="sm" disabled={isPending}>
              {isPending ? 'Saving…' : 'Save'}
            </Button>
            <Button variant="ghost" size="sm" disabled={isPending} onClick={onDone}>
              Cancel
            </Button>
          </>
        )}
      </div>
      {footer?.({ isPending, cancel: onDone })}
    </form>
  );
}
