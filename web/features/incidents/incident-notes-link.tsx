import { Link } from '@tanstack/react-router';
import type { Incident } from '../../../shared/schemas/incident.ts';

/** "Notes and history": the incident queue narrowed to the account, with the incident's panel open. */
export function IncidentNotesLink({
  incident,
  className = 'underline',
}: {
  incident: Pick<Incident, 'id' | 'accountId'>;
  className?: string;
}) {
  return (
    <Link to="/incidents" search={{ incident: incident.id, q: incident.accountId }} className={className}>
      Notes and history
    </Link>
  );
}
