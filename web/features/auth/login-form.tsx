import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { AlertCircleIcon } from 'lucide-react';
import { useForm } from 'react-hook-form';
import { SignInRequestSchema, type SignInRequest } from '../../../shared/schemas/users.ts';
import { Alert, AlertDescription } from '../../components/ui/alert.tsx';
import { Button } from '../../components/ui/button.tsx';
import { FormField } from '../../components/ui/form-field.tsx';
import { Input } from '../../components/ui/input.tsx';
import { toApiError } from '../../lib/api-error.ts';
import { sessionKeys, signIn } from '../../lib/queries/session.ts';
import { setSessionHint } from '../../lib/session-hint.ts';
import { safeRedirect } from '../../lib/safe-redirect.ts';
import { signInErrorMessage } from './sign-in-error-message.ts';

export function LoginForm({
  redirect,
  autoFocus = true,
}: {
  redirect: string | undefined;
  autoFocus?: boolean;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const form = useForm<SignInRequest>({
    resolver: zodResolver(SignInRequestSchema),
    defaultValues: { email: '', password: '' },
  });
  const mutation = useMutation({
    mutationFn: signIn,
    // A 401 here means wrong credentials, not an ended session.
    meta: { handlesUnauthenticated: true },
    onSuccess: async () => {
      setSessionHint(true);
      queryClient.removeQueries({ queryKey: sessionKeys.all });
      await router.navigate({ href: safeRedirect(redirect), replace: true });
    },
    onError: () => form.resetField('password', { keepError: false }),
  });

  const isPending = mutation.isPending;
  const errors = form.formState.errors;
  return (
    <form noValidate onSubmit={form.handleSubmit((values) => mutation.mutate(values))} className="grid gap-4">
      {mutation.isError && (
        <Alert variant="destructive" role="alert">
          <AlertCircleIcon aria-hidden />
          <AlertDescription>{signInErrorMessage(toApiError(mutation.error))}</AlertDescription>
        </Alert>
      )}
      <FormField label="Email" error={errors.email?.message}>
        <Input
          type="email"
          autoComplete="username"
          autoFocus={autoFocus}
          disabled={isPending}
          {...form.register('email')}
        />
      </FormField>
      <FormField label="Password" error={errors.password?.message}>
        <Input
          type="password"
          autoComplete="current-password"
          disabled={isPending}
          {...form.register('password')}
        />
      </FormField>
      <Button type="submit" disabled={isPending} className="mt-1 w-full">
        {isPending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
