import type { IncidentState } from '../../../shared/schemas/incident.ts';

export const INCIDENT_STATE_LABELS: Record<IncidentState, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  waiting_on_customer: 'Waiting on customer',
  resolved: 'Resolved',
};

export const stateLabel = (state: string) =>
  (INCIDENT_STATE_LABELS as Record<string, string>)[state] ?? state;

/** The states a person can set; `resolved` follows the account. */
export const SETTABLE_STATES = ['open', 'acknowledged', 'waiting_on_customer'] as const;

export const isMuted = (mutedUntil: string | null, now = Date.now()) =>
  mutedUntil !== null && Date.parse(mutedUntil) > now;
