import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { AlertTriangleIcon } from 'lucide-react';
import { IncidentListQuerySchema } from '../../../shared/schemas/incident.ts';
import { ErrorState } from '../../components/feedback/error-state.tsx';
import { ProviderName } from '../../components/provider/provider-name.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card.tsx';
import { RelativeTime } from '../../components/ui/relative-time.tsx';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { incidentQueries } from '../../lib/queries/incidents.ts';
import { IncidentNotesLink } from '../incidents/incident-notes-link.tsx';
import { IncidentStateBadge } from '../incidents/incident-state-badge.tsx';

const ATTENTION_LIMIT = 10;

/**
 * What needs attention at this customer: its open incidents (`GET /api/incidents?ownerId=`), oldest
 * first as in the queue, with their state, reason, age and who is on them.
 */
export function CustomerAttention({ ownerId }: { ownerId: string }) {
  const query = useQuery(
    incidentQueries.list(IncidentListQuerySchema.parse({ ownerId, pageSize: ATTENTION_LIMIT })),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2 text-base">
          <AlertTriangleIcon className="size-4 text-amber-600" aria-hidden />
          Needs attention
        </CardTitle>
      </CardHeader>
      <CardContent>
        {query.isPending ? (
          <Skeleton className="h-16 w-full" />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">This customer has no open incidents.</p>
        ) : (
          <ul className="divide-y" aria-label="Open incidents">
            {query.data.items.map((incident) => (
              <li key={incident.id} className="flex flex-wrap items-center gap-3 py-2 text-sm">
                <IncidentStateBadge incident={incident} />
                <Link
                  to="/accounts/$accountId"
                  params={{ accountId: incident.accountId }}
                  className="font-medium hover:underline"
                >
                  <ProviderName account={{ provider: incident.provider, providerName: null }} />
                </Link>
                {incident.label && <span className="text-muted-foreground">{incident.label}</span>}
                <span className="text-muted-foreground">{incident.assignee?.email ?? 'Unassigned'}</span>
                <span className="ml-auto text-xs text-muted-foreground">
                  {incident.reasonDescription ?? incident.reasonCode ?? 'No reason given'} · opened{' '}
                  <RelativeTime value={incident.openedAt} /> · <IncidentNotesLink incident={incident} />
                </span>
              </li>
            ))}
            {query.data.total > ATTENTION_LIMIT && (
              <li className="pt-2 text-xs text-muted-foreground">
                and {query.data.total - ATTENTION_LIMIT} more in the{' '}
                <Link to="/incidents" search={{ q: ownerId }} className="underline">
                  incident queue
                </Link>
                .
              </li>
            )}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
