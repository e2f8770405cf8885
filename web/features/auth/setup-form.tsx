import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import type { z } from 'zod';
import { PASSWORD_MIN, SetupRequestSchema } from '../../../shared/schemas/users.ts';
import { Button } from '../../components/ui/button.tsx';
import { FormField } from '../../components/ui/form-field.tsx';
import { Input } from '../../components/ui/input.tsx';
import { applyFormErrors } from '../../lib/apply-form-errors.ts';
import { sessionKeys, setUp } from '../../lib/queries/session.ts';

type SetupInput = z.input<typeof SetupRequestSchema>;
type SetupOutput = z.output<typeof SetupRequestSchema>;

/** First run: creates the first administrator, who is then signed in. */
export function SetupForm() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm<SetupInput, unknown, SetupOutput>({
    resolver: zodResolver(SetupRequestSchema),
    defaultValues: { name: '', email: '', password: '' },
  });
  const mutation = useMutation({
    mutationFn: setUp,
    onSuccess: async () => {
      queryClient.setQueryData(sessionKeys.setup(), { needsSetup: false });
      queryClient.removeQueries({ queryKey: sessionKeys.me() });
      form.reset();
      toast.success('Administrator created. Welcome to Switchboard.');
      await navigate({ to: '/accounts', replace: true });
    },
    onError: (err) => applyFormErrors(err, form.setError, ['name', 'email', 'password'], 'Setup failed'),
  });

  const isPending = mutation.isPending;
  const errors = form.formState.errors;
  return (
    <form noValidate onSubmit={form.handleSubmit((values) => mutation.mutate(values))} className="grid gap-4">
      <FormField label="Name" error={errors.name?.message}>
        <Input autoComplete="name" autoFocus disabled={isPending} {...form.register('name')} />
      </FormField>
      <FormField label="Email" error={errors.email?.message}>
        <Input type="email" autoComplete="username" disabled={isPending} {...form.register('email')} />
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
      <Button type="submit" disabled={isPending} className="mt-1 w-full">
        {isPending ? 'Creating…' : 'Create administrator'}
      </Button>
    </form>
  );
}
