import { useQuery } from '@tanstack/react-query';
import { AlertCircleIcon, KeyRoundIcon } from 'lucide-react';
import { Alert, AlertDescription, AlertTitle } from '../../components/ui/alert.tsx';
import { CopyButton } from '../../components/ui/copy-button.tsx';
import { signInMethodQueries } from '../../lib/queries/sign-in-methods.ts';

/** For admins, when single sign-on is configured: the callback URL to register and the role map. */
export function SsoSettingsPanel() {
  const { data } = useQuery(signInMethodQueries.ssoSettings());
  if (!data?.configured) return null;
  return (
    <Alert className="mb-4" variant={data.problem ? 'destructive' : 'default'}>
      {data.problem ? <AlertCircleIcon aria-hidden /> : <KeyRoundIcon aria-hidden />}
      <AlertTitle>Single sign-on with {data.issuer}</AlertTitle>
      <AlertDescription>
        <p className="flex flex-wrap items-center gap-1">
          Redirect URI to register at the identity provider:{' '}
          <code className="rounded bg-muted px-1 font-mono text-xs">{data.callbackUrl}</code>
          {data.callbackUrl && <CopyButton value={data.callbackUrl} label="Copy the redirect URI" />}
        </p>
        <p>
          Roles from the <code className="font-mono text-xs">{data.roleClaim}</code> claim:{' '}
          {data.roleMap.map((m) => `${m.group} → ${m.role}`).join(', ')}. Password sign-in is{' '}
          {data.passwordSignIn ? 'on' : 'off (break-glass admin only)'}.
        </p>
        {data.problem && <p>{data.problem}.</p>}
      </AlertDescription>
    </Alert>
  );
}
