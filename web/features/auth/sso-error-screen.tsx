import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { AlertCircleIcon } from 'lucide-react';
import { AuthLayout } from '../../components/layout/auth-layout.tsx';
import { Alert, AlertDescription } from '../../components/ui/alert.tsx';
import { Button } from '../../components/ui/button.tsx';
import { signInMethodQueries } from '../../lib/queries/sign-in-methods.ts';
import { ssoErrorMessage } from './sso-error-message.ts';

/** Where a failed sign-in at the IdP lands: what went wrong, and what the IdP's problem is, if any. */
export function SsoErrorScreen({ error }: { error: string | undefined }) {
  const status = useQuery({ ...signInMethodQueries.ssoStatus(), enabled: error === 'sso_unavailable' });
  const problem = status.data?.problem;
  return (
    <AuthLayout title="Single sign-on failed" description="You are not signed in.">
      <Alert variant="destructive" role="alert" className="mb-4">
        <AlertCircleIcon aria-hidden />
        <AlertDescription>
          <p>{ssoErrorMessage(error)}</p>
          {error === 'sso_unavailable' && status.isPending && <p>Checking the identity provider…</p>}
          {problem && <p>{problem}.</p>}
        </AlertDescription>
      </Alert>
      <Button asChild variant="outline" className="w-full">
        <Link to="/login">Back to sign in</Link>
      </Button>
    </AuthLayout>
  );
}
