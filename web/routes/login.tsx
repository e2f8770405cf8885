import { createFileRoute, redirect } from '@tanstack/react-router';
import { z } from 'zod';
import { AuthLayout } from '../components/layout/auth-layout.tsx';
import { LoginForm } from '../features/auth/login-form.tsx';
import { sessionQueries } from '../lib/queries/session.ts';
import { safeRedirect } from '../lib/safe-redirect.ts';

const LoginSearchSchema = z.object({
  redirect: z.string().max(2000).optional().catch(undefined),
});

export const Route = createFileRoute('/login')({
  validateSearch: LoginSearchSchema,
  beforeLoad: async ({ context: { queryClient }, search }) => {
    const [setup, me] = await Promise.allSettled([
      queryClient.ensureQueryData(sessionQueries.setup()),
      queryClient.ensureQueryData(sessionQueries.me()),
    ]);
    if (setup.status === 'fulfilled' && setup.value.needsSetup) throw redirect({ to: '/setup' });
    if (me.status === 'fulfilled') throw redirect({ href: safeRedirect(search.redirect), replace: true });
  },
  component: LoginRoute,
});

function LoginRoute() {
  const { redirect: target } = Route.useSearch();
  return (
    <AuthLayout title="Sign in" description="Use the account your administrator created for you.">
      <LoginForm redirect={target} />
    </AuthLayout>
  );
}
