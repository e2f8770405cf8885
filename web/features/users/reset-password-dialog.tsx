import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { z } from 'zod';
import { CreateUserRequestSchema, PASSWORD_MIN, type User } from '../../../shared/schemas/users.ts';
import { Button } from '../../components/ui/button.tsx';
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
import { storeUser, updateUser } from '../../lib/queries/users.ts';

const ResetPasswordSchema = z.object({ password: CreateUserRequestSchema.shape.password });
type ResetPasswordValues = z.infer<typeof ResetPasswordSchema>;

export interface ResetPasswordDialogProps {
  user: User;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/** A new password for someone else; their open sessions end, so they sign in again with it. */
export function ResetPasswordDialog({ user, open, onOpenChange }: ResetPasswordDialogProps) {
  const queryClient = useQueryClient();
  const form = useForm<ResetPasswordValues>({
    resolver: zodResolver(ResetPasswordSchema),
    defaultValues: { password: '' },
  });
  const mutation = useMutation({
    mutationFn: ({ password }: ResetPasswordValues) => updateUser(user.id, { password }),
    onSuccess: async (updated) => {
      toast.success('Password reset', { description: `${updated.email} signs in with the new password.` });
      onOpenChange(false);
      await storeUser(queryClient, updated);
    },
    onError: (err) => applyFormErrors(err, form.setError, ['password'], 'Could not reset the password'),
  });

  const isPending = mutation.isPending;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-md">
        <DialogHeader>
          <DialogTitle>Reset password</DialogTitle>
          <DialogDescription>
            A new password for {user.name} ({user.email}). They are signed out everywhere and sign in again
            with it.
          </DialogDescription>
        </DialogHeader>
        <form noValidate onSubmit={form.handleSubmit((v) => mutation.mutate(v))} className="grid gap-4">
          <FormField
            label="New password"
            error={form.formState.errors.password?.message}
            description={`At least ${PASSWORD_MIN} characters.`}
          >
            <Input
              type="password"
              autoComplete="new-password"
              autoFocus
              disabled={isPending}
              {...form.register('password')}
            />
          </FormField>
          <DialogFooter>
            <Button variant="outline" disabled={isPending} onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={isPending}>
              {isPending ? 'Saving…' : 'Reset password'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
