import { createFileRoute, Outlet, redirect } from '@tanstack/react-router';
import { ErrorState } from '../components/feedback/error-state.tsx';
import { AppShell } from '../components/layout/app-shell.tsx';
import { toApiError } from '../lib/api-error.ts';
import { useConsoleEvents } from '../lib/events/use-console-events.ts';
import { sessionKeys, sessionQueries } from '../lib/queries/session.ts';
import { hasSessionHint, setSessionHint } from '../lib/session-hint.ts';

/** Every signed-in screen: first-run setup and sign-in are settled here, before any screen loads. */
export const Route = createFileRoute('/_app')({
  beforeLoad: async ({ context: { queryClient, warmScreen }, location, matches }) => {
    // On the first load the session check below is a round trip; the screen's code and first data
    // need not wait for it (a signed-out visitor is still sent to /login, and the early data dropped).
    if (queryClient.getQueryData(sessionKeys.me()) === undefined)
      warmScreen?.(matches, { data: hasSessionHint() });
    const [setup, me] = await Promise.allSettled([
      queryClient.ensureQueryData(sessionQueries.setup()),
      queryClient.ensureQueryData(sessionQueries.me()),
    ]);
    if (setup.status === 'fulfilled' && setup.value.needsSetup) throw redirect({ to: '/setup' });
    if (me.status === 'rejected') {
      if (toApiError(me.reason).isUnauthenticated) {
        setSessionHint(false);
        throw redirect({ to: '/login', search: { redirect: location.href } });
      }
      throw me.reason;
    }
    setSessionHint(true);
    return { me: me.value };
  },
  component: SignedInLayout,
  errorComponent: ({ error, reset }) => (
    <main className="mx-auto max-w-2xl p-6">
      <ErrorState error={error} onRetry={reset} />
    </main>
  ),
});

function SignedInLayout() {
  useConsoleEvents();
  return (
    <AppShell>
      <Outlet />
    </AppShell>
  );
}
