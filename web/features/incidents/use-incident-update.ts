import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Incident, IncidentPatch } from '../../../shared/schemas/incident.ts';
import { invalidateIncident, patchIncident } from '../../lib/queries/incidents.ts';
import { toastApiError } from '../../lib/toast-api-error.ts';

/** PATCH one incident (state, assignee, mute); a failure is a toast, success refreshes what shows it. */
export function useIncidentUpdate(incident: Pick<Incident, 'id' | 'accountId'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: IncidentPatch) => patchIncident(incident.id, patch),
    onError: (err) => toastApiError(err, 'The incident could not be changed'),
    onSettled: () => invalidateIncident(queryClient, incident),
  });
}
