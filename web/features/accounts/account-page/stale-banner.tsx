import { CloudOffIcon } from 'lucide-react';
import { Alert, AlertDescription, AlertTitle } from '../../../components/ui/alert.tsx';
import { RelativeTime } from '../../../components/ui/relative-time.tsx';

/**
 * StackOne could not be reached, so the page shows the index's copy of the account; `syncedAt` is when
 * that copy was last known to match StackOne (the detail answer's, see AccountDetailSchema).
 */
export function StaleBanner({ reason, syncedAt }: { reason: string | null; syncedAt: string | null }) {
  return (
    <Alert variant="warning">
      <CloudOffIcon aria-hidden />
      <AlertTitle>Showing the last known state — StackOne could not be reached</AlertTitle>
      <AlertDescription>
        <p>{reason ?? 'The live account could not be fetched.'}</p>
        {syncedAt && (
          <p>
            Last confirmed with StackOne <RelativeTime value={syncedAt} />.
          </p>
        )}
      </AlertDescription>
    </Alert>
  );
}
