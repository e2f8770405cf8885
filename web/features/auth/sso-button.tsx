import { useMutation } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { KeyRoundIcon } from 'lucide-react';
import { Button } from '../../components/ui/button.tsx';
import { startSso } from '../../lib/queries/sign-in-methods.ts';

/** Sends the browser to the company's identity provider; a provider that cannot be used shows why. */
export function SsoButton({ redirect }: { redirect: string | undefined }) {
  const router = useRouter();
  const mutation = useMutation({
    mutationFn: () => startSso(redirect),
    meta: { handlesUnauthenticated: true },
    // Leaving the app: the button stays busy until the IdP's page replaces this one.
    onSuccess: ({ url }) => window.location.assign(url),
    onError: () => void router.navigate({ to: '/sso-error', search: { error: 'sso_unavailable' } }),
  });
  const isBusy = mutation.isPending || mutation.isSuccess;
  return (
    <Button type="button" className="w-full" disabled={isBusy} onClick={() => mutation.mutate()}>
      <KeyRoundIcon aria-hidden />
      Sign in with SSO
    </Button>
  );
}
