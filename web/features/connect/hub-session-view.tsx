import { AlertCircleIcon, Loader2Icon, RefreshCwIcon } from 'lucide-react';
import { Suspense } from 'react';
import type { ConnectSessionResponse } from '../../../shared/schemas/connect-session.ts';
import { Alert, AlertDescription, AlertTitle } from '../../components/ui/alert.tsx';
import { Button } from '../../components/ui/button.tsx';
import { describeUpstream, toApiError } from '../../lib/api-error.ts';
import { usePrefersDark } from '../../lib/use-prefers-dark.ts';
import { HubErrorBoundary } from './hub-error-boundary.tsx';
import { LazyStackOneHub } from './lazy-stackone-hub.tsx';
import { useHubHost } from './use-hub-host.ts';

export const HUB_HEIGHT = '520px';

export interface HubSessionViewProps {
  /** The session once created; null while it is being created or when that failed. */
  session: ConnectSessionResponse | null;
  /** Creating the session failed. */
  error: unknown;
  onRetry: () => void;
  /** Edit mode for this account; omitted to link a new account. */
  accountId?: string;
  onSuccess: (account: { id: string; provider: string }) => void;
  onClose: () => void;
  /** The user typed a value into one of the Hub's fields. */
  onTyped?: () => void;
}

function HubLoading({ text }: { text: string }) {
  return (
    <div
      role="status"
      className="flex flex-col items-center justify-center gap-3 text-sm text-muted-foreground"
      style={{ height: HUB_HEIGHT }}
    >
      <Loader2Icon className="size-6 animate-spin" aria-hidden />
      {text}
    </div>
  );
}

function HubError({ title, error, onRetry }: { title: string; error: unknown; onRetry: () => void }) {
  const apiError = toApiError(error);
  const upstream = describeUpstream(apiError.upstream);
  return (
    <Alert variant="destructive" role="alert">
      <AlertCircleIcon aria-hidden />
      <AlertTitle>{title}</AlertTitle>
      <AlertDescription>
        <p>{apiError.message}</p>
        {upstream && <p className="font-mono text-xs">{upstream}</p>}
        <Button variant="outline" size="sm" className="mt-2" onClick={onRetry}>
          <RefreshCwIcon aria-hidden />
          Try again
        </Button>
      </AlertDescription>
    </Alert>
  );
}

/** The connect session's three states: being created, failed (naming the upstream problem), the Hub. */
export function HubSessionView({
  session,
  error,
  onRetry,
  accountId,
  onSuccess,
  onClose,
  onTyped,
}: HubSessionViewProps) {
  const hostRef = useHubHost(() => onTyped?.());
  const isDark = usePrefersDark();
  if (error) return <HubError title="Could not open the StackOne Hub" error={error} onRetry={onRetry} />;
  if (!session) return <HubLoading text="Creating a connect session…" />;
  return (
    <HubErrorBoundary
      fallback={(err, reset) => (
        <HubError
          title="The StackOne Hub failed to load"
          error={err}
          onRetry={() => {
            reset();
            onRetry();
          }}
        />
      )}
    >
      <Suspense fallback={<HubLoading text="Loading the StackOne Hub…" />}>
        <div ref={hostRef} className="contents">
          <LazyStackOneHub
            token={session.token}
            baseUrl={session.hub.baseUrl}
            appUrl={session.hub.appUrl}
            accountId={accountId}
            height={HUB_HEIGHT}
            onSuccess={onSuccess}
            onClose={onClose}
            theme={isDark ? 'dark' : 'light'}
          />
        </div>
      </Suspense>
    </HubErrorBoundary>
  );
}
