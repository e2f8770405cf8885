import { CloudOffIcon } from 'lucide-react';
import { Alert, AlertDescription, AlertTitle } from '../../../components/ui/alert.tsx';
import { RelativeTime } from '../../../components/ui/relative-time.tsx';

/** StackOne could not be reached, so the page shows the index's copy of the account. */
export function StaleBanner({ reason, syncedAt }: { reason: string | null; syncedAt: string | null }) {
  return (
    <Alert variant="warning">
      <CloudOffIcon aria-hidden />
      <AlertTitle>Showing the last known state — StackOne could not be reached</AlertTitle>
      <AlertDescription>
        <p>{reason ?? 'The live account could not be fetched.'}</p>
        {syncedAt && (
          <p>
            Last copied from StackOne <RelativeTime value={syncedAt} />.
          </p>
        )}
      </AlertDescription>
    </Alert>
  );
}
