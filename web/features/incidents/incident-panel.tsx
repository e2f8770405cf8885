import { useQuery } from '@tanstack/react-query';
import { ErrorState } from '../../components/feedback/error-state.tsx';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from '../../components/ui/dialog.tsx';
import { Separator } from '../../components/ui/separator.tsx';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { incidentQueries } from '../../lib/queries/incidents.ts';
import { IncidentActions } from './incident-actions.tsx';
import { IncidentHistory } from './incident-history.tsx';
import { IncidentNotes } from './incident-notes.tsx';
import { IncidentRelinkButton } from './incident-relink-button.tsx';
import { IncidentSummary } from './incident-summary.tsx';

/** The side panel of one incident: its facts, the actions, the notes and the status history. */
export function IncidentPanel({ incidentId, onClose }: { incidentId: string; onClose: () => void }) {
  const query = useQuery(incidentQueries.detail(incidentId));
  const detail = query.data;
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="top-0 right-0 left-auto h-full max-h-screen translate-x-0 translate-y-0 rounded-none sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>{detail ? `Incident: ${detail.incident.originOwnerName}` : 'Incident'}</DialogTitle>
          <DialogDescription>
            {detail
              ? `${detail.incident.provider}${detail.incident.label ? ` · ${detail.incident.label}` : ''}`
              : 'Loading…'}
          </DialogDescription>
        </DialogHeader>
        {query.isError && !detail ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : !detail ? (
          <div className="grid gap-2" aria-busy="true">
            <Skeleton className="h-5 w-2/3" />
            <Skeleton className="h-5 w-1/2" />
            <Skeleton className="h-24 w-full" />
          </div>
        ) : (
          <div className="grid gap-5">
            <IncidentSummary incident={detail.incident} linkAccount />
            {detail.incident.state !== 'resolved' && (
              <div className="flex flex-wrap items-center gap-2">
                <IncidentActions incident={detail.incident} />
                <IncidentRelinkButton accountId={detail.incident.accountId} />
              </div>
            )}
            <Separator />
            <IncidentNotes incident={detail.incident} notes={detail.notes} />
            <Separator />
            <IncidentHistory history={detail.history} />
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}
