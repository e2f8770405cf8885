import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useController, useForm } from 'react-hook-form';
import { toast } from 'sonner';
import type { z } from 'zod';
import {
  CreateUserRequestSchema,
  PASSWORD_MIN,
  type CreateUserRequest,
} from '../../../shared/schemas/users.ts';
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
import { createUser, userKeys } from '../../lib/queries/users.ts';
import { RoleSelect } from './role-select.tsx';

type CreateUserValues = z.output<typeof CreateUserRequestSchema>;

export interface AddUserDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

export function AddUserDialog({ open, onOpenChange }: AddUserDialogProps) {
  const queryClient = useQueryClient();
  const form = useForm<CreateUserRequest, unknown, CreateUserValues>({
    resolver: zodResolver(CreateUserRequestSchema),
    defaultValues: { email: '', name: '', password: '', role: 'viewer' },
  });
  // FormField hands its id to its one child, so the select is controlled directly.
  const { ref: roleRef, ...roleField } = useController({ control: form.control, name: 'role' }).field;
  const mutation = useMutation({
    mutationFn: createUser,
    onSuccess: async (user) => {
      toast.success('User added', { description: `${user.email} can sign in now.` });
      form.reset();
      onOpenChange(false);
      await queryClient.invalidateQueries({ queryKey: userKeys.list() });
    },
    onError: (err) =>
      applyFormErrors(err, form.setError, ['email', 'name', 'password', 'role'], 'Could not add the user'),
  });

  const isPending = mutation.isPending;
  const errors = form.formState.errors;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) form.reset();
        onOpenChange(next);
      }}
    >
      <DialogContent className="sm:max-w-md">
        <DialogHeader>
          <DialogTitle>Add user</DialogTitle>
          <DialogDescription>
            They sign in with this email and password; give them the password yourself.
          </DialogDescription>
        </DialogHeader>
        <form noValidate onSubmit={form.handleSubmit((v) => mutation.mutate(v))} className="grid gap-4">
          <FormField label="Email" error={errors.email?.message}>
            <Input
              type="email"
              autoComplete="off"
              autoFocus
              disabled={isPending}
              {...form.register('email')}
            />
          </FormField>
          <FormField label="Name" error={errors.name?.message}>
            <Input autoComplete="off" disabled={isPending} {...form.register('name')} />
          </FormField>
          <FormField
            label="Password"
            error={errors.password?.message}
            description={`At least ${PASSWORD_MIN} characters.`}
          >
            <Input
              type="password"
              autoComplete="new-password"
              disabled={isPending}
              {...form.register('password')}
            />
          </FormField>
          <FormField label="Role" error={errors.role?.message}>
            <RoleSelect
              ref={roleRef}
              value={roleField.value}
              onValueChange={roleField.onChange}
              onBlur={roleField.onBlur}
              disabled={isPending}
              className="w-full"
            />
          </FormField>
          <DialogFooter className="mt-2">
            <Button variant="outline" disabled={isPending} onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={isPending}>
              {isPending ? 'Adding…' : 'Add user'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
