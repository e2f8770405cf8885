import { BellOffIcon } from 'lucide-react';
import type { Incident } from '../../../shared/schemas/incident.ts';
import { Badge } from '../../components/ui/badge.tsx';
import { formatDateTime } from '../../../shared/format.ts';
import { isMuted, stateLabel } from './incident-labels.ts';

const VARIANT = {
  open: 'destructive',
  acknowledged: 'warning',
  waiting_on_customer: 'secondary',
  resolved: 'success',
} as const;

export function IncidentStateBadge({ incident }: { incident: Pick<Incident, 'state' | 'mutedUntil'> }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <Badge variant={VARIANT[incident.state]}>{stateLabel(incident.state)}</Badge>
      {incident.state !== 'resolved' && isMuted(incident.mutedUntil) && (
        <Badge variant="muted" title={`Muted until ${formatDateTime(incident.mutedUntil!)}`}>
          <BellOffIcon aria-hidden className="size-3" />
          Muted
        </Badge>
      )}
    </span>
  );
}
