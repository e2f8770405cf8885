import { SirenIcon } from 'lucide-react';
import type { Incident } from '../../../shared/schemas/incident.ts';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card.tsx';
import { IncidentActions } from './incident-actions.tsx';
import { IncidentNotesLink } from './incident-notes-link.tsx';
import { IncidentSummary } from './incident-summary.tsx';

/** The account page's open incident, with the queue's actions; nothing when the account has none. */
export function AccountOpenIncident({ incident }: { incident: Incident | null | undefined }) {
  if (!incident) return null;
  return (
    <Card role="region" aria-labelledby="open-incident-title">
      <CardHeader className="flex flex-row items-center justify-between gap-2">
        <CardTitle id="open-incident-title" className="flex items-center gap-2 text-base">
          <SirenIcon aria-hidden className="size-4 text-red-600" />
          Open incident
        </CardTitle>
        <IncidentNotesLink incident={incident} className="text-sm underline" />
      </CardHeader>
      <CardContent className="grid gap-4">
        <IncidentSummary incident={incident} />
        <IncidentActions incident={incident} />
      </CardContent>
    </Card>
  );
}
