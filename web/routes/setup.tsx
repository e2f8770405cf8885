import { createFileRoute, redirect } from '@tanstack/react-router';
import { AuthLayout } from '../components/layout/auth-layout.tsx';
import { SetupForm } from '../features/auth/setup-form.tsx';
import { sessionQueries } from '../lib/queries/session.ts';

export const Route = createFileRoute('/setup')({
  beforeLoad: async ({ context: { queryClient } }) => {
    // Always asked fresh: once the first admin exists this page is gone for good.
    const setup = await queryClient.fetchQuery({ ...sessionQueries.setup(), staleTime: 0 }).catch(() => null);
    if (!setup?.needsSetup) throw redirect({ to: '/login', replace: true });
  },
  component: SetupRoute,
});

function SetupRoute() {
  return (
    <AuthLayout
      title="Set up Switchboard"
      description="Create the first administrator. You can invite everyone else from Users afterwards."
    >
      <SetupForm />
    </AuthLayout>
  );
}
