import type { TimelineEntry } from '../../shared/schemas/account-detail.ts';

/** One audit row as `accountAuditJson` answers it. */
export interface AuditJson {
  at: string;
  action: string;
  actorEmail: string | null;
  outcome: string;
  summary: Record<string, unknown>;
  upstreamStatus: number | null;
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
