import { sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { TimelineEntry } from '../../shared/schemas/account-detail.ts';
import { auditLog } from '../db/schema.ts';

/** One audit row as `accountAuditJson` answers it. */
interface AuditJson {
  at: string;
  action: string;
  actorEmail: string | null;
  outcome: string;
  summary: Record<string, unknown>;
  upstreamStatus: number | null;
}

/**
 * The audit entries of one account, newest first, as a json array: a column of a larger select, so
 * that the account page reads its index row and timeline in one round trip.
 */
export function accountAuditJson(accountId: string | Placeholder, limit = 100): SQL<AuditJson[]> {
  const a = auditLog;
  return sql<AuditJson[]>`(select coalesce(json_agg(json_build_object(
      'at', t.at, 'action', t.action, 'actorEmail', t.actor_email, 'outcome', t.outcome,
      'summary', t.summary, 'upstreamStatus', t.upstream_status
    ) order by t.at desc), '[]'::json)
    from (select ${a.at} as at, ${a.action} as action, ${a.actorEmail} as actor_email,
        ${a.outcome} as outcome, ${a.summary} as summary, ${a.upstreamStatus} as upstream_status
      from ${a} where ${a.targetId} = ${accountId}
      order by ${a.at} desc limit ${limit}) t)`;
}

/** As timeline entries. */
export const auditTimelineEntries = (rows: AuditJson[]): TimelineEntry[] =>
  rows.map((row) => ({
    kind: 'audit' as const,
    at: new Date(row.at).toISOString(),
    action: row.action,
    actor: row.actorEmail,
    outcome: row.outcome,
    detail: { ...row.summary, ...(row.upstreamStatus ? { upstreamStatus: row.upstreamStatus } : {}) },
  }));
