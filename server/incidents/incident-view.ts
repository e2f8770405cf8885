import { sql } from 'drizzle-orm';
import type { Incident } from '../../shared/schemas/incident.ts';

/** An incident as the queries below select it (snake_case columns, timestamps as ISO text). */
export interface IncidentRecord {
  id: string;
  account_id: string;
  origin_owner_id: string;
  origin_owner_name: string;
  provider: string;
  label: string | null;
  kind: string;
  state: string;
  reason_code: string | null;
  reason_description: string | null;
  opened_at: Time;
  last_seen_at: Time;
  resolved_at: Time | null;
  resolution: string | null;
  assignee_id: string | null;
  assignee_email: string | null;
  muted_until: Time | null;
  note_count: number;
}

/** Timestamps come as text from JSON and as Date from a plain select (both drivers). */
type Time = string | Date;
export const iso = (s: Time) => new Date(s).toISOString();
export const isoOrNull = (s: Time | null) => (s ? iso(s) : null);

/** The select list of an incident row `i` with its assignee `u` (auth_users, left joined). */
export const INCIDENT_COLUMNS = sql.raw(
  `i.id, i.account_id, i.origin_owner_id, i.origin_owner_name, i.provider, i.label, i.kind, i.state,
   i.reason_code, i.reason_description, i.opened_at, i.last_seen_at, i.resolved_at,
   i.resolution, i.assignee_id, u.email as assignee_email, i.muted_until, i.note_count`,
);

export function incidentView(r: IncidentRecord): Incident {
  return {
    id: r.id,
    accountId: r.account_id,
    originOwnerId: r.origin_owner_id,
    originOwnerName: r.origin_owner_name,
    provider: r.provider,
    label: r.label,
    kind: r.kind as Incident['kind'],
    state: r.state as Incident['state'],
    reasonCode: r.reason_code,
    reasonDescription: r.reason_description,
    openedAt: iso(r.opened_at),
    lastSeenAt: iso(r.last_seen_at),
    resolvedAt: isoOrNull(r.resolved_at),
    resolution: r.resolution as Incident['resolution'],
    // A user deleted since keeps the id; their email is gone.
    assignee: r.assignee_id ? { id: r.assignee_id, email: r.assignee_email ?? '(removed user)' } : null,
    mutedUntil: isoOrNull(r.muted_until),
    noteCount: Number(r.note_count),
  };
}

export const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
