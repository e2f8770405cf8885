import { Link } from '@tanstack/react-router';
import type { Incident } from '../../../shared/schemas/incident.ts';
import { RelativeTime } from '../../components/ui/relative-time.tsx';
import { formatDateTime } from '../../../shared/format.ts';
import { IncidentStateBadge } from './incident-state-badge.tsx';

/** The facts of one incident: state, reason, since when, who is on it. */
export function IncidentSummary({ incident, linkAccount }: { incident: Incident; linkAccount?: boolean }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
      <dt className="text-muted-foreground">State</dt>
      <dd>
        <IncidentStateBadge incident={incident} />
      </dd>
      <dt className="text-muted-foreground">Kind</dt>
      <dd className="capitalize">{incident.kind}</dd>
      <dt className="text-muted-foreground">Reason</dt>
      <dd>
        {incident.reasonCode || incident.reasonDescription
          ? [incident.reasonCode, incident.reasonDescription].filter(Boolean).join(': ')
          : '—'}
      </dd>
      <dt className="text-muted-foreground">Opened</dt>
      <dd>
        <RelativeTime value={incident.openedAt} /> ({formatDateTime(incident.openedAt)})
      </dd>
      <dt className="text-muted-foreground">Last seen</dt>
      <dd>
        <RelativeTime value={incident.lastSeenAt} />
      </dd>
      {incident.resolvedAt && (
        <>
          <dt className="text-muted-foreground">Resolved</dt>
          <dd>
            <RelativeTime value={incident.resolvedAt} /> ({incident.resolution})
          </dd>
        </>
      )}
      <dt className="text-muted-foreground">Assignee</dt>
      <dd>{incident.assignee?.email ?? 'Unassigned'}</dd>
      {linkAccount && (
        <>
          <dt className="text-muted-foreground">Account</dt>
          <dd>
            <Link
              to="/accounts/$accountId"
              params={{ accountId: incident.accountId }}
              className="font-mono text-xs underline"
            >
              {incident.accountId}
            </Link>
          </dd>
        </>
      )}
    </dl>
  );
}
