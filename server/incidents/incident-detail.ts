import { sql } from 'drizzle-orm';
import type { IncidentDetail } from '../../shared/schemas/incident.ts';
import type { StatusReasonRow } from '../db/schema.ts';
import type { Db } from '../db/client.ts';
import { findIncident } from './find-incident.ts';
import { iso, rowsOf } from './incident-view.ts';

/**
 * The incident, its notes (oldest first) and its account's status history while it was unresolved:
 * from the change that opened it (the latest entry at or before `openedAt`, so the transition into the
 * break is shown) until it resolved.
 */
export async function getIncidentDetail(db: Db, id: string): Promise<IncidentDetail> {
  const incident = await findIncident(db, id);
  const until = incident.resolvedAt ?? new Date().toISOString();
  const [notes, history] = await Promise.all([
    db.execute(sql`
      select id, body, author_id, author_email, created_at from incident_notes
      where incident_id = ${id} order by created_at, id`),
    db.execute(sql`
      select id, from_status, to_status, status_reasons, observed_at, source from account_status_history h
      where account_id = ${incident.accountId} and observed_at <= ${until}::timestamptz
        and observed_at >= coalesce((
          select max(observed_at) from account_status_history
          where account_id = ${incident.accountId} and observed_at <= ${incident.openedAt}::timestamptz
        ), ${incident.openedAt}::timestamptz)
      order by observed_at, id`),
  ]);
  return {
    incident,
    notes: rowsOf<{
      id: number | string;
      body: string;
      author_id: string | null;
      author_email: string | null;
      created_at: string | Date;
    }>(notes).map((n) => ({
      id: Number(n.id),
      body: n.body,
      author: { id: n.author_id, email: n.author_email },
      createdAt: iso(n.created_at),
    })),
    history: rowsOf<{
      id: number | string;
      from_status: string | null;
      to_status: string;
      status_reasons: StatusReasonRow[];
      observed_at: string | Date;
      source: string;
    }>(history).map((h) => ({
      id: Number(h.id),
      fromStatus: h.from_status,
      toStatus: h.to_status,
      statusReasons: h.status_reasons,
      observedAt: iso(h.observed_at),
      source: h.source,
    })),
  };
}
