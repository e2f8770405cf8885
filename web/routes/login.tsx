import { useQuery } from '@tanstack/react-query';
import { createFileRoute, Link, redirect } from '@tanstack/react-router';
import { z } from 'zod';
import { AuthLayout } from '../components/layout/auth-layout.tsx';
import { LoginForm } from '../features/auth/login-form.tsx';
import { SsoButton } from '../features/auth/sso-button.tsx';
import { sessionQueries } from '../lib/queries/session.ts';
import { signInMethodQueries } from '../lib/queries/sign-in-methods.ts';
import { safeRedirect } from '../lib/safe-redirect.ts';

const LoginSearchSchema = z.object({
  redirect: z.string().max(2000).optional().catch(undefined),
  /** With password sign-in off: shows the form for the break-glass admin. */
  breakGlass: z.boolean().optional().catch(undefined),
});

export const Route = createFileRoute('/login')({
  validateSearch: LoginSearchSchema,
  beforeLoad: async ({ context: { queryClient }, search }) => {
    const [setup, me] = await Promise.allSettled([
      queryClient.ensureQueryData(sessionQueries.setup()),
      queryClient.ensureQueryData(sessionQueries.me()),
      queryClient.prefetchQuery(signInMethodQueries.methods()),
    ]);
    if (setup.status === 'fulfilled' && setup.value.needsSetup) throw redirect({ to: '/setup' });
    if (me.status === 'fulfilled') throw redirect({ href: safeRedirect(search.redirect), replace: true });
  },
  component: LoginRoute,
});

function LoginRoute() {
  const { redirect: target, breakGlass } = Route.useSearch();
  // Unknown methods (the request failed): the password form, as before single sign-on existed.
  const methods = useQuery(signInMethodQueries.methods()).data ?? {
    password: true,
    breakGlass: false,
    sso: false,
  };
  const showForm = methods.password || (methods.breakGlass && breakGlass === true);
  return (
    <AuthLayout
      title="Sign in"
      description={
        methods.sso ? 'Use your company account.' : 'Use the account your administrator created for you.'
      }
    >
      <div className="grid gap-4">
        {methods.sso && <SsoButton redirect={target} />}
        {methods.sso && showForm && (
          <div className="flex items-center gap-3 text-xs text-muted-foreground">
            <span className="h-px flex-1 bg-border" />
            or with a password
            <span className="h-px flex-1 bg-border" />
          </div>
        )}
        {showForm && <LoginForm redirect={target} autoFocus={!methods.sso} />}
        {!showForm && methods.breakGlass && (
          <Link
            to="/login"
            search={{ redirect: target, breakGlass: true }}
            className="text-center text-xs text-muted-foreground underline-offset-4 hover:underline"
          >
            Break-glass admin sign-in
          </Link>
        )}
      </div>
    </AuthLayout>
  );
}
