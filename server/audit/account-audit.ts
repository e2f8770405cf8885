import { desc, eq } from 'drizzle-orm';
import type { TimelineEntry } from '../../shared/schemas/account-detail.ts';
import type { Db } from '../db/client.ts';
import { auditLog } from '../db/schema.ts';

/** The audit entries of one account, newest first, as timeline entries. */
export async function listAccountAuditEntries(
  db: Db,
  accountId: string,
  limit = 100,
): Promise<TimelineEntry[]> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(eq(auditLog.targetId, accountId))
    .orderBy(desc(auditLog.at))
    .limit(limit);
  return rows.map((row) => ({
    kind: 'audit' as const,
    at: new Date(row.at).toISOString(),
    action: row.action,
    actor: row.actorEmail,
    outcome: row.outcome,
    detail: { ...row.summary, ...(row.upstreamStatus ? { upstreamStatus: row.upstreamStatus } : {}) },
  }));
}
